/**
 * Exponential ElGamal on ristretto255 (ElectionGuard 2.0 §3.3, with the group written
 * additively): under the joint key K, a message m ∈ ℤ_ℓ with randomness r ≠ 0 encrypts to
 * (α, β) = (r·G, m·G + r·K). Ciphertexts add component-wise, and the sum encrypts the sum
 * of the messages (the tally); decryption yields m·G, and the small m is then found by
 * `discrete-log.ts`.
 *
 * The randomness is an explicit parameter of {@link encrypt}, so that the booth can reveal
 * it for a Benaloh audit and anyone can re-encrypt and compare.
 *
 * Where the identity is legal: α = r·G of a real encryption (r ≠ 0) is never the identity,
 * and β is the identity only with negligible probability, so a ballot's ciphertext refuses
 * the identity in both components; a sum (an aggregate, the encrypted tally) may be the
 * identity (e.g. {@link ZERO}, the sum of no ciphertexts).
 * @module
 */
import {
  DecodeError, IDENTITY, ORDER, Point, baseMul, encodePoint, fromHex, mod, mul, mulPublic, pointFromHex, pointToHex,
} from './group.js';

/** An ElGamal ciphertext (α, β) = (r·G, m·G + r·K). */
export interface Ciphertext {
  readonly alpha: Point;
  readonly beta: Point;
}

/** JSON form of {@link Ciphertext} (lower-case hex of the canonical encodings). */
export interface CiphertextJSON {
  readonly alpha: string;
  readonly beta: string;
}

/**
 * Which identity rules a decoded ciphertext obeys: `encryption` (a ballot's ciphertext;
 * neither component is the identity) or `sum` (an aggregate; both may be).
 */
export type CiphertextKind = 'encryption' | 'sum';

/** The ciphertext (I, I): the sum of no ciphertexts, an encryption of 0 with r = 0. */
export const ZERO: Ciphertext = Object.freeze({ alpha: IDENTITY, beta: IDENTITY });

const precomputed = new WeakSet<Point>();

/**
 * Build (once per point object, ≈ 9 ms) noble's fixed-window table (window 6, as for G)
 * for a key that many encryptions and proofs multiply: a multiplication by K then costs
 * ≈ 0.2 ms instead of ≈ 1.4 ms. Returns the same point.
 * @example const K = withTable(jointKey);
 */
export function withTable(K: Point): Point {
  if (!precomputed.has(K)) {
    K.precompute(6, false);
    precomputed.add(K);
  }
  return K;
}

/** A message as a scalar: an integer (number or bigint, possibly negative) taken mod ℓ. */
export function messageScalar(m: number | bigint): bigint {
  if (typeof m === 'number' && !Number.isSafeInteger(m)) throw new RangeError(`"m" expected a safe integer, got ${m}`);
  if (typeof m !== 'number' && typeof m !== 'bigint') throw new TypeError(`"m" expected an integer, got ${typeof m}`);
  return mod(BigInt(m));
}

/**
 * Encrypt m under K with the randomness r (ElectionGuard 2.0 §3.3.1): (r·G, m·G + r·K).
 * @throws TypeError/RangeError if K is not a point, m not an integer, or r not in 1..ℓ−1
 * @example const c = encrypt(K, 1, randomScalar());
 */
export function encrypt(K: Point, m: number | bigint, r: bigint): Ciphertext {
  if (!(K instanceof Point)) throw new TypeError(`"K" expected a Point, got ${typeof K}`);
  if (typeof r !== 'bigint' || r <= 0n || r >= ORDER) throw new RangeError(`"r" expected 0 < r < ℓ, got ${String(r)}`);
  return Object.freeze({ alpha: baseMul(r), beta: baseMul(messageScalar(m)).add(mul(K, r)) });
}

/** Homomorphic addition: encrypts m1 + m2 with randomness r1 + r2. */
export function addCiphertexts(a: Ciphertext, b: Ciphertext): Ciphertext {
  return Object.freeze({ alpha: a.alpha.add(b.alpha), beta: a.beta.add(b.beta) });
}

/** The sum of many ciphertexts ({@link ZERO} for none). */
export function sumCiphertexts(cs: readonly Ciphertext[]): Ciphertext {
  let alpha = IDENTITY;
  let beta = IDENTITY;
  for (const c of cs) {
    alpha = alpha.add(c.alpha);
    beta = beta.add(c.beta);
  }
  return Object.freeze({ alpha, beta });
}

