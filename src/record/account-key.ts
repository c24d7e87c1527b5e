/**
 * An account's signing key and its proof of possession (issue 11: credentials only their
 * owners hold). At activation the owner generates an Ed25519 key pair (RFC 8032 §5.1.5)
 * in the page or the CLI and registers the public key together with a signature, under
 * the new key, over this statement:
 *
 * ```
 * body    = { "accountId": <the account's id>, "signingKey": <lower-case hex of the 32-byte public key> }
 * message = 0000_0015 ‖ "anfora/v1/account-key"  (TAGS.accountKey, 21 bytes UTF-8)
 *         ‖ u32be(len) ‖ canonicalJson(body)
 * proof   = Ed25519 signature (64 bytes, lower-case hex) of `message` by the new key
 * ```
 *
 * (the transcript framing of `src/crypto/transcript.ts`: each item is its 4-byte
 * big-endian length followed by its bytes). The proof shows that whoever registers the
 * key holds its secret half, and binds the key to one account, so that a key registered
 * for one account cannot be replayed for another. Verification is the project's strict,
 * cofactorless Ed25519 (`src/crypto/ballot-signature.ts`): a non-canonical or
 * small-order key or R, or S ≥ ℓ, is refused.
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { isStrictPublicKey, verifyStrictSignature } from '../crypto/ballot-signature.js';
import { DecodeError, fromHex, toHex } from '../crypto/group.js';
import { TAGS, framedParts } from '../crypto/transcript.js';
import { canonicalJsonChunks } from './canonical-json.js';
import { assertId } from './ids.js';

/** Length of an account's Ed25519 secret seed and public key (RFC 8032 §5.1.5). */
export const ACCOUNT_KEY_BYTES = 32;

/** The registered statement: which account, which key. */
export interface AccountKeyStatement {
  readonly accountId: string;
  /** Lower-case hex of the 32-byte Ed25519 public key. */
  readonly signingKey: string;
}

/**
 * The bytes a signed statement covers: the transcript framing of `tag` and of the
 * canonical JSON of `body` (tag length, tag, body length, body). Shared by every
 * statement an account signs, each under its own tag.
 * @throws RangeError unless `tag` is an `anfora/v1/…` tag; TypeError if `body` is not canonical-JSON data
 * @example statementMessage(TAGS.accountKey, { accountId, signingKey })
 */
export function statementMessage(tag: string, body: unknown): Uint8Array {
  return concatBytes(...statementMessageParts(tag, body));
}

/**
 * {@link statementMessage} as consecutive parts, never joined: the body's canonical JSON in
 * chunks. An issuer log is 70 MB at 100,000 associations; its signature is checked on these.
 * @throws as {@link statementMessage}
 */
export function statementMessageParts(tag: string, body: unknown): Uint8Array[] {
  if (typeof tag !== 'string' || !tag.startsWith('anfora/v1/')) throw new RangeError(`"tag" expected anfora/v1/…, got ${String(tag)}`);
  return framedParts(tag, canonicalJsonChunks(body));
}

/**
 * The exact bytes of the proof of possession for `statement` (see the module comment).
 * @throws TypeError/RangeError unless accountId is an id and signingKey 64 lower-case hex digits
 * @example accountKeyMessage({ accountId, signingKey: toHex(publicKey) })
 */
export function accountKeyMessage(statement: AccountKeyStatement): Uint8Array {
  assertId('accountId', statement.accountId);
  if (typeof statement.signingKey !== 'string' || !/^[0-9a-f]{64}$/.test(statement.signingKey)) {
    throw new RangeError(`"signingKey" expected 64 lower-case hex digits, got ${JSON.stringify(statement.signingKey)}`);
  }
  return statementMessage(TAGS.accountKey, { accountId: statement.accountId, signingKey: statement.signingKey });
}

/**
 * The public key (hex) of an account's secret seed and its proof of possession for
 * `accountId` (RFC 8032 §5.1.6, deterministic).
 * @throws TypeError/RangeError unless secretKey is 32 bytes and accountId an id
 * @example const { signingKey, proof } = proveAccountKey(keys.secretKey, invitation.accountId);
 */
export function proveAccountKey(secretKey: Uint8Array, accountId: string): { readonly signingKey: string; readonly proof: string } {
  if (!(secretKey instanceof Uint8Array)) throw new TypeError(`"secretKey" expected Uint8Array, got ${typeof secretKey}`);
  if (secretKey.length !== ACCOUNT_KEY_BYTES) throw new RangeError(`"secretKey" expected ${ACCOUNT_KEY_BYTES} bytes, got ${secretKey.length}`);
  const signingKey = toHex(ed25519.getPublicKey(secretKey));
  const proof = toHex(ed25519.sign(accountKeyMessage({ accountId, signingKey }), secretKey));
  return Object.freeze({ signingKey, proof });
}

/** Why a registration was refused: the key itself, or its proof. */
export type AccountKeyFailure = 'malformed_key' | 'bad_proof';

/**
 * Check an untrusted key registration: `signingKey` a strict Ed25519 public key
 * (canonical, not of small order) and `proof` a valid strict signature of
 * {@link accountKeyMessage} under it. Never throws.
 * @example checkAccountKey(account.id, body.signingKey, body.proof) // { ok: true }
 */
export function checkAccountKey(accountId: string, signingKey: unknown, proof: unknown):
  { readonly ok: true } | { readonly ok: false; readonly reason: AccountKeyFailure } {
  let key: Uint8Array;
  try {
    key = fromHex(signingKey as string, 'signingKey', ACCOUNT_KEY_BYTES);
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, reason: 'malformed_key' };
    throw e;
  }
  if (!isStrictPublicKey(key)) return { ok: false, reason: 'malformed_key' };
  let sig: Uint8Array;
  let msg: Uint8Array;
  try {
    sig = fromHex(proof as string, 'proof', 64);
    msg = accountKeyMessage({ accountId, signingKey: signingKey as string });
  } catch {
    return { ok: false, reason: 'bad_proof' };
  }
  return verifyStrictSignature(key, msg, sig) ? { ok: true } : { ok: false, reason: 'bad_proof' };
}
