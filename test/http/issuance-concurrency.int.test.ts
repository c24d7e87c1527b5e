/**
 * The token relay under concurrency (issue 12): over real HTTP, many identical requests
 * racing each other and racing the issuers store one request and one blind signature per
 * issuer, and every reader sees the same ones; two different requests of one association
 * racing each other leave exactly one, the other refused with 409; two batches of one
 * issuer at once store one signature, never a 5xx. relay.int.test.ts covers the same
 * rules one call at a time.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { type IssuerLogBook, issueOnce, issuerView } from '../../src/client/issuer.js';
import { fetchManifest, type LoadedManifest } from '../../src/client/manifest.js';
import { beginIssuedToken, collectIssuedToken, issuanceRule, type IssuanceAttempt } from '../../src/client/voter.js';
import { toHex } from '../../src/crypto/group.js';
import { checkIssuedToken } from '../../src/crypto/issued-token.js';
import { blindSign, verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/client-election.js';
import { openVotingElection, testIssuerKeysOf, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });
let t: TestApp;
let v: VotingElection;
let base: string;
let m: LoadedManifest;

beforeAll(async () => {
  t = await createTestApp();
  v = await openVotingElection(t, { plwha: 6, tb: 4 }, 'conc');
  base = await listen(t);
  const r = await fetchManifest(new ApiClient({ baseUrl: base }), v.electionId);
  if (!r.ok) throw new Error(r.reason);
  m = r;
});
afterAll(async () => t?.close());

const signerOf = (i: number) => ({ associationId: v.rolls.plwha![i]!.id, secretKey: v.rolls.plwha![i]!.account.signingSecretKey });

/** A POST over the network (not `inject`): requests really overlap in the server. */
async function post(path: string, token: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: r.status, json: await r.json() as Record<string, unknown> };
}

/** One batch of issuer `member` (0 or 1) with its own log book, signing every contest with its test key. */
async function batchOf(member: number, book: IssuerLogBook) {
  const board = await fetchBoard(new ApiClient({ baseUrl: base }), v.electionId);
  if (!board.ok) throw new Error(board.reason);
  const own = testIssuerKeysOf(v, member);
  return issueOnce(new ApiClient({ baseUrl: base, token: v.members[member]! }), issuerView(m.decoded, board.events), v.memberIds[member]!, own, book);
}

const rowsOf = async (associationId: string) => ({
  requests: (await sql<{ n: number }>`select count(*)::int as n from token_requests where association_id = ${associationId}`.execute(t.relayDb)).rows[0]!.n,
  signatures: (await sql<{ key_id: string }>`select key_id from blind_signatures where association_id = ${associationId} order by key_id`.execute(t.relayDb)).rows.map((r) => r.key_id),
});

async function tokenChecks(attempt: IssuanceAttempt, i: number) {
  const got = await collectIssuedToken(new ApiClient({ baseUrl: base, token: v.rolls.plwha![i]!.token }), m.decoded, attempt, { pollMs: 10, attempts: 3 });
  if (!got.ok) throw new Error(`${got.reason} ${got.detail}`);
  const contest = m.decoded.contests.get(v.contests.plwha!)!;
  const expected = { electionId: v.electionId, contestId: v.contests.plwha! };
  return {
    token: got.token,
    verdict: await checkIssuedToken(contest.issuers, issuanceRule(m.decoded), got.token, expected, verifyRsaPssNode),
    // Tampered: one issuer's signature with a bit flipped must not verify.
    tampered: await checkIssuedToken(contest.issuers, issuanceRule(m.decoded), {
      ...got.token, signatures: got.token.signatures.map((s, k) => (k !== 1 ? s : { ...s, signature: s.signature.map((b, j) => (j === 7 ? b ^ 1 : b)) })),
    }, expected, verifyRsaPssNode),
  };
}

