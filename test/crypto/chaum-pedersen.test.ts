import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRelation } from '../../src/crypto/batch.js';
import {
  type EqualityProof, type EqualityStatement, equalityChallenge, equalityProofFromJSON, equalityProofToJSON, equalityRelations,
  proveEquality, verifyEquality,
} from '../../src/crypto/chaum-pedersen.js';
import { encrypt } from '../../src/crypto/elgamal.js';
import { DecodeError, G, IDENTITY, ORDER, baseMul, mod, pointToHex, randomScalar } from '../../src/crypto/group.js';

const ctx = new TextEncoder().encode('election A');
const otherCtx = new TextEncoder().encode('election B');

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

function partialDecryption(x: bigint): EqualityStatement {
  const c = encrypt(baseMul(randomScalar()), 3, randomScalar());
  return { g1: G, h1: baseMul(x), g2: c.alpha, h2: c.alpha.multiply(x) };
}

describe('Chaum–Pedersen equality of discrete logs (ElectionGuard 2.0 §3.6.3)', () => {
  const x = randomScalar();
  const st = partialDecryption(x);
  const proof = proveEquality(ctx, st, x);
  const holds = (s: EqualityStatement, p: EqualityProof, c = ctx) => {
    const v = verifyEquality(c, s, p);
    const r = equalityRelations(c, s, p);
    expect(r !== null && r.every(checkRelation)).toBe(v); // the relations say the same
    return v;
  };

  it('an honest proof verifies', () => {
    expect(holds(st, proof)).toBe(true);
  });

  it('rejects a changed statement point (ciphertext, share, key, generator)', () => {
    expect(holds({ ...st, g2: st.g2.add(G) }, proof)).toBe(false);
    expect(holds({ ...st, h2: st.h2.add(G) }, proof)).toBe(false);
    expect(holds({ ...st, h1: st.h1.add(G) }, proof)).toBe(false);
    expect(holds({ ...st, g1: st.g1.double() }, proof)).toBe(false);
  });

  it('rejects a changed commitment or response', () => {
    expect(holds(st, { ...proof, a1: proof.a1.add(G) })).toBe(false);
    expect(holds(st, { ...proof, a2: proof.a2.add(G) })).toBe(false);
    expect(holds(st, { ...proof, response: mod(proof.response + 1n) })).toBe(false);
  });

  it('rejects the proof moved to another statement or another context', () => {
    expect(holds(partialDecryption(x), proof)).toBe(false);
    expect(holds(st, proof, otherCtx)).toBe(false);
  });

  it('rejects a false statement: a share computed with another secret', () => {
    const y = mod(x + 1n);
    const lying = { ...st, h2: st.g2.multiply(y) }; // claims log_α(h2) = x, but it is y
    expect(holds(lying, proveEquality(ctx, lying, x))).toBe(false);
    expect(holds(lying, proveEquality(ctx, lying, y))).toBe(false);
  });

  it('rejects a simulated proof whose challenge was chosen before the commitments', () => {
    const s = randomScalar();
    const c = randomScalar();
    const forged = { a1: st.g1.multiply(s).subtract(st.h1.multiply(c)), a2: st.g2.multiply(s).subtract(st.h2.multiply(c)), response: s };
    expect(equalityChallenge(ctx, st, forged.a1, forged.a2)).not.toBe(c);
    expect(holds(st, forged)).toBe(false);
  });

  it('never throws on malformed untrusted input', () => {
    expect(verifyEquality(ctx, st, { ...proof, response: ORDER })).toBe(false);
    expect(verifyEquality(ctx, { ...st, g2: undefined } as never, proof)).toBe(false);
    expect(verifyEquality(ctx, st, undefined as never)).toBe(false);
    expect(equalityRelations(ctx, st, { a1: 0 } as never)).toBeNull();
    expect(() => proveEquality(ctx, st, -1n)).toThrow(RangeError);
  });

  it('round-trips through JSON and refuses non-canonical encodings', () => {
    const j = equalityProofToJSON(proof);
    expect(verifyEquality(ctx, st, equalityProofFromJSON(j))).toBe(true);
    expect(dErr(() => equalityProofFromJSON({ ...j, a1: j.a1.toUpperCase() }))).toBe('not_hex');
    expect(dErr(() => equalityProofFromJSON({ ...j, a2: 'ff'.repeat(31) + '7f' }))).toBe('non_canonical_point');
    expect(dErr(() => equalityProofFromJSON({ ...j, response: 'ff'.repeat(32) }))).toBe('scalar_out_of_range');
    expect(dErr(() => equalityProofFromJSON({ ...j, more: '' } as never))).toBe('wrong_length');
    expect(dErr(() => equalityProofFromJSON([] as never))).toBe('wrong_length');
  });

  it('allows an identity commitment where the statement makes it honest (decrypting the empty tally)', () => {
    const empty = { g1: G, h1: baseMul(x), g2: IDENTITY, h2: IDENTITY };
    const p = proveEquality(ctx, empty, x);
    expect(p.a2.equals(IDENTITY)).toBe(true);
    const back = equalityProofFromJSON(equalityProofToJSON(p));
    expect(pointToHex(back.a2)).toBe(pointToHex(IDENTITY));
    expect(holds(empty, back)).toBe(true);
  });

  it('property: proofs verify for random secrets and generators, and only for their statement', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: ORDER - 1n }), fc.bigInt({ min: 1n, max: ORDER - 1n }), (s, t) => {
      const g2 = baseMul(t);
      const S = { g1: G, h1: baseMul(s), g2, h2: g2.multiply(s) };
      const p = proveEquality(ctx, S, s);
      return verifyEquality(ctx, S, p) && !verifyEquality(ctx, { ...S, h2: S.h2.add(G) }, p);
    }), { numRuns: 20 });
  });
});
