import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type ContestBallot, ballotContext, checkContest, encryptContest } from '../../src/crypto/ballot.js';
import { type ContestItem, batchCheckContests, batchCheckGroups, checkRelation, checkRelations, shortMsm } from '../../src/crypto/batch.js';
import { equalityRelations, proveEquality } from '../../src/crypto/chaum-pedersen.js';
import { type DisjunctiveProof, proveOneOf } from '../../src/crypto/disjunctive.js';
import { encrypt, sumCiphertexts } from '../../src/crypto/elgamal.js';
import { G, IDENTITY, ORDER, Point, baseMul, mod, randomScalar } from '../../src/crypto/group.js';
import { pippenger } from '@noble/curves/abstract/curve.js';
import { proveSchnorr, schnorrRelations } from '../../src/crypto/schnorr.js';
import { TAGS, Transcript } from '../../src/crypto/transcript.js';

const K = baseMul(randomScalar());
const manifestHash = new Uint8Array(32).fill(7);
const ctxOf = (k: number) => ballotContext({ manifestHash, publicKey: K, contestId: 'board', ballotPublicKey: new Uint8Array(32).fill(k) });
const N = 2;
const n = 3;

/** A ballot whose sum is N + 1, with a range proof that lies about it. */
function overvote(ctx: Uint8Array): ContestBallot {
  const honest = encryptContest(ctx, K, [1, 1, 0], N);
  const r = randomScalar();
  const third = encrypt(K, 1, r);
  const t0 = new Transcript(TAGS.disjunctive).bytes(ctx).point(K).point(third.alpha).point(third.beta);
  const selections = [...honest.ballot.selections.slice(0, 2), { ciphertext: third, proof: proveOneOf(t0, K, third, 2, 1, r) }];
  const parts = selections.map((s) => s.ciphertext);
  const sum = sumCiphertexts(parts);
  const t = new Transcript(TAGS.range).bytes(ctx).point(K).u32(N).u32(n);
  for (const p of parts) t.point(p.alpha).point(p.beta);
  t.point(sum.alpha).point(sum.beta);
  const rSum = mod(honest.opening.randomness[0]! + honest.opening.randomness[1]! + r);
  return { selections, rangeProof: proveOneOf(t, K, sum, N + 1, N, rSum) };
}

const pool = [[1, 0, 1], [0, 0, 0], [0, 1, 0], [1, 1, 0]].map((choices, k) => {
  const ctx = ctxOf(k + 1);
  return { ctx, ballot: encryptContest(ctx, K, choices, N).ballot };
});
const overvoted = { ctx: ctxOf(9), ballot: overvote(ctxOf(9)) };

type Branches = DisjunctiveProof['branches'];
const bump = (brs: Branches, j: number, f: (b: Branches[number]) => object): DisjunctiveProof =>
  ({ branches: brs.map((b, i) => (i === j ? { ...b, ...f(b) } : b)) }) as DisjunctiveProof;
const shift = (brs: Branches): DisjunctiveProof => ({
  branches: brs.map((b, i) => (i === 0 ? { ...b, challenge: mod(b.challenge + 5n) } : i === 1 ? { ...b, challenge: mod(b.challenge - 5n) } : b)),
});

/** Ways to spoil a ballot, each touching a different field. */
const TAMPERS: ((b: ContestBallot, i: number) => ContestBallot)[] = [
  (b) => b,
  (b, i) => ({ ...b, selections: b.selections.map((s, j) => (j === i ? { ...s, ciphertext: { ...s.ciphertext, beta: s.ciphertext.beta.add(G) } } : s)) }),
  (b, i) => ({ ...b, selections: b.selections.map((s, j) => (j === i ? { ...s, proof: bump(s.proof.branches, i % 2, (br) => ({ a: br.a.add(G) })) } : s)) }),
  (b, i) => ({ ...b, selections: b.selections.map((s, j) => (j === i ? { ...s, proof: bump(s.proof.branches, 1, (br) => ({ b: br.b.add(G) })) } : s)) }),
  (b, i) => ({ ...b, selections: b.selections.map((s, j) => (j === i ? { ...s, proof: bump(s.proof.branches, 0, (br) => ({ response: mod(br.response + 1n) })) } : s)) }),
  (b, i) => ({ ...b, selections: b.selections.map((s, j) => (j === i ? { ...s, proof: shift(s.proof.branches) } : s)) }),
  (b, i) => ({ ...b, rangeProof: bump(b.rangeProof.branches, i % (N + 1), (br) => ({ a: br.a.add(G) })) }),
  (b, i) => ({ ...b, rangeProof: bump(b.rangeProof.branches, i % (N + 1), (br) => ({ response: mod(br.response + 1n) })) }),
  (b) => ({ ...b, rangeProof: shift(b.rangeProof.branches) }),
  (b) => ({ ...b, selections: [b.selections[1]!, b.selections[0]!, ...b.selections.slice(2)] }),
  (b) => ({ ...b, selections: b.selections.slice(1) }),
];

function item(k: number, tamper: number, at: number, moved: boolean): ContestItem {
  const base = k === pool.length ? overvoted : pool[k]!;
  return {
    ctx: moved ? ctxOf(20 + k) : base.ctx, K, maxSelections: N, candidateCount: n, ballot: TAMPERS[tamper]!(base.ballot, at),
  };
}

