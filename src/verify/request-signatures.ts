/**
 * The associations' token requests are signed once and checked three times: in the
 * issuance log (check 28) and in each of the contest's two issuer logs (check 44), the
 * same request under the same key with the same signature, each judged as it streams
 * past (checked-events.ts). {@link rememberValid} checks a signature once: a later call with the same
 * signature, key and message is the verdict already reached, true; anything else is checked
 * afresh. Only valid signatures are kept, each as the SHA-256 of key ‖ signature ‖ message
 * (key and signature have fixed lengths, so the three are read back unambiguously) held as
 * a 32-character string, one per request: memory grows with the associations, as the other
 * per-association maps of the verifier do, by ≈ 100 bytes each. (A hex string built by
 * concatenation, as hex encoders do, is held by the engine as a chain of pieces: the two
 * hex strings of a signature and a digest took ≈ 2.6 KB per request, 250 MB at 100,000.)
 * @module
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { Sha256 } from './record-stream.js';
import type { StrictVerifier } from './state.js';

/**
 * `verify`, remembering the signatures it found valid (see the module comment): the same
 * verdicts. `createHash`: the SHA-256 implementation (default noble's).
 * @example const check = rememberValid(verifyStrictSignatureSodium); check(pk, msg, sig); check(pk, msg, sig) // checked once
 */
export function rememberValid(verify: StrictVerifier, createHash?: () => Sha256): StrictVerifier {
  const valid = new Set<string>();
  const digest = (publicKey: Uint8Array, signature: Uint8Array, msg: Uint8Array): string => {
    const h = createHash === undefined ? nobleSha256.create() : createHash();
    h.update(publicKey);
    h.update(signature);
    h.update(msg);
    // One byte per character: a flat string of 32 characters.
    return String.fromCharCode(...h.digest());
  };
  return (publicKey, msg, signature) => {
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32 || !(msg instanceof Uint8Array) || !(signature instanceof Uint8Array) || signature.length !== 64) {
      return verify(publicKey, msg, signature);
    }
    const d = digest(publicKey, signature, msg);
    if (valid.has(d)) return true;
    const ok = verify(publicKey, msg, signature);
    if (ok) valid.add(d);
    return ok;
  };
}
