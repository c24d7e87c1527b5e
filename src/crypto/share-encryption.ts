/**
 * Encryption of one key-ceremony share to the recipient trustee's long-term key: an
 * ECIES-style hybrid over ristretto255 (RFC 9496), as ElectionGuard 2.0 §3.2.2 does for
 * its share encryption, with HKDF-SHA256 (RFC 5869) and ChaCha20-Poly1305 (RFC 8439).
 *
 * 1. the dealer draws a fresh ephemeral e and publishes E = e·G;
 * 2. the shared point is S = e·PK (= sk·E on the recipient's side);
 * 3. key = HKDF-SHA256(ikm = enc(S), salt = binding, info = tag), where
 *    binding = Transcript(TAGS.shareKey) over ctx, sender, recipient, E, PK;
 * 4. the 32-byte scalar is sealed with ChaCha20-Poly1305 under that key, a zero nonce
 *    (the key is used once: it depends on the fresh E) and `binding` as associated data.
 *
 * Because the key depends only on public values and S, a recipient can reveal S with a
 * Chaum–Pedersen proof (`key-ceremony.ts`, complaints) and let anyone open the share.
 * @module
 */
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  DecodeError, G, IDENTITY, type Point, type RNG, SCALAR_BYTES, decodeScalar, encodePoint, encodeScalar,
  fromHex, mul, pointFromHex, pointToHex, randomScalar, toHex,
} from './group.js';
import { TAGS, Transcript } from './transcript.js';

/** Length of the sealed share: a 32-byte scalar plus the 16-byte Poly1305 tag. */
export const SEALED_SHARE_BYTES = SCALAR_BYTES + 16;

/** Who sends a share to whom, in which ceremony: every byte of it is bound into the key and the AEAD. */
export interface ShareAddress {
  /** The ceremony context built by the caller (election manifest hash, parameters…). */
  readonly ctx: Uint8Array;
  /** The dealer's trustee index (1..n). */
  readonly sender: number;
  /** The recipient's trustee index (1..n). */
  readonly recipient: number;
}

/** A share sealed to one recipient: the ephemeral point and the AEAD output. */
export interface EncryptedShare {
  readonly ephemeral: Point;
  readonly sealed: Uint8Array;
}

/** JSON form of {@link EncryptedShare}: lower-case hex. */
export interface EncryptedShareJSON {
  readonly ephemeral: string;
  readonly sealed: string;
}

/** Outcome of opening a share: the scalar, or why it could not be had. */
export type ShareOpening =
  | { readonly ok: true; readonly share: bigint }
  | { readonly ok: false; readonly reason: 'aead_failure' | 'bad_scalar' | 'bad_ephemeral' };

const INFO = utf8ToBytes(`${TAGS.shareKey}/chacha20poly1305-key`);
const ZERO_NONCE = new Uint8Array(12);

function assertIndex(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 0xffffffff) {
    throw new RangeError(`"${name}" expected a trustee index ≥ 1, got ${String(v)}`);
  }
}

function assertAddress(a: ShareAddress): void {
  if (!(a.ctx instanceof Uint8Array)) throw new TypeError(`"ctx" expected Uint8Array, got ${typeof a.ctx}`);
  assertIndex('sender', a.sender);
  assertIndex('recipient', a.recipient);
}

/**
 * The bytes that bind a share to its ceremony, sender, recipient, ephemeral and recipient key;
 * used as the HKDF salt and as the AEAD associated data.
 */
export function shareBinding(address: ShareAddress, ephemeral: Point, recipientKey: Point): Uint8Array {
  assertAddress(address);
  return new Transcript(TAGS.shareKey)
    .bytes(address.ctx)
    .u32(address.sender)
    .u32(address.recipient)
    .point(ephemeral)
    .point(recipientKey)
    .digest();
}

/**
 * The AEAD key from the shared point S = e·PK = sk·E (step 3 of the module comment).
 * Exposed so that a complaint verifier, given S, derives the same key.
 */
