/**
 * Anonymous voting tokens, voter side and browser-safe verification: blind RSA per
 * RFC 9474, suite RSABSSA-SHA384-PSS-Randomized (SHA-384, MGF1-SHA-384, 48-byte salt,
 * 32-byte random message prefix), one 3072-bit issuance key per contest (DESIGN §3).
 *
 * The client steps Prepare/Blind/Finalize (RFC 9474 §4.1, §4.2, §4.4) are written here
 * on bigint and noble's SHA-384 rather than taken from `@cloudflare/blindrsa-ts`, whose
 * `prepare`/`blind` draw their own randomness: with `rng` as a parameter the RFC 9474
 * Appendix A vector and our known-answer tests run through this very code. The tests
 * check interoperability with blindrsa-ts both ways. RSA-PSS verification uses WebCrypto
 * (browser and Node); the server verifies with node:crypto in `token-issuer.ts`.
 * JavaScript bigint arithmetic is not constant-time: the blinding factor may leak to a
 * local timing observer, never to the issuer. No `node:*` imports.
 *
 * Token message (the bytes that are signed, after the 32-byte prefix), in the
 * transcript framing of `transcript.ts` — each item is `u32be(length) ‖ bytes`:
 *
 * ```
 * 00000016 ‖ "anfora/v1/voting-token"       (TAGS.token, UTF-8)
 * u32be(|E|) ‖ E                             election id, UTF-8, 1..256 bytes
 * u32be(|C|) ‖ C                             contest id, UTF-8, 1..256 bytes
 * 00000020 ‖ ballot public key               Ed25519, RFC 8032 §5.1.5, 32 bytes
 * prepared message = message prefix (32 random bytes) ‖ token message
 * ```
 * @module
 */
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { BALLOT_KEY_BYTES, type BallotKeys, generateBallotKeys } from './ballot-signature.js';
import { DecodeError, type RNG, fromHex, toHex } from './group.js';
import { TAGS } from './transcript.js';

/** The RFC 9474 §5 suite name; part of the issuance key's JSON form. */
export const TOKEN_SUITE = 'RSABSSA-SHA384-PSS-Randomized';
/** Issuance keys: RSA, 3072-bit modulus, public exponent 65537. */
export const ISSUANCE_KEY_BITS = 3072;
export const ISSUANCE_KEY_BYTES = 384;
export const ISSUANCE_KEY_EXPONENT = 65537n;
/** RFC 9474 §4.1 randomized Prepare: prefix length; §5: salt length = hash length. */
export const MESSAGE_PREFIX_BYTES = 32;
export const PSS_SALT_BYTES = 48;
/** Longest election or contest id, in UTF-8 bytes. */
export const MAX_ID_BYTES = 256;

/** An RSA public key with its canonical DER SubjectPublicKeyInfo (RFC 8017 §A.1.1, RFC 5280). */
export interface RsaPublicKey {
  readonly n: bigint;
  readonly e: bigint;
  readonly modulusBits: number;
  readonly modulusBytes: number;
  readonly spki: Uint8Array;
}
/** A contest's token-issuance public key; `keyId` = SHA-256(spki). */
export interface IssuancePublicKey extends RsaPublicKey {
  readonly keyId: Uint8Array;
}
/** An anonymous voting token: a blind RSA signature on the prepared token message. */
export interface Token {
  readonly electionId: string;
  readonly contestId: string;
  readonly ballotPublicKey: Uint8Array;
  readonly messagePrefix: Uint8Array;
  readonly signature: Uint8Array;
}
/** What a verifier expects the token to name (the ballot key only when known). */
export interface TokenExpectation {
  readonly electionId: string;
  readonly contestId: string;
  readonly ballotPublicKey?: Uint8Array;
}
/** Why a token was refused; stable names used by the record verifier. */
export type TokenFailure =
  | 'malformed_token' | 'election_mismatch' | 'contest_mismatch' | 'ballot_key_mismatch' | 'bad_signature';
