/**
 * The cast request and its checks (docs/voting-protocol.md "Casting"), shared by the
 * server's cast path and the record verifier, as Belenios shares `check_ballot`:
 *
 * ```
 * POST /elections/:id/ballots  { contestId, token: TokenJSON, ballot: ContestBallotJSON, signature }
 * ```
 *
 * {@link checkCastBallot} runs, in order, stopping at the first failure:
 * 1. `malformed` — the body's shape ({@link CastBallotSchema}), then strict decoding of the
 *    token and the ballot (crypto's `tokenFromJSON`, `contestBallotFromJSON`: canonical
 *    points and scalars, no identity ciphertext);
 * 2. `unknown_contest` — the contest is in the manifest;
 * 3. `token_election_mismatch`, `token_contest_mismatch` — the token names this election
 *    and contest;
 * 4. `bad_token` — the blind RSA signature verifies under the contest's issuance key;
 * 5. `bad_ballot_signature` — Ed25519 by `token.ballotPublicKey` over `contestBallotDigest(ballot)`;
 * 6. `bad_ballot` — `checkContest` under the ballot context (manifest hash, joint key,
 *    contest id, ballot key): one 0-or-1 proof per candidate and the 0..maxSelections range
 *    proof; a ballot copied under another ballot key fails here.
 *
 * Untrusted content never throws; only the caller's own arguments (a manifest hash that
 * is not 32 bytes, say) do. Checking whether the token was already used is the caller's
 * job (the server's unique index; the verifier's count over the board).
 * @module
 */
import { z } from 'zod';
import { type ContestBallot, type ContestBallotJSON, ballotContext, checkContest, contestBallotDigest, contestBallotFromJSON } from '../crypto/ballot.js';
import { verifyBallotSignature } from '../crypto/ballot-signature.js';
import { DecodeError, fromHex } from '../crypto/group.js';
import { type IssuancePublicKey, type Token, type TokenExpectation, type TokenVerdict, tokenFromJSON } from '../crypto/voting-token.js';
import { ContestBallotSchema, TokenSchema } from './crypto-json.js';
import { IdSchema } from './ids.js';
import { type DecodedContest, type DecodedManifest, Hex64Schema } from './manifest.js';

/** The cast request body (strict). */
export const CastBallotSchema = z.strictObject({
  contestId: IdSchema,
  token: TokenSchema,
  ballot: ContestBallotSchema,
  signature: Hex64Schema,
});
/** The cast request body as JSON. */
export type CastBallot = z.infer<typeof CastBallotSchema>;

/** Why a cast ballot was refused; stable names used by the API and the verifier. */
export type CastFailure =
  | 'malformed' | 'unknown_contest' | 'token_election_mismatch' | 'token_contest_mismatch' | 'bad_token'
  | 'bad_ballot_signature' | 'bad_ballot';

/** A token verifier: crypto's `verifyToken` (WebCrypto) or `verifyTokenNode` (server). */
export type TokenVerifier = (key: IssuancePublicKey, token: Token, expected: TokenExpectation) => TokenVerdict | Promise<TokenVerdict>;
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
    readonly token: Token;
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

/**
 * Check a cast request (see the module comment). Never throws on bad content.
 * @throws TypeError/RangeError only on the caller's own arguments (e.g. a manifest hash
 *   that is not 32 bytes)
 * @example
 * const r = await checkCastBallot({ manifest: decoded, manifestHash: h, electionId, body, verifyToken: verifyTokenNode });
 * if (!r.ok) reply(422, r.code);
 */
export async function checkCastBallot(input: CastCheckInput): Promise<CastCheck> {
  const { manifest, manifestHash, electionId, body, verifyToken } = input;
  const verifySignature = input.verifySignature ?? verifyBallotSignature;
  if (!(manifestHash instanceof Uint8Array) || manifestHash.length !== 32) throw new RangeError('"manifestHash" expected 32 bytes');
  if (typeof verifyToken !== 'function') throw new TypeError('"verifyToken" expected a function');

  // 1. Shape, then strict decoding.
  const parsed = CastBallotSchema.safeParse(body);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return fail('malformed', `${i.path.join('.') || 'body'}: ${i.message}`);
  }
  const { contestId } = parsed.data;
  let token: Token;
  let ballot: ContestBallot;
  let signature: Uint8Array;
  try {
    token = tokenFromJSON(parsed.data.token);
    ballot = contestBallotFromJSON(parsed.data.ballot as ContestBallotJSON);
    signature = fromHex(parsed.data.signature, 'signature', 64);
  } catch (e) {
    if (e instanceof DecodeError) return fail('malformed', `${e.what}: ${e.code}`, { reason: e.code });
    return fail('malformed', 'undecodable');
  }

  // 2. The contest.
  const contest = manifest.contests.get(contestId);
  if (contest === undefined) return fail('unknown_contest', `contestId: ${contestId} is not in the manifest`);
  const { maxSelections } = contest.contest;
  const candidateCount = contest.candidateIds.length;

  // 3. The token's claims, 4. its signature under the contest's issuance key.
  if (token.electionId !== electionId) return fail('token_election_mismatch', 'token.electionId: another election');
  if (token.contestId !== contestId) return fail('token_contest_mismatch', 'token.contestId: another contest');
  let verdict: TokenVerdict;
  try {
    verdict = await verifyToken(contest.issuanceKey, token, { electionId, contestId });
  } catch {
    verdict = { ok: false, reason: 'bad_signature' };
  }
  if (!verdict.ok) {
    if (verdict.reason === 'election_mismatch') return fail('token_election_mismatch', 'token.electionId: another election');
    if (verdict.reason === 'contest_mismatch') return fail('token_contest_mismatch', 'token.contestId: another contest');
    return fail('bad_token', `token: ${verdict.reason}`, { reason: verdict.reason });
  }

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
  if (!check.ok) {
    const at = check.index === undefined ? '' : ` at candidate ${check.index}`;
    return fail('bad_ballot', `ballot: ${check.reason}${at}`, check.index === undefined ? { reason: check.reason } : { reason: check.reason, index: check.index });
  }
  return { ok: true, contestId, ballot, token, digest, signature, contest, candidateCount };
}