describe('the token relay under concurrency', () => {
  it('50 identical requests racing two batches of each issuer: one request, one signature per issuer, the same answer to all 50 readers', async () => {
    const attempt = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(0));
    const token = v.rolls.plwha![0]!.token;
    const books: IssuerLogBook[] = [new Map(), new Map(), new Map(), new Map()];
    // The first request is stored before the issuers look, so that their batches find it;
    // the other 49 race the four batches (two per issuer, each with its own log book).
    const first = await post('/issuance/requests', token, attempt.body);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const [requests, ...batches] = await Promise.all([
      Promise.all(Array.from({ length: 49 }, () => post('/issuance/requests', token, attempt.body))),
      batchOf(0, books[0]!), batchOf(0, books[1]!), batchOf(1, books[2]!), batchOf(1, books[3]!),
    ]);
    expect(requests.map((r) => r.status)).toEqual(new Array(49).fill(200));
    // Each issuer's two batches: at least one signed (both may have, identically); none refused.
    expect(batches.map((b) => b.refused)).toEqual([[], [], [], []]);
    expect(batches[0]!.signed + batches[1]!.signed).toBeGreaterThanOrEqual(1);
    expect(batches[2]!.signed + batches[3]!.signed).toBeGreaterThanOrEqual(1);
    const plwhaKeys = [0, 1].map((j) => testIssuerKeysOf(v, j).get(v.contests.plwha!)!);
    const keyIds = plwhaKeys.map((k) => toHex(k.publicKey.keyId)).sort();
    expect(await rowsOf(signerOf(0).associationId)).toEqual({ requests: 1, signatures: keyIds });

    const reads = await Promise.all(Array.from({ length: 50 }, (_, k) => (k % 2 === 0
      ? post('/issuance/status', token, { electionId: v.electionId, contestId: v.contests.plwha })
      : post('/issuance/requests', token, attempt.body))));
    expect(reads.map((r) => r.status)).toEqual(new Array(50).fill(200));
    const answers = new Set(reads.map((r) => JSON.stringify(r.json.blindSignatures)));
    expect(answers.size).toBe(1);
    const signatures = JSON.parse([...answers][0]!) as { keyId: string; blindSignature: string }[];
    expect(signatures.map((s) => s.keyId)).toEqual(keyIds);
    // Each stored signature is the one the issuer's key gives for the stored blinded message.
    for (const [k, key] of plwhaKeys.entries()) {
      const b = attempt.body.blindedMessages.find((x) => x.keyId === toHex(key.publicKey.keyId))!;
      const own = blindSign(key, Uint8Array.from(Buffer.from(b.blindedMessage, 'hex')));
      expect(own.ok && toHex(own.blindSignature), `issuer ${k}`).toBe(signatures.find((s) => s.keyId === b.keyId)!.blindSignature);
    }
    const { verdict, tampered } = await tokenChecks(attempt, 0);
    expect(verdict).toEqual({ ok: true });
    expect(tampered.ok).toBe(false);
  });

  it('two different requests of one association racing: one is stored, every copy of the other is 409, and the stored one gives the token', async () => {
    const a = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(1));
    const b = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(1));
    const token = v.rolls.plwha![1]!.token;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, k) => post('/issuance/requests', token, (k % 2 === 0 ? a : b).body)));
    const ofA = answers.filter((_, k) => k % 2 === 0).map((r) => r.status);
    const ofB = answers.filter((_, k) => k % 2 === 1).map((r) => r.status);
    // Whichever arrived first wins: all its copies 200, all the other's 409.
    const winner = ofA[0] === 200 ? a : b;
    const [won, lost] = winner === a ? [ofA, ofB] : [ofB, ofA];
    expect(won).toEqual(new Array(25).fill(200));
    expect(lost).toEqual(new Array(25).fill(409));
    for (const r of answers.filter((x) => x.status === 409)) expect(r.json.code).toBe('token_request_conflict');
    const stored = await t.relay.request(v.contests.plwha!, signerOf(1).associationId);
    expect(Object.values(stored!.blinded).sort()).toEqual(winner.body.blindedMessages.map((x) => x.blindedMessage).sort());
    expect(await rowsOf(signerOf(1).associationId)).toEqual({ requests: 1, signatures: [] });
    await Promise.all([batchOf(0, new Map()), batchOf(1, new Map())]);
    expect((await tokenChecks(winner, 1)).verdict).toEqual({ ok: true });
    // The loser's state cannot make a token from the winner's signatures.
    const loser = winner === a ? b : a;
    const wrong = await collectIssuedToken(new ApiClient({ baseUrl: base, token }), m.decoded, { ...loser, body: winner.body }, { pollMs: 10, attempts: 1 });
    expect(wrong.ok).toBe(false);
  });

  it('one issuer posting the same blind signature 20 times at once: one row, every answer 200', async () => {
    const attempt = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(2));
    expect((await post('/issuance/requests', v.rolls.plwha![2]!.token, attempt.body)).status).toBe(200);
    const key = testIssuerKeysOf(v, 0).get(v.contests.plwha!)!;
    const keyId = toHex(key.publicKey.keyId);
    const blinded = attempt.body.blindedMessages.find((x) => x.keyId === keyId)!.blindedMessage;
    const s = blindSign(key, Uint8Array.from(Buffer.from(blinded, 'hex')));
    if (!s.ok) throw new Error('blindSign');
    const body = { electionId: v.electionId, contestId: v.contests.plwha, associationId: signerOf(2).associationId, keyId, blindSignature: toHex(s.blindSignature) };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/issuance/signatures', v.members[0]!, body)));
    expect(answers.map((r) => r.status)).toEqual(new Array(20).fill(200));
    expect(await rowsOf(signerOf(2).associationId)).toEqual({ requests: 1, signatures: [keyId] });
    // A signature for another blinded message (a valid RSA value, the wrong one) is refused, never stored.
    const other = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(2)).body.blindedMessages.find((x) => x.keyId === keyId)!.blindedMessage;
    const wrong = blindSign(key, Uint8Array.from(Buffer.from(other, 'hex')));
    if (!wrong.ok) throw new Error('blindSign');
    const refused = await post('/issuance/signatures', v.members[0]!, { ...body, blindSignature: toHex(wrong.blindSignature) });
    expect([refused.status, refused.json.code]).toEqual([400, 'blind_signature_invalid']);
    expect(await t.relay.signatures(v.contests.plwha!, signerOf(2).associationId)).toEqual([{ keyId, blindSignature: body.blindSignature }]);
  });
});

describe('the relay\'s pending list', () => {
  it('a batch limit does not starve a key behind another contest\'s requests, which name other keys', async () => {
    // Straight on the relay's store: contest "a-…" sorts first and names key A only.
    const electionId = `limit-${Date.now()}`;
    const row = (contestId: string, associationId: string, keyId: string) => ({
      electionId, contestId, associationId, request: {}, publicKey: '00', signature: '00', blinded: { [keyId]: 'ff' },
    });
    for (let i = 0; i < 5; i++) await t.relay.insertRequest(row('a-contest', `assoc-${i}`, 'key-a'));
    await t.relay.insertRequest(row('b-contest', 'assoc-0', 'key-b'));
    expect((await t.relay.pending(electionId, 'key-b', 2)).map((r) => `${r.contestId}/${r.associationId}`)).toEqual(['b-contest/assoc-0']);
    expect(await t.relay.pending(electionId, 'key-a', 2)).toHaveLength(2);
    await t.relay.addSignature('b-contest', 'assoc-0', 'key-b', 'aa');
    expect(await t.relay.pending(electionId, 'key-b', 2)).toEqual([]);
  });
});
