/**
 * The associations' token requests are signed once and checked three times: in the
 * issuance log (check 28) and in each of the contest's two issuer logs (check 44), the
 * same request under the same key with the same signature, each judged as it streams
 * past (checked-events.ts). {@link rememberValid} checks a signature once: a later call with the same
 * signature, key and message (compared by their SHA-256) is the verdict already reached,
 * true; anything else is checked afresh. Only valid signatures are kept, one short entry
 * per request (the signature's hex and a 32-byte digest), so memory grows with the
 * associations, as the other per-association maps of the verifier do.
 * @module
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js';
import type { Sha256 } from './record-stream.js';
import type { StrictVerifier } from './state.js';

/**
 * `verify`, remembering the signatures it found valid (see the module comment): the same
 * verdicts. `createHash`: the SHA-256 implementation (default noble's).
 * @example const check = rememberValid(verifyStrictSignatureSodium); check(pk, msg, sig); check(pk, msg, sig) // checked once
 */
export function rememberValid(verify: StrictVerifier, createHash?: () => Sha256): StrictVerifier {
  const valid = new Map<string, string>();
  const digest = (publicKey: Uint8Array, msg: Uint8Array): string => {
    if (createHash === undefined) return bytesToHex(nobleSha256(concatBytes(publicKey, msg)));
    const h = createHash();
    h.update(publicKey);
    h.update(msg);
    return bytesToHex(h.digest());
  };
  return (publicKey, msg, signature) => {
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32 || !(msg instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
      return verify(publicKey, msg, signature);
    }
    const key = bytesToHex(signature);
    const seen = valid.get(key);
    const d = digest(publicKey, msg);
    if (seen === d) return true;
    const ok = verify(publicKey, msg, signature);
    if (ok && seen === undefined) valid.set(key, d);
    return ok;
  };
}
