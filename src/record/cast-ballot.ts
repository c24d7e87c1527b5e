/**
 * The cast request and its checks (docs/voting-protocol.md "Casting"), shared by the
 * server's cast path and the record verifier, as Belenios shares `check_ballot`:
 *
 * ```
 * POST /elections/:id/ballots  { contestId, token: IssuedTokenJSON, ballot: ContestBallotJSON, signature }
 * ```
 *
 * {@link checkCastBallot} runs, in order, stopping at the first failure:
 * 1. `malformed` — the body's shape ({@link CastBallotSchema}), then strict decoding of the
 *    token and the ballot (crypto's `issuedTokenFromJSON`, `contestBallotFromJSON`: canonical
 *    points and scalars, no identity ciphertext);
 * 2. `unknown_contest` — the contest is in the manifest;
 * 3. `token_election_mismatch`, `token_contest_mismatch` — the token names this election
 *    and contest;
 * 4. `bad_token` — the token meets the manifest's issuance rule (crypto's `checkIssuedToken`):
 *    every signature by a distinct issuer of the contest, at least `rules.issuerThreshold`
 *    of them from at least 2 sectors, each RSASSA-PSS signature valid under its issuer's
 *    key; `reason` names what failed (`unknown_issuer`, `duplicate_issuer`,
 *    `too_few_issuers`, `too_few_sectors`, `bad_signature`, …);
 * 5. `bad_ballot_signature` — Ed25519 by `token.ballotPublicKey` over `contestBallotDigest(ballot)`;
 * 6. `bad_ballot` — `checkContest` under the ballot context (manifest hash, joint key,
 *    contest id, ballot key): one 0-or-1 proof per candidate and the 0..maxSelections range
 *    proof; a ballot copied under another ballot key fails here.
 *
 * A server runs the same steps in another order, cheapest first ({@link precheckCast},
 * then its lookup of the ballot key, {@link checkCastToken}, and record/cast-proofs.ts in
 * batches), so that a replayed or forged cast costs no proof check.
 *
 * Untrusted content never throws; only the caller's own arguments (a manifest hash that
 * is not 32 bytes, say) do. Checking whether the token was already used is the caller's
 * job (the server's unique index; the verifier's count over the board).
 * @module
 */
import { z } from 'zod';
import { type ContestBallot, type ContestBallotJSON, MAX_CANDIDATES, ballotContext, checkContest, contestBallotDigest, contestBallotFromJSON } from '../crypto/ballot.js';
import { MAX_BRANCHES } from '../crypto/disjunctive.js';
import { verifyBallotSignature } from '../crypto/ballot-signature.js';
import { DecodeError, fromHex } from '../crypto/group.js';
import { type IssuedToken, type IssuedTokenVerdict, MAX_TOKEN_SIGNATURES, type PssVerifier, checkIssuedToken, issuedTokenFromJSON } from '../crypto/issued-token.js';
import { ISSUANCE_KEY_BYTES, MAX_ID_BYTES } from '../crypto/voting-token.js';
import { ContestBallotSchema, TokenSchema } from './crypto-json.js';
import { IdSchema } from './ids.js';
import { type DecodedContest, type DecodedManifest, Hex64Schema, manifestIssuanceRule } from './manifest.js';

/** The cast request body (strict). */
export const CastBallotSchema = z.strictObject({
  contestId: IdSchema,
  token: TokenSchema,
  ballot: ContestBallotSchema,
  signature: Hex64Schema,
});
/** The cast request body as JSON. */
export type CastBallot = z.infer<typeof CastBallotSchema>;

declare const checkedCast: unique symbol;
/**
 * A cast body that passed {@link CastBallotSchema} in this module, deep-frozen: what
 * {@link CheckedCastBallotSchema} and {@link precheckCast} give. Only this module makes one.
 */
export type CheckedCastBallot = CastBallot & { readonly [checkedCast]: true };

// The bodies this module checked. zod's parse builds new objects, frozen here, so none can
// change after its check: the later steps of a cast (precheckCast, and the board's
// ballot payload, board.ts `ballotPayload`) take them without checking the shape again.
const checkedCasts = new WeakSet<object>();

function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}

