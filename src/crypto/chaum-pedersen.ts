/**
 * Chaum–Pedersen proof of equality of discrete logarithms (Chaum–Pedersen 1992;
 * ElectionGuard 2.0 §3.6.3, the proof of a partial decryption): h1 = x·g1 and h2 = x·g2
 * for the same secret x, made non-interactive by strong Fiat–Shamir.
 *
 * Commitments a1 = u·g1, a2 = u·g2; challenge c = H(TAGS.equality; ctx, g1, h1, g2, h2,
 * a1, a2); response s = u + c·x mod ℓ. Verification: s·g1 = a1 + c·h1 and
 * s·g2 = a2 + c·h2 — two linear equations ({@link equalityRelations}) that `batch.ts`
 * folds into one multi-scalar multiplication.
 * @module
 */
import { randomBytes } from '@noble/hashes/utils.js';
import type { Relation } from './batch.js';
import {
  DecodeError, ORDER, Point, type RNG, mod, mul, pointFromHex, pointToHex, randomScalar, scalarFromHex, scalarToHex,
} from './group.js';
import { TAGS, Transcript } from './transcript.js';

/** The statement: h1 = x·g1 and h2 = x·g2. */
export interface EqualityStatement {
  readonly g1: Point;
  readonly h1: Point;
  readonly g2: Point;
  readonly h2: Point;
}

/** A Chaum–Pedersen proof: commitments a1 = u·g1, a2 = u·g2 and response s = u + c·x. */
export interface EqualityProof {
  readonly a1: Point;
  readonly a2: Point;
  readonly response: bigint;
}

/** JSON form of {@link EqualityProof} (lower-case hex). */
export interface EqualityProofJSON {
  readonly a1: string;
  readonly a2: string;
  readonly response: string;
}

function assertCtx(ctx: unknown): asserts ctx is Uint8Array {
  if (!(ctx instanceof Uint8Array)) throw new TypeError(`"ctx" expected Uint8Array, got ${typeof ctx}`);
}

function isScalar(s: unknown): s is bigint {
  return typeof s === 'bigint' && s >= 0n && s < ORDER;
}

function isStatement(st: unknown): st is EqualityStatement {
  const s = st as Partial<EqualityStatement> | null;
  return typeof s === 'object' && s !== null
    && s.g1 instanceof Point && s.h1 instanceof Point && s.g2 instanceof Point && s.h2 instanceof Point;
}

function isProof(p: unknown): p is EqualityProof {
  const q = p as Partial<EqualityProof> | null;
  return typeof q === 'object' && q !== null && q.a1 instanceof Point && q.a2 instanceof Point && isScalar(q.response);
}

/** The Fiat–Shamir challenge over ctx, the whole statement and both commitments. */
export function equalityChallenge(ctx: Uint8Array, st: EqualityStatement, a1: Point, a2: Point): bigint {
  return new Transcript(TAGS.equality).bytes(ctx).point(st.g1).point(st.h1).point(st.g2).point(st.h2)
    .point(a1).point(a2).challenge();
}

/**
 * Prove log_g1(h1) = log_g2(h2) = x (ElectionGuard 2.0 §3.6.3). The caller's statement
 * must be true; the prover does not check it (a false statement yields a proof that fails).
 * @throws TypeError/RangeError on a malformed `ctx`, statement or `x`
 * @example proveEquality(ctx, { g1: G, h1: X, g2: alpha, h2: mul(alpha, x) }, x)
 */
export function proveEquality(ctx: Uint8Array, st: EqualityStatement, x: bigint, rng: RNG = randomBytes): EqualityProof {
  assertCtx(ctx);
  if (!isStatement(st)) throw new TypeError('"st" expected { g1, h1, g2, h2 } points, got something else');
  if (!isScalar(x)) throw new RangeError(`"x" expected a scalar 0 <= x < ℓ, got ${String(x)}`);
  const u = randomScalar(rng);
  const a1 = mul(st.g1, u);
  const a2 = mul(st.g2, u);
  const c = equalityChallenge(ctx, st, a1, a2);
  return Object.freeze({ a1, a2, response: mod(u + c * x) });
}

/**
 * The two verification equations as relations summing to the identity:
 * s·g1 − c·h1 − a1 = 0 and s·g2 − c·h2 − a2 = 0. Null if statement or proof is malformed.
 */
export function equalityRelations(ctx: Uint8Array, st: EqualityStatement, proof: EqualityProof): Relation[] | null {
  assertCtx(ctx);
  if (!isStatement(st) || !isProof(proof)) return null;
  const c = mod(-equalityChallenge(ctx, st, proof.a1, proof.a2));
  const s = proof.response;
  return [
    { points: [st.g1, st.h1, proof.a1], scalars: [s, c, ORDER - 1n] },
    { points: [st.g2, st.h2, proof.a2], scalars: [s, c, ORDER - 1n] },
  ];
}

/**
 * Verify a Chaum–Pedersen proof (ElectionGuard 2.0 §3.6.3). Untrusted statement points and
 * proof: returns false, never throws.
 * @throws TypeError only if `ctx` is not a Uint8Array
 * @example verifyEquality(ctx, statement, proof) // true
 */
export function verifyEquality(ctx: Uint8Array, st: EqualityStatement, proof: EqualityProof): boolean {
  assertCtx(ctx);
  if (!isStatement(st) || !isProof(proof)) return false;
  const c = equalityChallenge(ctx, st, proof.a1, proof.a2);
  const s = proof.response;
  const lhs1 = st.g1.multiplyUnsafe(s).subtract(st.h1.multiplyUnsafe(c));
  if (!lhs1.equals(proof.a1)) return false;
  return st.g2.multiplyUnsafe(s).subtract(st.h2.multiplyUnsafe(c)).equals(proof.a2);
}

/** Proof → JSON (lower-case hex). */
export function equalityProofToJSON(p: EqualityProof): EqualityProofJSON {
  return { a1: pointToHex(p.a1), a2: pointToHex(p.a2), response: scalarToHex(p.response) };
}

/**
 * JSON → proof, strictly: exactly the three fields, canonical points and scalar. The
 * commitments may be the identity (a2 = u·α is the identity when α is, e.g. for the
 * decryption of an empty tally); soundness does not depend on them being non-trivial.
 * @throws DecodeError naming the field
 */
export function equalityProofFromJSON(json: EqualityProofJSON): EqualityProof {
  const j = json as unknown as Record<string, unknown> | null;
  if (typeof j !== 'object' || j === null || Array.isArray(j) || Object.keys(j).length !== 3
    || !['a1', 'a2', 'response'].every((k) => Object.hasOwn(j, k))) {
    throw new DecodeError('wrong_length', 'equalityProof');
  }
  return Object.freeze({
    a1: pointFromHex(j.a1 as string, 'equalityProof.a1', true),
    a2: pointFromHex(j.a2 as string, 'equalityProof.a2', true),
    response: scalarFromHex(j.response as string, 'equalityProof.response'),
  });
}
