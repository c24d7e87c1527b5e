/**
 * Shamir polynomials over the scalar field of ristretto255: evaluation of a dealer's
 * polynomial (ElectionGuard 2.0 §3.2.2) and Lagrange coefficients at 0 for combining
 * any t shares (ElectionGuard 2.0 §3.6.2, Shamir 1979).
 * @module
 */
import { ORDER, invert, mod } from './group.js';

/** Largest trustee index accepted (indices are written as u32 in transcripts). */
export const MAX_TRUSTEE_INDEX = 0xffffffff;

function assertIndex(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_TRUSTEE_INDEX) {
    throw new RangeError(`"${name}" expected an integer index ≥ 1, got ${String(v)}`);
  }
}

/**
 * f(x) = Σ_k a_k·x^k mod ℓ, by Horner's rule.
 * @example evaluatePolynomial([5n, 2n], 3n) // 11n
 */
export function evaluatePolynomial(coefficients: readonly bigint[], x: bigint): bigint {
  if (coefficients.length === 0) throw new RangeError('"coefficients" expected at least one coefficient, got none');
  let acc = 0n;
  for (let k = coefficients.length - 1; k >= 0; k--) {
    const a = coefficients[k]!;
    if (typeof a !== 'bigint' || a < 0n || a >= ORDER) {
      throw new RangeError(`"coefficients[${k}]" expected 0 <= a < ℓ, got ${String(a)}`);
    }
    acc = mod(acc * x + a);
  }
  return acc;
}

/**
 * The powers 1, j, j², …, j^(t−1) mod ℓ used to evaluate polynomial commitments at j
 * (Feldman's check f(j)·G = Σ_k j^k·C_k).
 */
export function powers(j: number, t: number): bigint[] {
  assertIndex('j', j);
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`"t" expected an integer ≥ 1, got ${t}`);
  const out: bigint[] = [1n];
  const x = BigInt(j);
  for (let k = 1; k < t; k++) out.push(mod(out[k - 1]! * x));
  return out;
}

/**
 * Lagrange coefficient at 0 of `index` for the set `indices` (all distinct, ≥ 1, containing `index`):
 * λ_i = Π_{j ∈ S, j ≠ i} j / (j − i) mod ℓ (ElectionGuard 2.0 §3.6.2, w_ℓ).
 * @example lagrangeAtZero(1, [1, 2]) // 2n, since f(0) = 2·f(1) − f(2) for a line
 */
export function lagrangeAtZero(index: number, indices: readonly number[]): bigint {
  assertIndex('index', index);
  let num = 1n;
  let den = 1n;
  let seen = false;
  for (const j of indices) {
    assertIndex('indices[]', j);
    if (j === index) {
      if (seen) throw new RangeError(`"indices" expected distinct values, got ${index} twice`);
      seen = true;
      continue;
    }
    num = mod(num * BigInt(j));
    den = mod(den * BigInt(j - index));
  }
  if (!seen) throw new RangeError(`"indices" expected to contain ${index}, got [${indices.join(', ')}]`);
  return mod(num * invert(den));
}

/**
 * All Lagrange coefficients at 0 for a set of distinct indices, in the same order
 * (one inversion per index; the sets are small).
 * @throws RangeError on duplicates or indices < 1
 */
export function lagrangeCoefficients(indices: readonly number[]): bigint[] {
  const set = new Set(indices);
  if (set.size !== indices.length) throw new RangeError(`"indices" expected distinct values, got [${indices.join(', ')}]`);
  return indices.map((i) => lagrangeAtZero(i, indices));
}