export type TokenVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: TokenFailure };
/** The voter's state between Blind and Finalize. `inverse` and the secret key stay with the voter. */
export interface TokenRequest {
  readonly keyId: Uint8Array;
  readonly electionId: string;
  readonly contestId: string;
  readonly ballotKeys: BallotKeys;
  readonly messagePrefix: Uint8Array;
  /** Sent to the issuer. */
  readonly blindedMessage: Uint8Array;
  readonly inverse: Uint8Array;
}
export type FinalizeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'malformed_signature' | 'bad_signature' };

// ---- integers and bytes (RFC 8017 §4: I2OSP / OS2IP); shared with issuing-key.ts ----

export function beInt(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + bytesToHex(b));
}
export function beBytes(x: bigint, len: number): Uint8Array {
  const h = x.toString(16);
  if (x < 0n || h.length > 2 * len) throw new RangeError(`integer too large for ${len} bytes`);
  return hexToBytes(h.padStart(2 * len, '0'));
}
export function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
  }
  return r;
}
/** Inverse of a mod m by the extended Euclidean algorithm, or undefined if gcd ≠ 1. */
export function modInverse(a: bigint, m: bigint): bigint | undefined {
  let [r0, r1, t0, t1] = [m, a % m, 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1];
  }
  if (r0 !== 1n) return undefined;
  return t0 < 0n ? t0 + m : t0;
}
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
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
function assertBytes(name: string, v: unknown, len?: number): asserts v is Uint8Array {
  if (!(v instanceof Uint8Array)) throw new TypeError(`"${name}" expected Uint8Array, got ${typeof v}`);
  if (len !== undefined && v.length !== len) throw new RangeError(`"${name}" expected ${len} bytes, got ${v.length}`);
}
/** UTF-8 of an id, or undefined unless 1..MAX_ID_BYTES bytes of well-formed UTF-16. */
function idBytes(s: unknown): Uint8Array | undefined {
  if (typeof s !== 'string') return undefined;
  const b = utf8ToBytes(s);
  if (b.length < 1 || b.length > MAX_ID_BYTES) return undefined;
  return new TextDecoder().decode(b) === s ? b : undefined; // lone surrogates would collide on U+FFFD
}

// ---- DER SubjectPublicKeyInfo for rsaEncryption (RFC 8017 §A.1.1, RFC 3279 §2.3.1); shared with issuing-key.ts ----

export const RSA_ALGORITHM_ID = hexToBytes('300d06092a864886f70d0101010500');
export function derTlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  if (n > 0xffff) throw new RangeError('DER content too long');
  return concatBytes(Uint8Array.of(tag, ...len), content);
}
export function derInteger(x: bigint): Uint8Array {
  const b = beBytes(x, Math.max(1, Math.ceil(x.toString(16).length / 2)));
  return derTlv(0x02, b[0]! & 0x80 ? concatBytes(Uint8Array.of(0), b) : b);
}
/** Canonical DER SubjectPublicKeyInfo of the RSA public key (n, e). */
export function encodeRsaSpki(n: bigint, e: bigint): Uint8Array {
  const rsaPublicKey = derTlv(0x30, concatBytes(derInteger(n), derInteger(e)));
  return derTlv(0x30, concatBytes(RSA_ALGORITHM_ID, derTlv(0x03, concatBytes(Uint8Array.of(0), rsaPublicKey))));
}
export function readTlv(b: Uint8Array, off: number, tag: number): { start: number; end: number } {
  if (b[off] !== tag || off + 2 > b.length) throw new Error('tag');
  let len = b[off + 1]!;
  let start = off + 2;
  if (len & 0x80) {
    const nb = len & 0x7f;
    if (nb < 1 || nb > 2 || start + nb > b.length) throw new Error('length');
    len = 0;
    for (let i = 0; i < nb; i++) len = len * 256 + b[start++]!;
  }
  if (start + len > b.length) throw new Error('length');
  return { start, end: start + len };
}

/**
 * Decode an RSA public key from DER SubjectPublicKeyInfo, strictly: the bytes must be
 * the canonical encoding of (n, e) (re-encoded and compared), with 2048..8192-bit odd n
 * and odd 3 ≤ e < n.
 * @throws DecodeError naming `what`
 */
