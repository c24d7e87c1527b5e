/**
 * What an issuer signs (issue 12; docs/election-record.md §6.9): the registration of its
 * per-contest issuing key, and its issuance log at the close.
 *
 * ```
 * body     = { "electionId", "contestId", "memberId", "keyId": <hex SHA-256 of the issuer key's SPKI> }
 * pop      = RSASSA-PSS-SHA384 (48-byte salt) by the issuing key over
 *            statementMessage("anfora/v1/issuer-key-possession", body)
 * signature = Ed25519 by the member's account key over
 *            statementMessage("anfora/v1/issuer-key-registration", body)
 *
 * log      = { "electionId", "contestId", "memberId", "keyId",
 *              "entries": [{ "request": IssuedTokenRequest, "publicKey", "signature" }] }
 *            entries in strictly ascending associationId order
 * signature = Ed25519 by the member's account key over statementMessage("anfora/v1/issuer-log", log)
 * ```
 * `statementMessage(tag, body)` = u32be(len tag) ‖ tag ‖ u32be(len) ‖ canonicalJson(body).
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { concatBytes } from '@noble/hashes/utils.js';
import { verifyStrictSignature, verifyStrictSignatureParts } from '../crypto/ballot-signature.js';
import { fromHex, toHex } from '../crypto/group.js';
import type { PssVerifier } from '../crypto/issued-token.js';
import { TAGS } from '../crypto/transcript.js';
import { type IssuancePublicKey, verifyRsaPss } from '../crypto/voting-token.js';
import { statementMessage, statementMessageParts } from './account-key.js';
import { IdSchema } from './ids.js';
import { Hex32Schema, Hex64Schema } from './manifest.js';
import { IssuedTokenRequestSchema } from './statements.js';

/** What a member registers: its issuing key (by key id) for one contest. */
export const IssuerKeyBodySchema = z.strictObject({ electionId: IdSchema, contestId: IdSchema, memberId: IdSchema, keyId: Hex32Schema });
export type IssuerKeyBody = z.infer<typeof IssuerKeyBodySchema>;

