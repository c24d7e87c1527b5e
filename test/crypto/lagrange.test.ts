import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER, mod, randomScalar } from '../../src/crypto/group.js';
import { evaluatePolynomial, lagrangeAtZero, lagrangeCoefficients, powers } from '../../src/crypto/lagrange.js';

function randomPoly(t: number): bigint[] {
  return Array.from({ length: t }, () => randomScalar());
}

/** A random subset of 1..n of the given size, from fast-check. */
const setup = fc.integer({ min: 1, max: 7 }).chain((n) =>
  fc.integer({ min: 1, max: n }).chain((t) =>
    fc.tuple(fc.constant(n), fc.constant(t), fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: t, maxLength: n })),
  ),
);

describe('Shamir polynomials and Lagrange interpolation at 0', () => {
  it('evaluates by Horner: f(x) = Σ a_k x^k mod ℓ', () => {
    expect(evaluatePolynomial([5n, 2n], 3n)).toBe(11n);
    expect(evaluatePolynomial([ORDER - 1n, 1n], 1n)).toBe(0n);
    const a = randomPoly(4);
    const x = 9n;
    expect(evaluatePolynomial(a, x)).toBe(mod(a[0]! + a[1]! * x + a[2]! * x * x + a[3]! * x * x * x));
  });

  it('powers(j, t) are 1, j, …, j^(t−1)', () => {
    expect(powers(3, 4)).toEqual([1n, 3n, 9n, 27n]);
    expect(powers(5, 1)).toEqual([1n]);
  });

  it('any t or more shares give f(0); property over random t-of-n and subsets', () => {
    fc.assert(fc.property(setup, ([_n, t, subset]) => {
      const a = randomPoly(t);
      const lambdas = lagrangeCoefficients(subset);
      const f0 = subset.reduce((acc, j, i) => mod(acc + lambdas[i]! * evaluatePolynomial(a, BigInt(j))), 0n);
      expect(f0).toBe(a[0]);
    }), { numRuns: 100 });
  });

  it('t − 1 shares interpolate to a different value than f(0)', () => {
    fc.assert(fc.property(setup.filter(([, t]) => t >= 2), ([_n, t, subset]) => {
      const a = randomPoly(t);
      const few = subset.slice(0, t - 1);
      const lambdas = lagrangeCoefficients(few);
      const guess = few.reduce((acc, j, i) => mod(acc + lambdas[i]! * evaluatePolynomial(a, BigInt(j))), 0n);
      expect(guess).not.toBe(a[0]);
    }), { numRuns: 50 });
  });

  it('matches the closed forms for two points: λ1 = 2, λ2 = −1', () => {
    expect(lagrangeAtZero(1, [1, 2])).toBe(2n);
    expect(lagrangeAtZero(2, [1, 2])).toBe(ORDER - 1n);
  });

  it('refuses duplicate, missing or out-of-range indices', () => {
    expect(() => lagrangeCoefficients([1, 2, 2])).toThrow(RangeError);
    expect(() => lagrangeAtZero(3, [1, 2])).toThrow(RangeError);
    expect(() => lagrangeAtZero(0, [0, 1])).toThrow(RangeError);
    expect(() => lagrangeAtZero(1.5, [1.5, 2])).toThrow(RangeError);
    expect(() => evaluatePolynomial([], 1n)).toThrow(RangeError);
    expect(() => evaluatePolynomial([ORDER], 1n)).toThrow(RangeError);
  });
});
