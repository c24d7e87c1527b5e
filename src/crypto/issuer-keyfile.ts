/**
 * An issuer's key file (issue 12): the per-contest blind-RSA issuing keys a committee
 * member generated on their own machine, sealed under a passphrase in the key file family
 * of `keyfile-envelope.ts` (scrypt + XChaCha20-Poly1305), kind `anfora-issuer-keyfile`,
 * whose public subject is the election id. The keys never leave the member's machine.
 *
 * Inner plaintext: the JSON text `{"electionId":…,"memberId":…,"keys":[{"contestId":…,"pkcs8":<hex DER>}]}`;
 * on opening, each key is loaded (RSA-3072, e = 65537) by the caller's loader — node:crypto's
 * `issuanceKeyFromPkcs8` (CLI) or the browser's `issuingKeyFromPkcs8` (issuers' page) — and
 * the election must match the header. Browser-safe.
 * @module
 */
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { type RNG, fromHex, toHex } from './group.js';
import {
  type EnvelopeKind, type EnvelopeResult, type KeyfileFailure, type ScryptParams, openEnvelopeAsync, sealEnvelopeAsync,
} from './keyfile-envelope.js';
import type { IssuingKey } from './issuing-key.js';
import { TAGS } from './transcript.js';

/** What an issuer key file holds. */
export interface IssuerSecrets<K extends IssuingKey = IssuingKey> {
  readonly electionId: string;
  readonly memberId: string;
  readonly keys: readonly { readonly contestId: string; readonly key: K }[];
}
export type IssuerKeyfileResult<K extends IssuingKey = IssuingKey> =
  | { readonly ok: true; readonly secrets: IssuerSecrets<K> } | { readonly ok: false; readonly reason: KeyfileFailure };

const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 256;
const ISSUER_FILE: EnvelopeKind<string> = Object.freeze({
  format: 'anfora-issuer-keyfile', version: 1, subjectField: 'election', isSubject: isId,
  checkTag: `${TAGS.issuerKeyRegistration}/keyfile-passphrase-check`,
});

/** Seal an issuer's keys under a passphrase; returns the key file's JSON text. */
export async function exportIssuerKeyfile(
  s: IssuerSecrets, passphrase: string, options: { label?: string; scrypt?: ScryptParams } = {}, rng: RNG = randomBytes,
): Promise<string> {
  const plain = utf8ToBytes(JSON.stringify({
    electionId: s.electionId, memberId: s.memberId, keys: s.keys.map((k) => ({ contestId: k.contestId, pkcs8: toHex(k.key.pkcs8) })),
  }));
  return sealEnvelopeAsync(ISSUER_FILE, s.electionId, plain, passphrase, options, rng);
}

function opened<K extends IssuingKey>(r: EnvelopeResult<string>, load: (pkcs8: Uint8Array) => K): IssuerKeyfileResult<K> {
  if (!r.ok) return r;
  try {
    const j = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(r.plaintext)) as Record<string, unknown>;
    if (j.electionId !== r.header.subject || !isId(j.memberId) || !Array.isArray(j.keys)) return { ok: false, reason: 'tampered' };
    const keys = j.keys.map((k: { contestId?: unknown; pkcs8?: unknown }) => {
      if (!isId(k.contestId)) throw new Error('contest');
      return Object.freeze({ contestId: k.contestId, key: load(fromHex(k.pkcs8 as string, 'pkcs8')) });
    });
    return { ok: true, secrets: Object.freeze({ electionId: r.header.subject, memberId: j.memberId, keys: Object.freeze(keys) }) };
  } catch {
    return { ok: false, reason: 'malformed' };
  } finally {
    r.plaintext.fill(0);
  }
}

/**
 * Open an issuer key file, each key loaded by `load` (which throws on a key it refuses).
 * Never throws on the file's content.
 */
export async function importIssuerKeyfile<K extends IssuingKey>(text: string, passphrase: string, load: (pkcs8: Uint8Array) => K): Promise<IssuerKeyfileResult<K>> {
  return opened(await openEnvelopeAsync(ISSUER_FILE, text, passphrase), load);
}
