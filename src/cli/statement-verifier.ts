/**
 * The strict Ed25519 check `npm run verify` gives the record verifier for the committee's
 * decisions, the associations' token requests and the issuers' logs (its
 * `statementVerifier`).
 * @module
 */
import { verifyStrictSignatureNode } from '../crypto/ballot-signature-node.js';
import { verifyStrictSignatureSodium } from '../crypto/sodium-ballots.js';

/** Messages longer than this are not handed to libsodium (see {@link verifyStatement}). */
export const LONG_MESSAGE_BYTES = 1 << 20;

/**
 * libsodium's strict check, the fastest for the many short messages, except for a long
 * one (an issuer log is ≈ 700 bytes per association, 70 MB at 100,000), which libsodium
 * would copy into its WebAssembly memory, growing it for the rest of the run (by ≈ 190 MB
 * for a 70 MB message); node:crypto reads it where it lies. Both are the same strict check
 * (ballot-signature.ts `verifyStrictSignature`), with the same verdicts. After `await sodiumReady`.
 */
export function verifyStatement(publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array): boolean {
  return msg instanceof Uint8Array && msg.length > LONG_MESSAGE_BYTES
    ? verifyStrictSignatureNode(publicKey, msg, signature)
    : verifyStrictSignatureSodium(publicKey, msg, signature);
}
