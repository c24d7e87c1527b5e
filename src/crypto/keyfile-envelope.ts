/**
 * The passphrase-sealed key file format family: a JSON document whose secret part is
 * encrypted with XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) under a key derived from
 * the passphrase with scrypt (RFC 7914). Each kind of file (a trustee's ceremony secrets,
 * an account's signing key) has its own `format` name, its own public subject field and
 * its own passphrase-check tag; the construction is the same:
 *
 * - scrypt(NFKC(passphrase), salt (32 bytes), N, r, p, dkLen = 64) = k ‖ v;
 * - `check` = SHA-256 transcript over (check tag, v): tells a wrong passphrase apart from a
 *   tampered file, giving a guesser nothing the AEAD tag does not already give;
 * - ciphertext = XChaCha20-Poly1305(k, nonce (24 bytes), aad, plaintext), where aad is
 *   the JSON text of `{ format, version, label, <subject field>, kdf, aead }` in that key
 *   order, so the public header (costs included) is authenticated.
 *
 * Pure functions: a string (the file's JSON text) in and out.
 * @module
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { DecodeError, type RNG, fromHex, toHex } from './group.js';
import { hashBytes } from './transcript.js';

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

/**
 * How a reader opens files: the least N it accepts, as log2 N. The default is
 * {@link SCRYPT_LIMITS}' `minLogN`; a reader that must refuse files sealed below the default
 * cost (the trustees' page, src/web/lib/keyfile-cost.ts) passes `log2(DEFAULT_SCRYPT.N)`.
 */
export interface OpenOptions {
  readonly minLogN?: number;
}

/** Why a key file was not opened. */
export type KeyfileFailure = 'malformed' | 'unsupported_parameters' | 'wrong_passphrase' | 'tampered';

/** One kind of key file: its format name and version, its public subject field, its check tag. */
export interface EnvelopeKind<S extends string | number> {
  readonly format: string;
  readonly version: number;
  /** The header field naming whose file it is (`trustee`, `account`). */
  readonly subjectField: string;
  /** Whether an untrusted header value is a valid subject. */
  readonly isSubject: (v: unknown) => v is S;
  readonly checkTag: string;
}

/** The public header of an opened or parsed file. */
export interface EnvelopeHeader<S> {
  readonly label: string;
  readonly subject: S;
  readonly scrypt: ScryptParams;
}

interface Base<S> {
  readonly label: string;
  readonly subject: S;
  readonly params: ScryptParams;
  readonly salt: string;
  readonly nonce: string;
}

/** Parameters within {@link SCRYPT_LIMITS}, with N at least 2^`minLogN` (never below the limits' own floor). */
export function checkScryptParams(s: ScryptParams, minLogN: number = SCRYPT_LIMITS.minLogN): boolean {
  const logN = Math.log2(s.N);
  return Number.isInteger(logN) && logN >= Math.max(minLogN, SCRYPT_LIMITS.minLogN) && logN <= SCRYPT_LIMITS.maxLogN
    && Number.isInteger(s.r) && s.r >= 1 && s.r <= SCRYPT_LIMITS.maxR
    && Number.isInteger(s.p) && s.p >= 1 && s.p <= SCRYPT_LIMITS.maxP;
}

function passphraseBytes(passphrase: string): Uint8Array {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new TypeError(`"passphrase" expected a non-empty string, got ${typeof passphrase === 'string' ? 'an empty string' : typeof passphrase}`);
  }
  return utf8ToBytes(passphrase.normalize('NFKC'));
}

function aad<S extends string | number>(kind: EnvelopeKind<S>, b: Base<S>): Uint8Array {
  return utf8ToBytes(JSON.stringify({
    format: kind.format, version: kind.version, label: b.label, [kind.subjectField]: b.subject,
    kdf: { name: 'scrypt', N: b.params.N, r: b.params.r, p: b.params.p, salt: b.salt },
    aead: { name: 'xchacha20poly1305', nonce: b.nonce },
  }));
}

