import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRelations } from '../../src/crypto/batch.js';
import { type DisjunctiveProof, proveOneOf } from '../../src/crypto/disjunctive.js';
import { type Ciphertext, encrypt, sumCiphertexts } from '../../src/crypto/elgamal.js';
import { DecodeError, G, ORDER, baseMul, mod, randomScalar } from '../../src/crypto/group.js';
import {
  MAX_RANGE_BOUND, proveRange, rangeProofFromJSON, rangeProofToJSON, rangeRelations, verifyRange,
} from '../../src/crypto/range.js';
import { TAGS, Transcript } from '../../src/crypto/transcript.js';

const ctx = new TextEncoder().encode('election A / contest 1 / ballot key');
const otherCtx = new TextEncoder().encode('election B / contest 1 / ballot key');
const K = baseMul(randomScalar());

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

/** A contest: per-candidate ciphertexts of `choices`, their sum and the sum's randomness. */
function contest(choices: number[]) {
  const rs = choices.map(() => randomScalar());
  const parts = choices.map((m, i) => encrypt(K, m, rs[i]!));
  return { parts, sum: sumCiphertexts(parts), r: mod(rs.reduce((a, b) => a + b, 0n)), m: choices.reduce((a, b) => a + b, 0) };
}

function holds(c: Ciphertext, bound: number, parts: readonly Ciphertext[], p: DisjunctiveProof, context = ctx, key = K): boolean {
  const v = verifyRange(context, key, c, bound, parts, p);
  const r = rangeRelations(context, key, c, bound, parts, p);
  expect(r !== null && checkRelations(r)).toBe(v);
  return v;
}

/** The range transcript, rebuilt by a test's cheating prover. */
function transcript(c: Ciphertext, bound: number, parts: readonly Ciphertext[]): Transcript {
  const t = new Transcript(TAGS.range).bytes(ctx).point(K).u32(bound).u32(parts.length);
  for (const p of parts) t.point(p.alpha).point(p.beta);
  return t.point(c.alpha).point(c.beta);
}

describe('range proof: the contest sum lies in 0..N (ElectionGuard 2.0 §3.3.8)', () => {
  const N = 2;
  const k = contest([1, 0, 1, 0, 0]);
  const proof = proveRange(ctx, K, k.sum, N, k.m, k.r, k.parts);

  it('honest proofs verify for every value 0..N, with N + 1 branches', () => {
    expect(proof.branches.length).toBe(N + 1);
    expect(holds(k.sum, N, k.parts, proof)).toBe(true);
    for (const choices of [[0, 0, 0], [1, 0, 0], [1, 1, 0]]) {
      const x = contest(choices);
      expect(holds(x.sum, N, x.parts, proveRange(ctx, K, x.sum, N, x.m, x.r, x.parts))).toBe(true);
    }
  });

  it('rejects a changed ciphertext (the sum, or one of the hashed per-candidate ciphertexts)', () => {
    expect(holds({ ...k.sum, beta: k.sum.beta.add(G) }, N, k.parts, proof)).toBe(false);
    const parts = k.parts.map((p, i) => (i === 1 ? { ...p, beta: p.beta.add(G) } : p));
    expect(holds(k.sum, N, parts, proof)).toBe(false);
    // same sum, other order: the per-candidate ciphertexts are part of the statement
    expect(holds(k.sum, N, [...k.parts].reverse(), proof)).toBe(false);
  });

  it('rejects a changed commitment, challenge or response in any branch', () => {
    for (let j = 0; j <= N; j++) {
      const edit = (f: (br: DisjunctiveProof['branches'][number]) => object) =>
        ({ branches: proof.branches.map((br, i) => (i === j ? { ...br, ...f(br) } : br)) }) as DisjunctiveProof;
      expect(holds(k.sum, N, k.parts, edit((br) => ({ a: br.a.add(G) })))).toBe(false);
      expect(holds(k.sum, N, k.parts, edit((br) => ({ b: br.b.add(G) })))).toBe(false);
      expect(holds(k.sum, N, k.parts, edit((br) => ({ response: mod(br.response + 1n) })))).toBe(false);
      expect(holds(k.sum, N, k.parts, edit((br) => ({ challenge: mod(br.challenge + 1n) })))).toBe(false);
    }
  });

  it('rejects the proof under another bound, statement, key or context', () => {
    expect(holds(k.sum, N + 1, k.parts, proof)).toBe(false);
    expect(holds(k.sum, N - 1, k.parts, proof)).toBe(false);
    const other = contest([1, 0, 1, 0, 0]);
    expect(holds(other.sum, N, other.parts, proof)).toBe(false);
    expect(holds(k.sum, N, k.parts, proof, otherCtx)).toBe(false);
    expect(holds(k.sum, N, k.parts, proof, ctx, baseMul(randomScalar()))).toBe(false);
  });

  it('rejects a contest sum of N + 1 from a dishonest prover, whichever branch it claims', () => {
    const over = contest([1, 1, 1, 0, 0]); // 3 = N + 1
    for (let claimed = 0; claimed <= N; claimed++) {
      const lie = proveOneOf(transcript(over.sum, N, over.parts), K, over.sum, N + 1, claimed, over.r);
      expect(holds(over.sum, N, over.parts, lie)).toBe(false);
    }
    // … and a sum of −1 (a selection of −1 hidden among the candidates)
    const neg = contest([0, -1, 0, 0, 0]);
    const lie = proveOneOf(transcript(neg.sum, N, neg.parts), K, neg.sum, N + 1, 0, neg.r);
    expect(holds(neg.sum, N, neg.parts, lie)).toBe(false);
  });

  it('the prover refuses a value outside 0..N and a bound outside 0..MAX', () => {
    expect(() => proveRange(ctx, K, k.sum, 1, 2, k.r, k.parts)).toThrow(RangeError);
    expect(() => proveRange(ctx, K, k.sum, MAX_RANGE_BOUND + 1, 2, k.r, k.parts)).toThrow(RangeError);
    expect(() => verifyRange(ctx, K, k.sum, -1, k.parts, proof)).toThrow(RangeError);
    expect(verifyRange(ctx, K, k.sum, N, 'x' as never, proof)).toBe(false);
  });

  it('JSON round-trips and refuses non-canonical encodings and wrong branch counts', () => {
    const j = rangeProofToJSON(proof);
    expect(holds(k.sum, N, k.parts, rangeProofFromJSON(j, N))).toBe(true);
    expect(dErr(() => rangeProofFromJSON(j, N + 1))).toBe('wrong_length');
    const br = j.branches[2]!;
    const set = (b: object) => ({ branches: [j.branches[0]!, j.branches[1]!, b] }) as never;
    expect(dErr(() => rangeProofFromJSON(set({ ...br, response: br.response.toUpperCase() }), N))).toBe('not_hex');
    expect(dErr(() => rangeProofFromJSON(set({ ...br, a: 'ff'.repeat(31) + '7f' }), N))).toBe('non_canonical_point');
    const lHex = Array.from({ length: 32 }, (_, i) => Number((ORDER >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join('');
    expect(dErr(() => rangeProofFromJSON(set({ ...br, challenge: lHex }), N))).toBe('scalar_out_of_range');
  });

  it('property: a random contest verifies iff its sum is within the bound', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 4 }),
      (choices, bound) => {
        const x = contest(choices);
        const claimed = Math.min(x.m, bound);
        const p = proveOneOf(transcript(x.sum, bound, x.parts), K, x.sum, bound + 1, claimed, x.r);
        return verifyRange(ctx, K, x.sum, bound, x.parts, p) === (x.m <= bound);
      },
    ), { numRuns: 25 });
  });
});