/**
 * Decrypt with the whole secret key x (K = x·G) to m·G = β − x·α. Used by tests and by a
 * single-key election; threshold decryption combines shares instead.
 * @example discreteLog(decryptToPoint(x, tally)) // the count
 */
export function decryptToPoint(x: bigint, c: Ciphertext): Point {
  if (typeof x !== 'bigint' || x < 0n || x >= ORDER) throw new RangeError(`"x" expected 0 <= x < ℓ, got ${String(x)}`);
  return c.beta.subtract(mul(c.alpha, x));
}

/** m·G from m·G + (…)·K: β − s·α for a public s (verification paths; not constant time). */
export function subtractPublic(c: Ciphertext, s: bigint): Point {
  return c.beta.subtract(mulPublic(c.alpha, s));
}

/** Equality of two ciphertexts as group elements. */
export function ciphertextEquals(a: Ciphertext, b: Ciphertext): boolean {
  return a.alpha.equals(b.alpha) && a.beta.equals(b.beta);
}

/** True if `c` has the shape of a ciphertext (two points). For untrusted objects. */
export function isCiphertext(c: unknown): c is Ciphertext {
  const x = c as Partial<Ciphertext> | null;
  return typeof x === 'object' && x !== null && x.alpha instanceof Point && x.beta instanceof Point;
}

/** Ciphertext → JSON (lower-case hex). */
export function ciphertextToJSON(c: Ciphertext): CiphertextJSON {
  return { alpha: pointToHex(c.alpha), beta: pointToHex(c.beta) };
}

/**
 * JSON → ciphertext, strictly: exactly `alpha` and `beta`, canonical points; the identity
 * is refused unless `kind` is `'sum'` (see the module comment).
 * @throws DecodeError naming `what`
 */
export function ciphertextFromJSON(json: CiphertextJSON, what = 'ciphertext', kind: CiphertextKind = 'encryption'): Ciphertext {
  const j = jsonObject(json, ['alpha', 'beta'], what);
  const allowIdentity = kind === 'sum';
  return Object.freeze({
    alpha: pointFromJSON(j.alpha as string, `${what}.alpha`, allowIdentity),
    beta: pointFromJSON(j.beta as string, `${what}.beta`, allowIdentity),
  });
}

// ---- encodings cache and strict JSON helpers shared by the ballot modules ----

const encodings = new WeakMap<Point, Uint8Array>();

/**
 * The canonical encoding of a point (RFC 9496 §4.3.2), computed once per point object:
 * an encoding costs an inverse square root (≈ 0.13 ms), and a ballot's transcripts hash
 * each of its points once or twice. Identical to `encodePoint`; do not modify the result.
 * @example new Transcript(TAGS.range).bytes(pointBytes(K))
 */
export function pointBytes(p: Point): Uint8Array {
  let b = encodings.get(p);
  if (b === undefined) {
    b = encodePoint(p);
    encodings.set(p, b);
  }
  return b;
}

/**
 * `pointFromHex` that remembers the (canonical, hence unique) decoded bytes as the point's
 * encoding for {@link pointBytes}.
 * @throws DecodeError naming `what`
 */
export function pointFromJSON(hex: string, what: string, allowIdentity = false): Point {
  const p = pointFromHex(hex, what, allowIdentity);
  encodings.set(p, fromHex(hex, what));
  return p;
}

/**
 * A plain JSON object with exactly the fields `keys`, no more and no fewer.
 * @throws DecodeError naming `what`
 */
export function jsonObject(json: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DecodeError('wrong_length', what);
  const got = Object.keys(json);
  if (got.length !== keys.length || !keys.every((k) => Object.hasOwn(json, k))) throw new DecodeError('wrong_length', what);
  return json as Record<string, unknown>;
}

/**
 * A JSON array, of exactly `length` items if given.
 * @throws DecodeError naming `what`
 */
export function jsonArray(json: unknown, what: string, length?: number): readonly unknown[] {
  if (!Array.isArray(json) || (length !== undefined && json.length !== length)) throw new DecodeError('wrong_length', what);
  return json;
}

