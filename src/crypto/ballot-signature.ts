/**
 * Ballot signatures: Ed25519 (RFC 8032 §5.1) under the fresh key that the voter's
 * anonymous token certifies (DESIGN §3). Browser-safe: noble only, no `node:*`.
 *
 * Signed message (66 bytes), in the transcript framing of `transcript.ts`
 * (each item is its 4-byte big-endian length followed by its bytes):
 *
 * ```
 * 0000001a ‖ "anfora/v1/ballot-signature" (TAGS.ballotSignature, 26 bytes UTF-8)
 * 00000020 ‖ ballot digest (32 bytes)
 * ```
 *
 * Verification is strict and *cofactorless*, so that this module and the server's
 * node:crypto verifier (`ballot-signature-node.ts`, OpenSSL) give the same verdict on
 * every input, including inputs a dishonest voter crafts:
 *
 * 1. public key 32 bytes, signature 64 bytes;
 * 2. public key A: canonical (y < p; no "x = 0 with sign bit 1") and not one of the
 *    8 small-order points (noble's `zip215: false` rules, checked on the bytes);
 * 3. R not one of the 8 small-order encodings (libsodium's rule: otherwise a voter
 *    could sign with R = identity and S = k·a, which OpenSSL accepts and libsodium's
 *    `crypto_sign_verify_detached` refuses — an auditor on libsodium would disagree);
 *    S < ℓ (RFC 8032 §5.1.7 step 1);
 * 4. encode([S]B − [k]A) = R byte for byte, k = SHA-512(R ‖ A ‖ M) mod ℓ — the
 *    cofactorless equation that RFC 8032 §5.1.7 allows and that OpenSSL checks.
 *    noble's `ed25519.verify` checks the cofactored equation, which additionally
 *    accepts signatures whose R carries a torsion component; OpenSSL rejects those,
 *    so we do not use it (a test shows the difference).
 * @module
 */
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { type RNG } from './group.js';
import { type IncrementalHash, TAGS } from './transcript.js';

/** Lengths in bytes (RFC 8032 §5.1.5, §5.1.6). */
export const BALLOT_KEY_BYTES = 32;
export const BALLOT_SIGNATURE_BYTES = 64;
/** A ballot digest is a SHA-256 output (the ballot module's `Transcript.digest()`). */
export const BALLOT_DIGEST_BYTES = 32;

const Point = ed25519.Point;
const P = Point.Fp.ORDER; // 2^255 − 19
const L = Point.Fn.ORDER; // ℓ
const Y_MASK = (1n << 255n) - 1n;
/** Canonical encodings of the 8 points of small order (noble's list, all canonical). */
const SMALL_ORDER = new Set(ED25519_TORSION_SUBGROUP);

/** A voter's ballot-signing key pair: RFC 8032 §5.1.5 32-byte secret seed and public key. */
export interface BallotKeys {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

function leInt(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]!);
  return x;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

function u32be(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function assertBytes(name: string, v: unknown, len: number): asserts v is Uint8Array {
  if (!(v instanceof Uint8Array)) throw new TypeError(`"${name}" expected Uint8Array, got ${typeof v}`);
  if (v.length !== len) throw new RangeError(`"${name}" expected ${len} bytes, got ${v.length}`);
}

/**
 * A fresh Ed25519 key pair for signing one ballot (RFC 8032 §5.1.5): 32 bytes from
 * `rng` as the secret seed.
 * @example const { secretKey, publicKey } = generateBallotKeys();
 */
export function generateBallotKeys(rng: RNG = randomBytes): BallotKeys {
  const secretKey = rng(BALLOT_KEY_BYTES);
  assertBytes('rng output', secretKey, BALLOT_KEY_BYTES);
  return Object.freeze({ secretKey, publicKey: ed25519.getPublicKey(secretKey) });
}

/**
 * The exact bytes that are signed for a ballot digest (see the module comment).
 * @throws TypeError/RangeError unless `ballotDigest` is 32 bytes
 */
export function ballotSignatureMessage(ballotDigest: Uint8Array): Uint8Array {
  assertBytes('ballotDigest', ballotDigest, BALLOT_DIGEST_BYTES);
  const tag = utf8ToBytes(TAGS.ballotSignature);
  return concatBytes(u32be(tag.length), tag, u32be(BALLOT_DIGEST_BYTES), ballotDigest);
}

/**
 * Sign a ballot digest with the token's Ed25519 key (RFC 8032 §5.1.6; deterministic).
 * @example const sig = signBallot(keys.secretKey, digest);
 */
export function signBallot(secretKey: Uint8Array, ballotDigest: Uint8Array): Uint8Array {
  assertBytes('secretKey', secretKey, BALLOT_KEY_BYTES);
  return ed25519.sign(ballotSignatureMessage(ballotDigest), secretKey);
}

/**
 * Step 2 of the module comment on its own: a strict Ed25519 public key (32 bytes,
 * canonical, not of small order). Used also for the server's receipt key. Never throws.
 */
export function isStrictPublicKey(publicKey: unknown): publicKey is Uint8Array {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== BALLOT_KEY_BYTES) return false;
  // A canonical: y < p, and x = 0 (y = ±1) only with sign bit 0; not of small order.
  const a = leInt(publicKey);
  const y = a & Y_MASK;
  const xSign = a >> 255n;
  if (y >= P) return false;
  if (xSign === 1n && (y === 1n || y === P - 1n)) return false;
  return !SMALL_ORDER.has(bytesToHex(publicKey));
}

