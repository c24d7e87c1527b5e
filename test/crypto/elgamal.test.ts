import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discreteLog } from '../../src/crypto/discrete-log.js';
import {
  ZERO, addCiphertexts, ciphertextEquals, ciphertextFromJSON, ciphertextToJSON, decryptToPoint, encrypt, pointBytes, pointFromJSON,
  sumCiphertexts,
} from '../../src/crypto/elgamal.js';
import { DecodeError, G, IDENTITY, ORDER, baseMul, encodePoint, pointToHex, randomScalar, toHex } from '../../src/crypto/group.js';

const x = randomScalar();
const K = baseMul(x);

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

describe('exponential ElGamal (ElectionGuard 2.0 §3.3)', () => {
  it('encrypts with the explicit randomness: (r·G, m·G + r·K)', () => {
    const r = randomScalar();
    const c = encrypt(K, 5, r);
    expect(c.alpha.equals(baseMul(r))).toBe(true);
    expect(c.beta.equals(baseMul(5n).add(K.multiply(r)))).toBe(true);
    expect(ciphertextEquals(encrypt(K, 5, r), c)).toBe(true);
    expect(decryptToPoint(x, c).equals(baseMul(5n))).toBe(true);
  });

  it('encrypts negative messages modulo ℓ (what a dishonest voter could do)', () => {
    const c = encrypt(K, -1, randomScalar());
    expect(decryptToPoint(x, c).equals(G.negate())).toBe(true);
  });

  it('refuses r = 0 (α would be the identity) and r ≥ ℓ', () => {
    expect(() => encrypt(K, 1, 0n)).toThrow(RangeError);
    expect(() => encrypt(K, 1, ORDER)).toThrow(RangeError);
    expect(() => encrypt(K, 1.5, 1n)).toThrow(RangeError);
  });

  it('adds homomorphically; ZERO is the neutral element and the empty sum', () => {
    const a = encrypt(K, 2, randomScalar());
    const b = encrypt(K, 3, randomScalar());
    expect(discreteLog(decryptToPoint(x, addCiphertexts(a, b)))).toBe(5);
    expect(ciphertextEquals(addCiphertexts(a, ZERO), a)).toBe(true);
    expect(ciphertextEquals(sumCiphertexts([]), ZERO)).toBe(true);
    expect(ciphertextEquals(sumCiphertexts([a, b]), addCiphertexts(a, b))).toBe(true);
  });

  it('JSON: round-trips; refuses the identity in an encryption but not in a sum', () => {
    const c = encrypt(K, 1, randomScalar());
    const j = ciphertextToJSON(c);
    expect(ciphertextEquals(ciphertextFromJSON(j), c)).toBe(true);
    const id = pointToHex(IDENTITY);
    expect(dErr(() => ciphertextFromJSON({ ...j, alpha: id }))).toBe('identity_point');
    expect(dErr(() => ciphertextFromJSON({ ...j, beta: id }))).toBe('identity_point');
    expect(ciphertextEquals(ciphertextFromJSON(ciphertextToJSON(ZERO), 'tally', 'sum'), ZERO)).toBe(true);
  });

  it('JSON: refuses non-canonical encodings and wrong shapes', () => {
    const j = ciphertextToJSON(encrypt(K, 1, randomScalar()));
    expect(dErr(() => ciphertextFromJSON({ ...j, alpha: j.alpha.toUpperCase() }))).toBe('not_hex');
    expect(dErr(() => ciphertextFromJSON({ ...j, beta: 'ed' + 'ff'.repeat(30) + '7f' }))).toBe('non_canonical_point');
    expect(dErr(() => ciphertextFromJSON({ ...j, beta: '01' + '00'.repeat(31) }))).toBe('non_canonical_point');
    expect(dErr(() => ciphertextFromJSON({ alpha: j.alpha } as never))).toBe('wrong_length');
    expect(dErr(() => ciphertextFromJSON({ ...j, gamma: j.alpha } as never))).toBe('wrong_length');
    expect(dErr(() => ciphertextFromJSON('x' as never))).toBe('wrong_length');
  });

  it('property: encrypt, aggregate, decrypt gives the plain sums per candidate', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }), { maxLength: 12 })
        .map((ballots) => ({ n, ballots }))),
      ({ n, ballots }) => {
        for (let i = 0; i < n; i++) {
          const sum = sumCiphertexts(ballots.map((b) => encrypt(K, b[i]!, randomScalar())));
          const plain = ballots.reduce((s, b) => s + b[i]!, 0);
          if (discreteLog(decryptToPoint(x, sum)) !== plain) return false;
        }
        return true;
      },
    ), { numRuns: 30 });
  });
});

describe('cached point encodings', () => {
  it('pointBytes equals the canonical encoding for computed and for decoded points', () => {
    const P = baseMul(randomScalar());
    expect(toHex(pointBytes(P))).toBe(pointToHex(P));
    expect(pointBytes(P)).toBe(pointBytes(P)); // computed once
    const Q = pointFromJSON(pointToHex(P), 'q');
    expect(toHex(pointBytes(Q))).toBe(toHex(encodePoint(Q)));
    expect(dErr(() => pointFromJSON(pointToHex(P).toUpperCase(), 'q'))).toBe('not_hex');
  });
});
