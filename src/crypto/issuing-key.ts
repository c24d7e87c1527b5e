/**
 * An issuer's private issuing key in the browser (issue 13): RFC 9474 §4.3 BlindSign and
 * the RSASSA-PSS proof of possession on bigint, with no `node:*` import, so that the
 * issuers' page (a Web Worker) signs with the same key file as the issuer CLI. The CLI and
 * the server keep node:crypto (`token-issuer.ts`, OpenSSL, ≈1.8 ms a signature); both
 * offer the operations of {@link IssuingKey}, which `client/issuer.ts` uses.
 *
 * The private operation is RSASP1 with the CRT (RFC 8017 §5.1.2, 2.b) behind base
 * blinding (a fresh r: the exponentiation runs on m·r^e, and s = (m·r^e)^d · r⁻¹), then
 * the RFC 9474 §4.3 step 3–4 check s^e mod n = m with the *published* public key, so a
 * fault or a key that does not match never leaves the page. JavaScript bigint is not
 * constant-time; the blinding keeps the exponentiation's input unknown to whoever chose
 * the blinded message.
 *
 * Key material is PKCS#8 DER (RFC 5208) of an RSAPrivateKey (RFC 8017 §A.1.2) with the
 * rsaEncryption algorithm identifier, canonical DER: the bytes node:crypto exports, which
 * is what the issuer key file holds.
 * @module
 */
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { type RNG } from './group.js';
import {
  ISSUANCE_KEY_BITS, ISSUANCE_KEY_EXPONENT, type IssuancePublicKey, PSS_SALT_BYTES, RSA_ALGORITHM_ID, type RsaPublicKey,
  beBytes, beInt, derInteger, derTlv, emsaPssEncode, encodeRsaSpki, gcd, issuanceKeyFromSpki, modInverse, modPow, readTlv,
  rsaPublicKeyFromSpki,
} from './voting-token.js';

export type BlindSignResult =
  | { readonly ok: true; readonly blindSignature: Uint8Array }
  | { readonly ok: false; readonly reason: 'wrong_length' | 'out_of_range' };

/** What an issuer does with a contest's key, whichever code does it (node:crypto or bigint). */
export interface IssuingKey {
  readonly publicKey: IssuancePublicKey;
  /** PKCS#8 DER of the private key: what the key file seals. */
  readonly pkcs8: Uint8Array;
  /** RFC 9474 §4.3 BlindSign; throws Error "signing failure" on a fault. */
  blindSign(blindedMessage: Uint8Array): BlindSignResult;
  /** RSASSA-PSS (SHA-384, 48-byte salt) of `message`: the proof of possession. */
  signPss(message: Uint8Array): Uint8Array;
}

/** An RSA private key in CRT form (RFC 8017 §3.2), with its public key. */
export interface RsaPrivateKey {
  readonly publicKey: RsaPublicKey;
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
  readonly dp: bigint;
  readonly dq: bigint;
  readonly qInv: bigint;
}

/** Canonical PKCS#8 DER of an RSA private key (version 0, rsaEncryption, two primes). */
export function encodeRsaPkcs8(k: { n: bigint; e: bigint; d: bigint; p: bigint; q: bigint; dp: bigint; dq: bigint; qInv: bigint }): Uint8Array {
  const ints = [0n, k.n, k.e, k.d, k.p, k.q, k.dp, k.dq, k.qInv].map(derInteger);
  const rsaPrivateKey = derTlv(0x30, concatBytes(...ints));
  return derTlv(0x30, concatBytes(derInteger(0n), RSA_ALGORITHM_ID, derTlv(0x04, rsaPrivateKey)));
}

/**
 * Decode an RSA private key from PKCS#8 DER, strictly: the canonical encoding (re-encoded
 * and compared), a public key {@link rsaPublicKeyFromSpki} accepts, and consistent CRT
 * values: p·q = n, dp = d mod (p−1), dq = d mod (q−1), q·qInv ≡ 1 (mod p), e·dp ≡ 1
 * (mod p−1) and e·dq ≡ 1 (mod q−1).
 * @throws RangeError otherwise
 */
export function rsaPrivateKeyFromPkcs8(pkcs8: Uint8Array): RsaPrivateKey {
  if (!(pkcs8 instanceof Uint8Array)) throw new TypeError(`"pkcs8" expected Uint8Array, got ${typeof pkcs8}`);
  let v: bigint[];
  try {
    const outer = readTlv(pkcs8, 0, 0x30);
    const version = readTlv(pkcs8, outer.start, 0x02);
    const alg = readTlv(pkcs8, version.end, 0x30);
    const octets = readTlv(pkcs8, alg.end, 0x04);
    let at = readTlv(pkcs8, octets.start, 0x30).start;
    v = [];
    for (let i = 0; i < 9; i++) {
      const t = readTlv(pkcs8, at, 0x02);
      v.push(beInt(pkcs8.subarray(t.start, t.end)));
      at = t.end;
    }
  } catch {
    throw new RangeError('"pkcs8" expected a DER PKCS#8 RSA private key');
  }
  const [version, n, e, d, p, q, dp, dq, qInv] = v as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  let publicKey: RsaPublicKey;
  try {
    publicKey = rsaPublicKeyFromSpki(encodeRsaSpki(n, e));
  } catch {
    throw new RangeError('"pkcs8" holds an unacceptable RSA public key');
  }
  const canonical = version === 0n && sameBytes(encodeRsaPkcs8({ n, e, d, p, q, dp, dq, qInv }), pkcs8);
  const consistent = p > 1n && q > 1n && p * q === n && dp === d % (p - 1n) && dq === d % (q - 1n)
    && (q * qInv) % p === 1n && (e * dp) % (p - 1n) === 1n && (e * dq) % (q - 1n) === 1n;
  if (!canonical || !consistent) throw new RangeError('"pkcs8" expected a canonical, consistent RSA private key');
  return Object.freeze({ publicKey, d, p, q, dp, dq, qInv });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let x = 0;
  for (let i = 0; i < a.length; i++) x |= a[i]! ^ b[i]!;
  return x === 0;
}

