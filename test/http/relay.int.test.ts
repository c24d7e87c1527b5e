/**
 * The token relay (issue 12): associations post signed requests with one blinded message
 * per issuer; issuers, signed in as their members, fetch what is pending, check it on their
 * side and post blind signatures, which the relay checks (s^e = m) before storing; the
 * association collects them and unblinds a token carrying k signatures of 2 sectors. The
 * relay's rows live in a database apart from the ballots'.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { type IssuerLogBook, issueOnce, issuerView, postIssuerLog, signedIssuerLog } from '../../src/client/issuer.js';
import { fetchBoard } from '../../src/client/board.js';
import { fetchManifest, type LoadedManifest } from '../../src/client/manifest.js';
import { beginIssuedToken, collectIssuedToken, issuanceRule } from '../../src/client/voter.js';
import { checkIssuedToken } from '../../src/crypto/issued-token.js';
import { toHex } from '../../src/crypto/group.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { verifyIssuerLog } from '../../src/record/issuer-statements.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/client-election.js';
import { proposeAs, voteAs } from '../helpers/model-case.js';
import { openVotingElection, testIssuerKeysOf, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });
let t: TestApp;
let v: VotingElection;
let base: string;
let m: LoadedManifest;

beforeAll(async () => {
  t = await createTestApp();
  v = await openVotingElection(t, { plwha: 5, tb: 5 }, 'rel');
  base = await listen(t);
  const r = await fetchManifest(new ApiClient({ baseUrl: base }), v.electionId);
  if (!r.ok) throw new Error(r.reason);
  m = r;
});
afterAll(async () => t?.close());

const signerOf = (i: number, c = 'plwha') => ({ associationId: v.rolls[c]![i]!.id, secretKey: v.rolls[c]![i]!.account.signingSecretKey });
const apiOf = (i: number, c = 'plwha') => new ApiClient({ baseUrl: base, token: v.rolls[c]![i]!.token });
const issuerApi = (member: number) => new ApiClient({ baseUrl: base, token: v.members[member]! });
const books: IssuerLogBook[] = [new Map(), new Map()];

async function runIssuers(): Promise<number> {
  const board = await fetchBoard(new ApiClient({ baseUrl: base }), v.electionId);
  if (!board.ok) throw new Error(board.reason);
  const view = issuerView(m.decoded, board.events);
  let signed = 0;
  for (const member of [0, 1]) {
    const own = testIssuerKeysOf(v, member);
    const b = await issueOnce(issuerApi(member), view, v.memberIds[member]!, own, books[member]!);
    signed += b.signed;
  }
  return signed;
}

describe('the token relay', () => {
  it('50 concurrent identical requests store one request; once signed, all see the same signatures; the token checks', async () => {
    const attempt = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(0));
    const answers = await Promise.all(Array.from({ length: 50 }, () => t.call('POST', '/issuance/requests', { token: v.rolls.plwha![0]!.token, body: attempt.body })));
    expect(answers.map((a) => a.statusCode)).toEqual(new Array(50).fill(200));
    expect((await t.relay.counts(v.electionId)).find((c) => c.contestId === v.contests.plwha)?.requested).toBe(1);
    expect(await runIssuers()).toBe(2);
    const again = await Promise.all(Array.from({ length: 50 }, () => t.call('POST', '/issuance/requests', { token: v.rolls.plwha![0]!.token, body: attempt.body })));
    const sigs = new Set(again.map((a) => JSON.stringify(a.json().blindSignatures)));
    expect(sigs.size).toBe(1);
    expect(JSON.parse([...sigs][0]!)).toHaveLength(2);
    const progress: number[] = [];
    const got = await collectIssuedToken(apiOf(0), m.decoded, attempt, { onProgress: (p) => progress.push(p.received) });
    expect(got.ok).toBe(true);
    if (!got.ok) return;
    expect(progress).toEqual([2]);
    const contest = m.decoded.contests.get(v.contests.plwha!)!;
    expect(await checkIssuedToken(contest.issuers, issuanceRule(m.decoded), got.token, { electionId: v.electionId, contestId: v.contests.plwha! }, verifyRsaPssNode)).toEqual({ ok: true });
  });

  it('a different blinded message for the same association and contest is 409; a lost answer is recovered by sending the same request', async () => {
    const first = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(1));
    expect((await t.call('POST', '/issuance/requests', { token: v.rolls.plwha![1]!.token, body: first.body })).statusCode).toBe(200);
    const other = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(1));
    const r = await t.call('POST', '/issuance/requests', { token: v.rolls.plwha![1]!.token, body: other.body });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().code).toBe('token_request_conflict');
    // The client kept `first` before sending: after the issuers answer, the same request gives the token.
    await runIssuers();
    const got = await collectIssuedToken(apiOf(1), m.decoded, first, { pollMs: 10, attempts: 3 });
    expect(got.ok).toBe(true);
  });

  it('refuses a request signed by another key, naming another association, or off the roll', async () => {
    const forged = beginIssuedToken(m.decoded, v.contests.plwha!, { ...signerOf(2), secretKey: v.rolls.plwha![3]!.account.signingSecretKey });
    expect((await t.call('POST', '/issuance/requests', { token: v.rolls.plwha![2]!.token, body: forged.body })).statusCode).toBe(400);
    const impersonate = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(3));
    expect((await t.call('POST', '/issuance/requests', { token: v.rolls.plwha![2]!.token, body: impersonate.body })).statusCode).toBe(403);
    const offRoll = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(0, 'tb'));
    expect((await t.call('POST', '/issuance/requests', { token: v.rolls.tb![0]!.token, body: offRoll.body })).statusCode).toBe(403);
  });

  it('refuses a blind signature that does not verify under the issuer key, and one by a member who is not that issuer', async () => {
    const attempt = beginIssuedToken(m.decoded, v.contests.tb!, signerOf(0, 'tb'));
    expect((await t.call('POST', '/issuance/requests', { token: v.rolls.tb![0]!.token, body: attempt.body })).statusCode).toBe(200);
    const keyId = toHex(testIssuerKeysOf(v, 0).get(v.contests.tb!)!.publicKey.keyId);
    const base = { electionId: v.electionId, contestId: v.contests.tb!, associationId: v.rolls.tb![0]!.id, keyId };
    const bad = await t.call('POST', '/issuance/signatures', { token: v.members[0], body: { ...base, blindSignature: '01'.repeat(384) } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().code).toBe('blind_signature_invalid');
    const notMine = await t.call('POST', '/issuance/signatures', { token: v.members[2], body: { ...base, blindSignature: '01'.repeat(384) } });
    expect(notMine.statusCode).toBe(403);
    expect(await t.relay.signatures(v.contests.tb!, v.rolls.tb![0]!.id)).toEqual([]);
    // The batch route checks each signature as the single one does: by another member, 403; a bad one, 400, nothing stored.
    const batchOf = (member: number, ...blindSignatures: string[]) => t.call('POST', '/issuance/signatures/batch', {
      token: v.members[member], body: { electionId: v.electionId, signatures: blindSignatures.map((blindSignature) => ({ contestId: base.contestId, associationId: base.associationId, keyId, blindSignature })) },
    });
    expect((await batchOf(2, '01'.repeat(384))).statusCode).toBe(403);
    const badBatch = await batchOf(0, '01'.repeat(384));
    expect(badBatch.statusCode, badBatch.body).toBe(400);
    expect(badBatch.json().code).toBe('blind_signature_invalid');
    expect(await t.relay.signatures(v.contests.tb!, v.rolls.tb![0]!.id)).toEqual([]);
  });

  it('each issuer signs its own log of the requests it answered', async () => {
    const k0 = testIssuerKeysOf(v, 0).get(v.contests.plwha!);
    const { log, signature } = signedIssuerLog(v.electionId, v.contests.plwha!, v.memberIds[0]!, k0!, books[0]!, v.memberAccounts[0]!.signingSecretKey);
    expect(log.entries.map((e) => e.request.associationId)).toEqual([v.rolls.plwha![0]!.id, v.rolls.plwha![1]!.id].sort());
    expect(verifyIssuerLog(v.memberAccounts[0]!.signingPublicKey, log, signature)).toBe(true);
  });

  it('before the close, each issuer posts its signed log once; a tampered log or another member\'s is refused; the close waits for every log', async () => {
    const early = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'closed' });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().failed).toEqual(['issuer_logs_missing', 'issuer_logs_missing']);
    const [k0, k1] = [0, 1].map((j) => testIssuerKeysOf(v, j).get(v.contests.plwha!));
    const signed0 = signedIssuerLog(v.electionId, v.contests.plwha!, v.memberIds[0]!, k0!, books[0]!, v.memberAccounts[0]!.signingSecretKey);
    const tampered = await t.call('POST', `/elections/${v.electionId}/issuer-logs`, { token: v.members[0], body: { ...signed0, log: { ...signed0.log, entries: signed0.log.entries.slice(1) } } });
    expect(tampered.statusCode, tampered.body).toBe(400);
    const otherMember = await t.call('POST', `/elections/${v.electionId}/issuer-logs`, { token: v.members[1], body: signed0 });
    expect(otherMember.statusCode, otherMember.body).toBe(403);
    await postIssuerLog(issuerApi(0), signed0);
    await postIssuerLog(issuerApi(1), signedIssuerLog(v.electionId, v.contests.plwha!, v.memberIds[1]!, k1!, books[1]!, v.memberAccounts[1]!.signingSecretKey));
    const again = await t.call('POST', `/elections/${v.electionId}/issuer-logs`, { token: v.members[0], body: signed0 });
    expect(again.statusCode).toBe(409);
    const events = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events.filter((e: { kind: string }) => e.kind === 'issuer_log');
    expect(events).toHaveLength(2);
    expect(events[0].payload.log.entries).toHaveLength(2);
    // Its log posted, an issuer signs nothing more for that contest.
    const late = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(4));
    expect((await t.call('POST', '/issuance/requests', { token: v.rolls.plwha![4]!.token, body: late.body })).statusCode).toBe(200);
    const refused = await t.call('POST', '/issuance/signatures', {
      token: v.members[0], body: { electionId: v.electionId, contestId: v.contests.plwha!, associationId: v.rolls.plwha![4]!.id, keyId: toHex(k0!.publicKey.keyId), blindSignature: '01'.repeat(384) },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    // One contest still lacks both logs: the close waits for them.
    const stillEarly = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'closed' });
    expect(stillEarly.json().failed).toEqual(['issuer_logs_missing']);
    const blockers = (await t.call('GET', `/elections/${v.electionId}/phase`)).json().blockers;
    expect(blockers.map((f: { code: string; contestId: string }) => [f.code, f.contestId])).toEqual([['issuer_logs_missing', v.contests.tb]]);
    for (const j of [0, 1]) {
      const k = testIssuerKeysOf(v, j).get(v.contests.tb!)!;
      await postIssuerLog(issuerApi(j), signedIssuerLog(v.electionId, v.contests.tb!, v.memberIds[j]!, k, books[j]!, v.memberAccounts[j]!.signingSecretKey));
    }
    const close = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'closed' });
    expect(close.statusCode, close.body).toBe(202);
    expect((await voteAs(t, v, 1, close.json().proposal)).statusCode).toBe(200);
  });

  it('the database holding the ballots holds no issuance rows at all; the relay database holds no ballots', async () => {
    const tables = (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(t.database.db)).rows.map((r) => r.table_name);
    expect(tables).not.toContain('token_requests');
    expect(tables).not.toContain('blind_signatures');
    expect(tables).not.toContain('token_issuance');
    expect(tables).not.toContain('issuance_keys');
    const relayTables = (await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public'`.execute(t.relayDb)).rows.map((r) => r.table_name);
    expect(relayTables).toContain('token_requests');
    expect(relayTables).not.toContain('ballots');
  });

  it('token-request log lines carry no election or contest', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({ logLines: lines });
    await logged.call('POST', '/issuance/requests', { body: { electionId: v.electionId, request: {}, blindedMessages: [], signature: '00' } });
    await logged.call('POST', '/issuance/status', { body: { electionId: v.electionId, contestId: v.contests.plwha } });
    await logged.close();
    const text = lines.join('\n');
    expect(text).toContain('/issuance/requests');
    expect(text).not.toContain(v.electionId);
    expect(text).not.toContain(v.contests.plwha!);
  });
});
