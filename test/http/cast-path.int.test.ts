/**
 * The cast path under attack: a replayed ballot key or a forged token is refused before
 * any proof is checked; casts checked together in a batch with one bad ballot: the good
 * ones accepted, the bad one refused naming its proof; rate limits per client and per
 * ballot key, the client's address in no log line; bodies bounded before parsing; casts
 * ready together written in one transaction, a ballot key counted once, the chain intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotContext, contestBallotDigest, contestBallotFromJSON, contestBallotToJSON, encryptContest } from '../../src/crypto/ballot.js';
import { type BallotKeys, generateBallotKeys, signBallot } from '../../src/crypto/ballot-signature.js';
import { fromHex, pointFromHex, toHex } from '../../src/crypto/group.js';
import { type IssuedToken as Token, issuedTokenToJSON as tokenToJSON } from '../../src/crypto/issued-token.js';
import { type CastProofRunner, batchingChecker, inThreadRunner } from '../../src/domain/cast-queue.js';
import { countCast } from '../../src/domain/cast-writer.js';
import { trackingCode } from '../../src/record/tracking.js';
import { MAX_CAST_BODY_BYTES } from '../../src/record/cast-ballot.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { nextScalar, tampered } from '../helpers/cast-items.js';
import { obtainTestToken } from '../helpers/issuance.js';
import { openVotingElection, type VotingElection } from '../helpers/voting.js';
import type { CastBody } from '../record/fixtures.js';

/** The in-thread runner, counting the ballots it checks and its exact re-checks. */
const checked = { folded: 0, exact: 0 };
const inner = inThreadRunner();
const counting: CastProofRunner = {
  slots: 1,
  async run(items, exact) {
    checked[exact ? 'exact' : 'folded'] += items.length;
    return inner.run(items, exact);
  },
  close: () => inner.close(),
};

const logLines: string[] = [];
let t: TestApp;
let v: VotingElection;
let manifest: any;
let hash: string;
let next = 0;

beforeAll(async () => {
  t = await createTestApp({ logLines, castProofs: batchingChecker(counting), castRateLimit: { perClient: 1000, perBallotKey: 3 } });
  v = await openVotingElection(t, { plwha: 40, tb: 2 }, 'cp');
  ({ manifest, hash } = (await t.call('GET', `/elections/${v.electionId}/manifest`)).json());
});
afterAll(async () => t?.close());

const plwha = () => manifest.contests.find((c: { constituency: string }) => c.constituency === 'plwha');

/** A token of the next association on the PLWHA roll (through the relay and the test issuers), and its ballot keys. */
async function obtain(): Promise<{ token: Token; keys: BallotKeys }> {
  const got = await obtainTestToken(t, v, plwha().id, v.rolls.plwha![next++]!);
  return { token: got.token, keys: got.ballotKeys };
}

function ballotBody(token: Token, keys: BallotKeys, choices: number[]): CastBody {
  const contest = plwha();
  const K = pointFromHex(manifest.jointPublicKey);
  const ctx = ballotContext({ manifestHash: fromHex(hash), publicKey: K, contestId: contest.id, ballotPublicKey: token.ballotPublicKey });
  const { ballot } = encryptContest(ctx, K, choices, contest.maxSelections);
  return { contestId: contest.id, token: tokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(keys.secretKey, contestBallotDigest(ballot))) };
}