const deriveSync = (pass: Uint8Array, salt: Uint8Array, p: ScryptParams): Uint8Array => scrypt(pass, salt, { ...p, dkLen: 64, maxmem: 2 ** 31 });
const deriveAsync = (pass: Uint8Array, salt: Uint8Array, p: ScryptParams): Promise<Uint8Array> => scryptAsync(pass, salt, { ...p, dkLen: 64, maxmem: 2 ** 31 });

function prepare<S extends string | number>(kind: EnvelopeKind<S>, subject: S, passphrase: string, options: { label?: string; scrypt?: ScryptParams }, rng: RNG) {
  const pass = passphraseBytes(passphrase);
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  if (!checkScryptParams(params)) {
    throw new RangeError(`"scrypt" expected N = 2^${SCRYPT_LIMITS.minLogN}..2^${SCRYPT_LIMITS.maxLogN}, r ≤ ${SCRYPT_LIMITS.maxR}, p ≤ ${SCRYPT_LIMITS.maxP}, got ${JSON.stringify(params)}`);
  }
  if (!kind.isSubject(subject)) throw new RangeError(`"${kind.subjectField}" expected a valid value, got ${JSON.stringify(subject)}`);
  const salt = rng(32);
  const base: Base<S> = { label: options.label ?? '', subject, params, salt: toHex(salt), nonce: toHex(rng(24)) };
  return { pass, salt, base };
}

function seal<S extends string | number>(kind: EnvelopeKind<S>, plaintext: Uint8Array, dk: Uint8Array, b: Base<S>): string {
  const check = toHex(hashBytes(kind.checkTag, dk.subarray(32)));
  const ciphertext = xchacha20poly1305(dk.subarray(0, 32), fromHex(b.nonce), aad(kind, b)).encrypt(plaintext);
  dk.fill(0);
  return JSON.stringify({
    format: kind.format, version: kind.version, label: b.label, [kind.subjectField]: b.subject,
    kdf: { name: 'scrypt', N: b.params.N, r: b.params.r, p: b.params.p, salt: b.salt },
    aead: { name: 'xchacha20poly1305', nonce: b.nonce },
    check, ciphertext: toHex(ciphertext),
  }, null, 2);
}

/**
 * Seal `plaintext` under a passphrase as a file of `kind`; returns the file's JSON text.
 * @throws TypeError/RangeError on an empty passphrase, costs outside {@link SCRYPT_LIMITS} or an invalid subject
 */
export function sealEnvelope<S extends string | number>(
  kind: EnvelopeKind<S>, subject: S, plaintext: Uint8Array, passphrase: string,
  options: { label?: string; scrypt?: ScryptParams } = {}, rng: RNG,
): string {
  const { pass, salt, base } = prepare(kind, subject, passphrase, options, rng);
  return seal(kind, plaintext, deriveSync(pass, salt, base.params), base);
}

/** As {@link sealEnvelope}, with scrypt yielding to the event loop (for the browser). */
export async function sealEnvelopeAsync<S extends string | number>(
  kind: EnvelopeKind<S>, subject: S, plaintext: Uint8Array, passphrase: string,
  options: { label?: string; scrypt?: ScryptParams } = {}, rng: RNG,
): Promise<string> {
  const { pass, salt, base } = prepare(kind, subject, passphrase, options, rng);
  return seal(kind, plaintext, await deriveAsync(pass, salt, base.params), base);
}

type Parsed<S> = { base: Base<S>; check: string; ciphertext: Uint8Array; salt: Uint8Array };

