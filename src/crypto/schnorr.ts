/**
 * Schnorr proof of knowledge of a discrete logarithm (ElectionGuard 2.0 §3.2.2, the proof
 * that accompanies each key-ceremony commitment), made non-interactive by strong
 * Fiat–Shamir (Bernhard–Pereira–Warinschi 2012): the challenge hashes the caller's
 * context, the statement and the commitment.
 *
 * Statement: X = x·G. Proof: commitment R = u·G, response s = u + c·x mod ℓ, where
 * c = H(TAGS.schnorr; ctx, X, R). Verification: s·G = R + c·X. The proof carries R (not
 * c), so verification is one linear equation and can be folded with others into a single
 * multi-scalar multiplication ({@link schnorrRelations}, `batch.ts`).
 * @module
 */
import { randomBytes } from '@noble/hashes/utils.js';
import type { Relation } from './batch.js';
import {
  DecodeError, G, ORDER, Point, type RNG, baseMul, mod, pointFromHex, pointToHex, randomScalar, scalarFromHex,
  scalarToHex,
} from './group.js';
import { TAGS, Transcript } from './transcript.js';

/** A Schnorr proof: commitment R = u·G and response s = u + c·x. */
export interface SchnorrProof {
  readonly commitment: Point;
  readonly response: bigint;
}

/** JSON form of {@link SchnorrProof}: lower-case hex of the canonical encodings. */
export interface SchnorrProofJSON {
  readonly commitment: string;
  readonly response: string;
}

function assertCtx(ctx: unknown): asserts ctx is Uint8Array {
  if (!(ctx instanceof Uint8Array)) throw new TypeError(`"ctx" expected Uint8Array, got ${typeof ctx}`);
}

function isPoint(p: unknown): p is Point {
  return p instanceof Point;
}

function isScalar(s: unknown): s is bigint {
  return typeof s === 'bigint' && s >= 0n && s < ORDER;
}

/** The Fiat–Shamir challenge c = H(TAGS.schnorr; ctx, G, X, R) (strong: generator, statement and commitment). */
export function schnorrChallenge(ctx: Uint8Array, X: Point, commitment: Point): bigint {
  return new Transcript(TAGS.schnorr).bytes(ctx).point(G).point(X).point(commitment).challenge();
}

/**
 * Prove knowledge of x with X = x·G (ElectionGuard 2.0 §3.2.2).
 * @throws TypeError/RangeError if `ctx` is not bytes or `x` is not a scalar in 0..ℓ−1
 * @example const proof = proveSchnorr(ctx, secret); verifySchnorr(ctx, baseMul(secret), proof) // true
 */
export function proveSchnorr(ctx: Uint8Array, x: bigint, rng: RNG = randomBytes): SchnorrProof {
  assertCtx(ctx);
  if (!isScalar(x)) throw new RangeError(`"x" expected a scalar 0 <= x < ℓ, got ${String(x)}`);
  const X = baseMul(x);
  const u = randomScalar(rng);
  const commitment = baseMul(u);
  const c = schnorrChallenge(ctx, X, commitment);
  return Object.freeze({ commitment, response: mod(u + c * x) });
}

/**
 * The verification equation of a Schnorr proof as a linear relation that must sum to the
 * identity: s·G − c·X − R = 0. Returns null if the proof is malformed (not a point, or a
 * response outside 0..ℓ−1), so that the caller rejects it without evaluating anything.
 */
export function schnorrRelations(ctx: Uint8Array, X: Point, proof: SchnorrProof): Relation[] | null {
  assertCtx(ctx);
  const p = proof as Partial<SchnorrProof> | null;
  if (typeof p !== 'object' || p === null || !isPoint(X) || !isPoint(p.commitment) || !isScalar(p.response)) return null;
  const c = schnorrChallenge(ctx, X, p.commitment);
  return [{ points: [G, X, p.commitment], scalars: [p.response, mod(-c), ORDER - 1n] }];
}

/**
 * Verify a Schnorr proof: s·G = R + c·X with c recomputed (ElectionGuard 2.0 §3.2.2).
 * Untrusted `X`/`proof`: returns false, never throws.
 * @throws TypeError only if `ctx` (the caller's own bytes) is not a Uint8Array
 * @example verifySchnorr(ctx, X, proof) // true
 */
export function verifySchnorr(ctx: Uint8Array, X: Point, proof: SchnorrProof): boolean {
  assertCtx(ctx);
  const p = proof as Partial<SchnorrProof> | null;
  if (typeof p !== 'object' || p === null || !isPoint(X) || !isPoint(p.commitment) || !isScalar(p.response)) return false;
  const c = schnorrChallenge(ctx, X, p.commitment);
  // s·G − c·X, with G's precomputed table; compare with R.
  return G.multiplyUnsafe(p.response).subtract(X.multiplyUnsafe(c)).equals(p.commitment);
}

/** Proof → JSON (lower-case hex). */
export function schnorrProofToJSON(p: SchnorrProof): SchnorrProofJSON {
  return { commitment: pointToHex(p.commitment), response: scalarToHex(p.response) };
}

/**
 * JSON → proof, strictly: exactly the two fields, a canonical non-identity point (an honest
 * commitment u·G, u ≠ 0, is never the identity) and a canonical scalar.
 * @throws DecodeError naming the field
 */
export function schnorrProofFromJSON(json: SchnorrProofJSON): SchnorrProof {
  const j = exactObject(json, ['commitment', 'response'], 'schnorrProof');
  return Object.freeze({
    commitment: pointFromHex(j.commitment as string, 'schnorrProof.commitment'),
    response: scalarFromHex(j.response as string, 'schnorrProof.response'),
  });
}

/** A plain JSON object with exactly `keys` (no more, no fewer). @throws DecodeError */
function exactObject(json: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DecodeError('wrong_length', what);
  const got = Object.keys(json);
  if (got.length !== keys.length || !keys.every((k) => Object.hasOwn(json, k))) throw new DecodeError('wrong_length', what);
  return json as Record<string, unknown>;
}