const cast = (body: unknown, headers?: Record<string, string>) => t.call('POST', `/elections/${v.electionId}/ballots`, { body, ...(headers && { headers }) });
const head = async () => (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=1`)).json().head;

describe('cheap refusals come before any proof check', () => {
  it('a replayed ballot, and a ballot of garbage proofs under a used ballot key: 409 token_used, no proof checked', async () => {
    const { token, keys } = await obtain();
    const body = ballotBody(token, keys, [1, 0, 0, 0]);
    expect((await cast(body)).statusCode).toBe(201);
    const before = { ...checked };
    const replay = await cast(body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('token_used');
    // Proofs of the right shape whose points do not even decode, unsigned.
    const garbage = structuredClone(body) as CastBody & { ballot: any };
    for (const s of garbage.ballot.selections) s.ciphertext.alpha = 'ff'.repeat(32);
    const r = await cast({ ...garbage, signature: '00'.repeat(64) });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('token_used');
    expect(checked).toEqual(before);
  });

  it('a ballot for an election that does not exist: 404, nothing checked', async () => {
    const { token, keys } = await obtain();
    const before = { ...checked };
    const r = await t.call('POST', '/elections/00000000-0000-4000-8000-000000000000/ballots', { body: ballotBody(token, keys, [0, 0, 1, 0]) });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('not_found');
    expect(checked).toEqual(before);
  });

  it('a forged token (its ballot key unused): 400 bad_token, no proof checked', async () => {
    const keys = generateBallotKeys();
    const forged: Token = {
      electionId: v.electionId, contestId: plwha().id, ballotPublicKey: keys.publicKey, messagePrefix: new Uint8Array(32),
      signatures: (plwha().issuers as { issuanceKey: { keyId: string } }[]).map((i) => ({ keyId: fromHex(i.issuanceKey.keyId), signature: fromHex('01'.repeat(384)) })),
    };
    const before = { ...checked };
    const r = await cast(ballotBody(forged, keys, [0, 1, 0, 0]));
    expect(r.statusCode).toBe(400);
    expect(r.json().detail).toContain('bad_token');
    expect(checked).toEqual(before);
  });
});

describe('proofs checked in batches', () => {
  it('six casts at once, one with a proof that breaks only the fold: five receipts, the bad one refused naming its proof, the board unchanged by it', async () => {
    const bodies: CastBody[] = [];
    for (let i = 0; i < 6; i++) {
      const { token, keys } = await obtain();
      const body = ballotBody(token, keys, [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1], [0, 0, 0, 0], [1, 0, 0, 1], [0, 1, 1, 0]][i]!);
      bodies.push(i !== 2 ? body : tampered(body, keys, (b) => {
        const br = b.selections[3]!.proof.branches[1]!;
        br.response = nextScalar(br.response);
      }));
    }
    const before = { ...checked };
    const rs = await Promise.all(bodies.map((b) => cast(b)));
    expect(rs.map((r) => r.statusCode)).toEqual([201, 201, 400, 201, 201, 201]);
    expect(rs[2]!.json().detail).toContain('bad_ballot');
    expect(rs[2]!.json().detail).toContain('bad_selection_proof at candidate 3');
    expect(checked.folded - before.folded).toBe(6);
    expect(checked.exact - before.exact).toBe(1);
    // The refused token is still unused: the same voter's honest ballot is accepted.
    const board = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events;
    expect(board.filter((e: { kind: string; payload: { token?: { ballotPublicKey: string } } }) => e.kind === 'ballot' && e.payload.token?.ballotPublicKey === bodies[2]!.token.ballotPublicKey)).toHaveLength(0);
  });
});

describe('casts written together (domain/cast-writer.ts)', () => {
  const digestOf = (ballot: unknown) => toHex(contestBallotDigest(contestBallotFromJSON(ballot as never)));
  /** Every ballot event's tracking code chains on the previous one's (record/tracking.ts). */
  async function chainHolds(): Promise<boolean> {
    const events = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events
      .filter((e: { kind: string }) => e.kind === 'ballot');
    let previous: Uint8Array | null = null;
    for (const { payload } of events) {
      const code = trackingCode(previous, fromHex(digestOf(payload.ballot)), fromHex(payload.token.ballotPublicKey));
      if (toHex(code) !== payload.trackingCode) return false;
      previous = code;
    }
    return events.length > 0;
  }

  it('the casts waiting for a write go in the next one together; a key counted meanwhile or twice in it is refused token_used, the others counted in order', async () => {
    const choices = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
    const items: Parameters<typeof countCast>[2][] = [];
    for (const c of choices) {
      const { token, keys } = await obtain();
      const body = ballotBody(token, keys, c);
      items.push({ cast: body as Parameters<typeof countCast>[2]['cast'], ballotPublicKey: body.token.ballotPublicKey, digest: digestOf(body.ballot) });
    }
    const before = await head();
    // The first goes alone at once; the other five wait for it and are written together:
    // item 0 again (counted meanwhile), item 1 twice in the batch.
    const order = [0, 1, 0, 2, 1, 3];
    const settled = await Promise.allSettled(order.map((i) => countCast(t.store, v.electionId, items[i]!)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    for (const k of [2, 4]) expect((settled[k] as PromiseRejectedResult).reason).toMatchObject({ code: 'token_used' });
    const receipts = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(receipts.map((r) => r.position)).toEqual([1, 2, 3, 4].map((k) => before.seq + k));
    expect(new Set(receipts.map((r) => r.trackingCode)).size).toBe(4);
    // One transaction for the last three: one board time.
    expect(new Set(receipts.slice(1).map((r) => r.receivedAt)).size).toBe(1);
    expect((await head()).hash).toBe(receipts[3]!.boardHead);
    expect(await chainHolds()).toBe(true);
  });

  it('the same ballot sent twice at once over HTTP: one receipt and one 409 token_used, the chain intact', async () => {
    const { token, keys } = await obtain();
    const body = ballotBody(token, keys, [0, 1, 1, 0]);
    const rs = await Promise.all([cast(body), cast(body)]);
    expect(rs.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(rs.find((r) => r.statusCode === 409)!.json().code).toBe('token_used');
    expect(await chainHolds()).toBe(true);
  });
});

describe('limits', () => {
  it('per ballot key: the fourth cast of one key within a minute is 429, other keys still go through', async () => {
    const { token, keys } = await obtain();
    const unsigned = { ...ballotBody(token, keys, [1, 0, 0, 0]), signature: '00'.repeat(64) };
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await cast(unsigned)).statusCode);
    expect(codes).toEqual([400, 400, 400, 429]);
    const limited = await cast(unsigned);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate_limited');
    const other = await obtain();
    expect((await cast(ballotBody(other.token, other.keys, [0, 0, 0, 1]))).statusCode).toBe(201);
  });

  it('per client: past the limit a client is refused 429 before its body is read; the log names no address', async () => {
    const small = await createTestApp({ logLines, castRateLimit: { perClient: 3, perBallotKey: 100 } });
    try {
      const url = `/elections/${v.electionId}/ballots`;
      const codes = [];
      // Each request is refused as malformed, but the client is counted before its body is read.
      for (let i = 0; i < 4; i++) codes.push((await small.call('POST', url, { body: { nothing: true } })).statusCode);
      expect(codes).toEqual([400, 400, 400, 429]);
      // Another client (another address) is not limited.
      const other = await small.app.inject({ method: 'POST', url, payload: { nothing: true }, remoteAddress: '10.0.0.2' });
      expect(other.statusCode).toBe(400);
    } finally {
      await small.close();
    }
    for (const line of logLines.filter((l) => l.includes('/ballots'))) expect(line).not.toMatch(/127\.0\.0\.1|10\.0\.0\.2|remoteAddress|"ip"/);
  });

  it('behind a trusted proxy the client is the one X-Forwarded-For names; an untrusted sender\'s header is ignored', async () => {
    const proxied = await createTestApp({ logLines, castRateLimit: { perClient: 2, perBallotKey: 100 }, trustProxy: ['127.0.0.1'] });
    try {
      const send = (client: string, remoteAddress = '127.0.0.1') => proxied.app.inject({
        method: 'POST', url: `/elections/${v.electionId}/ballots`, payload: { nothing: true }, remoteAddress, headers: { 'x-forwarded-for': client },
      }).then((r) => r.statusCode);
      expect([await send('203.0.113.7'), await send('203.0.113.7'), await send('203.0.113.7')]).toEqual([400, 400, 429]);
      expect(await send('203.0.113.8')).toBe(400);
      // Not from the proxy: the header is the sender's own claim, the sender is counted.
      expect([await send('203.0.113.9', '10.0.0.3'), await send('203.0.113.10', '10.0.0.3'), await send('203.0.113.11', '10.0.0.3')]).toEqual([400, 400, 429]);
    } finally {
      await proxied.close();
    }
    for (const line of logLines.filter((l) => l.includes('/ballots'))) expect(line).not.toMatch(/203\.0\.113|10\.0\.0\.3/);
  });

  it('a body larger than the largest legal ballot is 413 before parsing; one of too many selections is 400; nothing changes', async () => {
    const before = await head();
    const big = await t.app.inject({ method: 'POST', url: `/elections/${v.electionId}/ballots`, headers: { 'content-type': 'application/json' }, payload: `{"x":"${'a'.repeat(MAX_CAST_BODY_BYTES)}"}` });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('body_too_large');
    const { token, keys } = await obtain();
    const body = ballotBody(token, keys, [1, 0, 0, 0]);
    const selections = Array.from({ length: 1025 }, () => body.ballot.selections[0]!);
    const many = await cast({ ...body, ballot: { ...body.ballot, selections } });
    expect(many.statusCode).toBe(400);
    expect(many.json().code).toBe('validation_failed');
    expect(await head()).toEqual(before);
  });
});
