import { describe, expect, it } from 'vitest';
import {
  type ContestBallot, ballotContext, contestBallotDigest, contestBallotToJSON, encryptContest,
} from '../../src/crypto/ballot.js';
import { generateBallotKeys, signBallot } from '../../src/crypto/ballot-signature.js';
import { verifyBallotSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { proveOneOf } from '../../src/crypto/disjunctive.js';
import { encrypt, sumCiphertexts } from '../../src/crypto/elgamal.js';
import { type Point, mod, randomScalar, toHex } from '../../src/crypto/group.js';
import { generateIssuanceKey, verifyRsaPssNode as verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { TAGS, Transcript } from '../../src/crypto/transcript.js';
import { issuedTokenToJSON as tokenToJSON } from '../../src/crypto/issued-token.js';
import { verifyRsaPss as verifyToken } from '../../src/crypto/voting-token.js';
import {
  type CastCheck, type CastCheckInput, CastBallotSchema, CheckedCastBallotSchema, checkCastBallot, isCheckedCast, precheckCast,
} from '../../src/record/cast-ballot.js';
import { type CastBody, election, honestCast, issueToken } from './fixtures.js';

const e = election();
const base = { manifest: e.decoded, manifestHash: e.hash, electionId: e.manifest.electionId, verifyToken: verifyRsaPssNode };
const check = (body: unknown, over: Partial<CastCheckInput> = {}): Promise<CastCheck> => checkCastBallot({ ...base, body, ...over });
const clone = (b: CastBody): CastBody => JSON.parse(JSON.stringify(b));
/** The honest cast that the refusal tests tamper with. */
const { body } = await honestCast(e, 'board', [0, 1, 0, 0]);

/** A dishonest voter's ballot (as in test/crypto/ballot.test.ts): any integer choices, honest proofs where possible. */
function dishonestBallot(ctx: Uint8Array, K: Point, choices: number[], maxSelections: number): ContestBallot {
  const rs = choices.map(() => randomScalar());
  const parts = choices.map((m, i) => encrypt(K, m, rs[i]!));
  const selections = parts.map((c, i) => {
    const m = choices[i]!;
    const claimed = m === 0 || m === 1 ? m : m > 1 ? 1 : 0;
    const t = new Transcript(TAGS.disjunctive).bytes(ctx).point(K).point(c.alpha).point(c.beta);
    return { ciphertext: c, proof: proveOneOf(t, K, c, 2, claimed, rs[i]!) };
  });
  const sum = sumCiphertexts(parts);
  const total = choices.reduce((a, b) => a + b, 0);
  const t = new Transcript(TAGS.range).bytes(ctx).point(K).u32(maxSelections).u32(parts.length);
  for (const p of parts) t.point(p.alpha).point(p.beta);
  t.point(sum.alpha).point(sum.beta);
  const claimed = Math.max(0, Math.min(total, maxSelections));
  return { selections, rangeProof: proveOneOf(t, K, sum, maxSelections + 1, claimed, mod(rs.reduce((a, b) => a + b, 0n))) };
}

/** A properly tokened and signed cast whose ballot is `make(ctx)` (the ctx of the token's key). */
async function castWith(make: (ctx: Uint8Array) => ContestBallot, contestId = 'board', manifestHash = e.hash): Promise<CastBody> {
  const { token, keys } = await issueToken(e, contestId);
  const ctx = ballotContext({ manifestHash, publicKey: e.K, contestId, ballotPublicKey: keys.publicKey });
  const ballot = make(ctx);
  return { contestId, token: tokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(keys.secretKey, contestBallotDigest(ballot))) };
}

describe('checkCastBallot', () => {
  it('accepts an honest ballot, with the server and the browser token verifiers', async () => {
    const { body, ballot, token } = await honestCast(e, 'board', [1, 0, 1, 0]);
    for (const over of [{}, { verifyToken }, { verifySignature: verifyBallotSignatureNode }] as Partial<CastCheckInput>[]) {
      const r = await check(clone(body), over);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.contestId).toBe('board');
      expect(r.digest).toEqual(contestBallotDigest(ballot));
      expect(r.token.ballotPublicKey).toEqual(token.ballotPublicKey);
      expect(r.candidateCount).toBe(4);
      expect(r.contest.contest.id).toBe('board');
    }
  });

  it('accepts a blank ballot and one in the other contest', async () => {
    expect((await check((await honestCast(e, 'board', [0, 0, 0, 0])).body)).ok).toBe(true);
    expect((await check((await honestCast(e, 'alt', [0, 1, 1])).body)).ok).toBe(true);
  });

  describe('refuses', () => {

    it.each<[string, (b: Record<string, any>) => unknown, RegExp]>([
      ['a body that is not an object', () => null, /^body: /],
      ['a missing signature', (b) => { delete b.signature; }, /^signature: /],
      ['an unknown field', (b) => { b.voter = 'me'; }, /^body: /],
      ['a short signature', (b) => { b.signature = b.signature.slice(2); }, /^signature: /],
      ['upper-case hex in the token', (b) => { b.token.ballotPublicKey = b.token.ballotPublicKey.toUpperCase(); }, /^token\.ballotPublicKey: /],
      ['a selection proof with three branches', (b) => { b.ballot.selections[0].proof.branches.push(b.ballot.selections[0].proof.branches[0]); }, /^ballot\.selections\.0\.proof\.branches: /],
      ['a non-canonical point in the ciphertext', (b) => { b.ballot.selections[1].ciphertext.alpha = 'ff'.repeat(32); }, /^contestBallot\.selections\[1\]\.ciphertext\.alpha: non_canonical_point$/],
      ['the identity as a ciphertext component', (b) => { b.ballot.selections[0].ciphertext.beta = '00'.repeat(32); }, /ciphertext\.beta: identity_point$/],
      ['a proof scalar ≥ ℓ', (b) => { b.ballot.rangeProof.branches[0].response = 'ff'.repeat(32); }, /response: scalar_out_of_range$/],
    ])('as malformed: %s', async (_name, tamper, detail) => {
      const b = clone(body) as Record<string, any>;
      const replaced = tamper(b);
      const r = await check(replaced === undefined ? b : replaced);
      expect(r).toMatchObject({ ok: false, code: 'malformed' });
      if (!r.ok) expect(r.detail).toMatch(detail);
    });

    it('a contest that is not in the manifest', async () => {
      expect(await check({ ...clone(body), contestId: 'treasurer' })).toMatchObject({ ok: false, code: 'unknown_contest' });
    });

    it('a token for another contest', async () => {
      const alt = await issueToken(e, 'alt');
      const b = { ...clone(body), token: tokenToJSON(alt.token) };
      expect(await check(b)).toMatchObject({ ok: false, code: 'token_contest_mismatch' });
    });

    it('a token for another election', async () => {
      const other = await issueToken(e, 'board', 'election-2');
      expect(await check({ ...clone(body), token: tokenToJSON(other.token) })).toMatchObject({ ok: false, code: 'token_election_mismatch' });
    });

    it('a cast into another election (the token names the fixture election)', async () => {
      expect(await check(clone(body), { electionId: 'election-2' })).toMatchObject({ ok: false, code: 'token_election_mismatch' });
    });

    it('a forged token: changed signature, changed prefix, another ballot key', async () => {
      const sig = clone(body);
      const s0 = sig.token.signatures[0]!;
      sig.token.signatures[0] = { ...s0, signature: (s0.signature[0] === '0' ? '1' : '0') + s0.signature.slice(1) };
      const prefix = clone(body);
      prefix.token.messagePrefix = '00'.repeat(32);
      const key = clone(body);
      key.token.ballotPublicKey = toHex(generateBallotKeys().publicKey);
      for (const b of [sig, prefix, key]) {
        for (const verifier of [verifyRsaPssNode, verifyToken]) {
          expect(await check(b, { verifyToken: verifier })).toMatchObject({ ok: false, code: 'bad_token', reason: 'bad_signature' });
        }
      }
    });

    it('a token that does not meet the issuance rule: one issuer only, the same signature twice, or a key that is no issuer\'s', async () => {
      const one = await issueToken(e, 'board', e.manifest.electionId, [e.issuers[0]!]);
      expect(await check({ ...clone(body), token: tokenToJSON(one.token) })).toMatchObject({ ok: false, code: 'bad_token', reason: 'too_few_issuers' });
      // A signature dropped: what remains is one issuer of one sector.
      const dropped = clone(body);
      dropped.token.signatures = dropped.token.signatures.slice(1);
      expect(await check(dropped)).toMatchObject({ ok: false, code: 'bad_token', reason: 'too_few_issuers' });
      // The same signature listed twice is not in strictly ascending key-id order: malformed.
      const twice = clone(body);
      twice.token.signatures = [twice.token.signatures[0]!, twice.token.signatures[0]!];
      expect(await check(twice)).toMatchObject({ ok: false, code: 'malformed' });
      // A third key, not the contest's issuer's, with its own valid signature.
      const stranger = await issueToken(e, 'board', e.manifest.electionId, [e.issuers[0]!, generateIssuanceKey()]);
      expect(await check({ ...clone(body), token: tokenToJSON(stranger.token) })).toMatchObject({ ok: false, code: 'bad_token', reason: 'unknown_issuer' });
    });

    it('a token verifier that throws, as bad_token rather than an exception', async () => {
      const r = await check(clone(body), { verifyToken: () => { throw new Error('boom'); } });
      expect(r).toMatchObject({ ok: false, code: 'bad_token' });
    });

    it('a ballot signed by another key, or a signature for another ballot', async () => {
      const { ballot } = await honestCast(e, 'board', [0, 1, 0, 0]);
      const other = clone(body);
      other.signature = toHex(signBallot(generateBallotKeys().secretKey, contestBallotDigest(ballot)));
      expect(await check(other)).toMatchObject({ ok: false, code: 'bad_ballot_signature' });
      const second = (await honestCast(e, 'board', [1, 0, 0, 0])).body;
      expect(await check({ ...clone(body), signature: second.signature })).toMatchObject({ ok: false, code: 'bad_ballot_signature' });
      const swapped = clone(body) as Record<string, any>;
      swapped.ballot.selections[0] = second.ballot.selections[0]!;
      expect(await check(swapped)).toMatchObject({ ok: false, code: 'bad_ballot_signature' });
    });

    it('a selection of 2 with a 0-or-1 proof (dishonest voter)', async () => {
      const b = await castWith((ctx) => dishonestBallot(ctx, e.K, [2, 0, 0, 0], 2));
      expect(await check(b)).toEqual({ ok: false, code: 'bad_ballot', detail: 'ballot: bad_selection_proof at candidate 0', reason: 'bad_selection_proof', index: 0 });
    });

    it('an over-vote: three selections in a vote-for-two contest', async () => {
      const b = await castWith((ctx) => dishonestBallot(ctx, e.K, [1, 1, 0, 1], 2));
      expect(await check(b)).toEqual({ ok: false, code: 'bad_ballot', detail: 'ballot: bad_range_proof', reason: 'bad_range_proof' });
    });

    it('the builder of dishonest ballots makes good ones when honest (the tests above can fail)', async () => {
      expect((await check(await castWith((ctx) => dishonestBallot(ctx, e.K, [1, 0, 0, 1], 2)))).ok).toBe(true);
    });

    it('a ballot copied under another ballot key: token and signature good, proofs fail', async () => {
      const victim = await honestCast(e, 'board', [0, 0, 1, 1]);
      const attacker = await issueToken(e, 'board');
      const copied = {
        contestId: 'board', token: tokenToJSON(attacker.token), ballot: victim.body.ballot,
        signature: toHex(signBallot(attacker.keys.secretKey, contestBallotDigest(victim.ballot))),
      };
      expect(await check(copied)).toMatchObject({ ok: false, code: 'bad_ballot', reason: 'bad_selection_proof', index: 0 });
    });

    it('a ballot proved under another manifest', async () => {
      const b = await castWith((ctx) => encryptContest(ctx, e.K, [1, 0, 0, 0], 2).ballot, 'board', new Uint8Array(32));
      expect(await check(b)).toMatchObject({ ok: false, code: 'bad_ballot', reason: 'bad_selection_proof' });
    });

    it('a ballot with the wrong number of candidates', async () => {
      const b = await castWith((ctx) => encryptContest(ctx, e.K, [1, 0, 0], 2).ballot);
      expect(await check(b)).toMatchObject({ ok: false, code: 'bad_ballot', reason: 'wrong_candidate_count' });
    });
  });

  it('throws only on the caller\'s own arguments', async () => {
    await expect(check(body, { manifestHash: new Uint8Array(31) })).rejects.toThrow(RangeError);
    await expect(check(body, { verifyToken: undefined as unknown as CastCheckInput['verifyToken'] })).rejects.toThrow(TypeError);
  });
});