function markChecked(cast: CastBallot): CheckedCastBallot {
  deepFreeze(cast);
  checkedCasts.add(cast);
  return cast as CheckedCastBallot;
}

/**
 * Did `body` pass {@link CastBallotSchema} in this module (and so cannot have changed since)?
 * A look-up, not a check: anything else, even of the right shape, is false.
 */
export function isCheckedCast(body: unknown): body is CheckedCastBallot {
  return typeof body === 'object' && body !== null && checkedCasts.has(body);
}

/**
 * {@link CastBallotSchema} whose output is a {@link CheckedCastBallot}: the cast route
 * validates its body with it, so that the shape is checked once per cast, there.
 */
export const CheckedCastBallotSchema = CastBallotSchema.transform(markChecked);

/** Why a cast ballot was refused; stable names used by the API and the verifier. */
export type CastFailure =
  | 'malformed' | 'unknown_contest' | 'token_election_mismatch' | 'token_contest_mismatch' | 'bad_token'
  | 'bad_ballot_signature' | 'bad_ballot';

/** An RSASSA-PSS verifier for the token's signatures: crypto's `verifyRsaPss` (WebCrypto) or `verifyRsaPssNode` (server). */
export type TokenVerifier = PssVerifier;
/** A ballot-signature verifier: crypto's `verifyBallotSignature` or `verifyBallotSignatureNode`. */
export type BallotSignatureVerifier = (publicKey: Uint8Array, ballotDigest: Uint8Array, signature: Uint8Array) => boolean;

/** What {@link checkCastBallot} needs. */
export interface CastCheckInput {
  /** The decoded manifest of the election. */
  readonly manifest: DecodedManifest;
  /** Its hash (32 bytes), as in contexts.ts `manifestHash`. */
  readonly manifestHash: Uint8Array;
  /** The election the ballot is cast in. */
  readonly electionId: string;
  /** The untrusted request body (parsed JSON). */
  readonly body: unknown;
  /** Verifies each issuer's RSASSA-PSS signature of the token. */
  readonly verifyToken: TokenVerifier;
  /** Defaults to crypto's browser-safe `verifyBallotSignature`. */
  readonly verifySignature?: BallotSignatureVerifier;
}

/** Result of {@link checkCastBallot}. */
export type CastCheck =
  | {
    readonly ok: true;
    readonly contestId: string;
    readonly ballot: ContestBallot;
    readonly token: IssuedToken;
    /** `contestBallotDigest(ballot)`, which the signature covers and the tracking code hashes. */
    readonly digest: Uint8Array;
    readonly signature: Uint8Array;
    readonly contest: DecodedContest;
    readonly candidateCount: number;
  }
  | {
    readonly ok: false;
    readonly code: CastFailure;
    /** Human-readable: the field, the token verdict or the proof that failed. */
    readonly detail: string;
    /** For `bad_token`: the token verdict's reason; for `bad_ballot`: checkContest's reason. */
    readonly reason?: string;
    /** For `bad_ballot`: the candidate whose proof failed, when there is one. */
    readonly index?: number;
  };

function fail(code: CastFailure, detail: string, extra: { reason?: string; index?: number } = {}): CastCheck {
  return { ok: false, code, detail, ...extra };
}

/** Steps 1–4 passed: the parsed body and decoded token, with the contest they name. */
export interface CastPrecheck {
  readonly ok: true;
  readonly cast: CheckedCastBallot;
  readonly contestId: string;
  readonly token: IssuedToken;
  readonly contest: DecodedContest;
}
type Failed = Extract<CastCheck, { ok: false }>;

/** Step 1, shape only: the body against {@link CastBallotSchema}, unless this module checked it already. */
function parseShape(body: unknown): { ok: true; cast: CheckedCastBallot } | Failed {
  if (isCheckedCast(body)) return { ok: true, cast: body };
  const parsed = CastBallotSchema.safeParse(body);
  if (parsed.success) return { ok: true, cast: markChecked(parsed.data) };
  const i = parsed.error.issues[0]!;
  return fail('malformed', `${i.path.join('.') || 'body'}: ${i.message}`) as Failed;
}

