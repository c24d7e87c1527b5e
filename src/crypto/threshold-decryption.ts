/**
 * Threshold decryption of exponential ElGamal ciphertexts (ElectionGuard 2.0 §3.6):
 * each trustee j publishes a partial decryption M_j = x_j·α with a Chaum–Pedersen proof
 * that log_G(X_j) = log_α(M_j) against its verification key X_j (§3.6.2,
 * Belenios' `compute_factor`/`check_factor`); any t valid shares combine by Lagrange
 * interpolation at 0 into m·G = β − Σ_j λ_j·M_j (§3.6.2), and the small m is found by
 * table (discrete-log.ts).
 *
 * The proof's context is Transcript(TAGS.partialDecryption) over the caller's ctx, the
 * trustee index and the whole ciphertext (α and β), so a proof cannot move to another
 * election, trustee or ciphertext.
 * @module
 */
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { type Relation, checkRelations } from './batch.js';
import {
  type EqualityProof, type EqualityProofJSON, equalityProofFromJSON, equalityProofToJSON, equalityRelations, proveEquality,
  verifyEquality,
} from './chaum-pedersen.js';
import { DEFAULT_BOUND, discreteLog } from './discrete-log.js';
import { type Ciphertext, isCiphertext, jsonObject } from './elgamal.js';
import { DecodeError, G, IDENTITY, Point, type RNG, mod, mul, pointFromHex, pointToHex } from './group.js';
import { lagrangeCoefficients } from './lagrange.js';
import { TAGS, Transcript } from './transcript.js';

/** Trustee `index`'s partial decryption of one ciphertext, with its proof. */
export interface DecryptionShare {
  readonly index: number;
  /** M_j = x_j·α. */
  readonly share: Point;
  readonly proof: EqualityProof;
}

/** JSON form of {@link DecryptionShare}. */
export interface DecryptionShareJSON {
  readonly index: number;
  readonly share: string;
  readonly proof: EqualityProofJSON;
}

/** n trustees, threshold t. */
export interface ThresholdParams {
  readonly n: number;
  readonly t: number;
}

/** Result of {@link combineShares}: m·G, or why the shares could not be combined. */
export type CombineResult =
  | { readonly ok: true; readonly point: Point }
  | { readonly ok: false; readonly reason: 'too_few_shares' | 'duplicate_index' | 'index_out_of_range' };

function assertCtx(ctx: unknown): asserts ctx is Uint8Array {
  if (!(ctx instanceof Uint8Array)) throw new TypeError(`"ctx" expected Uint8Array, got ${typeof ctx}`);
}
function assertIndex(index: unknown): asserts index is number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 1 || index > 0xffffffff) {
    throw new RangeError(`"index" expected an integer ≥ 1, got ${String(index)}`);
  }
}

function proofContext(ctx: Uint8Array, index: number, c: Ciphertext): Uint8Array {
  return new Transcript(TAGS.partialDecryption).bytes(ctx).u32(index).point(c.alpha).point(c.beta).digest();
}

/**
 * Trustee `index`'s partial decryption of `ciphertext` with secret share x_j
 * (ElectionGuard 2.0 §3.6.2): M_j = x_j·α and a proof of log_G(X_j) = log_α(M_j).
 * @example const s = computeShare(ctx, 2, x2, tally[0]);
 */
export function computeShare(
  ctx: Uint8Array,
  index: number,
  secretShare: bigint,
  ciphertext: Ciphertext,
  rng: RNG = randomBytes,
): DecryptionShare {
  assertCtx(ctx);
  assertIndex(index);
  return shareWithKey(ctx, index, secretShare, mul(G, secretShare), ciphertext, rng);
}

function shareWithKey(ctx: Uint8Array, index: number, x: bigint, X: Point, c: Ciphertext, rng: RNG): DecryptionShare {
  const share = mul(c.alpha, x);
  const statement = { g1: G, h1: X, g2: c.alpha, h2: share };
  const proof = proveEquality(proofContext(ctx, index, c), statement, x, rng);
  return Object.freeze({ index, share, proof });
}

/**
 * Check a partial decryption against the trustee's verification key X_j (key-ceremony.ts
 * `verificationKey`). Returns false, never throws, on untrusted content.
 */
export function checkShare(
  ctx: Uint8Array,
  verificationKey: Point,
  ciphertext: Ciphertext,
  share: DecryptionShare,
): boolean {
  assertCtx(ctx);
  const st = statementOf(verificationKey, ciphertext, share);
  return st !== null && verifyEquality(proofContext(ctx, share.index, ciphertext), st, share.proof);
}

