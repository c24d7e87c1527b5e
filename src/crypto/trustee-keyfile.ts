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
 * The construction is the key file family's (`keyfile-envelope.ts`): scrypt(NFKC(passphrase),
 * salt, N, r, p, dkLen = 64) = k ‖ v; k is the AEAD key; `check` = SHA-256 over (tag, v)
 * tells a wrong passphrase apart from a tampered file (it gives a guesser nothing the AEAD
 * tag does not already give). This kind is `anfora-trustee-keyfile`, its public subject the
 * trustee index; `account-keyfile.ts` is the account-key kind.
 * @module
 */
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { type RNG, fromHex, scalarFromHex, scalarToHex, toHex } from './group.js';
import {
  DEFAULT_SCRYPT, type EnvelopeKind, type EnvelopeResult, type KeyfileFailure, type OpenOptions, SCRYPT_LIMITS, type ScryptParams,
  openEnvelope, openEnvelopeAsync, readEnvelopeHeader, sealEnvelope, sealEnvelopeAsync,
} from './keyfile-envelope.js';
import { TAGS } from './transcript.js';

export { DEFAULT_SCRYPT, SCRYPT_LIMITS, type KeyfileFailure, type OpenOptions, type ScryptParams };

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

/** Outcome of {@link importTrusteeKeyfile}. */
export type KeyfileResult =
  | { readonly ok: true; readonly secrets: TrusteeSecrets; readonly label: string }
  | { readonly ok: false; readonly reason: KeyfileFailure };

/** Options of {@link exportTrusteeKeyfile}: a public label (shown before opening) and scrypt costs. */
export interface KeyfileOptions {
  readonly label?: string;
  readonly scrypt?: ScryptParams;
}

function isIndex(v: unknown, max = 0xffffffff): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
}

/** The trustee kind of the key file family (`keyfile-envelope.ts`): the public subject is the trustee index. */
const TRUSTEE_FILE: EnvelopeKind<number> = Object.freeze({
  format: 'anfora-trustee-keyfile', version: 1, subjectField: 'trustee',
  isSubject: (v: unknown): v is number => isIndex(v), checkTag: `${TAGS.keyfile}/passphrase-check`,
});

function encodeSecrets(s: TrusteeSecrets): Uint8Array {
  return utf8ToBytes(JSON.stringify({
    index: s.index, n: s.n, t: s.t, context: toHex(s.context),
    trusteeKey: scalarToHex(s.trusteeKey),
    polynomial: s.polynomial.map(scalarToHex),
    receivedShares: s.receivedShares.map((r) => ({ dealer: r.dealer, share: scalarToHex(r.share) })),
    ...(s.secretShare === undefined ? {} : { secretShare: scalarToHex(s.secretShare) }),
  }));
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

function opened(r: EnvelopeResult<number>): KeyfileResult {
  if (!r.ok) return r;
  try {
    const secrets = decodeSecrets(r.plaintext);
    if (secrets.index !== r.header.subject) return { ok: false, reason: 'tampered' };
    return { ok: true, secrets, label: r.header.label };
  } catch {
    return { ok: false, reason: 'malformed' };
  } finally {
    r.plaintext.fill(0);
  }
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
  assertSecrets(secrets);
  return sealEnvelope(TRUSTEE_FILE, secrets.index, encodeSecrets(secrets), passphrase, options, rng);
}

/** As {@link exportTrusteeKeyfile}, with scrypt yielding to the event loop (for the browser). */
export async function exportTrusteeKeyfileAsync(
  secrets: TrusteeSecrets,
  passphrase: string,
  options: KeyfileOptions = {},
  rng: RNG = randomBytes,
): Promise<string> {
  assertSecrets(secrets);
  return sealEnvelopeAsync(TRUSTEE_FILE, secrets.index, encodeSecrets(secrets), passphrase, options, rng);
}

/**
 * Open a key file. Never throws on the file's content: a wrong passphrase gives
 * `wrong_passphrase`, a modified file `tampered` (or `wrong_passphrase` if the key-derivation
 * parameters were changed), parameters outside {@link SCRYPT_LIMITS} or below
 * `options.minLogN` `unsupported_parameters`.
 * @example
 * const r = importTrusteeKeyfile(text, passphrase);
 * if (!r.ok) console.error(r.reason);
 */
export function importTrusteeKeyfile(text: string, passphrase: string, options: OpenOptions = {}): KeyfileResult {
  return opened(openEnvelope(TRUSTEE_FILE, text, passphrase, options));
}

/** As {@link importTrusteeKeyfile}, with scrypt yielding to the event loop (for the browser). */
export async function importTrusteeKeyfileAsync(text: string, passphrase: string, options: OpenOptions = {}): Promise<KeyfileResult> {
  return opened(await openEnvelopeAsync(TRUSTEE_FILE, text, passphrase, options));
}

/** The public header of a key file (label, trustee index, costs) without opening it; undefined if malformed. */
export function readKeyfileHeader(text: string): { readonly label: string; readonly trustee: number; readonly scrypt: ScryptParams } | undefined {
  const h = readEnvelopeHeader(TRUSTEE_FILE, text);
  return h && { label: h.label, trustee: h.subject, scrypt: h.scrypt };
}
