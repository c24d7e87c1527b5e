/**
 * Voting tokens signed by several issuers (issue 12; docs/voting-protocol.md §Tokens):
 * the same prepared token message (RFC 9474 §4.1, one message prefix) is blinded once
 * under each issuer's RSA key, each issuer signs its own blinded message, and the voter
 * unblinds each answer into an RSASSA-PSS signature under that issuer's key. The token
 * carries every signature, each named by its key id (SHA-256 of the issuer key's SPKI):
 *
 * ```
 * IssuedToken = { electionId, contestId, ballotPublicKey, messagePrefix,
 *                 signatures: [{ keyId, signature }] }   keyIds strictly ascending, 1..16
 * ```
 *
 * Which issuers and how many make a token valid is the manifest's issuance rule, checked
 * by {@link checkIssuanceRule}; no single issuer (and no server) can mint a token alone.
 * Browser-safe: no `node:*` imports.
 * @module
 */
import { bytesToHex, concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { BALLOT_KEY_BYTES, type BallotKeys, generateBallotKeys } from './ballot-signature.js';
import { DecodeError, type RNG, fromHex, toHex } from './group.js';
import {
  ISSUANCE_KEY_BYTES, type IssuancePublicKey, MAX_ID_BYTES, MESSAGE_PREFIX_BYTES, type TokenExpectation, blindMessage,
  finalizeSignature, prepareMessage, tokenMessage, verifyRsaPss,
} from './voting-token.js';

/** Most signatures a token may carry. */
export const MAX_TOKEN_SIGNATURES = 16;

/** One issuer's signature in a token. */
export interface IssuerSignature {
  readonly keyId: Uint8Array;
  readonly signature: Uint8Array;
}
/** A voting token signed by several issuers. */
export interface IssuedToken {
  readonly electionId: string;
  readonly contestId: string;
  readonly ballotPublicKey: Uint8Array;
  readonly messagePrefix: Uint8Array;
  readonly signatures: readonly IssuerSignature[];
}
/** An issuer as the manifest lists it for a contest. */
export interface ContestIssuer {
  readonly memberId: string;
  readonly sector: string;
  readonly key: IssuancePublicKey;
}
/** The issuance rule: at least `threshold` signatures of distinct issuers of at least `sectors` sectors. */
export interface IssuanceRule {
  readonly threshold: number;
  readonly sectors: number;
}
/** The voter's state between blinding and finalizing: one blinded message per issuer. */
export interface IssuedTokenRequest {
  readonly electionId: string;
  readonly contestId: string;
  readonly ballotKeys: BallotKeys;
  readonly messagePrefix: Uint8Array;
  readonly blinded: readonly { readonly keyId: Uint8Array; readonly blindedMessage: Uint8Array; readonly inverse: Uint8Array }[];
}
export type IssuedTokenFailure =
  | 'malformed_token' | 'election_mismatch' | 'contest_mismatch' | 'ballot_key_mismatch' | 'unknown_issuer'
  | 'duplicate_issuer' | 'bad_signature' | 'too_few_issuers' | 'too_few_sectors';
export type IssuedTokenVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: IssuedTokenFailure; readonly detail?: string };
/** An RSA-PSS verifier: WebCrypto `verifyRsaPss`, or the server's node:crypto one. */
export type PssVerifier = (key: IssuancePublicKey, message: Uint8Array, signature: Uint8Array) => boolean | Promise<boolean>;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
function idOk(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const n = new TextEncoder().encode(s).length;
  return n >= 1 && n <= MAX_ID_BYTES && new TextDecoder().decode(new TextEncoder().encode(s)) === s;
}

/** The RSA-signed bytes of a token: messagePrefix ‖ tokenMessage(…), the same for every issuer. */
export function preparedIssuedTokenMessage(t: Pick<IssuedToken, 'electionId' | 'contestId' | 'ballotPublicKey' | 'messagePrefix'>): Uint8Array {
  return concatBytes(t.messagePrefix, tokenMessage(t.electionId, t.contestId, t.ballotPublicKey));
}

/**
 * Voter side: a fresh ballot key pair, one prepared token message, blinded under each
 * issuer key (RFC 9474 §4.2, fresh salt and r per key). Send each `blindedMessage` to its
 * issuer; keep the rest secret. `rng` supplies the ballot secret key, the prefix, then
 * salt and r per key in the order given.
 * @throws RangeError on no keys or a repeated key
 */