/** The `malformed` refusal for a decoding error (shared with record/cast-proofs.ts). */
export function decodeFailure(e: unknown): Failed {
  if (e instanceof DecodeError) return fail('malformed', `${e.what}: ${e.code}`, { reason: e.code }) as Failed;
  return fail('malformed', 'undecodable') as Failed;
}

/** Steps 2 and 3: the contest is in the manifest and the token names it and this election. */
function contestAndClaims(manifest: DecodedManifest, electionId: string, contestId: string, token: IssuedToken): { ok: true; contest: DecodedContest } | Failed {
  const contest = manifest.contests.get(contestId);
  if (contest === undefined) return fail('unknown_contest', `contestId: ${contestId} is not in the manifest`) as Failed;
  if (token.electionId !== electionId) return fail('token_election_mismatch', 'token.electionId: another election') as Failed;
  if (token.contestId !== contestId) return fail('token_contest_mismatch', 'token.contestId: another contest') as Failed;
  return { ok: true, contest };
}

/**
 * Step 4: the token against the contest's issuers and the manifest's issuance rule
 * (`rules.issuerThreshold` signatures of distinct issuers of at least 2 sectors, each
 * verifying under its issuer's key). Never throws on bad content.
 * @example const v = await checkCastToken(manifest, pre, electionId, verifyRsaPssNode); if (v !== null) refuse(v);
 */
export async function checkCastToken(manifest: DecodedManifest, pre: Pick<CastPrecheck, 'contest' | 'contestId' | 'token'>, electionId: string, verifyToken: TokenVerifier): Promise<Failed | null> {
  const { contest, contestId, token } = pre;
  let verdict: IssuedTokenVerdict;
  try {
    verdict = await checkIssuedToken(contest.issuers, manifestIssuanceRule(manifest.manifest), token, { electionId, contestId }, verifyToken);
  } catch {
    verdict = { ok: false, reason: 'bad_signature' };
  }
  if (verdict.ok) return null;
  if (verdict.reason === 'election_mismatch') return fail('token_election_mismatch', 'token.electionId: another election') as Failed;
  if (verdict.reason === 'contest_mismatch') return fail('token_contest_mismatch', 'token.contestId: another contest') as Failed;
  const detail = verdict.detail === undefined ? verdict.reason : `${verdict.reason} (${verdict.detail})`;
  return fail('bad_token', `token: ${detail}`, { reason: verdict.reason }) as Failed;
}

/**
 * The cheap steps a server runs before any point of the ballot is decoded: the shape
 * (step 1 without the ballot's decoding; not again for a body this module checked, such as
 * the cast route's, {@link CheckedCastBallotSchema}), the token's decoding, the contest (2) and the
 * token's claims (3). What remains is the token's signature ({@link checkCastToken}) and
 * the ballot (record/cast-proofs.ts), which a caller may run after refusing a used
 * ballot key. Refusal codes are those of {@link checkCastBallot}; a body with several
 * faults may be refused for another of them than there (e.g. a bad token before a
 * non-canonical point), never accepted where it refuses.
 * @example const pre = precheckCast(decoded, electionId, body); if (!pre.ok) refuse(pre.code);
 */
export function precheckCast(manifest: DecodedManifest, electionId: string, body: unknown): CastPrecheck | Failed {
  const shape = parseShape(body);
  if (!shape.ok) return shape;
  let token: IssuedToken;
  try {
    token = issuedTokenFromJSON(shape.cast.token);
  } catch (e) {
    return decodeFailure(e);
  }
  const { contestId } = shape.cast;
  const claims = contestAndClaims(manifest, electionId, contestId, token);
  if (!claims.ok) return claims;
  return { ok: true, cast: shape.cast, contestId, token, contest: claims.contest };
}

/**
 * Check a cast request (see the module comment). Never throws on bad content.
 * @throws TypeError/RangeError only on the caller's own arguments (e.g. a manifest hash
 *   that is not 32 bytes)
 * @example
 * const r = await checkCastBallot({ manifest: decoded, manifestHash: h, electionId, body, verifyToken: verifyRsaPssNode });
 * if (!r.ok) reply(422, r.code);
 */