/** The equality statement of a share, or null if some part is malformed (untrusted input). */
function statementOf(X: Point, c: Ciphertext, share: DecryptionShare) {
  const s = share as Partial<DecryptionShare> | null;
  if (typeof s !== 'object' || s === null || !(s.share instanceof Point) || !isCiphertext(c) || !(X instanceof Point)) return null;
  if (typeof s.index !== 'number' || !Number.isInteger(s.index) || s.index < 1 || s.index > 0xffffffff) return null;
  if (X.equals(IDENTITY)) return null;
  return { g1: G, h1: X, g2: c.alpha, h2: s.share };
}

/** {@link computeShare} for each ciphertext of a tally, in order. */
export function computeShares(
  ctx: Uint8Array,
  index: number,
  secretShare: bigint,
  ciphertexts: readonly Ciphertext[],
  rng: RNG = randomBytes,
): DecryptionShare[] {
  assertCtx(ctx);
  assertIndex(index);
  const X = mul(G, secretShare);
  return ciphertexts.map((c) => shareWithKey(ctx, index, secretShare, X, c, rng));
}

/**
 * {@link checkShare} for each (ciphertext, share) pair of one trustee: the positions that fail
 * (empty if all verify; every position if the lengths differ). All proofs are first checked
 * together in one multi-scalar multiplication (batch.ts, random 128-bit weights); only if
 * that fails are they checked one by one to name the bad ones.
 */
export function checkShares(
  ctx: Uint8Array,
  verificationKey: Point,
  ciphertexts: readonly Ciphertext[],
  shares: readonly DecryptionShare[],
  rng: RNG = randomBytes,
): number[] {
  assertCtx(ctx);
  if (ciphertexts.length !== shares.length) return ciphertexts.map((_, i) => i);
  const index = shares[0]?.index;
  const relations: Relation[] = [];
  let wellFormed = true;
  ciphertexts.forEach((c, i) => {
    const s = shares[i]!;
    const st = statementOf(verificationKey, c, s);
    const r = st === null || s.index !== index ? null : equalityRelations(proofContext(ctx, s.index, c), st, s.proof);
    if (r === null) wellFormed = false;
    else relations.push(...r);
  });
  if (wellFormed && checkRelations(relations, rng)) return [];
  const bad: number[] = [];
  ciphertexts.forEach((c, i) => {
    const s = shares[i]!;
    if (s.index !== index || !checkShare(ctx, verificationKey, c, s)) bad.push(i);
  });
  return bad;
}

/**
 * Combine partial decryptions into m·G = β − Σ_j λ_j·M_j (ElectionGuard 2.0 §3.6.2),
 * using the first t of `shares` (which should have passed {@link checkShare}; any t give the
 * same result). Fewer than t shares, a repeated index or an index outside 1..n are refused.
 * @example
 * const r = combineShares(c, [s1, s3], { n: 3, t: 2 });
 * if (r.ok) m = discreteLog(r.point);
 */
export function combineShares(
  ciphertext: Ciphertext,
  shares: readonly Pick<DecryptionShare, 'index' | 'share'>[],
  params: ThresholdParams,
): CombineResult {
  if (!Number.isInteger(params.t) || !Number.isInteger(params.n) || params.t < 1 || params.t > params.n) {
    throw new RangeError(`"params" expected integers 1 <= t <= n, got t ${params.t}, n ${params.n}`);
  }
  const seen = new Set<number>();
  for (const s of shares) {
    if (!Number.isInteger(s.index) || s.index < 1 || s.index > params.n) return { ok: false, reason: 'index_out_of_range' };
    if (seen.has(s.index)) return { ok: false, reason: 'duplicate_index' };
    seen.add(s.index);
  }
  if (shares.length < params.t) return { ok: false, reason: 'too_few_shares' };
  const used = shares.slice(0, params.t);
  const lambdas = lagrangeCoefficients(used.map((s) => s.index));
  const point = mulAddUnsafe(Point, [ciphertext.beta, ...used.map((s) => s.share)], [1n, ...lambdas.map((l) => mod(-l))]);
  return { ok: true, point };
}

/**
 * The joint decryption value s·α = Σ_j λ_j·M_j of the first t of `shares` (checked shares of
 * one ciphertext, distinct indices). Lagrange interpolation at 0 gives the joint secret s
 * exactly, so any t valid shares give the same point: it is β − m·G, and it seeds the
 * tie-break lots (record/seats.ts).
 * @throws RangeError on fewer than t shares or a repeated index
 * @example const D = jointDecryptionValue([s1, s3], { n: 3, t: 2 });
 */