export function rsaPublicKeyFromSpki(spki: Uint8Array, what = 'rsaPublicKey'): RsaPublicKey {
  if (!(spki instanceof Uint8Array)) throw new DecodeError('wrong_length', what);
  let n: bigint, e: bigint;
  try {
    const outer = readTlv(spki, 0, 0x30);
    const alg = readTlv(spki, outer.start, 0x30);
    const bits = readTlv(spki, alg.end, 0x03);
    const seq = readTlv(spki, bits.start + 1, 0x30);
    const nT = readTlv(spki, seq.start, 0x02);
    const eT = readTlv(spki, nT.end, 0x02);
    n = beInt(spki.subarray(nT.start, nT.end));
    e = beInt(spki.subarray(eT.start, eT.end));
  } catch {
    throw new DecodeError('wrong_length', what);
  }
  const modulusBits = n.toString(2).length;
  const ok = modulusBits >= 2048 && modulusBits <= 8192 && (n & 1n) === 1n && (e & 1n) === 1n && e >= 3n && e < n;
  if (!ok || !sameBytes(encodeRsaSpki(n, e), spki)) throw new DecodeError('wrong_length', what);
  return Object.freeze({ n, e, modulusBits, modulusBytes: Math.ceil(modulusBits / 8), spki: spki.slice() });
}

/**
 * Decode a contest's issuance key: an RSA SPKI with a 3072-bit modulus and e = 65537.
 * @throws DecodeError
 */
export function issuanceKeyFromSpki(spki: Uint8Array, what = 'issuanceKey'): IssuancePublicKey {
  const k = rsaPublicKeyFromSpki(spki, what);
  if (k.modulusBits !== ISSUANCE_KEY_BITS || k.e !== ISSUANCE_KEY_EXPONENT) throw new DecodeError('wrong_length', what);
  return Object.freeze({ ...k, keyId: sha256(k.spki) });
}

// ---- RFC 9474 client steps, any modulus size ----

/** MGF1 with SHA-384 (RFC 8017 §B.2.1). */
function mgf1(seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  for (let c = 0, off = 0; off < len; c++, off += 48) {
    out.set(sha384(concatBytes(seed, u32be(c))).subarray(0, Math.min(48, len - off)), off);
  }
  return out;
}

/** EMSA-PSS-ENCODE with SHA-384 and the given salt (RFC 8017 §9.1.1); the issuer's PSS signature (issuing-key.ts) uses it too. */
export function emsaPssEncode(msg: Uint8Array, emBits: number, salt: Uint8Array): Uint8Array {
  const hLen = 48;
  const emLen = Math.ceil(emBits / 8);
  const mHash = sha384(msg); // 2
  if (emLen < hLen + salt.length + 2) throw new RangeError('encoding error'); // 3
  const H = sha384(concatBytes(new Uint8Array(8), mHash, salt)); // 5, 6
  const db = new Uint8Array(emLen - hLen - 1); // 7, 8: PS ‖ 0x01 ‖ salt
  db[emLen - salt.length - hLen - 2] = 0x01;
  db.set(salt, emLen - salt.length - hLen - 1);
  const mask = mgf1(H, db.length); // 9, 10
  for (let i = 0; i < db.length; i++) db[i]! ^= mask[i]!;
  db[0]! &= 0xff >>> (8 * emLen - emBits); // 11
  return concatBytes(db, H, Uint8Array.of(0xbc)); // 12
}

/**
 * RFC 9474 §4.1 Prepare, randomized variant: `msg_prefix = random(32)`, prepared
 * message = msg_prefix ‖ msg.
 */
export function prepareMessage(msg: Uint8Array, rng: RNG = randomBytes): { messagePrefix: Uint8Array; preparedMessage: Uint8Array } {
  assertBytes('msg', msg);
  const messagePrefix = rng(MESSAGE_PREFIX_BYTES);
  assertBytes('rng output', messagePrefix, MESSAGE_PREFIX_BYTES);
  return { messagePrefix, preparedMessage: concatBytes(messagePrefix, msg) };
}

/**
 * RFC 9474 §4.2 Blind. `rng` supplies the 48-byte PSS salt, then `modulusBytes`-byte
 * candidates for r (top bits masked, rejected unless 1 ≤ r < n).
 * @throws Error "invalid input" / "blinding error" as in RFC 9474 §4.2
 */
