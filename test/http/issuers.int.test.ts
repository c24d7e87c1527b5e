/**
 * Sector issuers (issue 12): committee members register their own per-contest issuing
 * keys (proof of possession, account signature) during the key ceremony; voting does not
 * open until every contest has `issuerThreshold` issuers of two sectors; the manifest
 * lists them. The server never sees a private issuing key.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issuerRegistration } from '../../src/client/issuer.js';
import { generateIssuanceKey } from '../../src/crypto/token-issuer.js';
import { parsePayload } from '../../src/record/board.js';
import { parseManifest } from '../../src/record/manifest.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { proposeAs, voteAs } from '../helpers/model-case.js';
import { prepareVotingElection, testIssuerKey, testIssuerKeys2, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });
let t: TestApp;
let v: VotingElection;

beforeAll(async () => {
  t = await createTestApp();
  v = await prepareVotingElection(t, { plwha: 5, tb: 5 }, 'iss', undefined, undefined, { issuers: false });
});
afterAll(async () => t?.close());

const phase = async () => (await t.call('GET', `/elections/${v.electionId}/phase`)).json();
const register = (member: number, body: unknown) => t.call('POST', `/elections/${v.electionId}/issuers`, { token: v.members[member], body });

describe('issuer registration', () => {
  it('without issuers, each contest is a blocker of the opening and voting cannot be proposed', async () => {
    const s = await phase();
    const blockers = s.blockers.filter((b: { code: string }) => b.code === 'issuers_missing');
    expect(blockers.map((b: { contestId: string }) => b.contestId).sort()).toEqual(Object.values(v.contests).sort());
    expect(blockers[0].en).toContain('0 token issuers of 0 sectors: 2 of at least 2 sectors are needed');
    expect(blockers[0].es).toContain('0 emisores de fichas');
    const r = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'voting' });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().failed).toContain('issuers_missing');
  });

  it('refuses a bad proof of possession, a bad signature, a key of another member or contest, and a second key', async () => {
    const [k0, k1] = testIssuerKeys2();
    const good = issuerRegistration(v.electionId, v.contests.plwha!, v.memberIds[0]!, k0!, v.memberAccounts[0]!.signingSecretKey);
    const otherContest = issuerRegistration(v.electionId, v.contests.tb!, v.memberIds[0]!, k0!, v.memberAccounts[0]!.signingSecretKey);
    const badPop = await register(0, { ...good, pop: otherContest.pop });
    expect(badPop.statusCode, badPop.body).toBe(400);
    expect(badPop.json().code).toBe('proof_rejected');
    const badSig = await register(0, { ...good, signature: otherContest.signature });
    expect(badSig.statusCode, badSig.body).toBe(400);
    expect(badSig.json().code).toBe('signature_invalid');
    // Member 1 posting member 0's registration: the PoP names member 0, the session member 1.
    const stolen = await register(1, good);
    expect(stolen.statusCode, stolen.body).toBe(400);
    const garbage = await register(0, { ...good, issuanceKey: { ...good.issuanceKey, spki: '00' } });
    expect(garbage.statusCode, garbage.body).toBe(400);
    const anonymous = await t.call('POST', `/elections/${v.electionId}/issuers`, { body: good });
    expect(anonymous.statusCode).toBe(401);
    expect((await register(0, good)).statusCode).toBe(201);
    const again = await register(0, issuerRegistration(v.electionId, v.contests.plwha!, v.memberIds[0]!, k1!, v.memberAccounts[0]!.signingSecretKey));
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().code).toBe('issuer_key_registered');
  });

  it('one issuer does not unblock a contest; two of two sectors do, and the manifest lists them', async () => {
    expect((await phase()).blockers.filter((b: { code: string }) => b.code === 'issuers_missing')).toHaveLength(2);
    const [k0, k1] = testIssuerKeys2();
    // Member 0's key again, under member 1: one key, one issuer.
    const sameKey = await register(1, issuerRegistration(v.electionId, v.contests.plwha!, v.memberIds[1]!, k0!, v.memberAccounts[1]!.signingSecretKey));
    expect(sameKey.statusCode, sameKey.body).toBe(409);
    expect((await register(1, issuerRegistration(v.electionId, v.contests.plwha!, v.memberIds[1]!, k1!, v.memberAccounts[1]!.signingSecretKey))).statusCode).toBe(201);
    const left = (await phase()).blockers.filter((b: { code: string }) => b.code === 'issuers_missing');
    expect(left.map((b: { contestId: string }) => b.contestId)).toEqual([v.contests.tb]);
    // A key of plwha for tb, by its own member or by another: refused (the blinded message
    // hides the contest, so a shared key would sign plwha's tokens for tb).
    for (const [member, key] of [[0, k0!], [1, k0!], [0, k1!]] as const) {
      const reused = await register(member, issuerRegistration(v.electionId, v.contests.tb!, v.memberIds[member]!, key, v.memberAccounts[member]!.signingSecretKey));
      expect(reused.statusCode, reused.body).toBe(409);
      expect(reused.json().code).toBe('issuer_key_reused');
      expect(reused.json().detail).toContain('ya está registrada para otra contienda');
    }
    expect((await register(0, issuerRegistration(v.electionId, v.contests.tb!, v.memberIds[0]!, testIssuerKey(0, 1), v.memberAccounts[0]!.signingSecretKey))).statusCode).toBe(201);
    expect((await phase()).blockers.filter((b: { code: string }) => b.code === 'issuers_missing')).toHaveLength(1);
    expect((await register(1, issuerRegistration(v.electionId, v.contests.tb!, v.memberIds[1]!, testIssuerKey(1, 1), v.memberAccounts[1]!.signingSecretKey))).statusCode).toBe(201);
    expect((await phase()).blockers.filter((b: { code: string }) => b.code === 'issuers_missing')).toEqual([]);
    const listed = (await t.call('GET', `/elections/${v.electionId}/issuers`)).json().issuers;
    expect(listed).toHaveLength(4);
    expect(new Set(listed.map((i: { sector: string }) => i.sector))).toEqual(new Set(['government', 'civil_society']));
    const open = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'voting' });
    expect(open.statusCode, open.body).toBe(202);
    expect((await voteAs(t, v, 2, open.json().proposal)).statusCode).toBe(200);
    const m = parseManifest((await t.call('GET', `/elections/${v.electionId}/manifest`)).json().manifest);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.manifest.rules.issuerThreshold).toBe(2);
    for (const c of m.manifest.contests) {
      expect(c.issuers!.map((i) => i.sector).sort()).toEqual(['civil_society', 'government']);
      expect(c.issuers!.map((i) => i.issuanceKey.keyId)).toEqual([...c.issuers!.map((i) => i.issuanceKey.keyId)].sort());
    }
    const board = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events;
    const keys = board.filter((e: { kind: string }) => e.kind === 'issuer_key');
    expect(keys).toHaveLength(4);
    for (const e of keys) expect(parsePayload('issuer_key', e.payload).ok).toBe(true);
    // Registration is closed once the manifest is frozen.
    const late = await register(2, issuerRegistration(v.electionId, v.contests.tb!, v.memberIds[2]!, generateIssuanceKey(), v.memberAccounts[2]!.signingSecretKey));
    expect(late.statusCode, late.body).toBe(409);
  });
});
