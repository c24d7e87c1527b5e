/**
 * The trustee's key file: everything a trustee must keep from the key ceremony (its
 * long-term trustee key, its polynomial, the shares it received, its final secret share),
 * sealed under a passphrase with scrypt (RFC 7914) and XChaCha20-Poly1305
 * (draft-irtf-cfrg-xchacha). DESIGN.md §3: trustee secrets never reach the server.
 *
 * Pure functions: a string (the file's JSON text) in and out; the CLI or the browser
 * writes and reads the file. The scrypt parameters are stored in the file and bound, with
 * the rest of the header, into the AEAD as associated data.
 *
 * Derivation: scrypt(NFKC(passphrase), salt, N, r, p, dkLen = 64) = k ‖ v; k is the AEAD
 * key; `check` = SHA-256 over (tag, v) tells a wrong passphrase apart from a tampered file
 * (it gives a guesser nothing the AEAD tag does not already give).
 * @module
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { DecodeError, type RNG, fromHex, scalarFromHex, scalarToHex, toHex } from './group.js';
import { TAGS, hashBytes } from './transcript.js';

/** The secrets a trustee keeps between the ceremony and the tally. */
export interface TrusteeSecrets {
  /** This trustee's index, 1..n. */
  readonly index: number;
  readonly n: number;
  readonly t: number;
  /** The ceremony context bytes the secrets belong to (as given to the key ceremony). */
  readonly context: Uint8Array;
  /** Secret of the long-term trustee key that shares are encrypted to. */
  readonly trusteeKey: bigint;
  /** The trustee's own dealing polynomial a_0..a_{t−1} (kept to answer complaints; may be emptied afterwards). */
  readonly polynomial: readonly bigint[];
  /** The shares f_i(index) received from each dealer i (the trustee's own included). */
  readonly receivedShares: readonly { readonly dealer: number; readonly share: bigint }[];
  /** The final secret share x_index = Σ_i f_i(index), once the ceremony is over. */
  readonly secretShare?: bigint;
}

/** scrypt cost parameters (RFC 7914 §2). */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** Default cost: N = 2^17, r = 8, p = 1 (128 MiB, the OWASP-recommended minimum order). */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/** Bounds accepted when reading a file (so a file cannot demand unbounded work or memory). */
export const SCRYPT_LIMITS = Object.freeze({ minLogN: 10, maxLogN: 20, maxR: 16, maxP: 4 });

/** Why a key file was not opened. */
export type KeyfileFailure = 'malformed' | 'unsupported_parameters' | 'wrong_passphrase' | 'tampered';

/** Outcome of {@link importTrusteeKeyfile}. */
export type KeyfileResult =
  | { readonly ok: true; readonly secrets: TrusteeSecrets; readonly label: string }
  | { readonly ok: false; readonly reason: KeyfileFailure };

/** Options of {@link exportTrusteeKeyfile}: a public label (shown before opening) and scrypt costs. */
export interface KeyfileOptions {
  readonly label?: string;
  readonly scrypt?: ScryptParams;
}

const FORMAT = 'anfora-trustee-keyfile';
const VERSION = 1;
const CHECK_TAG = `${TAGS.keyfile}/passphrase-check`;

interface Header {
  readonly format: string;
  readonly version: number;
  readonly label: string;
  readonly trustee: number;
  readonly kdf: { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number; readonly salt: string };
  readonly aead: { readonly name: 'xchacha20poly1305'; readonly nonce: string };
  readonly check: string;
}

function checkParams(s: ScryptParams): boolean {
  const logN = Math.log2(s.N);
  return Number.isInteger(logN) && logN >= SCRYPT_LIMITS.minLogN && logN <= SCRYPT_LIMITS.maxLogN
    && Number.isInteger(s.r) && s.r >= 1 && s.r <= SCRYPT_LIMITS.maxR
    && Number.isInteger(s.p) && s.p >= 1 && s.p <= SCRYPT_LIMITS.maxP;
}

function passphraseBytes(passphrase: string): Uint8Array {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new TypeError(`"passphrase" expected a non-empty string, got ${typeof passphrase === 'string' ? 'an empty string' : typeof passphrase}`);
  }
  return utf8ToBytes(passphrase.normalize('NFKC'));
}

/** The associated data: the header without `check`, in a fixed key order. */
function headerAad(h: Omit<Header, 'check'>): Uint8Array {
  return utf8ToBytes(JSON.stringify({
    format: h.format, version: h.version, label: h.label, trustee: h.trustee,
    kdf: { name: h.kdf.name, N: h.kdf.N, r: h.kdf.r, p: h.kdf.p, salt: h.kdf.salt },
    aead: { name: h.aead.name, nonce: h.aead.nonce },
  }));
}

