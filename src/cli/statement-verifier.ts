/**
 * The strict Ed25519 check `npm run verify` gives the record verifier for the committee's
 * decisions and the associations' token requests (its `statementVerifier`). The issuers'
 * logs, tens of megabytes each, are checked on their message in parts instead
 * (crypto/ballot-signature.ts `verifyStrictSignatureParts`, the verifier's `sha512` option).
 * @module
 */
import { verifyStrictSignatureNode } from '../crypto/ballot-signature-node.js';
import { verifyStrictSignatureSodium } from '../crypto/sodium-ballots.js';

/** Messages longer than this are not handed to libsodium (see {@link verifyStatement}). */
export const LONG_MESSAGE_BYTES = 1 << 20;

/**
 * libsodium's strict check, the fastest for the many short messages, except for a long
 * one (none in an honest record, but a hostile record may carry a decision of any length),
 * which libsodium would copy into its WebAssembly memory, growing it for the rest of the run
 * (by ≈ 190 MB for a 70 MB message); node:crypto reads it where it lies. Both are the same
 * strict check (ballot-signature.ts `verifyStrictSignature`), with the same verdicts. After
 * `await sodiumReady`.
 */
export function verifyStatement(publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array): boolean {
  return msg instanceof Uint8Array && msg.length > LONG_MESSAGE_BYTES
    ? verifyStrictSignatureNode(publicKey, msg, signature)
    : verifyStrictSignatureSodium(publicKey, msg, signature);
}
