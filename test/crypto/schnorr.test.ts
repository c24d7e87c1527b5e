import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { checkRelation } from '../../src/crypto/batch.js';
import {
  DecodeError, G, IDENTITY, ORDER, baseMul, mod, pointToHex, randomScalar, scalarToHex,
} from '../../src/crypto/group.js';
import {
  type SchnorrProof, proveSchnorr, schnorrChallenge, schnorrProofFromJSON, schnorrProofToJSON, schnorrRelations, verifySchnorr,
} from '../../src/crypto/schnorr.js';

const ctx = new TextEncoder().encode('election A');
const otherCtx = new TextEncoder().encode('election B');

function seeded(seed: number) {
  let i = 0;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let off = 0; off < n; off += 32) out.set(sha256(new Uint8Array([seed, i++, off])).subarray(0, Math.min(32, n - off)), off);
    return out;
  };
}

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

describe('Schnorr proof of knowledge (ElectionGuard 2.0 §3.2.2)', () => {
  const x = randomScalar();
  const X = baseMul(x);
  const proof = proveSchnorr(ctx, x);

  it('an honest proof verifies, individually and as a relation', () => {
    expect(verifySchnorr(ctx, X, proof)).toBe(true);
    const rel = schnorrRelations(ctx, X, proof);
    expect(rel).not.toBeNull();
    expect(rel!.every(checkRelation)).toBe(true);
  });

  it('is deterministic for a fixed rng and random otherwise', () => {
    expect(schnorrProofToJSON(proveSchnorr(ctx, x, seeded(1)))).toEqual(schnorrProofToJSON(proveSchnorr(ctx, x, seeded(1))));
    expect(proveSchnorr(ctx, x).commitment.equals(proof.commitment)).toBe(false);
  });

  it('rejects a changed commitment', () => {
    const bad = { ...proof, commitment: proof.commitment.add(G) };
    expect(verifySchnorr(ctx, X, bad)).toBe(false);
    expect(schnorrRelations(ctx, X, bad)!.every(checkRelation)).toBe(false);
  });

  it('rejects a changed response', () => {
    const bad = { ...proof, response: mod(proof.response + 1n) };
    expect(verifySchnorr(ctx, X, bad)).toBe(false);
    expect(schnorrRelations(ctx, X, bad)!.every(checkRelation)).toBe(false);
  });

  it('rejects the proof moved to another statement or another context', () => {
    expect(verifySchnorr(ctx, X.add(G), proof)).toBe(false);
    expect(verifySchnorr(ctx, baseMul(randomScalar()), proof)).toBe(false);
    expect(verifySchnorr(otherCtx, X, proof)).toBe(false);
  });

  it('rejects a proof by a prover who does not know x (response for another secret)', () => {
    const liar = proveSchnorr(ctx, mod(x + 1n));
    expect(verifySchnorr(ctx, X, liar)).toBe(false);
  });

  it('rejects a forgery that fixes the response and challenge first (weak Fiat–Shamir style)', () => {
    // Pick s and c, set R = s·G − c·X: a valid interactive transcript, but c ≠ H(ctx, X, R).
    const s = randomScalar();
    const c = randomScalar();
    const forged: SchnorrProof = { commitment: baseMul(s).subtract(X.multiply(c)), response: s };
    expect(schnorrChallenge(ctx, X, forged.commitment)).not.toBe(c);
    expect(verifySchnorr(ctx, X, forged)).toBe(false);
  });

  it('never throws on malformed untrusted input', () => {
    expect(verifySchnorr(ctx, X, { commitment: proof.commitment, response: ORDER })).toBe(false);
    expect(verifySchnorr(ctx, X, { commitment: proof.commitment, response: -1n })).toBe(false);
    expect(verifySchnorr(ctx, X, null as unknown as SchnorrProof)).toBe(false);
    expect(verifySchnorr(ctx, 'X' as never, proof)).toBe(false);
    expect(schnorrRelations(ctx, X, { commitment: 1, response: 1n } as never)).toBeNull();
    expect(() => verifySchnorr('ctx' as never, X, proof)).toThrow(TypeError);
    expect(() => proveSchnorr(ctx, ORDER)).toThrow(RangeError);
  });

  it('round-trips through JSON and refuses non-canonical encodings', () => {
    const j = schnorrProofToJSON(proof);
    expect(j.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySchnorr(ctx, X, schnorrProofFromJSON(j))).toBe(true);
    expect(dErr(() => schnorrProofFromJSON({ ...j, commitment: j.commitment.toUpperCase() }))).toBe('not_hex');
    expect(dErr(() => schnorrProofFromJSON({ ...j, commitment: 'ff'.repeat(31) + '7f' }))).toBe('non_canonical_point');
    expect(dErr(() => schnorrProofFromJSON({ ...j, commitment: pointToHex(IDENTITY) }))).toBe('identity_point');
    expect(dErr(() => schnorrProofFromJSON({ ...j, response: 'ff'.repeat(32) }))).toBe('scalar_out_of_range');
    // ℓ itself, the smallest non-canonical scalar (s + ℓ would verify if reduced silently)
    const lHex = Array.from({ length: 32 }, (_, i) => Number((ORDER >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join('');
    expect(dErr(() => schnorrProofFromJSON({ ...j, response: lHex }))).toBe('scalar_out_of_range');
    expect(dErr(() => schnorrProofFromJSON({ ...j, response: j.response.slice(2) }))).toBe('wrong_length');
    expect(dErr(() => schnorrProofFromJSON({ ...j, extra: 1 } as never))).toBe('wrong_length');
    expect(dErr(() => schnorrProofFromJSON({ commitment: j.commitment } as never))).toBe('wrong_length');
    expect(dErr(() => schnorrProofFromJSON(null as never))).toBe('wrong_length');
    expect(dErr(() => schnorrProofFromJSON({ ...j, response: scalarToHex(0n) }))).toBe('accepted');
  });

  it('property: proofs of random secrets verify and only under their own context and key', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: ORDER - 1n }), fc.uint8Array({ maxLength: 40 }), (s, c) => {
      const p = proveSchnorr(c, s);
      const S = baseMul(s);
      return verifySchnorr(c, S, p) && !verifySchnorr(c, S.add(G), p)
        && !verifySchnorr(new Uint8Array([...c, 0]), S, p);
    }), { numRuns: 25 });
  });
});
