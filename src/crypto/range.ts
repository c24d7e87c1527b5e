/**
 * Range proof: a ciphertext encrypts a value in 0..N (ElectionGuard 2.0 §3.3.8, the
 * contest-selection-limit proof; Belenios' "overall proof"), as a disjunctive
 * Chaum–Pedersen proof over the N + 1 values (the core of `disjunctive.ts`).
 *
 * The statement is (K, N, the contest's per-candidate ciphertexts, the ciphertext c whose
 * value is bounded): the challenge hashes TAGS.range, ctx, K, N, the number of
 * per-candidate ciphertexts and each of them, c, then all 2(N + 1) commitments. Hashing the
 * per-candidate ciphertexts binds the proof to this ballot's selections even though the
 * verifier recomputes c as their sum.
 *
 * Cost, linear in N: a proof holds 2(N + 1) points and 2(N + 1) scalars, 128·(N + 1)
 * bytes; proving costs 2 constant-time and 4N variable-time multiplications, verifying
 * 4(N + 1) (half of them by G or K, which use precomputed tables), or 2(N + 1) equations
 * of a batch. For the contest sizes of an association election (N ≤ a few dozen) this is
 * cheaper than bit-decomposition range proofs (O(log N) points, but larger constants); N
 * is capped at 1024.
 * @module
 */
import { randomBytes } from '@noble/hashes/utils.js';
import type { Relation } from './batch.js';
import {
  type DisjunctiveProof, type DisjunctiveProofJSON, MAX_BRANCHES, disjunctiveProofFromJSON, disjunctiveProofToJSON,
  oneOfRelations, proveOneOf, verifyOneOf,
} from './disjunctive.js';
import { type Ciphertext, isCiphertext, pointBytes } from './elgamal.js';
import { Point, type RNG } from './group.js';
import { TAGS, Transcript } from './transcript.js';

/** The largest bound N a range proof may have. */
export const MAX_RANGE_BOUND = MAX_BRANCHES - 1;

/** A range proof: N + 1 branches, branch j for the value j. */
export type RangeProof = DisjunctiveProof;
/** JSON form of {@link RangeProof}. */
export type RangeProofJSON = DisjunctiveProofJSON;

function assertCtx(ctx: unknown): asserts ctx is Uint8Array {
  if (!(ctx instanceof Uint8Array)) throw new TypeError(`"ctx" expected Uint8Array, got ${typeof ctx}`);
}

function assertBound(bound: unknown): asserts bound is number {
  if (typeof bound !== 'number' || !Number.isInteger(bound) || bound < 0 || bound > MAX_RANGE_BOUND) {
    throw new RangeError(`"bound" expected an integer in 0..${MAX_RANGE_BOUND}, got ${String(bound)}`);
  }
}

function validParts(parts: unknown): parts is readonly Ciphertext[] {
  return Array.isArray(parts) && parts.every(isCiphertext);
}

function rangeTranscript(ctx: Uint8Array, K: Point, c: Ciphertext, bound: number, parts: readonly Ciphertext[]): Transcript {
  const t = new Transcript(TAGS.range).bytes(ctx).bytes(pointBytes(K)).u32(bound).u32(parts.length);
  for (const p of parts) t.bytes(pointBytes(p.alpha)).bytes(pointBytes(p.beta));
  return t.bytes(pointBytes(c.alpha)).bytes(pointBytes(c.beta));
}

/**
 * Prove that `c` (encrypting `m` with randomness `r`; for a contest, the sum of `parts` and
 * of their randomness) encrypts a value in 0..bound (ElectionGuard 2.0 §3.3.8).
 * @throws TypeError/RangeError on a malformed argument, or m outside 0..bound
 * @example proveRange(ctx, K, sumCiphertexts(cs), 2, 2, rSum, cs)
 */
export function proveRange(
  ctx: Uint8Array, K: Point, c: Ciphertext, bound: number, m: number, r: bigint, parts: readonly Ciphertext[],
  rng: RNG = randomBytes,
): RangeProof {
  assertCtx(ctx);
  assertBound(bound);
  if (!validParts(parts)) throw new TypeError('"parts" expected an array of ciphertexts');
  if (!isCiphertext(c) || !(K instanceof Point)) throw new TypeError('"K" and "c" expected a Point and a Ciphertext');
  return proveOneOf(rangeTranscript(ctx, K, c, bound, parts), K, c, bound + 1, m, r, rng);
}

/**
 * Verify a range proof exactly (ElectionGuard 2.0 §3.3.8): N + 1 branches, their
 * equations, and the challenge sum. Untrusted `c`/`parts`/`proof`: returns false, never
 * throws.
 * @throws TypeError/RangeError only on the caller's own `ctx` or `bound`
 * @example verifyRange(ctx, K, sumCiphertexts(cs), 2, cs, proof) // true
 */
export function verifyRange(
  ctx: Uint8Array, K: Point, c: Ciphertext, bound: number, parts: readonly Ciphertext[], proof: RangeProof,
): boolean {
  assertCtx(ctx);
  assertBound(bound);
  if (!isCiphertext(c) || !(K instanceof Point) || !validParts(parts)) return false;
  return verifyOneOf(rangeTranscript(ctx, K, c, bound, parts), K, c, bound + 1, proof);
}

/** The relations of a range proof for `batch.ts` (null if malformed or the challenges do not add up). */
export function rangeRelations(
  ctx: Uint8Array, K: Point, c: Ciphertext, bound: number, parts: readonly Ciphertext[], proof: RangeProof,
): Relation[] | null {
  assertCtx(ctx);
  assertBound(bound);
  if (!isCiphertext(c) || !(K instanceof Point) || !validParts(parts)) return null;
  return oneOfRelations(rangeTranscript(ctx, K, c, bound, parts), K, c, bound + 1, proof);
}

/** Proof → JSON (lower-case hex). */
export function rangeProofToJSON(p: RangeProof): RangeProofJSON {
  return disjunctiveProofToJSON(p);
}

/**
 * JSON → proof, strictly (see `disjunctiveProofFromJSON`); with `bound`, exactly
 * bound + 1 branches.
 * @throws DecodeError naming the field
 */
export function rangeProofFromJSON(json: RangeProofJSON, bound?: number): RangeProof {
  if (bound !== undefined) assertBound(bound);
  return disjunctiveProofFromJSON(json, bound === undefined ? undefined : bound + 1, 'rangeProof');
}
