/**
 * An account's signing key file: the owner's Ed25519 secret seed (RFC 8032 §5.1.5),
 * sealed under a passphrase in the key file family of `keyfile-envelope.ts` (scrypt +
 * XChaCha20-Poly1305), kind `anfora-account-keyfile`, whose public subject is the account
 * id. The owner downloads it at activation; the booth, the committee console and the CLI
 * open it to sign. The secret never reaches the server.
 *
 * Inner plaintext: the JSON text `{"accountId":…,"secretKey":<64 hex>,"publicKey":<64 hex>}`;
 * on opening, the public key is recomputed from the seed and must match, and the account
 * id must match the header's (both authenticated, so a mismatch means a forged file).
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { type RNG, fromHex, toHex } from './group.js';
import {
  type EnvelopeKind, type EnvelopeResult, type KeyfileFailure, type ScryptParams, openEnvelope, openEnvelopeAsync,
  readEnvelopeHeader, sealEnvelope, sealEnvelopeAsync,
} from './keyfile-envelope.js';
import { TAGS } from './transcript.js';

/** What an account key file holds. */
export interface AccountKey {
  readonly accountId: string;
  /** The 32-byte Ed25519 secret seed. */
  readonly secretKey: Uint8Array;
  /** Lower-case hex of the public key, as registered at activation. */
  readonly publicKey: string;
}

/** Outcome of {@link importAccountKeyfile}. */
export type AccountKeyfileResult =
  | { readonly ok: true; readonly key: AccountKey; readonly label: string }
  | { readonly ok: false; readonly reason: KeyfileFailure };

const isAccountId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 256;

/** The account kind of the key file family. */
const ACCOUNT_FILE: EnvelopeKind<string> = Object.freeze({
  format: 'anfora-account-keyfile', version: 1, subjectField: 'account', isSubject: isAccountId,
  checkTag: `${TAGS.accountKeyfile}/passphrase-check`,
});

function encode(accountId: string, secretKey: Uint8Array): Uint8Array {
  if (!(secretKey instanceof Uint8Array)) throw new TypeError(`"secretKey" expected Uint8Array, got ${typeof secretKey}`);
  if (secretKey.length !== 32) throw new RangeError(`"secretKey" expected 32 bytes, got ${secretKey.length}`);
  return utf8ToBytes(JSON.stringify({ accountId, secretKey: toHex(secretKey), publicKey: toHex(ed25519.getPublicKey(secretKey)) }));
}

function opened(r: EnvelopeResult<string>): AccountKeyfileResult {
  if (!r.ok) return r;
  try {
    const j = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(r.plaintext)) as Record<string, unknown>;
    const secretKey = fromHex(j.secretKey as string, 'secretKey', 32);
    const publicKey = toHex(ed25519.getPublicKey(secretKey));
    if (j.accountId !== r.header.subject || j.publicKey !== publicKey) return { ok: false, reason: 'tampered' };
    return { ok: true, key: Object.freeze({ accountId: r.header.subject, secretKey, publicKey }), label: r.header.label };
  } catch {
    return { ok: false, reason: 'malformed' };
  } finally {
    r.plaintext.fill(0);
  }
}

/**
 * Seal an account's secret seed under a passphrase; returns the key file's JSON text.
 * Tests may lower the cost through `options.scrypt`; the default is N = 2^17.
 * @throws TypeError/RangeError on a seed that is not 32 bytes, an empty passphrase or costs out of bounds
 * @example const text = exportAccountKeyfile(accountId, keys.secretKey, passphrase, { label: 'ana@example.org' });
 */
export function exportAccountKeyfile(
  accountId: string, secretKey: Uint8Array, passphrase: string,
  options: { label?: string; scrypt?: ScryptParams } = {}, rng: RNG = randomBytes,
): string {
  return sealEnvelope(ACCOUNT_FILE, accountId, encode(accountId, secretKey), passphrase, options, rng);
}

/** As {@link exportAccountKeyfile}, with scrypt yielding to the event loop (for the browser). */
export async function exportAccountKeyfileAsync(
  accountId: string, secretKey: Uint8Array, passphrase: string,
  options: { label?: string; scrypt?: ScryptParams } = {}, rng: RNG = randomBytes,
): Promise<string> {
  return sealEnvelopeAsync(ACCOUNT_FILE, accountId, encode(accountId, secretKey), passphrase, options, rng);
}

/**
 * Open an account key file. Never throws on the file's content (see `openEnvelope`); a
 * file whose inner key or account does not match its header is `tampered`.
 * @example const r = importAccountKeyfile(text, passphrase); if (r.ok) sign(r.key.secretKey);
 */
export function importAccountKeyfile(text: string, passphrase: string): AccountKeyfileResult {
  return opened(openEnvelope(ACCOUNT_FILE, text, passphrase));
}

/** As {@link importAccountKeyfile}, with scrypt yielding to the event loop (for the browser). */
export async function importAccountKeyfileAsync(text: string, passphrase: string): Promise<AccountKeyfileResult> {
  return opened(await openEnvelopeAsync(ACCOUNT_FILE, text, passphrase));
}

/** The public header (label, account id, costs) without opening the file; undefined if malformed. */
export function readAccountKeyfileHeader(text: string): { readonly label: string; readonly account: string; readonly scrypt: ScryptParams } | undefined {
  const h = readEnvelopeHeader(ACCOUNT_FILE, text);
  return h && { label: h.label, account: h.subject, scrypt: h.scrypt };
}
