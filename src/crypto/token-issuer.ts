/**
 * Anonymous voting tokens, issuer side (RFC 9474 §4.3 BlindSign) and the server's fast
 * token verifier, on node:crypto. Server only: imports `node:crypto`.
 *
 * BlindSign is the raw RSA private operation, `privateDecrypt` with `RSA_NO_PADDING`
 * (OpenSSL, CRT and base blinding; ≈1.8 ms for 3072 bits with the check below, against
 * 0.3–0.9 s for the pure-JS BlindSign of blindrsa-ts), followed by the RFC 9474 §4.3
 * step 3–4 check `s^e mod n = m` with the *published* public key (`publicEncrypt` with
 * `RSA_NO_PADDING`), so that a faulty computation or a key mismatch never leaves the
 * server. Verification is
 * RSASSA-PSS-VERIFY with SHA-384 / 48-byte salt by `crypto.verify` (≈0.06 ms per
 * token with the claim checks; WebCrypto `verifyToken` ≈0.15 ms).
 * One key per contest: the signer is fully blind and cannot see which contest a token
 * names (DESIGN §3).
 * @module
 */
import {
  constants, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, privateDecrypt, publicEncrypt,
  sign, verify,
} from 'node:crypto';
import {
  ISSUANCE_KEY_BITS, type IssuancePublicKey, PSS_SALT_BYTES, type RsaPublicKey, type Token, type TokenExpectation,
  type TokenVerdict, checkTokenClaims, issuanceKeyFromSpki, preparedTokenMessage,
} from './voting-token.js';
import type { BlindSignResult, IssuingKey } from './issuing-key.js';

export type { BlindSignResult } from './issuing-key.js';

/**
 * A contest's issuance key pair. `pkcs8` (DER) is what gets stored, encrypted at rest by the
 * caller. Its `blindSign` and `signPss` are {@link blindSign} and {@link signRsaPss} (the
 * issuer's operations, as the browser's `issuing-key.ts` offers them on bigint).
 */
export interface IssuanceKeyPair extends IssuingKey {
  readonly publicKey: IssuancePublicKey;
  readonly privateKey: KeyObject;
  readonly pkcs8: Uint8Array;
}
/** Any RSA key pair the blind signer accepts (issuance keys, and the RFC 9474 vector key in tests). */
export interface BlindSigningKey {
  readonly publicKey: RsaPublicKey;
  readonly privateKey: KeyObject;
}

const publicKeyObjects = new WeakMap<RsaPublicKey, KeyObject>();
function publicKeyObject(pk: RsaPublicKey): KeyObject {
  let k = publicKeyObjects.get(pk);
  if (!k) {
    k = createPublicKey({ key: Buffer.from(pk.spki), format: 'der', type: 'spki' });
    publicKeyObjects.set(pk, k);
  }
  return k;
}

function beInt(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}

/**
 * Load a stored issuance key from PKCS#8 DER. It must be an RSA key with a 3072-bit
 * modulus and e = 65537.
 * @throws RangeError otherwise
 */
export function issuanceKeyFromPkcs8(pkcs8: Uint8Array): IssuanceKeyPair {
  if (!(pkcs8 instanceof Uint8Array)) throw new TypeError(`"pkcs8" expected Uint8Array, got ${typeof pkcs8}`);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch {
    throw new RangeError('"pkcs8" expected a DER PKCS#8 private key');
  }
  const d = privateKey.asymmetricKeyDetails;
  if (privateKey.asymmetricKeyType !== 'rsa' || d?.modulusLength !== ISSUANCE_KEY_BITS || d.publicExponent !== 65537n) {
    throw new RangeError(`"pkcs8" expected an RSA-${ISSUANCE_KEY_BITS} key with e = 65537, got ${privateKey.asymmetricKeyType} ${d?.modulusLength}`);
  }
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const pair: IssuanceKeyPair = Object.freeze({
    publicKey: issuanceKeyFromSpki(new Uint8Array(spki)), privateKey, pkcs8: pkcs8.slice(),
    blindSign: (m: Uint8Array) => blindSign(pair, m),
    signPss: (msg: Uint8Array) => signRsaPss(pair, msg),
  });
  return pair;
}

/**
 * A fresh issuance key for one contest: RSA, 3072-bit modulus, e = 65537 (RFC 9474 §5
 * suite RSABSSA-SHA384-PSS-Randomized). Randomness comes from OpenSSL; there is no `rng`
 * parameter because OpenSSL's prime generation cannot be seeded. ~0.3–1 s.
 * @example const { publicKey, pkcs8 } = generateIssuanceKey();
 */
