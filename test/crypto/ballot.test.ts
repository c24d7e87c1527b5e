import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  type ContestBallot, aggregateContests, ballotContext, checkContest, checkOpening, contestBallotDigest, contestBallotFromJSON,
  contestBallotToJSON, encryptContest, openingFromJSON, openingToJSON,
} from '../../src/crypto/ballot.js';
import { generateBallotKeys, signBallot, verifyBallotSignature } from '../../src/crypto/ballot-signature.js';
import { proveOneOf, proveZeroOrOne } from '../../src/crypto/disjunctive.js';
import { discreteLog } from '../../src/crypto/discrete-log.js';
import { type Ciphertext, decryptToPoint, encrypt, sumCiphertexts } from '../../src/crypto/elgamal.js';
import { DecodeError, G, IDENTITY, baseMul, mod, pointToHex, randomScalar, toHex } from '../../src/crypto/group.js';
import { TAGS, Transcript } from '../../src/crypto/transcript.js';

const x = randomScalar();
const K = baseMul(x);
const manifestHash = sha256(new TextEncoder().encode('manifest'));
const keys = generateBallotKeys();
const ctxFor = (ballotPublicKey: Uint8Array, contestId = 'board', mh = manifestHash, publicKey = K) =>
  ballotContext({ manifestHash: mh, publicKey, contestId, ballotPublicKey });
const ctx = ctxFor(keys.publicKey);

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