export function requestIssuedToken(keys: readonly IssuancePublicKey[], electionId: string, contestId: string, rng: RNG = randomBytes): IssuedTokenRequest {
  if (keys.length < 1 || keys.length > MAX_TOKEN_SIGNATURES) throw new RangeError(`"keys" expected 1..${MAX_TOKEN_SIGNATURES} issuer keys`);
  if (new Set(keys.map((k) => bytesToHex(k.keyId))).size !== keys.length) throw new RangeError('"keys" expected distinct issuer keys');
  const ballotKeys = generateBallotKeys(rng);
  const { messagePrefix, preparedMessage } = prepareMessage(tokenMessage(electionId, contestId, ballotKeys.publicKey), rng);
  const blinded = keys.map((k) => ({ keyId: k.keyId, ...blindMessage(k, preparedMessage, rng) }));
  return Object.freeze({ electionId, contestId, ballotKeys, messagePrefix, blinded: Object.freeze(blinded) });
}

/**
 * Voter side: unblind the blind signatures received (by hex key id) and assemble the
 * token from those that verify. Untrusted answers: a signature that does not unblind to a
 * valid one is reported in `refused` and left out, never thrown.
 */
export async function finalizeIssuedToken(
  keys: readonly IssuancePublicKey[], request: IssuedTokenRequest, blindSignatures: ReadonlyMap<string, Uint8Array>,
): Promise<{ token: IssuedToken; refused: string[] }> {
  const prepared = preparedIssuedTokenMessage({ ...request, ballotPublicKey: request.ballotKeys.publicKey });
  const signatures: IssuerSignature[] = [];
  const refused: string[] = [];
  for (const b of request.blinded) {
    const id = bytesToHex(b.keyId);
    const key = keys.find((k) => sameBytes(k.keyId, b.keyId));
    const blind = blindSignatures.get(id);
    if (!key || !blind) continue;
    const r = await finalizeSignature(key, prepared, blind, b.inverse);
    if (r.ok) signatures.push({ keyId: b.keyId, signature: r.value });
    else refused.push(id);
  }
  signatures.sort((a, b) => (bytesToHex(a.keyId) < bytesToHex(b.keyId) ? -1 : 1));
  const { electionId, contestId, messagePrefix } = request;
  return { token: Object.freeze({ electionId, contestId, ballotPublicKey: request.ballotKeys.publicKey, messagePrefix, signatures: Object.freeze(signatures) }), refused };
}

/**
 * Whether a set of issuers (by index into `issuers`) meets the rule: at least
 * `rule.threshold` distinct members of at least `rule.sectors` distinct sectors.
 */
export function meetsIssuanceRule(issuers: readonly Pick<ContestIssuer, 'memberId' | 'sector'>[], rule: IssuanceRule): IssuedTokenVerdict {
  if (new Set(issuers.map((i) => i.memberId)).size < rule.threshold) return { ok: false, reason: 'too_few_issuers' };
  if (new Set(issuers.map((i) => i.sector)).size < rule.sectors) return { ok: false, reason: 'too_few_sectors' };
  return { ok: true };
}

/**
 * Check a token against a contest's issuers and rule, cheapest first: field shapes, the
 * election, contest and ballot key expected, every key id an issuer of the contest and no
 * issuer twice, the rule met by the issuers named, then one RSA-PSS verification per
 * signature (every signature must verify). Untrusted token: never throws.
 */