/**
 * Steps 1–3 of the module comment: the checks on the bytes alone, shared by the noble
 * and the node:crypto verifiers so that both refuse exactly the same encodings.
 * Returns false for anything not a strict encoding (never throws).
 */
export function isStrictSignatureEncoding(publicKey: unknown, signature: unknown): boolean {
  if (!isStrictPublicKey(publicKey)) return false;
  if (!(signature instanceof Uint8Array) || signature.length !== BALLOT_SIGNATURE_BYTES) return false;
  // 3. R not of small order; 0 <= S < ℓ.
  if (SMALL_ORDER.has(bytesToHex(signature.subarray(0, 32)))) return false;
  return leInt(signature.subarray(32)) < L;
}

/**
 * Verify a ballot signature (RFC 8032 §5.1.7, strict and cofactorless; see the module
 * comment). Untrusted `publicKey`/`signature`: returns false, never throws.
 * @throws TypeError/RangeError only if `ballotDigest` (computed by the caller) is not 32 bytes
 * @example verifyBallotSignature(token.ballotPublicKey, digest, sig) // true
 */
export function verifyBallotSignature(publicKey: Uint8Array, ballotDigest: Uint8Array, signature: Uint8Array): boolean {
  return verifyStrictSignature(publicKey, ballotSignatureMessage(ballotDigest), signature);
}

/**
 * Steps 1–4 of the module comment over any message: the same strict, cofactorless rule
 * for the other Ed25519 signatures of the record (the server's signed report, under the
 * manifest's receipt key). Untrusted arguments: returns false, never throws.
 * @example verifyStrictSignature(receiptKey, canonicalJson(report), signature) // true
 */
export function verifyStrictSignature(publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array): boolean {
  return msg instanceof Uint8Array && verifyStrictSignatureParts(publicKey, [msg], signature);
}

/**
 * {@link verifyStrictSignature} of the concatenation of `parts`, which are never joined:
 * the message enters only SHA-512(R ‖ A ‖ M), fed part by part, so a message of tens of
 * megabytes (an issuer log) is checked without a copy of it. `createSha512`: another
 * implementation of SHA-512 (the verifier's command passes node:crypto's, ≈ 10× noble's);
 * the same verdicts. Untrusted arguments: returns false, never throws.
 * @example verifyStrictSignatureParts(accountKey, [framing, ...chunks], signature)
 */
export function verifyStrictSignatureParts(
  publicKey: Uint8Array, parts: readonly Uint8Array[], signature: Uint8Array, createSha512: () => IncrementalHash = () => sha512.create(),
): boolean {
  if (!Array.isArray(parts) || !parts.every((p) => p instanceof Uint8Array) || !isStrictSignatureEncoding(publicKey, signature)) return false;
  let A: InstanceType<typeof Point>;
  try {
    A = Point.fromBytes(publicKey, false); // fails only if y is not on the curve now
  } catch {
    return false;
  }
  const R = signature.subarray(0, 32);
  const S = leInt(signature.subarray(32));
  // 4. k = SHA-512(R ‖ A ‖ M) mod ℓ; accept iff encode([S]B − [k]A) == R.
  const h = createSha512();
  h.update(R);
  h.update(publicKey);
  for (const p of parts) h.update(p);
  const k = Point.Fn.create(leInt(h.digest()));
  const check = Point.BASE.multiplyUnsafe(S).subtract(A.multiplyUnsafe(k));
  return sameBytes(check.toBytes(), R);
}