/** RSASP1 (RFC 8017 §5.1.2) with the CRT, behind base blinding, then the check s^e mod n = m. */
function privateOperation(k: RsaPrivateKey, m: bigint, rng: RNG): bigint {
  const { n, e, modulusBits, modulusBytes } = k.publicKey;
  let r: bigint;
  do {
    const b = rng(modulusBytes);
    r = beInt(Uint8Array.of(b[0]! & (0xff >>> (8 * modulusBytes - modulusBits)), ...b.subarray(1)));
  } while (r < 2n || r >= n || gcd(r, n) !== 1n);
  const c = (m * modPow(r, e, n)) % n;
  const m1 = modPow(c % k.p, k.dp, k.p);
  const m2 = modPow(c % k.q, k.dq, k.q);
  const h = (((m1 - m2) % k.p + k.p) * k.qInv) % k.p;
  const s = ((m2 + h * k.q) * modInverse(r, n)!) % n;
  if (modPow(s, e, n) !== m) throw new Error('signing failure');
  return s;
}

/**
 * RFC 9474 §4.3 BlindSign on bigint: the same answers as `token-issuer.ts` `blindSign`
 * (RSA is deterministic), the same refusals of a blinded message that is not exactly
 * `modulusBytes` long or not an integer in 1..n−1.
 * @throws Error "signing failure" if s^e mod n ≠ m
 */
export function blindSignBigint(k: RsaPrivateKey, blindedMessage: Uint8Array, rng: RNG = randomBytes): BlindSignResult {
  if (!(blindedMessage instanceof Uint8Array)) throw new TypeError(`"blindedMessage" expected Uint8Array, got ${typeof blindedMessage}`);
  const { n, modulusBytes } = k.publicKey;
  if (blindedMessage.length !== modulusBytes) return { ok: false, reason: 'wrong_length' };
  const m = beInt(blindedMessage);
  if (m < 1n || m >= n) return { ok: false, reason: 'out_of_range' };
  return { ok: true, blindSignature: beBytes(privateOperation(k, m, rng), modulusBytes) };
}

/** RSASSA-PSS-SIGN (RFC 8017 §8.1.1) with SHA-384, MGF1-SHA-384 and a random 48-byte salt, on bigint. */
export function signRsaPssBigint(k: RsaPrivateKey, message: Uint8Array, rng: RNG = randomBytes): Uint8Array {
  const { modulusBits, modulusBytes } = k.publicKey;
  const em = emsaPssEncode(message, modulusBits - 1, rng(PSS_SALT_BYTES));
  return beBytes(privateOperation(k, beInt(em), rng), modulusBytes);
}

/**
 * Load a contest's issuing key from PKCS#8 DER for signing in the browser: RSA-3072 with
 * e = 65537 ({@link rsaPrivateKeyFromPkcs8}).
 * @throws RangeError otherwise
 */
export function issuingKeyFromPkcs8(pkcs8: Uint8Array): IssuingKey {
  const k = rsaPrivateKeyFromPkcs8(pkcs8);
  if (k.publicKey.modulusBits !== ISSUANCE_KEY_BITS || k.publicKey.e !== ISSUANCE_KEY_EXPONENT) {
    throw new RangeError(`"pkcs8" expected an RSA-${ISSUANCE_KEY_BITS} key with e = 65537`);
  }
  const publicKey = issuanceKeyFromSpki(k.publicKey.spki);
  return Object.freeze({
    publicKey, pkcs8: pkcs8.slice(),
    blindSign: (m: Uint8Array) => blindSignBigint(k, m),
    signPss: (msg: Uint8Array) => signRsaPssBigint(k, msg),
  });
}

function fromBase64Url(s: string): bigint {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return beInt(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}

/**
 * A fresh issuing key generated by WebCrypto (RSA-3072, e = 65537; the browser's own prime
 * generation, seconds on a slow machine), exported once as JWK and kept as canonical
 * PKCS#8 ({@link encodeRsaPkcs8}).
 */
export async function generateIssuingKey(): Promise<IssuingKey> {
  const pair = await globalThis.crypto.subtle.generateKey(
    { name: 'RSA-PSS', modulusLength: ISSUANCE_KEY_BITS, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-384' }, true, ['sign', 'verify'],
  );
  const j = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  const [n, e, d, p, q, dp, dq, qInv] = [j.n, j.e, j.d, j.p, j.q, j.dp, j.dq, j.qi].map((x) => fromBase64Url(x ?? '')) as bigint[];
  return issuingKeyFromPkcs8(encodeRsaPkcs8({ n: n!, e: e!, d: d!, p: p!, q: q!, dp: dp!, dq: dq!, qInv: qInv! }));
}