export async function checkIssuedToken(
  issuers: readonly ContestIssuer[], rule: IssuanceRule, token: IssuedToken, expected: TokenExpectation, verify: PssVerifier = verifyRsaPss,
): Promise<IssuedTokenVerdict> {
  const t = token as Partial<Record<keyof IssuedToken, unknown>> | null;
  const wellFormed = typeof t === 'object' && t !== null && idOk(t.electionId) && idOk(t.contestId)
    && t.ballotPublicKey instanceof Uint8Array && t.ballotPublicKey.length === BALLOT_KEY_BYTES
    && t.messagePrefix instanceof Uint8Array && t.messagePrefix.length === MESSAGE_PREFIX_BYTES
    && Array.isArray(t.signatures) && t.signatures.length >= 1 && t.signatures.length <= MAX_TOKEN_SIGNATURES;
  if (!wellFormed) return { ok: false, reason: 'malformed_token' };
  if (token.electionId !== expected.electionId) return { ok: false, reason: 'election_mismatch' };
  if (token.contestId !== expected.contestId) return { ok: false, reason: 'contest_mismatch' };
  if (expected.ballotPublicKey !== undefined && !sameBytes(token.ballotPublicKey, expected.ballotPublicKey)) return { ok: false, reason: 'ballot_key_mismatch' };
  const named: ContestIssuer[] = [];
  for (const s of token.signatures) {
    const issuer = issuers.find((i) => sameBytes(i.key.keyId, s.keyId));
    if (!issuer) return { ok: false, reason: 'unknown_issuer', detail: bytesToHex(s.keyId) };
    if (named.some((n) => n.memberId === issuer.memberId)) return { ok: false, reason: 'duplicate_issuer', detail: issuer.memberId };
    named.push(issuer);
  }
  const rv = meetsIssuanceRule(named, rule);
  if (!rv.ok) return rv;
  const prepared = preparedIssuedTokenMessage(token);
  for (let i = 0; i < named.length; i++) {
    if (!(await verify(named[i]!.key, prepared, token.signatures[i]!.signature))) {
      return { ok: false, reason: 'bad_signature', detail: named[i]!.memberId };
    }
  }
  return { ok: true };
}

// ---- JSON ----

/** JSON form of an {@link IssuedToken} (lower-case hex). */
export interface IssuedTokenJSON {
  electionId: string;
  contestId: string;
  ballotPublicKey: string;
  messagePrefix: string;
  signatures: { keyId: string; signature: string }[];
}

export function issuedTokenToJSON(t: IssuedToken): IssuedTokenJSON {
  return {
    electionId: t.electionId, contestId: t.contestId, ballotPublicKey: toHex(t.ballotPublicKey), messagePrefix: toHex(t.messagePrefix),
    signatures: t.signatures.map((s) => ({ keyId: toHex(s.keyId), signature: toHex(s.signature) })),
  };
}

function exact(json: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DecodeError('wrong_length', what);
  const got = Object.keys(json).sort();
  const want = [...keys].sort();
  if (got.length !== want.length || got.some((k, i) => k !== want[i])) throw new DecodeError('wrong_length', what);
  return json as Record<string, unknown>;
}

/**
 * JSON → token, strictly: exactly its fields, 1..16 signatures of 384 bytes with 32-byte
 * key ids in strictly ascending order.
 * @throws DecodeError naming the field
 */
export function issuedTokenFromJSON(json: unknown): IssuedToken {
  const j = exact(json, ['electionId', 'contestId', 'ballotPublicKey', 'messagePrefix', 'signatures'], 'token');
  if (!idOk(j.electionId)) throw new DecodeError('wrong_length', 'token.electionId');
  if (!idOk(j.contestId)) throw new DecodeError('wrong_length', 'token.contestId');
  if (!Array.isArray(j.signatures) || j.signatures.length < 1 || j.signatures.length > MAX_TOKEN_SIGNATURES) {
    throw new DecodeError('wrong_length', 'token.signatures');
  }
  const signatures = j.signatures.map((s, i) => {
    const o = exact(s, ['keyId', 'signature'], `token.signatures.${i}`);
    return Object.freeze({
      keyId: fromHex(o.keyId as string, `token.signatures.${i}.keyId`, 32),
      signature: fromHex(o.signature as string, `token.signatures.${i}.signature`, ISSUANCE_KEY_BYTES),
    });
  });
  for (let i = 1; i < signatures.length; i++) {
    if (bytesToHex(signatures[i - 1]!.keyId) >= bytesToHex(signatures[i]!.keyId)) throw new DecodeError('wrong_length', 'token.signatures');
  }
  return Object.freeze({
    electionId: j.electionId, contestId: j.contestId,
    ballotPublicKey: fromHex(j.ballotPublicKey as string, 'token.ballotPublicKey', BALLOT_KEY_BYTES),
    messagePrefix: fromHex(j.messagePrefix as string, 'token.messagePrefix', MESSAGE_PREFIX_BYTES),
    signatures: Object.freeze(signatures),
  });
}
