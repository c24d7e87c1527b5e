/**
 * A trustee key is accepted only with the member's account-key signature over its
 * registration (issue 11): a server that holds the member's session, without the member's
 * account key, cannot post a trustee key of its own. Refusals are 400 problems that
 * change nothing; the accepted registration is on the board with its signature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrusteeKey, trusteePublicKeyToJSON } from '../../src/crypto/key-ceremony.js';
import { fromHex } from '../../src/crypto/group.js';
import { signTrusteeKey, verifyTrusteeKey } from '../../src/record/trustee-key-statement.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import type { ModelElection } from '../helpers/model-case.js';
import { prepareVotingElection, runCeremony } from '../helpers/voting.js';

let t: TestApp;
const refusals: { status: number; type: string; detail: string }[] = [];
let keysAfterRefusals: unknown[] = [];
let m: ModelElection;

beforeAll(async () => {
  t = await createTestApp();
  await prepareVotingElection(t, { plwha: 2, tb: 2 }, 'tks', async (app, model) => {
    m = model;
    const state = (await app.call('GET', `/elections/${m.electionId}/ceremony`)).json();
    const publicKey = trusteePublicKeyToJSON(createTrusteeKey(fromHex(state.context), 1).publicKey);
    const statement = { electionId: m.electionId, memberId: m.memberIds[0]!, trustee: 1, publicKey };
    const honest = signTrusteeKey(m.memberAccounts[0]!.signingSecretKey, statement);
    const bodies = [
      { publicKey }, // no signature at all (what the session alone could send)
      { publicKey, signature: 'zz'.repeat(64) }, // malformed
      { publicKey, signature: `${honest.slice(0, -1)}${honest.endsWith('0') ? '1' : '0'}` }, // tampered
      { publicKey, signature: signTrusteeKey(m.memberAccounts[1]!.signingSecretKey, statement) }, // another member's key
      { publicKey, signature: signTrusteeKey(m.memberAccounts[0]!.signingSecretKey, { ...statement, trustee: 2 }) }, // over another index
    ];
    for (const body of bodies) {
      const r = await app.call('POST', `/elections/${m.electionId}/ceremony/keys`, { token: m.members[0], body });
      refusals.push({ status: r.statusCode, type: String(r.headers['content-type']), detail: r.json().detail });
    }
    keysAfterRefusals = (await app.call('GET', `/elections/${m.electionId}/ceremony`)).json().trustees.map((x: { publicKey: unknown }) => x.publicKey);
    return runCeremony(app, model);
  });
}, 240_000);
afterAll(async () => t?.close());

describe('POST /elections/:id/ceremony/keys', () => {
  it('refuses a key without the member\'s valid signature, with a 400 problem, changing nothing', () => {
    expect(refusals).toHaveLength(5);
    for (const r of refusals) {
      expect(r.status).toBe(400);
      expect(r.type).toMatch(/^application\/problem\+json/);
    }
    expect(refusals[2]!.detail).toMatch(/firma|signature/i);
    expect(keysAfterRefusals.every((k) => k === null)).toBe(true);
  });

  it('accepts the signed registration and puts the signature on the board, verifiable under the member\'s key', async () => {
    const events = (await t.call('GET', `/elections/${m.electionId}/board?limit=500`)).json().events as { kind: string; payload: any }[];
    const keys = events.filter((e) => e.kind === 'trustee_key');
    expect(keys.length).toBe(m.members.length);
    for (const { payload: p } of keys) {
      const i = m.memberIds.indexOf(p.memberId);
      expect(i + 1).toBe(p.trustee);
      const statement = { electionId: m.electionId, memberId: p.memberId, trustee: p.trustee, publicKey: p.publicKey };
      expect(verifyTrusteeKey(m.memberAccounts[i]!.signingPublicKey, statement, p.signature)).toBe(true);
    }
  });
});
