/**
 * A trustee's key registration, signed by the member (issue 11; docs/election-record.md
 * §6.8). The session alone would let whoever holds sessions post a trustee key of its own
 * choosing for a member; the member's account key (registered with a proof of possession
 * at activation, `account-key.ts`) signs which key is theirs:
 *
 * ```
 * body    = { "electionId": <id>, "memberId": <id>, "trustee": <index 1..n>,
 *             "trusteeKeyHash": <lower-case hex SHA-256 of canonicalJson(trustee public key JSON)> }
 * message = u32be(34) ‖ "anfora/v1/trustee-key-registration" ‖ u32be(len) ‖ canonicalJson(body)
 * signature = Ed25519 (RFC 8032, strict and cofactorless verification) of `message`
 *             by the member's account key in force, 64 bytes, lower-case hex
 * ```
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { verifyStrictSignature } from '../crypto/ballot-signature.js';
import { fromHex, toHex } from '../crypto/group.js';
import { TAGS } from '../crypto/transcript.js';
import { statementMessage } from './account-key.js';
import { canonicalJson } from './canonical-json.js';
import { assertId } from './ids.js';

/** What a member signs when registering its trustee key. */
export interface TrusteeKeyStatement {
  readonly electionId: string;
  readonly memberId: string;
  /** The member's trustee index (1-based, committee order). */
  readonly trustee: number;
  /** The trustee public key as the board carries it (`trustee_key.publicKey`). */
  readonly publicKey: unknown;
}

/**
 * SHA-256 (lower-case hex) of the canonical JSON of a trustee public key.
 * @throws TypeError if the key is not canonical-JSON data
 */
export function trusteeKeyHash(publicKey: unknown): string {
  return toHex(sha256(canonicalJson(publicKey)));
}

/**
 * The exact bytes of a trustee-key registration (see the module comment).
 * @throws TypeError/RangeError on a malformed id, index or key
 * @example trusteeKeyMessage({ electionId, memberId, trustee: 2, publicKey })
 */
export function trusteeKeyMessage(s: TrusteeKeyStatement): Uint8Array {
  assertId('electionId', s.electionId);
  assertId('memberId', s.memberId);
  if (!Number.isInteger(s.trustee) || s.trustee < 1 || s.trustee > 255) throw new RangeError(`"trustee" expected 1..255, got ${String(s.trustee)}`);
  return statementMessage(TAGS.trusteeKeyRegistration, {
    electionId: s.electionId, memberId: s.memberId, trustee: s.trustee, trusteeKeyHash: trusteeKeyHash(s.publicKey),
  });
}

/**
 * Sign a trustee-key registration with the member's account secret key (32-byte seed).
 * @example const signature = signTrusteeKey(account.signingSecretKey, { electionId, memberId, trustee, publicKey });
 */
export function signTrusteeKey(secretKey: Uint8Array, s: TrusteeKeyStatement): string {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('"secretKey" expected 32 bytes');
  return toHex(ed25519.sign(trusteeKeyMessage(s), secretKey));
}

/**
 * Verify an untrusted registration signature (hex) under an account key (hex), strictly.
 * False on anything malformed; never throws.
 */
export function verifyTrusteeKey(accountKeyHex: unknown, s: TrusteeKeyStatement, signatureHex: unknown): boolean {
  try {
    if (typeof accountKeyHex !== 'string' || typeof signatureHex !== 'string') return false;
    return verifyStrictSignature(fromHex(accountKeyHex, 'publicKey', 32), trusteeKeyMessage(s), fromHex(signatureHex, 'signature', 64));
  } catch {
    return false;
  }
}