describe('a body checked once (the cast route\'s CheckedCastBallotSchema, then precheckCast)', () => {
  it('the schema\'s output is a frozen copy that the module recognises; precheckCast takes it as it is', () => {
    const raw = clone(body);
    const checked = CheckedCastBallotSchema.parse(raw);
    expect(checked).toEqual(raw);
    expect(checked).not.toBe(raw);
    expect(isCheckedCast(checked)).toBe(true);
    expect(isCheckedCast(raw)).toBe(false);
    expect(Object.isFrozen(checked) && Object.isFrozen(checked.token.signatures[0]) && Object.isFrozen(checked.ballot.selections[0]!.proof.branches)).toBe(true);
    expect(() => { (checked.ballot.selections as unknown[]).pop(); }).toThrow(TypeError);
    const pre = precheckCast(e.decoded, e.manifest.electionId, checked);
    expect(pre.ok && pre.cast).toBe(checked);
  });

  it('refuses what CastBallotSchema refuses; a lookalike of a checked body is checked again', () => {
    const bad = { ...clone(body), signature: body.signature.slice(2) };
    expect(CheckedCastBallotSchema.safeParse(bad).success).toBe(false);
    expect(CastBallotSchema.safeParse(bad).success).toBe(false);
    expect(precheckCast(e.decoded, e.manifest.electionId, bad)).toMatchObject({ ok: false, code: 'malformed' });
    // Same content as a checked body but another object: not recognised, so checked (and refused when bad).
    const checked = CheckedCastBallotSchema.parse(clone(body));
    const lookalike = { ...checked, ballot: { ...checked.ballot, extra: 1 } };
    expect(isCheckedCast(lookalike)).toBe(false);
    expect(precheckCast(e.decoded, e.manifest.electionId, lookalike)).toMatchObject({ ok: false, code: 'malformed' });
    // precheckCast's own parse gives a checked body too.
    const pre = precheckCast(e.decoded, e.manifest.electionId, clone(body));
    expect(pre.ok && isCheckedCast(pre.cast)).toBe(true);
  });
});