function encodeSecrets(s: TrusteeSecrets): Uint8Array {
  return utf8ToBytes(JSON.stringify({
    index: s.index, n: s.n, t: s.t, context: toHex(s.context),
    trusteeKey: scalarToHex(s.trusteeKey),
    polynomial: s.polynomial.map(scalarToHex),
    receivedShares: s.receivedShares.map((r) => ({ dealer: r.dealer, share: scalarToHex(r.share) })),
    ...(s.secretShare === undefined ? {} : { secretShare: scalarToHex(s.secretShare) }),
  }));
}

function isIndex(v: unknown, max = 0xffffffff): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
}

/** @throws DecodeError or TypeError on a malformed inner document */
function decodeSecrets(bytes: Uint8Array): TrusteeSecrets {
  const j = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Record<string, unknown>;
  const { index, n, t } = j;
  if (!isIndex(n) || !isIndex(t, n) || !isIndex(index, n)) throw new TypeError('bad index, n or t');
  if (!Array.isArray(j.polynomial) || !Array.isArray(j.receivedShares)) throw new TypeError('bad arrays');
  return Object.freeze({
    index, n, t,
    context: fromHex(j.context as string, 'context'),
    trusteeKey: scalarFromHex(j.trusteeKey as string, 'trusteeKey', false),
    polynomial: Object.freeze(j.polynomial.map((a: unknown) => scalarFromHex(a as string, 'polynomial'))),
    receivedShares: Object.freeze(j.receivedShares.map((r: { dealer?: unknown; share?: unknown }) => {
      if (!isIndex(r.dealer, n)) throw new TypeError('bad dealer');
      return Object.freeze({ dealer: r.dealer, share: scalarFromHex(r.share as string, 'share') });
    })),
    ...(j.secretShare === undefined ? {} : { secretShare: scalarFromHex(j.secretShare as string, 'secretShare') }),
  });
}

function assertSecrets(s: TrusteeSecrets): void {
  if (!isIndex(s.n) || !isIndex(s.t, s.n) || !isIndex(s.index, s.n)) {
    throw new RangeError(`"secrets" expected 1 <= t <= n and 1 <= index <= n, got index ${s.index}, t ${s.t}, n ${s.n}`);
  }
  if (!(s.context instanceof Uint8Array)) throw new TypeError('"secrets.context" expected Uint8Array');
}

type Derive = (pass: Uint8Array, salt: Uint8Array, p: ScryptParams) => Uint8Array | Promise<Uint8Array>;

const deriveSync: Derive = (pass, salt, p) => scrypt(pass, salt, { ...p, dkLen: 64, maxmem: 2 ** 31 });
const deriveAsync: Derive = (pass, salt, p) => scryptAsync(pass, salt, { ...p, dkLen: 64, maxmem: 2 ** 31 });

function seal(secrets: TrusteeSecrets, dk: Uint8Array, base: Omit<Header, 'check'>): string {
  const key = dk.subarray(0, 32);
  const check = toHex(hashBytes(CHECK_TAG, dk.subarray(32)));
  const nonce = fromHex(base.aead.nonce);
  const ciphertext = xchacha20poly1305(key, nonce, headerAad(base)).encrypt(encodeSecrets(secrets));
  dk.fill(0);
  return JSON.stringify({ ...base, check, ciphertext: toHex(ciphertext) }, null, 2);
}

function prepareExport(secrets: TrusteeSecrets, passphrase: string, options: KeyfileOptions, rng: RNG) {
  assertSecrets(secrets);
  const pass = passphraseBytes(passphrase);
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  if (!checkParams(params)) {
    throw new RangeError(`"scrypt" expected N = 2^${SCRYPT_LIMITS.minLogN}..2^${SCRYPT_LIMITS.maxLogN}, r ≤ ${SCRYPT_LIMITS.maxR}, p ≤ ${SCRYPT_LIMITS.maxP}, got ${JSON.stringify(params)}`);
  }
  const salt = rng(32);
  const base: Omit<Header, 'check'> = {
    format: FORMAT, version: VERSION, label: options.label ?? '', trustee: secrets.index,
    kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: toHex(salt) },
    aead: { name: 'xchacha20poly1305', nonce: toHex(rng(24)) },
  };
  return { pass, salt, params, base };
}

/**
 * Seal a trustee's secrets under a passphrase; returns the key file's JSON text.
 * Tests may lower the cost through `options.scrypt`; the default is {@link DEFAULT_SCRYPT}.
 * @example
 * const text = exportTrusteeKeyfile(secrets, 'correct horse battery staple', { label: 'trustee 2' });
 */