export function blindMessage(pk: RsaPublicKey, preparedMessage: Uint8Array, rng: RNG = randomBytes): { blindedMessage: Uint8Array; inverse: Uint8Array } {
  assertBytes('preparedMessage', preparedMessage);
  const { n, e, modulusBits, modulusBytes: kLen } = pk;
  const salt = rng(PSS_SALT_BYTES);
  assertBytes('rng output', salt, PSS_SALT_BYTES);
  const m = beInt(emsaPssEncode(preparedMessage, modulusBits - 1, salt)); // 1–3
  if (gcd(m, n) !== 1n) throw new Error('invalid input'); // 4, 5
  let r: bigint; // 6: r = random_integer_uniform(1, n)
  do {
    const b = rng(kLen);
    assertBytes('rng output', b, kLen);
    r = beInt(Uint8Array.of(b[0]! & (0xff >>> (8 * kLen - modulusBits)), ...b.subarray(1)));
  } while (r < 1n || r >= n);
  const inv = modInverse(r, n); // 7, 8
  if (inv === undefined) throw new Error('blinding error');
  const z = (m * modPow(r, e, n)) % n; // 9, 10
  return { blindedMessage: beBytes(z, kLen), inverse: beBytes(inv, kLen) }; // 11, 12
}

const cryptoKeys = new WeakMap<RsaPublicKey, Promise<CryptoKey>>();
function webCryptoKey(pk: RsaPublicKey): Promise<CryptoKey> {
  let k = cryptoKeys.get(pk);
  if (!k) {
    k = globalThis.crypto.subtle.importKey('spki', new Uint8Array(pk.spki), { name: 'RSA-PSS', hash: 'SHA-384' }, false, ['verify']);
    cryptoKeys.set(pk, k);
  }
  return k;
}

/** A signature must be exactly `modulusBytes` long and, as an integer, below n. */
function signatureInRange(pk: RsaPublicKey, sig: unknown): sig is Uint8Array {
  return sig instanceof Uint8Array && sig.length === pk.modulusBytes && beInt(sig) < pk.n;
}

/**
 * RSASSA-PSS-VERIFY with SHA-384, MGF1-SHA-384, 48-byte salt (RFC 9474 §4.5) through
 * WebCrypto. Returns false on any failure, never throws.
 */
export async function verifyRsaPss(pk: RsaPublicKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (!signatureInRange(pk, signature) || !(message instanceof Uint8Array)) return false;
  try {
    return await globalThis.crypto.subtle.verify({ name: 'RSA-PSS', saltLength: PSS_SALT_BYTES }, await webCryptoKey(pk), new Uint8Array(signature), new Uint8Array(message));
  } catch {
    return false;
  }
}

/**
 * RFC 9474 §4.4 Finalize: unblind the issuer's blind signature and verify the result.
 * The blind signature is untrusted: failures are returned, not thrown.
 */
export async function finalizeSignature(
  pk: RsaPublicKey, preparedMessage: Uint8Array, blindSignature: Uint8Array, inverse: Uint8Array,
): Promise<FinalizeResult<Uint8Array>> {
  assertBytes('inverse', inverse, pk.modulusBytes);
  if (!signatureInRange(pk, blindSignature)) return { ok: false, reason: 'malformed_signature' }; // 1
  const s = (beInt(blindSignature) * beInt(inverse)) % pk.n; // 2, 3
  const sig = beBytes(s, pk.modulusBytes); // 4
  if (!(await verifyRsaPss(pk, preparedMessage, sig))) return { ok: false, reason: 'bad_signature' }; // 5, 6
  return { ok: true, value: sig };
}

// ---- tokens ----

/**
 * The token message for (election, contest, ballot key); see the module comment.
 * @throws TypeError/RangeError on an id that is not 1..256 bytes of well-formed UTF-8, or a key not 32 bytes
 */