export function generateIssuanceKey(): IssuanceKeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: ISSUANCE_KEY_BITS, publicExponent: 65537 });
  return issuanceKeyFromPkcs8(new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })));
}

/**
 * RFC 9474 §4.3 BlindSign. The blinded message comes from an (authenticated, but
 * untrusted) voter: one not exactly `modulusBytes` long, or not an integer in 1..n−1,
 * is refused with a result.
 * @throws Error "signing failure" if s^e mod n ≠ m (a fault, or a private key that
 *   does not match the published public key)
 * @example const r = blindSign(contestKey, request.blindedMessage); if (r.ok) send(r.blindSignature);
 */
export function blindSign(key: BlindSigningKey, blindedMessage: Uint8Array): BlindSignResult {
  if (!(blindedMessage instanceof Uint8Array)) {
    throw new TypeError(`"blindedMessage" expected Uint8Array, got ${typeof blindedMessage}`);
  }
  const { n, modulusBytes } = key.publicKey;
  if (blindedMessage.length !== modulusBytes) return { ok: false, reason: 'wrong_length' };
  const m = beInt(blindedMessage); // 1. m = bytes_to_int(blinded_msg)
  if (m < 1n || m >= n) return { ok: false, reason: 'out_of_range' };
  // 2. s = RSASP1(skS, m)
  const raw = privateDecrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, blindedMessage);
  const s = new Uint8Array(modulusBytes);
  s.set(raw, modulusBytes - raw.length);
  // 3. m' = RSAVP1(pkS, s); 4. if m != m', raise "signing failure"
  // A private key that does not match the published key can give s ≥ n, which OpenSSL
  // refuses to raise to e: that too is the RFC's "signing failure", not another error.
  let check: Buffer;
  try {
    check = publicEncrypt({ key: publicKeyObject(key.publicKey), padding: constants.RSA_NO_PADDING }, s);
  } catch {
    throw new Error('signing failure');
  }
  if (!Buffer.from(blindedMessage).equals(check)) throw new Error('signing failure');
  return { ok: true, blindSignature: s }; // 5, 6
}

/**
 * Server-side token verification (RFC 9474 §4.5 with node:crypto, synchronous): the
 * claims of {@link checkTokenClaims} (election, contest, ballot key, field shapes), then
 * RSASSA-PSS-VERIFY with SHA-384, MGF1-SHA-384 and a 48-byte salt. Same verdicts as
 * the WebCrypto `verifyToken`. Untrusted token: the result names what failed.
 * @example verifyTokenNode(contestKey, token, { electionId, contestId, ballotPublicKey }) // { ok: true }
 */
export function verifyTokenNode(key: IssuancePublicKey, token: Token, expected: TokenExpectation): TokenVerdict {
  const claims = checkTokenClaims(key, token, expected);
  if (!claims.ok) return claims;
  try {
    const ok = verify(
      'sha384', preparedTokenMessage(token),
      { key: publicKeyObject(key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_BYTES },
      token.signature,
    );
    return ok ? claims : { ok: false, reason: 'bad_signature' };
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
}

/**
 * Whether `blindSignature` is the issuer's blind signature of `blindedMessage`: RFC 9474
 * §4.3 steps 3–4 with the public key only, s^e mod n = m, both exactly `modulusBytes`
 * long and below n. What the relay checks before storing an issuer's answer. Never throws.
 */
export function checkBlindSignatureNode(key: RsaPublicKey, blindedMessage: Uint8Array, blindSignature: Uint8Array): boolean {
  try {
    const { n, modulusBytes } = key;
    if (blindedMessage.length !== modulusBytes || blindSignature.length !== modulusBytes) return false;
    if (beInt(blindSignature) >= n || beInt(blindedMessage) >= n) return false;
    const m = publicEncrypt({ key: publicKeyObject(key), padding: constants.RSA_NO_PADDING }, blindSignature);
    return Buffer.from(blindedMessage).equals(m);
  } catch {
    return false;
  }
}

/** RSASSA-PSS-VERIFY (SHA-384, 48-byte salt) on node:crypto, synchronous. Never throws. */
export function verifyRsaPssNode(key: RsaPublicKey, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (signature.length !== key.modulusBytes || beInt(signature) >= key.n) return false;
    return verify('sha384', message, { key: publicKeyObject(key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_BYTES }, signature);
  } catch {
    return false;
  }
}

/**
 * RSASSA-PSS (SHA-384, 48-byte salt) of `message` with an issuance key: the proof of
 * possession an issuer registers its key with (record/issuer-key-statement.ts).
 */
export function signRsaPss(key: BlindSigningKey, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign('sha384', message, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: PSS_SALT_BYTES }));
}