/** A dishonest voter's contest ballot: any integer choices, honest proofs where possible, lies elsewhere. */
function dishonestBallot(choices: number[], maxSelections: number): ContestBallot {
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

describe('ballot context (what every ballot proof hashes)', () => {
  it('binds the manifest hash, the joint key, the contest and the ballot-signing key', () => {
    const other = generateBallotKeys().publicKey;
    const all = [
      ctx, ctxFor(other), ctxFor(keys.publicKey, 'treasurer'), ctxFor(keys.publicKey, 'board', sha256(new Uint8Array(1))),
      ctxFor(keys.publicKey, 'board', manifestHash, baseMul(randomScalar())),
    ].map(toHex);
    expect(new Set(all).size).toBe(all.length);
    expect(toHex(ctxFor(keys.publicKey))).toBe(toHex(ctx));
    expect(ctx.length).toBe(32);
  });
  it('refuses malformed inputs', () => {
    expect(() => ctxFor(new Uint8Array(31))).toThrow(RangeError);
    expect(() => ctxFor(keys.publicKey, '')).toThrow(RangeError);
    expect(() => ctxFor(keys.publicKey, '\uD800')).toThrow(RangeError);
    expect(() => ctxFor(keys.publicKey, 'b', new Uint8Array(8))).toThrow(RangeError);
    expect(() => ctxFor(keys.publicKey, 'b', manifestHash, IDENTITY)).toThrow(TypeError);
  });
});

describe('contest ballots (ElectionGuard 2.0 §3.3)', () => {
  const { ballot, opening } = encryptContest(ctx, K, [1, 0, 1, 0, 0], 2);

  it('honest ballots verify: vote for up to N, blank allowed', () => {
    expect(checkContest(ctx, K, 2, 5, ballot)).toEqual({ ok: true });
    for (const choices of [[0, 0, 0], [0, 1, 0], [1, 1, 0]]) {
      expect(checkContest(ctx, K, 2, 3, encryptContest(ctx, K, choices, 2).ballot)).toEqual({ ok: true });
    }
    expect(checkContest(ctx, K, 0, 2, encryptContest(ctx, K, [0, 0], 0).ballot)).toEqual({ ok: true });
  });

  it('the booth refuses more than N choices, or choices other than 0 and 1', () => {
    expect(() => encryptContest(ctx, K, [1, 1, 1], 2)).toThrow(RangeError);
    expect(() => encryptContest(ctx, K, [2, 0, 0], 2)).toThrow(RangeError);
    expect(() => encryptContest(ctx, K, [], 2)).toThrow(RangeError);
  });

  it('a ballot copied under another ballot key, contest or election fails (every proof hashes the context)', () => {
    expect(checkContest(ctxFor(generateBallotKeys().publicKey), K, 2, 5, ballot)).toEqual({ ok: false, reason: 'bad_selection_proof', index: 0 });
    expect(checkContest(ctxFor(keys.publicKey, 'treasurer'), K, 2, 5, ballot).ok).toBe(false);
    expect(checkContest(ctxFor(keys.publicKey, 'board', sha256(new Uint8Array(2))), K, 2, 5, ballot).ok).toBe(false);
  });

  it('a ballot re-signed with another key fails: the signature verifies, the proofs do not', () => {
    const thief = generateBallotKeys();
    const sig = signBallot(thief.secretKey, contestBallotDigest(ballot));
    expect(verifyBallotSignature(thief.publicKey, contestBallotDigest(ballot), sig)).toBe(true);
    expect(checkContest(ctxFor(thief.publicKey), K, 2, 5, ballot).ok).toBe(false);
    expect(verifyBallotSignature(keys.publicKey, contestBallotDigest(ballot), signBallot(keys.secretKey, contestBallotDigest(ballot)))).toBe(true);
  });

  it('names the candidate whose ciphertext or proof was changed', () => {
    const edit = (i: number, f: (s: ContestBallot['selections'][number]) => object): ContestBallot =>
      ({ ...ballot, selections: ballot.selections.map((s, j) => (j === i ? { ...s, ...f(s) } : s)) });
    expect(checkContest(ctx, K, 2, 5, edit(3, (s) => ({ ciphertext: { ...s.ciphertext, beta: s.ciphertext.beta.add(G) } }))))
      .toEqual({ ok: false, reason: 'bad_selection_proof', index: 3 });
    expect(checkContest(ctx, K, 2, 5, edit(1, (s) => ({ proof: { branches: [{ ...s.proof.branches[0]!, a: G }, s.proof.branches[1]!] } }))))
      .toEqual({ ok: false, reason: 'bad_selection_proof', index: 1 });
    expect(checkContest(ctx, K, 2, 5, edit(4, (s) => ({ proof: { branches: [s.proof.branches[0]!, { ...s.proof.branches[1]!, response: 1n }] } }))))
      .toEqual({ ok: false, reason: 'bad_selection_proof', index: 4 });
  });

  it('rejects a changed range proof, and selections swapped between candidates (the range proof hashes their order)', () => {
    const rp = ballot.rangeProof;
    expect(checkContest(ctx, K, 2, 5, { ...ballot, rangeProof: { branches: rp.branches.map((b, j) => (j === 2 ? { ...b, b: b.b.add(G) } : b)) } }))
      .toEqual({ ok: false, reason: 'bad_range_proof' });
    const [s0, s1, ...rest] = ballot.selections;
    expect(checkContest(ctx, K, 2, 5, { ...ballot, selections: [s1!, s0!, ...rest] })).toEqual({ ok: false, reason: 'bad_range_proof' });
    expect(checkContest(ctx, K, 3, 5, ballot)).toEqual({ ok: false, reason: 'bad_range_proof' });
  });

  it('rejects a dishonest voter: N + 1 choices, a selection of 2, a selection of −1 hidden by another', () => {
    expect(checkContest(ctx, K, 2, 3, dishonestBallot([1, 1, 1], 2))).toEqual({ ok: false, reason: 'bad_range_proof' });
    expect(checkContest(ctx, K, 2, 3, dishonestBallot([2, 0, 0], 2))).toEqual({ ok: false, reason: 'bad_selection_proof', index: 0 });
    expect(checkContest(ctx, K, 2, 4, dishonestBallot([1, 1, 1, -1], 2))).toEqual({ ok: false, reason: 'bad_selection_proof', index: 3 });
    expect(checkContest(ctx, K, 2, 3, dishonestBallot([1, 0, 1], 2))).toEqual({ ok: true }); // the same builder, honest
  });

  it('rejects malformed ballots with a verdict, never an exception', () => {
    expect(checkContest(ctx, K, 2, 4, ballot)).toEqual({ ok: false, reason: 'wrong_candidate_count' });
    expect(checkContest(ctx, K, 2, 5, null as never)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkContest(ctx, K, 2, 5, { selections: 'x' } as never)).toEqual({ ok: false, reason: 'malformed' });
    expect(checkContest(ctx, K, 2, 5, { ...ballot, rangeProof: undefined } as never)).toEqual({ ok: false, reason: 'bad_range_proof' });
    const r = randomScalar();
    const clear: Ciphertext = { alpha: IDENTITY, beta: G }; // r = 0: the vote in the clear
    const t = proveZeroOrOne(ctx, K, encrypt(K, 1, r), 1, r);
    expect(checkContest(ctx, K, 2, 5, { ...ballot, selections: [{ ciphertext: clear, proof: t }, ...ballot.selections.slice(1)] }))
      .toEqual({ ok: false, reason: 'identity_ciphertext', index: 0 });
    expect(() => checkContest(ctx, K, -1, 5, ballot)).toThrow(RangeError);
  });

  it('digest: canonical, kept by the JSON form, changed by any change', () => {
    const d = toHex(contestBallotDigest(ballot));
    const back = contestBallotFromJSON(JSON.parse(JSON.stringify(contestBallotToJSON(ballot))), { candidateCount: 5, maxSelections: 2 });
    expect(toHex(contestBallotDigest(back))).toBe(d);
    expect(checkContest(ctx, K, 2, 5, back)).toEqual({ ok: true });
    const changed = { ...ballot, rangeProof: { branches: ballot.rangeProof.branches.map((b, j) => (j === 0 ? { ...b, challenge: mod(b.challenge + 1n) } : b)) } };
    expect(toHex(contestBallotDigest(changed))).not.toBe(d);
    const [s0, s1, ...rest] = ballot.selections;
    expect(toHex(contestBallotDigest({ ...ballot, selections: [s1!, s0!, ...rest] }))).not.toBe(d);
  });

  it('JSON refuses non-canonical encodings, identity ciphertexts, wrong counts and extra fields', () => {
    const j = contestBallotToJSON(ballot);
    const withSel0 = (s: object) => ({ ...j, selections: [s, ...j.selections.slice(1)] }) as never;
    const s0 = j.selections[0]!;
    expect(dErr(() => contestBallotFromJSON(withSel0({ ...s0, ciphertext: { ...s0.ciphertext, alpha: s0.ciphertext.alpha.toUpperCase() } })))).toBe('not_hex');
    expect(dErr(() => contestBallotFromJSON(withSel0({ ...s0, ciphertext: { ...s0.ciphertext, beta: 'ff'.repeat(31) + '7f' } })))).toBe('non_canonical_point');
    expect(dErr(() => contestBallotFromJSON(withSel0({ ...s0, ciphertext: { ...s0.ciphertext, alpha: pointToHex(IDENTITY) } })))).toBe('identity_point');
    expect(dErr(() => contestBallotFromJSON(withSel0({ ...s0, proof: { branches: [s0.proof.branches[0]!] } })))).toBe('wrong_length');
    expect(dErr(() => contestBallotFromJSON(withSel0({ ...s0, note: 'x' })))).toBe('wrong_length');
    expect(dErr(() => contestBallotFromJSON(j, { candidateCount: 4 }))).toBe('wrong_length');
    expect(dErr(() => contestBallotFromJSON(j, { maxSelections: 3 }))).toBe('wrong_length');
    expect(dErr(() => contestBallotFromJSON({ ...j, selections: [] }))).toBe('wrong_length');
    expect(dErr(() => contestBallotFromJSON({ ...j, extra: 1 } as never))).toBe('wrong_length');
  });

  describe('Benaloh audit (cast or audit)', () => {
    it('the opening re-encrypts to the ballot and shows the choices', () => {
      expect(checkOpening(K, ballot, opening)).toEqual({ ok: true, choices: [1, 0, 1, 0, 0] });
      const back = openingFromJSON(JSON.parse(JSON.stringify(openingToJSON(opening))));
      expect(checkOpening(K, ballot, back)).toEqual({ ok: true, choices: [1, 0, 1, 0, 0] });
    });
    it('a booth that shows other choices than it encrypted is caught, at the candidate', () => {
      expect(checkOpening(K, ballot, { ...opening, choices: [0, 1, 1, 0, 0] })).toEqual({ ok: false, reason: 'mismatch', index: 0 });
      const rs = [...opening.randomness];
      rs[2] = mod(rs[2]! + 1n);
      expect(checkOpening(K, ballot, { ...opening, randomness: rs })).toEqual({ ok: false, reason: 'mismatch', index: 2 });
      expect(checkOpening(baseMul(randomScalar()), ballot, opening)).toMatchObject({ ok: false, reason: 'mismatch' });
    });
    it('never throws on malformed openings', () => {
      expect(checkOpening(K, ballot, { choices: [1, 0], randomness: [] })).toEqual({ ok: false, reason: 'wrong_candidate_count' });
      expect(checkOpening(K, ballot, { ...opening, choices: [2, 0, 0, 0, 0] })).toEqual({ ok: false, reason: 'bad_choice', index: 0 });
      expect(checkOpening(K, ballot, { ...opening, randomness: [0n, ...opening.randomness.slice(1)] })).toEqual({ ok: false, reason: 'malformed', index: 0 });
      expect(checkOpening(K, ballot, null as never)).toEqual({ ok: false, reason: 'malformed' });
      expect(checkOpening(K, { selections: [null, null, null, null, null] } as never, opening)).toEqual({ ok: false, reason: 'mismatch', index: 0 });
    });
    it('opening JSON is strict', () => {
      const j = openingToJSON(opening);
      expect(dErr(() => openingFromJSON({ ...j, choices: [2, 0, 1, 0, 0] }))).toBe('scalar_out_of_range');
      expect(dErr(() => openingFromJSON({ ...j, randomness: j.randomness.slice(1) }))).toBe('wrong_length');
      expect(dErr(() => openingFromJSON({ ...j, randomness: ['00'.repeat(32), ...j.randomness.slice(1)] }))).toBe('zero_scalar');
      expect(dErr(() => openingFromJSON({ ...j, randomness: ['ff'.repeat(32), ...j.randomness.slice(1)] }))).toBe('scalar_out_of_range');
    });
  });

  it('property: encrypt, check, aggregate and decrypt gives the plain per-candidate sums', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }).map((b) => {
        const c = b.map(Number);
        return c.reduce((a, v) => a + v, 0) > 2 ? [1, 1, 0] : c;
      }), { maxLength: 4 }),
      (votes) => {
        const ballots = votes.map((v) => encryptContest(ctx, K, v, 2).ballot);
        if (!ballots.every((b) => checkContest(ctx, K, 2, 3, b).ok)) return false;
        const tally = aggregateContests(ballots, 3);
        return tally.every((c, i) => discreteLog(decryptToPoint(x, c)) === votes.reduce((s, v) => s + v[i]!, 0));
      },
    ), { numRuns: 8 });
  });

  it('aggregates no ballots to zeros and refuses ballots of another shape', () => {
    expect(aggregateContests([], 2).map((c) => discreteLog(decryptToPoint(x, c)))).toEqual([0, 0]);
    expect(() => aggregateContests([ballot], 3)).toThrow(RangeError);
  });

});