export async function checkCastBallot(input: CastCheckInput): Promise<CastCheck> {
  const { manifest, manifestHash, electionId, body, verifyToken } = input;
  const verifySignature = input.verifySignature ?? verifyBallotSignature;
  if (!(manifestHash instanceof Uint8Array) || manifestHash.length !== 32) throw new RangeError('"manifestHash" expected 32 bytes');
  if (typeof verifyToken !== 'function') throw new TypeError('"verifyToken" expected a function');

  // 1. Shape, then strict decoding.
  const shape = parseShape(body);
  if (!shape.ok) return shape;
  const { contestId } = shape.cast;
  let token: IssuedToken;
  let ballot: ContestBallot;
  let signature: Uint8Array;
  try {
    token = issuedTokenFromJSON(shape.cast.token);
    ballot = contestBallotFromJSON(shape.cast.ballot as ContestBallotJSON);
    signature = fromHex(shape.cast.signature, 'signature', 64);
  } catch (e) {
    return decodeFailure(e);
  }

  // 2. The contest, 3. the token's claims, 4. its signatures under the contest's issuers' keys.
  const claims = contestAndClaims(manifest, electionId, contestId, token);
  if (!claims.ok) return claims;
  const { contest } = claims;
  const { maxSelections } = contest.contest;
  const candidateCount = contest.candidateIds.length;
  const refused = await checkCastToken(manifest, { contestId, token, contest }, electionId, verifyToken);
  if (refused !== null) return refused;

  // 5. The ballot signature by the token's key.
  const digest = contestBallotDigest(ballot);
  let signed = false;
  try {
    signed = verifySignature(token.ballotPublicKey, digest, signature);
  } catch {
    signed = false;
  }
  if (!signed) return fail('bad_ballot_signature', 'signature: not by the token\'s ballot key over this ballot');

  // 6. The proofs, under the ballot context.
  const ctx = ballotContext({ manifestHash, publicKey: manifest.jointPublicKey, contestId, ballotPublicKey: token.ballotPublicKey });
  const check = checkContest(ctx, manifest.jointPublicKey, maxSelections, candidateCount, ballot);
  if (!check.ok) return badBallot(check);
  return { ok: true, contestId, ballot, token, digest, signature, contest, candidateCount };
}

/** The `bad_ballot` refusal for a failed `checkContest` (shared with record/cast-proofs.ts). */
export function badBallot(check: { readonly reason: string; readonly index?: number }): Failed {
  const at = check.index === undefined ? '' : ` at candidate ${check.index}`;
  return fail('bad_ballot', `ballot: ${check.reason}${at}`, check.index === undefined ? { reason: check.reason } : { reason: check.reason, index: check.index }) as Failed;
}

/**
 * The largest legal cast body as compact JSON, in bytes: MAX_CANDIDATES selections, a range
 * proof of MAX_BRANCHES branches, and identifiers of MAX_ID_BYTES bytes each written as
 * `\uXXXX` escapes (the longest JSON can spell them), and a token of MAX_TOKEN_SIGNATURES
 * signatures. A server refuses larger bodies
 * before parsing them.
 */
export const MAX_CAST_BODY_BYTES: number = (() => {
  const hex = (bytes: number) => '0'.repeat(2 * bytes);
  const id = '\u0001'.repeat(MAX_ID_BYTES);
  const branch = JSON.stringify({ a: hex(32), b: hex(32), challenge: hex(32), response: hex(32) }).length;
  const selection = JSON.stringify({ ciphertext: { alpha: hex(32), beta: hex(32) }, proof: { branches: [] } }).length + 2 * branch + 1;
  const skeleton = JSON.stringify({
    contestId: id,
    token: {
      electionId: id, contestId: id, ballotPublicKey: hex(32), messagePrefix: hex(32),
      signatures: Array.from({ length: MAX_TOKEN_SIGNATURES }, () => ({ keyId: hex(32), signature: hex(ISSUANCE_KEY_BYTES) })),
    },
    ballot: { selections: [], rangeProof: { branches: [] } },
    signature: hex(64),
  }).length;
  return skeleton + MAX_CANDIDATES * selection + (MAX_CANDIDATES - 1) + MAX_BRANCHES * branch + (MAX_BRANCHES - 1);
})();