describe('batch verification (one multi-scalar multiplication, bisection on failure)', () => {
  it('accepts a batch of good ballots and the empty batch', () => {
    expect(batchCheckContests(pool.map(({ ctx, ballot }) => ({ ctx, K, maxSelections: N, candidateCount: n, ballot })))).toEqual({ ok: true, bad: [] });
    expect(batchCheckContests([])).toEqual({ ok: true, bad: [] });
  });

  it('names exactly the bad ballots, each tamper kind alone', () => {
    for (let t = 1; t < TAMPERS.length; t++) {
      const items = [item(0, 0, 0, false), item(1, t, 1, false), item(2, 0, 0, false)];
      expect(checkContest(items[1]!.ctx, K, N, n, items[1]!.ballot).ok).toBe(false);
      expect(batchCheckContests(items)).toEqual({ ok: false, bad: [1] });
    }
    expect(batchCheckContests([item(0, 0, 0, true), item(pool.length, 0, 0, false), item(3, 0, 0, false)])).toEqual({ ok: false, bad: [0, 1] });
  });

  it('property: the batch verdict equals checkContest on each item, for random mixes of good and tampered ballots', () => {
    fc.assert(fc.property(
      fc.array(fc.record({
        k: fc.integer({ min: 0, max: pool.length }),
        tamper: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: TAMPERS.length - 1 })),
        at: fc.integer({ min: 0, max: n - 1 }),
        moved: fc.integer({ min: 0, max: 9 }).map((v) => v < 2),
      }), { maxLength: 7 }),
      (spec) => {
        const items = spec.map((s) => item(s.k, s.tamper, s.at, s.moved));
        const expected = items.flatMap((it, i) => (checkContest(it.ctx, it.K, it.maxSelections, it.candidateCount, it.ballot).ok ? [] : [i]));
        const got = batchCheckContests(items);
        return got.ok === (expected.length === 0) && JSON.stringify(got.bad) === JSON.stringify(expected);
      },
    ), { numRuns: 15 });
  });

  it('the weights must be independent: two false equations that cancel pass with equal weights, fail with random ones', () => {
    const plus = { points: [G], scalars: [1n] };
    const minus = { points: [G], scalars: [ORDER - 1n] };
    expect(checkRelation(plus) || checkRelation(minus)).toBe(false);
    const constant = (len: number) => new Uint8Array(len).fill(1);
    expect(checkRelations([plus, minus], constant)).toBe(true); // the flaw random weights prevent
    expect(checkRelations([plus, minus])).toBe(false);
  });

  it('serves other proofs too: Schnorr proofs and decryption-share proofs, with bad ones named', () => {
    const ctx = new Uint8Array([1, 2, 3]);
    const secrets = [1, 2, 3, 4, 5].map(() => randomScalar());
    const schnorr = secrets.map((s) => ({ X: baseMul(s), proof: proveSchnorr(ctx, s) }));
    schnorr[3] = { ...schnorr[3]!, X: schnorr[3]!.X.add(G) };
    expect(batchCheckGroups(schnorr.map(({ X, proof }) => schnorrRelations(ctx, X, proof)))).toEqual({ ok: false, bad: [3] });
    const c = encrypt(K, 1, randomScalar());
    const shares = secrets.map((s) => {
      const st = { g1: G, h1: baseMul(s), g2: c.alpha, h2: c.alpha.multiply(s) };
      return { st, proof: proveEquality(ctx, st, s) };
    });
    shares[0] = { ...shares[0]!, st: { ...shares[0]!.st, h2: shares[0]!.st.h2.add(G) } };
    shares[4] = { ...shares[4]!, proof: { ...shares[4]!.proof, response: mod(shares[4]!.proof.response + 1n) } };
    expect(batchCheckGroups(shares.map(({ st, proof }) => equalityRelations(ctx, st, proof)))).toEqual({ ok: false, bad: [0, 4] });
    expect(batchCheckGroups([null, [], null])).toEqual({ ok: false, bad: [0, 2] });
  });
});

describe('shortMsm (the folded check\'s 128-bit weights on the proofs\' commitments)', () => {
  it('equals noble\'s pippenger for any number of points and weights, zero weights included', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.bigInt({ min: 1n, max: ORDER - 1n }), fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }))), { minLength: 0, maxLength: 40 }),
      (terms) => {
        const points = terms.map(([k]) => baseMul(k));
        const scalars = terms.map(([, w]) => w);
        const expected = points.length === 0 ? IDENTITY : pippenger(Point, points, scalars);
        expect(shortMsm(points, scalars).equals(expected)).toBe(true);
      },
    ), { numRuns: 25 });
  });

  it('refuses a weight of 2^128 or more, or below 0', () => {
    expect(() => shortMsm([G], [1n << 128n])).toThrow(RangeError);
    expect(() => shortMsm([G], [-1n])).toThrow(RangeError);
  });

  it('a relation whose commitment is off by G fails the folded check, whatever the weights', () => {
    const x = randomScalar();
    const X = baseMul(x);
    const ok = { points: [G, X], scalars: [x, ORDER - 1n] };
    const off = { points: [G, X.add(G)], scalars: [x, ORDER - 1n] };
    expect(checkRelations([ok, ok, ok])).toBe(true);
    expect(checkRelations([ok, off, ok])).toBe(false);
  });
});