export function tokenMessage(electionId: string, contestId: string, ballotPublicKey: Uint8Array): Uint8Array {
  const e = idBytes(electionId);
  const c = idBytes(contestId);
  if (!e) throw new RangeError(`"electionId" expected 1..${MAX_ID_BYTES} UTF-8 bytes, got ${JSON.stringify(electionId)}`);
  if (!c) throw new RangeError(`"contestId" expected 1..${MAX_ID_BYTES} UTF-8 bytes, got ${JSON.stringify(contestId)}`);
  assertBytes('ballotPublicKey', ballotPublicKey, BALLOT_KEY_BYTES);
  const tag = utf8ToBytes(TAGS.token);
  return concatBytes(u32be(tag.length), tag, u32be(e.length), e, u32be(c.length), c, u32be(BALLOT_KEY_BYTES), ballotPublicKey);
}

/** The RSA-signed bytes of a token: messagePrefix ‖ tokenMessage(…). */
export function preparedTokenMessage(token: Token): Uint8Array {
  assertBytes('token.messagePrefix', token.messagePrefix, MESSAGE_PREFIX_BYTES);
  return concatBytes(token.messagePrefix, tokenMessage(token.electionId, token.contestId, token.ballotPublicKey));
}

/**
 * Voter side, RFC 9474 §4.1–4.2: make a fresh ballot key pair, prepare and blind the
 * token message under the contest's issuance key. Send `blindedMessage` to the issuer;
 * keep the rest. `rng` supplies, in order: ballot secret key, message prefix, salt, r.
 */
export function requestToken(key: IssuancePublicKey, electionId: string, contestId: string, rng: RNG = randomBytes): TokenRequest {
  const ballotKeys = generateBallotKeys(rng);
  const msg = tokenMessage(electionId, contestId, ballotKeys.publicKey);
  const { messagePrefix, preparedMessage } = prepareMessage(msg, rng);
  const { blindedMessage, inverse } = blindMessage(key, preparedMessage, rng);
  return Object.freeze({ keyId: key.keyId, electionId, contestId, ballotKeys, messagePrefix, blindedMessage, inverse });
}

/**
 * Voter side, RFC 9474 §4.4: unblind the issuer's answer into a token and check it.
 * @throws RangeError if `request` was made under another key
 */
export async function finalizeToken(key: IssuancePublicKey, request: TokenRequest, blindSignature: Uint8Array): Promise<FinalizeResult<Token>> {
  if (!sameBytes(key.keyId, request.keyId)) throw new RangeError('"request" expected to be made under this issuance key');
  const { electionId, contestId, messagePrefix } = request;
  const ballotPublicKey = request.ballotKeys.publicKey;
  const prepared = concatBytes(messagePrefix, tokenMessage(electionId, contestId, ballotPublicKey));
  const r = await finalizeSignature(key, prepared, blindSignature, request.inverse);
  if (!r.ok) return r;
  return { ok: true, value: Object.freeze({ electionId, contestId, ballotPublicKey, messagePrefix, signature: r.value }) };
}

/**
 * Everything about a token except the RSA equation: well-formed fields, a signature of
 * the key's length (one ≥ n is `bad_signature`), and the election, contest (and ballot key, if given)
 * that the verifier expects. Shared by {@link verifyToken} and the node verifier.
 */
export function checkTokenClaims(key: RsaPublicKey, token: Token, expected: TokenExpectation): TokenVerdict {
  const t = token as Partial<Record<keyof Token, unknown>> | null;
  const wellFormed = typeof t === 'object' && t !== null && idBytes(t.electionId) !== undefined && idBytes(t.contestId) !== undefined
    && t.ballotPublicKey instanceof Uint8Array && t.ballotPublicKey.length === BALLOT_KEY_BYTES
    && t.messagePrefix instanceof Uint8Array && t.messagePrefix.length === MESSAGE_PREFIX_BYTES
    && t.signature instanceof Uint8Array && t.signature.length === key.modulusBytes;
  if (!wellFormed) return { ok: false, reason: 'malformed_token' };
  // A signature of the right length but ≥ n (e.g. made under another contest's key) is
  // a signature that does not verify under this key, not a malformed token.
  if (!signatureInRange(key, t.signature)) return { ok: false, reason: 'bad_signature' };
  if (token.electionId !== expected.electionId) return { ok: false, reason: 'election_mismatch' };
  if (token.contestId !== expected.contestId) return { ok: false, reason: 'contest_mismatch' };
  if (expected.ballotPublicKey !== undefined && !sameBytes(token.ballotPublicKey, expected.ballotPublicKey)) {
    return { ok: false, reason: 'ballot_key_mismatch' };
  }
  return { ok: true };
}