export function jointDecryptionValue(shares: readonly Pick<DecryptionShare, 'index' | 'share'>[], params: ThresholdParams): Point {
  if (shares.length < params.t) throw new RangeError(`"shares" expected at least ${params.t}, got ${shares.length}`);
  const used = shares.slice(0, params.t);
  if (new Set(used.map((s) => s.index)).size !== used.length) throw new RangeError('"shares" expected distinct indices');
  const lambdas = lagrangeCoefficients(used.map((s) => s.index));
  return mulAddUnsafe(Point, used.map((s) => s.share), lambdas.map((l) => mod(l)));
}

/** Result of {@link combineCheckedShares}: as {@link CombineResult}, plus the indices of refused shares. */
export type CheckedCombineResult =
  | { readonly ok: true; readonly point: Point; readonly rejected: readonly number[] }
  | { readonly ok: false; readonly reason: 'too_few_shares' | 'duplicate_index' | 'index_out_of_range'; readonly rejected: readonly number[] };

/**
 * Check each share against its trustee's verification key (`verificationKeys[j − 1]` = X_j),
 * drop those whose proof fails, and combine t of the rest (ElectionGuard 2.0 §3.6.2).
 * Fewer than t valid shares give `too_few_shares`; `rejected` names the refused trustees.
 */
export function combineCheckedShares(
  ctx: Uint8Array,
  ciphertext: Ciphertext,
  shares: readonly DecryptionShare[],
  verificationKeys: readonly Point[],
  params: ThresholdParams,
): CheckedCombineResult {
  if (verificationKeys.length !== params.n) {
    throw new RangeError(`"verificationKeys" expected ${params.n} keys, got ${verificationKeys.length}`);
  }
  const valid: DecryptionShare[] = [];
  const rejected: number[] = [];
  for (const s of shares) {
    const X = Number.isInteger(s.index) && s.index >= 1 && s.index <= params.n ? verificationKeys[s.index - 1] : undefined;
    if (X !== undefined && checkShare(ctx, X, ciphertext, s)) valid.push(s);
    else rejected.push(s.index);
  }
  const r = combineShares(ciphertext, valid, params);
  return r.ok ? { ...r, rejected } : { ...r, rejected };
}

/** Result of {@link decryptWithShares}: the small value, or why there is none. */
export type DecryptResult =
  | { readonly ok: true; readonly value: number; readonly rejected: readonly number[] }
  | {
    readonly ok: false;
    readonly reason: 'too_few_shares' | 'duplicate_index' | 'index_out_of_range' | 'out_of_bound';
    readonly rejected: readonly number[];
  };

/**
 * The whole tally step for one ciphertext (ElectionGuard 2.0 §3.6.2–§3.6.4): check the shares,
 * combine t valid ones into m·G, and find m in 0..bound by table (discrete-log.ts).
 * @example
 * const r = decryptWithShares(ctx, tally[0], sharesFor0, X, { n: 3, t: 2 });
 * if (r.ok) console.log(r.value);
 */
export function decryptWithShares(
  ctx: Uint8Array,
  ciphertext: Ciphertext,
  shares: readonly DecryptionShare[],
  verificationKeys: readonly Point[],
  params: ThresholdParams,
  bound: number = DEFAULT_BOUND,
): DecryptResult {
  const r = combineCheckedShares(ctx, ciphertext, shares, verificationKeys, params);
  if (!r.ok) return r;
  const value = discreteLog(r.point, bound);
  return value === null ? { ok: false, reason: 'out_of_bound', rejected: r.rejected } : { ok: true, value, rejected: r.rejected };
}

/** JSON form of a partial decryption. */
export function decryptionShareToJSON(s: DecryptionShare): DecryptionShareJSON {
  return { index: s.index, share: pointToHex(s.share), proof: equalityProofToJSON(s.proof) };
}

/**
 * Strict decoding of a partial decryption: exactly `index`, `share`, `proof`; canonical
 * encodings. M_j may be the identity (it is when α is, e.g. for an empty tally).
 * @throws DecodeError
 */
export function decryptionShareFromJSON(json: DecryptionShareJSON): DecryptionShare {
  const j = jsonObject(json, ['index', 'share', 'proof'], 'decryptionShare');
  const { index } = j;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 1 || index > 0xffffffff) {
    throw new DecodeError('scalar_out_of_range', 'decryptionShare.index');
  }
  return Object.freeze({
    index,
    share: pointFromHex(j.share as string, 'decryptionShare.share', true),
    proof: equalityProofFromJSON(j.proof as EqualityProofJSON),
  });
}