function parseBody(body: IssuerKeyBody): IssuerKeyBody {
  const r = IssuerKeyBodySchema.safeParse(body);
  if (!r.success) throw new RangeError(`"body" expected an issuer key registration: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** The bytes the issuing key signs as its proof of possession. */
export function issuerKeyPossessionMessage(body: IssuerKeyBody): Uint8Array {
  return statementMessage(TAGS.issuerKeyPossession, parseBody(body));
}
/** The bytes the member's account key signs to register the key. */
export function issuerKeyRegistrationMessage(body: IssuerKeyBody): Uint8Array {
  return statementMessage(TAGS.issuerKeyRegistration, parseBody(body));
}

/** Sign a registration with the member's account secret key (32-byte seed); hex. */
export function signIssuerKey(secretKey: Uint8Array, body: IssuerKeyBody): string {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('"secretKey" expected 32 bytes');
  return toHex(ed25519.sign(issuerKeyRegistrationMessage(body), secretKey));
}

/**
 * Check an untrusted registration: the key id is the key's, the proof of possession
 * verifies under the issuing key, and the member's signature under its account key.
 * Returns what failed, or null. Never throws.
 */
export async function checkIssuerKey(
  key: IssuancePublicKey, body: unknown, pop: unknown, accountKeyHex: unknown, signature: unknown, verify: PssVerifier = verifyRsaPss,
): Promise<null | 'malformed' | 'key_id' | 'possession' | 'signature'> {
  const b = IssuerKeyBodySchema.safeParse(body);
  if (!b.success || typeof pop !== 'string' || typeof signature !== 'string' || typeof accountKeyHex !== 'string') return 'malformed';
  if (b.data.keyId !== toHex(key.keyId)) return 'key_id';
  try {
    if (!(await verify(key, issuerKeyPossessionMessage(b.data), fromHex(pop, 'pop', key.modulusBytes)))) return 'possession';
  } catch {
    return 'possession';
  }
  try {
    if (!verifyStrictSignature(fromHex(accountKeyHex, 'publicKey', 32), issuerKeyRegistrationMessage(b.data), fromHex(signature, 'signature', 64))) return 'signature';
  } catch {
    return 'signature';
  }
  return null;
}

/**
 * The largest issuer log post a server takes by default, and the most it can take: 256 MiB.
 * An entry is ≈ 700 bytes with two issuers (a request naming three identifiers and one
 * blinded hash per issuer, the association's key and signature), so this holds a contest of
 * ≈ 380,000 associations; the log goes on the board as one jsonb value, which PostgreSQL
 * caps at 256 MiB, and a JavaScript string cannot hold much more than twice that.
 */
export const MAX_ISSUER_LOG_BODY_BYTES = 256 * 1024 * 1024;

/** One request an issuer answered: the association's signed request and the key it was checked under. */
export const IssuerLogEntrySchema = z.strictObject({ request: IssuedTokenRequestSchema, publicKey: Hex32Schema, signature: Hex64Schema });
/** An issuer's issuance log for one contest. */
export const IssuerLogSchema = z.strictObject({
  electionId: IdSchema, contestId: IdSchema, memberId: IdSchema, keyId: Hex32Schema,
  entries: z.array(IssuerLogEntrySchema).refine(
    (a) => a.every((x, i) => i === 0 || a[i - 1]!.request.associationId < x.request.associationId),
    'expected entries in strictly ascending associationId order',
  ),
});
export type IssuerLog = z.infer<typeof IssuerLogSchema>;
export type IssuerLogEntry = z.infer<typeof IssuerLogEntrySchema>;

/** The bytes an issuer's account key signs over its log. */
export function issuerLogMessage(log: IssuerLog): Uint8Array {
  const r = IssuerLogSchema.safeParse(log);
  if (!r.success) throw new RangeError(`"log" expected an issuer log: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return statementMessage(TAGS.issuerLog, r.data);
}

/** Sign an issuer log with the member's account secret key; hex. */
export function signIssuerLog(secretKey: Uint8Array, log: IssuerLog): string {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('"secretKey" expected 32 bytes');
  return toHex(ed25519.sign(issuerLogMessage(log), secretKey));
}

/**
 * Verify an untrusted issuer-log signature under the member's account key. Never throws.
 * `verify`: the strict Ed25519 check (a server passes node:crypto's, same verdict: the
 * message is ≈ 700 bytes per association, and noble's SHA-512 over tens of megabytes is slow).
 */
export function verifyIssuerLog(
  accountKeyHex: unknown, log: unknown, signature: unknown,
  verify: (publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array) => boolean = verifyStrictSignature,
): boolean {
  return typeof accountKeyHex === 'string' && issuerLogSigners([accountKeyHex], log, signature, verify).has(accountKeyHex);
}

/**
 * The keys among `accountKeysHex` under which `signature` on `log` verifies, each as
 * {@link verifyIssuerLog} would judge it; the log is parsed and encoded once, however many
 * keys. A verifier that reads the record as a stream checks a log (tens of megabytes) as it
 * passes, under every key its member has held so far, and drops it. Never throws.
 */
export function issuerLogSigners(
  accountKeysHex: Iterable<string>, log: unknown, signature: unknown,
  verify: (publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array) => boolean = verifyStrictSignature,
): Set<string> {
  try {
    if (typeof signature !== 'string') return new Set();
    const r = IssuerLogSchema.safeParse(log);
    // The message joined once, for a verifier that takes it whole (node:crypto's).
    let joined: Uint8Array | undefined;
    const whole = (publicKey: Uint8Array, parts: readonly Uint8Array[], sig: Uint8Array) => verify(publicKey, joined ??= concatBytes(...parts), sig);
    return r.success ? parsedIssuerLogSigners(accountKeysHex, r.data, signature, whole) : new Set();
  } catch {
    return new Set();
  }
}

/**
 * {@link issuerLogSigners} of a log already parsed by {@link IssuerLogSchema} (a board
 * payload's, say), which is not parsed again: a parse is a copy of the whole log, and a
 * log of 100,000 entries is 70 MB of JSON. Its message is never joined either: `verify`
 * takes it as consecutive parts (default ballot-signature.ts `verifyStrictSignatureParts`,
 * which feeds them to SHA-512 one by one). Never throws.
 */
export function parsedIssuerLogSigners(
  accountKeysHex: Iterable<string>, log: IssuerLog, signature: string,
  verify: (publicKey: Uint8Array, parts: readonly Uint8Array[], signature: Uint8Array) => boolean = verifyStrictSignatureParts,
): Set<string> {
  const signers = new Set<string>();
  try {
    // issuerLogMessage would parse it again.
    const parts = statementMessageParts(TAGS.issuerLog, log);
    const sig = fromHex(signature, 'signature', 64);
    for (const key of accountKeysHex) {
      if (signers.has(key)) continue;
      try {
        if (verify(fromHex(key, 'publicKey', 32), parts, sig)) signers.add(key);
      } catch {
        // A malformed key verifies nothing; the other keys are still judged.
      }
    }
  } catch {
    // Nothing verifies.
  }
  return signers;
}
