/**
 * Batch verification (Bellare–Garay–Rabin 1998, "small exponents" test; the technique of
 * Ed25519 batch verification and of Belenios/ElectionGuard verifiers): every proof
 * equation is a linear relation Σ sᵢ·Pᵢ = 0; a batch weights each relation by an
 * independent random 128-bit scalar and checks the weighted sum with ONE multi-scalar
 * multiplication. A batch with a false relation passes with probability ≤ 2^−128.
 * @module
 */
import { pippenger } from '@noble/curves/abstract/curve.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { IDENTITY, ORDER, Point, type RNG, bytesToNumberLE, mod } from './group.js';

/** A linear relation that holds iff Σ scalars[i]·points[i] is the identity; scalars in 0..ℓ−1. */
export interface Relation {
  readonly points: readonly Point[];
  readonly scalars: readonly bigint[];
}

/** Bytes of randomness per weight: 128-bit weights (soundness error 2^−128 per batch). */
export const WEIGHT_BYTES = 16;

function randomWeight(rng: RNG): bigint {
  for (;;) {
    const w = bytesToNumberLE(rng(WEIGHT_BYTES));
    if (w !== 0n) return w;
  }
}

/**
 * Check one relation on its own (Strauss–Shamir through pippenger for small sizes).
 * @example checkRelation({ points: [G, X, R], scalars: [s, ORDER - c, ORDER - 1n] })
 */
export function checkRelation(r: Relation): boolean {
  return pippenger(Point, [...r.points], [...r.scalars]).equals(IDENTITY);
}

/**
 * Check that every relation holds, with one multi-scalar multiplication over all of
 * them, each weighted by an independent random 128-bit scalar. Terms on the same point
 * object (e.g. G, the joint key) are merged first. `true` means all hold except with
 * probability ≤ 2^−128; `false` means at least one fails (certainly).
 * @example checkRelations([...schnorrRelations(ctx, X, p)!, ...])
 */
export function checkRelations(relations: readonly Relation[], rng: RNG = randomBytes): boolean {
  const index = new Map<Point, number>();
  const points: Point[] = [];
  const scalars: bigint[] = [];
  for (const r of relations) {
    if (r.points.length !== r.scalars.length) throw new RangeError(`"relation" expected as many scalars as points, got ${r.scalars.length} and ${r.points.length}`);
    const w = randomWeight(rng);
    for (let i = 0; i < r.points.length; i++) {
      const P = r.points[i]!;
      const s = mod(r.scalars[i]! * w);
      const k = index.get(P);
      if (k === undefined) {
        index.set(P, points.length);
        points.push(P);
        scalars.push(s);
      } else {
        scalars[k] = mod(scalars[k]! + s);
      }
    }
  }
  if (points.length === 0) return true;
  return pippenger(Point, points, scalars).equals(IDENTITY);
}

/** ℓ − 1, the scalar of a term that is subtracted once. */
export const MINUS_ONE: bigint = ORDER - 1n;
