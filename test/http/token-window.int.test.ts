/**
 * The token window through the API (issue 12): the election opens into `tokens`, where
 * tokens are obtained and no ballot is taken; casting opens by a second decision, which
 * puts the tokens issued per contest on the board; from then on a token request is
 * refused and a token obtained in the window casts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotContext, contestBallotDigest, contestBallotToJSON, encryptContest } from '../../src/crypto/ballot.js';
import { signBallot } from '../../src/crypto/ballot-signature.js';
import { beginIssuedToken, type VotingCredentials } from '../../src/client/voter.js';
import type { LoadedManifest } from '../../src/client/manifest.js';
import { fromHex, pointFromHex, toHex } from '../../src/crypto/group.js';
import { issuedTokenToJSON } from '../../src/crypto/issued-token.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { loadManifest, obtainTestToken } from '../helpers/issuance.js';
import { openCasting, openVotingElection, runCeremony, type VotingElection } from '../helpers/voting.js';

let t: TestApp;
let v: VotingElection;
let manifest: any;
let hash: string;
let loaded: LoadedManifest;

beforeAll(async () => {
  t = await createTestApp();
  v = await openVotingElection(t, { plwha: 2, tb: 2 }, 'tw', runCeremony, { tokenWindow: true });
  ({ manifest, hash } = (await t.call('GET', `/elections/${v.electionId}/manifest`)).json());
  loaded = await loadManifest(t, v.electionId);
}, 300_000);
afterAll(async () => t?.close());

const plwha = () => manifest.contests.find((c: { constituency: string }) => c.constituency === 'plwha');
/** An association's signed token request to the relay (client/voter.ts `beginIssuedToken`). */
const request = (who = v.rolls.plwha![0]!) => {
  const attempt = beginIssuedToken(loaded.decoded, plwha().id, { associationId: who.id, secretKey: who.account.signingSecretKey });
  return { call: () => t.call('POST', '/issuance/requests', { token: who.token, body: attempt.body }) };
};
let early: { body: unknown } | undefined;

function ballotFrom({ token, ballotKeys }: VotingCredentials) {
  const K = pointFromHex(manifest.jointPublicKey);
  const ctx = ballotContext({ manifestHash: fromHex(hash), publicKey: K, contestId: plwha().id, ballotPublicKey: token.ballotPublicKey });
  const { ballot } = encryptContest(ctx, K, [1, 0, 0, 0], plwha().maxSelections);
  return { contestId: plwha().id, token: issuedTokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(ballotKeys.secretKey, contestBallotDigest(ballot))) };
}

describe('the token window', () => {
  it('opens with the manifest frozen, the next step being voting', async () => {
    const status = (await t.call('GET', `/elections/${v.electionId}/phase`)).json();
    expect(status).toMatchObject({ phase: 'tokens', next: 'voting', blockers: [] });
    expect(manifest.rules.tokenWindow).toBe(true);
  });

  it('issues a token through the relay and the issuers, and refuses to cast it before voting opens (409 problem+json in Spanish and English)', async () => {
    // Posted, signed by both test issuers, collected and unblinded (helpers/issuance.ts).
    early = { body: ballotFrom(await obtainTestToken(t, v, plwha().id, v.rolls.plwha![0]!, undefined, loaded)) };
    const refused = await t.call('POST', `/elections/${v.electionId}/ballots`, { body: early.body, headers: { 'accept-language': 'en' } });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json().type).toBe('urn:anfora:problem:casting_not_open');
    expect(refused.json().title).toBe('Voting has not opened yet');
    expect(refused.json().i18n.es.detail).toContain('ventana de fichas');
    expect(refused.json().i18n.en.detail).toContain('token window');
    const board = (await t.call('GET', `/elections/${v.electionId}/board?limit=500`)).json().events as { kind: string }[];
    expect(board.filter((e) => e.kind === 'ballot')).toEqual([]);
  });

  it('casting opens by a decision, which puts the tokens issued per contest on the board; a token request is then refused', async () => {
    await openCasting(t, v);
    const board = (await t.call('GET', `/elections/${v.electionId}/board?limit=500`)).json().events as { kind: string; payload: any }[];
    const window = board.filter((e) => e.kind === 'token_window');
    expect(window).toHaveLength(1);
    expect(window[0]!.payload.contests).toEqual([{ contestId: v.contests.plwha, issued: 1 }, { contestId: v.contests.tb, issued: 0 }]);
    const last = board.at(-1)!;
    expect(last.kind).toBe('token_window');
    const r = await request(v.rolls.plwha![1]!).call();
    expect(r.statusCode, r.body).toBe(409);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json().type).toBe('urn:anfora:problem:token_window_closed');
    expect(r.json().i18n.es.title).toBe('La entrega de fichas terminó');
    expect(r.json().i18n.en.detail).toContain('before voting opens');
    expect((await t.call('GET', `/elections/${v.electionId}/issuance`)).json().contests.find((c: { contestId: string }) => c.contestId === v.contests.plwha).issued).toBe(1);
  });

  it('the token obtained in the window casts once voting is open', async () => {
    const r = await t.call('POST', `/elections/${v.electionId}/ballots`, { body: early!.body });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().trackingCode).toMatch(/^[0-9a-f]{64}$/);
  });
});