export function deriveShareKey(address: ShareAddress, ephemeral: Point, recipientKey: Point, shared: Point): Uint8Array {
  return hkdf(sha256, encodePoint(shared), shareBinding(address, ephemeral, recipientKey), INFO, 32);
}

/**
 * Seal `share` (a scalar in 0..ℓ-1) to the trustee whose public key is `recipientKey`.
 * @example
 * const enc = encryptShare({ ctx, sender: 1, recipient: 2 }, pk2, f1(2));
 */
export function encryptShare(
  address: ShareAddress,
  recipientKey: Point,
  share: bigint,
  rng: RNG = randomBytes,
): EncryptedShare {
  assertAddress(address);
  if (recipientKey.equals(IDENTITY)) throw new RangeError('"recipientKey" expected a non-identity point, got the identity');
  const plaintext = encodeScalar(share); // RangeError if not 0 <= share < ℓ
  const e = randomScalar(rng);
  const ephemeral = mul(G, e);
  const shared = mul(recipientKey, e);
  const key = deriveShareKey(address, ephemeral, recipientKey, shared);
  const aad = shareBinding(address, ephemeral, recipientKey);
  const sealed = chacha20poly1305(key, ZERO_NONCE, aad).encrypt(plaintext);
  return Object.freeze({ ephemeral, sealed });
}

/**
 * Open a sealed share given the shared point S (either computed by the recipient as sk·E, or
 * revealed in a complaint). Never throws on untrusted content: the result says what failed.
 */
export function openShareWithSharedPoint(
  address: ShareAddress,
  recipientKey: Point,
  enc: EncryptedShare,
  shared: Point,
): ShareOpening {
  assertAddress(address);
  if (enc.ephemeral.equals(IDENTITY)) return { ok: false, reason: 'bad_ephemeral' };
  if (!(enc.sealed instanceof Uint8Array) || enc.sealed.length !== SEALED_SHARE_BYTES) {
    return { ok: false, reason: 'aead_failure' };
  }
  const key = deriveShareKey(address, enc.ephemeral, recipientKey, shared);
  const aad = shareBinding(address, enc.ephemeral, recipientKey);
  let plaintext: Uint8Array;
  try {
    plaintext = chacha20poly1305(key, ZERO_NONCE, aad).decrypt(enc.sealed);
  } catch {
    return { ok: false, reason: 'aead_failure' };
  }
  try {
    return { ok: true, share: decodeScalar(plaintext, 'share') };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, reason: 'bad_scalar' };
    throw e;
  }
}

/**
 * Open a share sealed to us with our trustee secret `recipientSecret` (PK = sk·G).
 * @example
 * const r = decryptShare({ ctx, sender: 1, recipient: 2 }, sk2, enc);
 * if (r.ok) use(r.share);
 */
export function decryptShare(address: ShareAddress, recipientSecret: bigint, enc: EncryptedShare): ShareOpening {
  if (enc.ephemeral.equals(IDENTITY)) return { ok: false, reason: 'bad_ephemeral' };
  const recipientKey = mul(G, recipientSecret);
  return openShareWithSharedPoint(address, recipientKey, enc, mul(enc.ephemeral, recipientSecret));
}

/** JSON form of an encrypted share. */
export function encryptedShareToJSON(enc: EncryptedShare): EncryptedShareJSON {
  return { ephemeral: pointToHex(enc.ephemeral), sealed: toHex(enc.sealed) };
}

/** Strict decoding of an encrypted share (non-identity canonical point, 48 bytes sealed). @throws DecodeError */
export function encryptedShareFromJSON(json: EncryptedShareJSON): EncryptedShare {
  if (typeof json !== 'object' || json === null) throw new DecodeError('wrong_length', 'encryptedShare');
  return Object.freeze({
    ephemeral: pointFromHex(json.ephemeral, 'encryptedShare.ephemeral'),
    sealed: fromHex(json.sealed, 'encryptedShare.sealed', SEALED_SHARE_BYTES),
  });
}