function parse<S extends string | number>(kind: EnvelopeKind<S>, text: string, minLogN?: number): Parsed<S> | KeyfileFailure {
  let j: Record<string, any>;
  try {
    j = JSON.parse(text) as Record<string, any>;
    if (typeof j !== 'object' || j === null || j.format !== kind.format) return 'malformed';
    if (j.version !== kind.version || j.kdf?.name !== 'scrypt' || j.aead?.name !== 'xchacha20poly1305') return 'unsupported_parameters';
    const params: ScryptParams = { N: j.kdf.N, r: j.kdf.r, p: j.kdf.p };
    if (!checkScryptParams(params, minLogN)) return 'unsupported_parameters';
    const subject = j[kind.subjectField] as unknown;
    if (typeof j.label !== 'string' || !kind.isSubject(subject)) return 'malformed';
    const salt = fromHex(j.kdf.salt, 'kdf.salt', 32);
    fromHex(j.aead.nonce, 'aead.nonce', 24);
    fromHex(j.check, 'check', 32);
    const ciphertext = fromHex(j.ciphertext, 'ciphertext');
    if (ciphertext.length < 16) return 'malformed';
    return { base: { label: j.label, subject, params, salt: j.kdf.salt, nonce: j.aead.nonce }, check: j.check, ciphertext, salt };
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof DecodeError || e instanceof TypeError) return 'malformed';
    throw e;
  }
}

/** Outcome of opening an envelope: the plaintext (the caller wipes it) and the public header. */
export type EnvelopeResult<S> =
  | { readonly ok: true; readonly plaintext: Uint8Array; readonly header: EnvelopeHeader<S> }
  | { readonly ok: false; readonly reason: KeyfileFailure };

function open<S extends string | number>(kind: EnvelopeKind<S>, p: Parsed<S>, dk: Uint8Array): EnvelopeResult<S> {
  const check = toHex(hashBytes(kind.checkTag, dk.subarray(32)));
  if (check !== p.check) {
    dk.fill(0);
    return { ok: false, reason: 'wrong_passphrase' };
  }
  try {
    const plaintext = xchacha20poly1305(dk.subarray(0, 32), fromHex(p.base.nonce), aad(kind, p.base)).decrypt(p.ciphertext);
    return { ok: true, plaintext, header: { label: p.base.label, subject: p.base.subject, scrypt: p.base.params } };
  } catch {
    return { ok: false, reason: 'tampered' };
  } finally {
    dk.fill(0);
  }
}

/**
 * Open a file of `kind`. Never throws on the file's content: a wrong passphrase gives
 * `wrong_passphrase`, a modified file `tampered` (or `wrong_passphrase` if the
 * key-derivation parameters were changed), costs outside {@link SCRYPT_LIMITS} or below
 * `options.minLogN` `unsupported_parameters` (before any scrypt work), anything else `malformed`.
 * @throws TypeError on an empty passphrase (an argument error)
 */
export function openEnvelope<S extends string | number>(kind: EnvelopeKind<S>, text: string, passphrase: string, options: OpenOptions = {}): EnvelopeResult<S> {
  const pass = passphraseBytes(passphrase);
  const p = parse(kind, text, options.minLogN);
  if (typeof p === 'string') return { ok: false, reason: p };
  return open(kind, p, deriveSync(pass, p.salt, p.base.params));
}

/** As {@link openEnvelope}, with scrypt yielding to the event loop (for the browser). */
export async function openEnvelopeAsync<S extends string | number>(kind: EnvelopeKind<S>, text: string, passphrase: string, options: OpenOptions = {}): Promise<EnvelopeResult<S>> {
  const pass = passphraseBytes(passphrase);
  const p = parse(kind, text, options.minLogN);
  if (typeof p === 'string') return { ok: false, reason: p };
  return open(kind, p, await deriveAsync(pass, p.salt, p.base.params));
}

/** The public header without opening the file; undefined if it is not a well-formed file of `kind`. */
export function readEnvelopeHeader<S extends string | number>(kind: EnvelopeKind<S>, text: string): EnvelopeHeader<S> | undefined {
  const p = parse(kind, text);
  return typeof p === 'string' ? undefined : { label: p.base.label, subject: p.base.subject, scrypt: p.base.params };
}