/**
 * Verify a token under its contest's issuance key (RFC 9474 §4.5, WebCrypto; browser
 * and Node). Untrusted token: the result names what failed, never throws.
 * @example await verifyToken(key, token, { electionId, contestId }) // { ok: true }
 */
export async function verifyToken(key: IssuancePublicKey, token: Token, expected: TokenExpectation): Promise<TokenVerdict> {
  const claims = checkTokenClaims(key, token, expected);
  if (!claims.ok) return claims;
  const ok = await verifyRsaPss(key, preparedTokenMessage(token), token.signature);
  return ok ? claims : { ok: false, reason: 'bad_signature' };
}

// ---- JSON forms (lower-case hex, strict) ----

/** JSON form of a token; byte fields are lower-case hex. */
export interface TokenJSON {
  electionId: string;
  contestId: string;
  ballotPublicKey: string;
  messagePrefix: string;
  signature: string;
}
/** JSON form of an issuance public key. */
export interface IssuanceKeyJSON {
  suite: typeof TOKEN_SUITE;
  spki: string;
  keyId: string;
}

function exactObject(json: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DecodeError('wrong_length', what);
  const got = Object.keys(json).sort();
  if (got.length !== keys.length || got.some((k, i) => k !== [...keys].sort()[i])) throw new DecodeError('wrong_length', what);
  return json as Record<string, unknown>;
}

/** Token → JSON. */
export function tokenToJSON(t: Token): TokenJSON {
  return {
    electionId: t.electionId, contestId: t.contestId, ballotPublicKey: toHex(t.ballotPublicKey),
    messagePrefix: toHex(t.messagePrefix), signature: toHex(t.signature),
  };
}

/**
 * JSON → token, strictly: exactly the five fields, ids of 1..256 UTF-8 bytes,
 * lower-case hex of exactly 32, 32 and 384 bytes.
 * @throws DecodeError naming the field
 */
export function tokenFromJSON(json: unknown): Token {
  const j = exactObject(json, ['electionId', 'contestId', 'ballotPublicKey', 'messagePrefix', 'signature'], 'token');
  if (idBytes(j.electionId) === undefined) throw new DecodeError('wrong_length', 'token.electionId');
  if (idBytes(j.contestId) === undefined) throw new DecodeError('wrong_length', 'token.contestId');
  return Object.freeze({
    electionId: j.electionId as string,
    contestId: j.contestId as string,
    ballotPublicKey: fromHex(j.ballotPublicKey as string, 'token.ballotPublicKey', BALLOT_KEY_BYTES),
    messagePrefix: fromHex(j.messagePrefix as string, 'token.messagePrefix', MESSAGE_PREFIX_BYTES),
    signature: fromHex(j.signature as string, 'token.signature', ISSUANCE_KEY_BYTES),
  });
}

/** Issuance key → JSON: `{ suite, spki, keyId }`, hex of the DER SPKI and of SHA-256(spki). */
export function issuanceKeyToJSON(k: IssuancePublicKey): IssuanceKeyJSON {
  return { suite: TOKEN_SUITE, spki: toHex(k.spki), keyId: toHex(k.keyId) };
}

/**
 * JSON → issuance key, strictly: the suite name, a canonical 3072-bit e = 65537 SPKI,
 * and a keyId equal to SHA-256(spki).
 * @throws DecodeError
 */
export function issuanceKeyFromJSON(json: unknown): IssuancePublicKey {
  const j = exactObject(json, ['suite', 'spki', 'keyId'], 'issuanceKey');
  if (j.suite !== TOKEN_SUITE) throw new DecodeError('wrong_length', 'issuanceKey.suite');
  const key = issuanceKeyFromSpki(fromHex(j.spki as string, 'issuanceKey.spki'), 'issuanceKey.spki');
  if (!sameBytes(fromHex(j.keyId as string, 'issuanceKey.keyId', 32), key.keyId)) {
    throw new DecodeError('wrong_length', 'issuanceKey.keyId');
  }
  return key;
}