export function exportTrusteeKeyfile(
  secrets: TrusteeSecrets,
  passphrase: string,
  options: KeyfileOptions = {},
  rng: RNG = randomBytes,
): string {
  const { pass, salt, params, base } = prepareExport(secrets, passphrase, options, rng);
  return seal(secrets, deriveSync(pass, salt, params) as Uint8Array, base);
}

/** As {@link exportTrusteeKeyfile}, with scrypt yielding to the event loop (for the browser). */
export async function exportTrusteeKeyfileAsync(
  secrets: TrusteeSecrets,
  passphrase: string,
  options: KeyfileOptions = {},
  rng: RNG = randomBytes,
): Promise<string> {
  const { pass, salt, params, base } = prepareExport(secrets, passphrase, options, rng);
  return seal(secrets, await deriveAsync(pass, salt, params), base);
}

type Parsed = { header: Omit<Header, 'check'>; check: string; ciphertext: Uint8Array; salt: Uint8Array; params: ScryptParams };

function parse(text: string): Parsed | KeyfileFailure {
  let j: Record<string, any>;
  try {
    j = JSON.parse(text) as Record<string, any>;
    if (typeof j !== 'object' || j === null || j.format !== FORMAT) return 'malformed';
    if (j.version !== VERSION || j.kdf?.name !== 'scrypt' || j.aead?.name !== 'xchacha20poly1305') return 'unsupported_parameters';
    const params: ScryptParams = { N: j.kdf.N, r: j.kdf.r, p: j.kdf.p };
    if (!checkParams(params)) return 'unsupported_parameters';
    if (typeof j.label !== 'string' || !isIndex(j.trustee)) return 'malformed';
    const salt = fromHex(j.kdf.salt, 'kdf.salt', 32);
    fromHex(j.aead.nonce, 'aead.nonce', 24);
    fromHex(j.check, 'check', 32);
    const ciphertext = fromHex(j.ciphertext, 'ciphertext');
    if (ciphertext.length < 16) return 'malformed';
    const header: Omit<Header, 'check'> = {
      format: FORMAT, version: VERSION, label: j.label, trustee: j.trustee,
      kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: j.kdf.salt },
      aead: { name: 'xchacha20poly1305', nonce: j.aead.nonce },
    };
    return { header, check: j.check, ciphertext, salt, params };
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof DecodeError || e instanceof TypeError) return 'malformed';
    throw e;
  }
}

function open(p: Parsed, dk: Uint8Array): KeyfileResult {
  const check = toHex(hashBytes(CHECK_TAG, dk.subarray(32)));
  if (check !== p.check) return { ok: false, reason: 'wrong_passphrase' };
  let plaintext: Uint8Array;
  try {
    plaintext = xchacha20poly1305(dk.subarray(0, 32), fromHex(p.header.aead.nonce), headerAad(p.header)).decrypt(p.ciphertext);
  } catch {
    return { ok: false, reason: 'tampered' };
  } finally {
    dk.fill(0);
  }
  try {
    const secrets = decodeSecrets(plaintext);
    if (secrets.index !== p.header.trustee) return { ok: false, reason: 'tampered' };
    return { ok: true, secrets, label: p.header.label };
  } catch {
    return { ok: false, reason: 'malformed' };
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Open a key file. Never throws on the file's content: a wrong passphrase gives
 * `wrong_passphrase`, a modified file `tampered` (or `wrong_passphrase` if the key-derivation
 * parameters were changed), parameters outside {@link SCRYPT_LIMITS} `unsupported_parameters`.
 * @example
 * const r = importTrusteeKeyfile(text, passphrase);
 * if (!r.ok) console.error(r.reason);
 */
export function importTrusteeKeyfile(text: string, passphrase: string): KeyfileResult {
  const pass = passphraseBytes(passphrase);
  const p = parse(text);
  if (typeof p === 'string') return { ok: false, reason: p };
  return open(p, deriveSync(pass, p.salt, p.params) as Uint8Array);
}

/** As {@link importTrusteeKeyfile}, with scrypt yielding to the event loop (for the browser). */
export async function importTrusteeKeyfileAsync(text: string, passphrase: string): Promise<KeyfileResult> {
  const pass = passphraseBytes(passphrase);
  const p = parse(text);
  if (typeof p === 'string') return { ok: false, reason: p };
  return open(p, await deriveAsync(pass, p.salt, p.params));
}

/** The public header of a key file (label, trustee index, costs) without opening it; undefined if malformed. */
export function readKeyfileHeader(text: string): { readonly label: string; readonly trustee: number; readonly scrypt: ScryptParams } | undefined {
  const p = parse(text);
  if (typeof p === 'string') return undefined;
  return { label: p.header.label, trustee: p.header.trustee, scrypt: p.params };
}
