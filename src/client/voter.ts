/**
 * The voter's side (DESIGN.md §3; docs/voting-protocol.md "Tokens", "Casting",
 * "Bulletin board"), one function per step so that the booth can show progress:
 *
 * 1. {@link fetchManifest}: the manifest, its hash recomputed locally.
 * 2. {@link beginIssuedToken}, {@link collectIssuedToken} (signed in as the association):
 *    a fresh Ed25519 ballot key, its token message blinded under each issuer key of the
 *    contest (RFC 9474), the request signed by the association and relayed to the issuers,
 *    their blind signatures unblinded and checked until the manifest's issuance rule is met.
 *    Only the blinded messages leave the client; the ballot secret key and the unblinding
 *    inverses never do. Keep the credentials until the ballot is cast ({@link credentialsToJSON}).
 * 3. {@link prepareBallot}: encrypt the choices under the joint key with the 0/1 and range
 *    proofs bound to the ballot context (manifest hash, joint key, contest, ballot key) and
 *    sign the ballot digest with the token's key.
 * 4. Either {@link auditBallot} (Benaloh challenge: reveal the randomness, check it, then
 *    throw that ballot away and prepare a new one — an audited ballot must never be cast)
 *    or {@link castBallot} (anonymously: no Authorization header, no cookie) and check the
 *    signed receipt; when the answer is lost, the ballot is looked for on the board
 *    ({@link recoverCast}) instead.
 * 5. {@link findTrackingCode}: the ballot's event on the public board, checked against the
 *    receipt and the ballot that was sent; after a recovered cast, the file kept instead of
 *    the receipt against the chain-checked board ({@link checkReceiptFromBoard})
 *    (src/client/tracking.ts, re-exported here).
 *
 * Untrusted answers give result values ({@link Refusal}); the caller's own wrong arguments
 * throw TypeError/RangeError; a failing HTTP call throws {@link ApiError}.
 * @module
 */
import { blindedMessageHash, type IssuedTokenRequest as SignedIssuedTokenRequest, signIssuedTokenRequest } from '../record/statements.js';
import {
  type IssuedToken, type IssuedTokenJSON, type IssuedTokenRequest, finalizeIssuedToken, issuedTokenFromJSON, issuedTokenToJSON, meetsIssuanceRule, requestIssuedToken,
} from '../crypto/issued-token.js';
import { randomBytes } from '@noble/hashes/utils.js';
import {
  type ContestBallot, type ContestBallotJSON, type ContestOpening, type ContestOpeningJSON, ballotContext, checkOpening,
  contestBallotDigest, contestBallotFromJSON, contestBallotToJSON, encryptContest, openingFromJSON, openingToJSON,
} from '../crypto/ballot.js';
import { type BallotKeys, signBallot } from '../crypto/ballot-signature.js';
import { DecodeError, type RNG, fromHex, toHex } from '../crypto/group.js';
import type { DecodedContest, DecodedManifest } from '../record/manifest.js';
import { manifestIssuanceRule } from '../record/manifest.js';
import { type Receipt, ReceiptSchema, type StrictSignatureVerifier, verifyReceipt } from '../record/tracking.js';
import { type ApiClient, ApiError, type Refusal, seg } from './api.js';
import { type RecoveredCast, type RecoveryFailure, type RecoveryResult, recoverCast } from './tracking.js';

export { acceptManifest, fetchManifest, type LoadedManifest, type ManifestResult } from './manifest.js';
export {
  type ReceiptFromBoard, type ReceiptFromBoardCheck, type ReceiptFromBoardFailure, type ReceiptFromBoardParse, type RecoveredCast,
  type RecoveryFailure, type RecoveryResult, type TrackingFailure, type TrackingResult, type ReceiptOnBoard, ReceiptFromBoardSchema,
  checkReceiptFromBoard, checkReceiptOnBoard, checkTrackingEvent, findCastEvent, findTrackingCode, parseReceiptFromBoard, receiptFromBoard, recoverCast,
} from './tracking.js';

// ---- tokens ----

/** What the voter holds between obtaining a token and casting: keep it secret, keep it safe. */
export interface VotingCredentials {
  readonly token: IssuedToken;
  readonly ballotKeys: BallotKeys;
}

/** Who asks for a token: the association's id and its own Ed25519 signing key (32-byte seed, never sent). */
export interface AssociationSigner {
  readonly associationId: string;
  readonly secretKey: Uint8Array;
}

function contestOf(manifest: DecodedManifest, contestId: string): DecodedContest {
  const c = manifest.contests.get(contestId);
  if (c === undefined) throw new RangeError(`"contestId" expected a contest of the manifest, got ${JSON.stringify(contestId)}`);
  return c;
}

/** JSON form of {@link VotingCredentials} for the booth's own storage. Contains the ballot SECRET key. */
export interface VotingCredentialsJSON {
  readonly token: IssuedTokenJSON;
  readonly ballotSecretKey: string;
  readonly ballotPublicKey: string;
}

/** Credentials → JSON (hex). The result holds a secret key: store it only on the voter's device. */
export function credentialsToJSON(c: VotingCredentials): VotingCredentialsJSON {
  return { token: issuedTokenToJSON(c.token), ballotSecretKey: toHex(c.ballotKeys.secretKey), ballotPublicKey: toHex(c.ballotKeys.publicKey) };
}

/**
 * JSON → credentials, strictly; the token must name the ballot public key given.
 * @throws DecodeError on malformed content
 */
export function credentialsFromJSON(json: VotingCredentialsJSON): VotingCredentials {
  if (typeof json !== 'object' || json === null) throw new DecodeError('wrong_length', 'credentials');
  const token = issuedTokenFromJSON(json.token);
  const secretKey = fromHex(json.ballotSecretKey, 'ballotSecretKey', 32);
  const publicKey = fromHex(json.ballotPublicKey, 'ballotPublicKey', 32);
  if (toHex(publicKey) !== toHex(token.ballotPublicKey)) throw new DecodeError('wrong_length', 'ballotPublicKey');
  return Object.freeze({ token, ballotKeys: Object.freeze({ secretKey, publicKey }) });
}

// ---- ballots ----

/** The body of `POST /elections/:id/ballots`. */
export interface CastRequest {
  readonly contestId: string;
  readonly token: IssuedTokenJSON;
  readonly ballot: ContestBallotJSON;
  /** Ed25519 signature by the token's ballot key over contestBallotDigest(ballot), hex. */
  readonly signature: string;
}

/** An encrypted, signed ballot ready to cast or to audit (never both). */
export interface PreparedBallot {
  readonly electionId: string;
  readonly contestId: string;
  /** The manifest hash the ballot's proofs are bound to. */
  readonly manifestHash: Uint8Array;
  readonly body: CastRequest;
  readonly ballot: ContestBallot;
  /** The Benaloh opening (choices and randomness): SECRET unless the ballot is audited. */
  readonly opening: ContestOpening;
  /** contestBallotDigest(ballot): what the booth may show as the ballot's fingerprint. */
  readonly digest: Uint8Array;
}

/** Bodies of audited ballots: {@link castBallot} refuses them. */
const spoiled = new WeakSet<object>();

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Step 3 (pure): encrypt `choices` (0 or 1 per candidate, in manifest order; at most
 * `maxSelections` ones; all zeros is a blank ballot) for contest `contestId`, with proofs
 * bound to the ballot context of the token's ballot key, and sign its digest with that key.
 * @throws TypeError/RangeError on a contest not in the manifest, choices of the wrong length
 *   or value, too many choices, a manifest hash not 32 bytes, or credentials for another
 *   election, contest or key
 * @example const p = prepareBallot(m.decoded, m.hash, 'plwha', [1, 0, 1, 0], credentials);
 */
export function prepareBallot(
  manifest: DecodedManifest,
  manifestHash: Uint8Array,
  contestId: string,
  choices: readonly number[],
  voting: VotingCredentials,
  rng: RNG = randomBytes,
): PreparedBallot {
  const contest = contestOf(manifest, contestId).contest;
  const electionId = manifest.manifest.electionId;
  if (!Array.isArray(choices) || choices.length !== contest.candidates.length) {
    throw new RangeError(`"choices" expected ${contest.candidates.length} entries (one per candidate), got ${Array.isArray(choices) ? choices.length : typeof choices}`);
  }
  const { token, ballotKeys } = voting;
  if (token.electionId !== electionId || token.contestId !== contestId) {
    throw new RangeError(`"voting" expected a token for election ${electionId}, contest ${contestId}, got ${token.electionId}, ${token.contestId}`);
  }
  if (toHex(token.ballotPublicKey) !== toHex(ballotKeys.publicKey)) {
    throw new RangeError('"voting" expected the ballot keys that the token certifies');
  }
  const K = manifest.jointPublicKey;
  const ctx = ballotContext({ manifestHash, publicKey: K, contestId, ballotPublicKey: ballotKeys.publicKey });
  const { ballot, opening } = encryptContest(ctx, K, choices, contest.maxSelections, rng);
  const digest = contestBallotDigest(ballot);
  const signature = signBallot(ballotKeys.secretKey, digest);
  const body: CastRequest = deepFreeze({ contestId, token: issuedTokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signature) });
  return Object.freeze({ electionId, contestId, manifestHash: Uint8Array.from(manifestHash), body, ballot, opening, digest });
}

/**
 * What a Benaloh audit reveals, for the voter to check on another device
 * ({@link checkAudit}). It shows the choices, so it is the voter's to keep: it carries no
 * ballot key or signature, but its proofs are bound to the token's key, so anyone holding it
 * and the board could find the ballot later cast with the same token.
 */
export interface BallotAuditJSON {
  readonly electionId: string;
  readonly contestId: string;
  readonly manifestHash: string;
  /** contestBallotDigest(ballot), hex: the fingerprint the booth showed before the challenge. */
  readonly digest: string;
  readonly ballot: ContestBallotJSON;
  readonly opening: ContestOpeningJSON;
}

/** Result of {@link auditBallot} and {@link checkAudit}. */
export type AuditResult =
  | { readonly ok: true; readonly choices: readonly number[]; readonly candidateIds: readonly string[] }
  | Refusal<'malformed_audit' | 'wrong_election' | 'digest_mismatch' | 'opening_mismatch'>;

/**
 * Step 4, the Benaloh challenge: reveal `prepared`'s opening and check that its ciphertexts
 * encrypt exactly those choices. The ballot is spoiled from now on: {@link castBallot}
 * refuses its body, and the caller must prepare a new ballot (the same credentials may be
 * used) — an audited ballot must never be cast, since its randomness is no longer secret.
 * @example const { audit, verdict } = auditBallot(m.decoded, prepared); // then prepare again
 */
export function auditBallot(manifest: DecodedManifest, prepared: PreparedBallot): { readonly audit: BallotAuditJSON; readonly verdict: AuditResult } {
  spoiled.add(prepared.body);
  const audit: BallotAuditJSON = {
    electionId: prepared.electionId, contestId: prepared.contestId, manifestHash: toHex(prepared.manifestHash),
    digest: toHex(prepared.digest), ballot: prepared.body.ballot, opening: openingToJSON(prepared.opening),
  };
  return { audit, verdict: checkAudit(manifest, prepared.manifestHash, audit) };
}

/**
 * Check a revealed audit (untrusted JSON) against the manifest: same election and manifest
 * hash, the ballot's digest equal to the one shown, and every ciphertext re-encrypting to
 * the revealed choice with the revealed randomness (crypto's `checkOpening`). Never throws.
 * @example checkAudit(m.decoded, m.hash, JSON.parse(text)) // { ok: true, choices: [1, 0, 1, 0], … }
 */
export function checkAudit(manifest: DecodedManifest, manifestHash: Uint8Array, json: unknown): AuditResult {
  const a = json as Partial<BallotAuditJSON> | null;
  if (typeof a !== 'object' || a === null || typeof a.contestId !== 'string' || typeof a.digest !== 'string') {
    return { ok: false, reason: 'malformed_audit', detail: 'expected { electionId, contestId, manifestHash, digest, ballot, opening }' };
  }
  if (a.electionId !== manifest.manifest.electionId || a.manifestHash !== toHex(manifestHash)) {
    return { ok: false, reason: 'wrong_election', detail: 'the audit is for another election or manifest' };
  }
  const contest = manifest.contests.get(a.contestId);
  if (contest === undefined) return { ok: false, reason: 'wrong_election', detail: `no contest ${a.contestId} in the manifest` };
  let ballot: ContestBallot;
  let opening: ContestOpening;
  try {
    ballot = contestBallotFromJSON(a.ballot as ContestBallotJSON, {
      candidateCount: contest.candidateIds.length, maxSelections: contest.contest.maxSelections,
    });
    opening = openingFromJSON(a.opening as ContestOpeningJSON);
  } catch (e) {
    return { ok: false, reason: 'malformed_audit', detail: e instanceof Error ? e.message : String(e) };
  }
  if (toHex(contestBallotDigest(ballot)) !== a.digest) {
    return { ok: false, reason: 'digest_mismatch', detail: 'the ballot is not the one whose fingerprint was shown' };
  }
  const v = checkOpening(manifest.jointPublicKey, ballot, opening);
  if (!v.ok) {
    return { ok: false, reason: 'opening_mismatch', detail: `${v.reason}${v.index === undefined ? '' : ` at candidate ${v.index}`}` };
  }
  return { ok: true, choices: v.choices, candidateIds: contest.candidateIds };
}

// ---- casting and receipts ----

/** Why a cast answer (receipt) was refused. */
export type ReceiptFailure = 'malformed_receipt' | 'bad_receipt_signature' | 'receipt_mismatch' | 'audited_ballot';

/** Result of {@link acceptReceipt}. */
export type ReceiptResult = { readonly ok: true; readonly receipt: Receipt } | Refusal<ReceiptFailure>;

/** How the receipt's signature is checked: node:crypto's verifier in Node (crypto/ballot-signature-node.ts `verifyStrictSignatureNode`), noble's by default. */
export interface ReceiptCheckOptions {
  readonly verifySignature?: StrictSignatureVerifier;
}

/**
 * Judge the server's answer to a cast (pure): a receipt of the documented shape, signed by
 * the manifest's receipt key over its canonical JSON, naming this election and contest.
 * Never throws on the answer.
 * @example const r = acceptReceipt(m.decoded, prepared.body, answer);
 */
export function acceptReceipt(manifest: DecodedManifest, body: CastRequest, answer: unknown, options: ReceiptCheckOptions = {}): ReceiptResult {
  const shape = ReceiptSchema.safeParse(answer);
  if (!shape.success) {
    return { ok: false, reason: 'malformed_receipt', detail: shape.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
  const receipt = Object.freeze(shape.data);
  if (!verifyReceipt(manifest.manifest.receiptKey, receipt, options.verifySignature)) return { ok: false, reason: 'bad_receipt_signature', detail: 'the receipt is not signed by the manifest\'s receipt key' };
  if (shape.data.electionId !== manifest.manifest.electionId || shape.data.contestId !== body.contestId) {
    return { ok: false, reason: 'receipt_mismatch', detail: 'the receipt names another election or contest' };
  }
  return { ok: true, receipt };
}

/** Why a cast ended with neither a receipt nor the ballot recovered from the board. */
export type CastFailure = ReceiptFailure | RecoveryFailure | 'missing_from_board';

/**
 * Result of {@link castBallot}: the signed receipt (`recovered: false`); or, when the answer
 * was lost, the ballot's event recovered from the board (`recovered: true`, no receipt); or a
 * refusal.
 */
export type CastResult = { readonly ok: true; readonly recovered: false; readonly receipt: Receipt } | RecoveredCast | Refusal<CastFailure>;

/**
 * A failed cast whose outcome the board must tell: no answer at all (the request may have
 * been recorded before the connection dropped), a 5xx (a gateway's 502/504 may come after
 * the server committed), or 409 `token_used` (a retry of a ballot that was recorded).
 */
function outcomeUnknown(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.status === 0 || e.status >= 500 || (e.status === 409 && e.code === 'token_used'));
}

/**
 * Step 4: cast `body` anonymously (`POST /elections/:id/ballots`) and check the receipt.
 * The request carries no Authorization header and no cookie whatever client is passed
 * (its {@link ApiClient.anonymous} copy is used). A body whose ballot was audited is refused
 * without sending anything.
 *
 * When no answer arrives, the answer is a 5xx, or the server refuses with 409 `token_used`,
 * the board is read ({@link recoverCast}) instead of throwing: the ballot found there is
 * returned with `recovered: true` (its event and tracking code, no signed receipt). Not on
 * the board after a lost answer, the refusal `not_found` means it was not recorded and the
 * same body may be sent again; after `token_used`, `missing_from_board` means the server
 * holds the token as used while the board shows no ballot of it. Sending the same body again
 * is always safe: it is recorded once, or answered 409 and recovered. The receipt is checked
 * as by {@link acceptReceipt}, with `options.verifySignature` if given.
 * @throws ApiError on any other HTTP failure (e.g. 400 `ballot_rejected`), or the cast's own
 *   error when the board cannot be read either
 * @example const r = await castBallot(publicApi, m.decoded, prepared.body); if (r.ok) show(r.recovered ? r.trackingCode : r.receipt.trackingCode);
 */
export async function castBallot(publicApi: ApiClient, manifest: DecodedManifest, body: CastRequest, options: ReceiptCheckOptions = {}): Promise<CastResult> {
  if (spoiled.has(body)) {
    return { ok: false, reason: 'audited_ballot', detail: 'this ballot was audited (its randomness is revealed); prepare a new one' };
  }
  let answer: unknown;
  try {
    answer = await publicApi.anonymous().post(`/elections/${seg(manifest.manifest.electionId)}/ballots`, body);
  } catch (e) {
    if (!outcomeUnknown(e)) throw e;
    let found: RecoveryResult;
    try {
      found = await recoverCast(publicApi, manifest, body);
    } catch {
      throw e; // the board is unreachable too: the cast's outcome stays unknown
    }
    if (!found.ok && found.reason === 'not_found' && e.status === 409) {
      return {
        ok: false, reason: 'missing_from_board',
        detail: 'the server says this token was used, but no ballot of it is on the board: keep the credentials and tell the committee',
      };
    }
    return found;
  }
  const r = acceptReceipt(manifest, body, answer, options);
  return r.ok ? { ok: true, recovered: false, receipt: r.receipt } : r;
}

// ---- tokens from the contest's issuers (issue 12) ----

/** Why collecting a token from the issuers failed. */
export type IssuedTokenFailure = 'no_issuers' | 'too_few_signatures';

/** A token request to the contest's issuers, ready to send and to keep (its JSON holds the ballot SECRET key and the unblinding inverses). */
export interface IssuanceAttempt {
  readonly request: IssuedTokenRequest;
  /** The body of `POST /issuance/requests`. */
  readonly body: { electionId: string; request: SignedIssuedTokenRequest; blindedMessages: { keyId: string; blindedMessage: string }[]; signature: string };
}

/**
 * Step 2a with issuers (pure): a fresh ballot key, its token message blinded under each
 * issuer key of the contest, and the request signed by the association. Keep the result
 * ({@link issuanceAttemptToJSON}) before sending it: sending it again is safe, and it is
 * the only way to unblind the answers.
 * @throws RangeError if the contest is not in the manifest or has no issuers
 */
export function beginIssuedToken(manifest: DecodedManifest, contestId: string, signer: AssociationSigner, rng: RNG = randomBytes): IssuanceAttempt {
  const contest = contestOf(manifest, contestId);
  if (contest.issuers.length === 0) throw new RangeError(`contest ${contestId} has no issuers in the manifest`);
  const electionId = manifest.manifest.electionId;
  const request = requestIssuedToken(contest.issuers.map((i) => i.key), electionId, contestId, rng);
  const blinded = [...request.blinded].sort((a, b) => (toHex(a.keyId) < toHex(b.keyId) ? -1 : 1));
  const signed = {
    electionId, contestId, associationId: signer.associationId,
    blindedMessages: blinded.map((b) => ({ keyId: toHex(b.keyId), blindedMessageHash: blindedMessageHash(b.blindedMessage) })),
  };
  return {
    request,
    body: {
      electionId, request: signed, blindedMessages: blinded.map((b) => ({ keyId: toHex(b.keyId), blindedMessage: toHex(b.blindedMessage) })),
      signature: signIssuedTokenRequest(signer.secretKey, signed),
    },
  };
}

/** Progress while the issuers sign: how many of the contest's issuers answered, and how many are needed. */
export interface IssuanceProgress {
  readonly received: number;
  readonly needed: number;
  readonly issuers: number;
}

/**
 * Send (or send again) the request and collect the blind signatures until the token meets
 * the manifest's issuance rule, then unblind and assemble it, calling `onProgress` after
 * each answer. Each further ask is a long poll (with `wait`, the
 * relay answering as soon as a new signature is stored, or after `waitS` seconds, 25 by
 * default), at most `attempts` of them; asks start at least `pollMs` apart (1 s by
 * default) when the last brought nothing new, so a relay that answers early is not hammered.
 * Without `onProgress` nobody watches the signatures come one by one: the request and the
 * asks hold until the rule's threshold of them is stored (fewer cannot make a token), one
 * round trip in all when the issuers answer in time.
 * @throws ApiError on an HTTP failure
 */
export async function collectIssuedToken(
  api: ApiClient, manifest: DecodedManifest, attempt: IssuanceAttempt,
  opts: { pollMs?: number; waitS?: number; attempts?: number; onProgress?: (p: IssuanceProgress) => void } = {},
): Promise<({ ok: true; token: IssuedToken; ballotKeys: BallotKeys }) | Refusal<IssuedTokenFailure>> {
  const contest = contestOf(manifest, attempt.request.contestId);
  const rule = issuanceRule(manifest);
  // When the last ask began, and whether it brought something new (the request's answer counts as new).
  let asked = Date.now();
  // How many signatures a held ask waits to exceed, at least: one less than the threshold when no progress is shown.
  const floor = opts.onProgress ? 0 : Math.min(Math.max(rule.threshold - 1, 0), 16);
  // Nobody watching: the request itself waits for the signatures (one round trip where a
  // request and status asks were several). Watched: its answer comes at once, the first progress.
  const held = opts.onProgress ? {} : { wait: opts.waitS ?? 25, seen: floor };
  let state = (await api.post('/issuance/requests', { ...attempt.body, ...held })) as { blindSignatures: { keyId: string; blindSignature: string }[] };
  let news = true;
  const keys = contest.issuers.map((i) => i.key);
  for (let i = 0; ; i++) {
    const answers = new Map<string, Uint8Array>();
    for (const s of state.blindSignatures) {
      try { answers.set(s.keyId, fromHex(s.blindSignature, 'blindSignature', 384)); } catch { /* a malformed answer counts as none */ }
    }
    const { token } = await finalizeIssuedToken(keys, attempt.request, answers);
    const signers = contest.issuers.filter((x) => token.signatures.some((s) => toHex(s.keyId) === toHex(x.key.keyId)));
    opts.onProgress?.({ received: signers.length, needed: rule.threshold, issuers: contest.issuers.length });
    if (meetsIssuanceRule(signers, rule).ok) return { ok: true, token, ballotKeys: attempt.request.ballotKeys };
    if (i + 1 >= (opts.attempts ?? 30)) return { ok: false, reason: 'too_few_signatures', detail: `${signers.length} of ${rule.threshold} issuers answered` };
    const early = asked + (opts.pollMs ?? 1000) - Date.now();
    if (!news && early > 0) await new Promise((r) => setTimeout(r, early));
    const seen = state.blindSignatures.length;
    asked = Date.now();
    state = (await api.post('/issuance/status', {
      electionId: manifest.manifest.electionId, contestId: attempt.request.contestId, wait: opts.waitS ?? 25, seen: Math.min(Math.max(seen, floor), 16),
    })) as typeof state;
    news = state.blindSignatures.length > seen;
  }
}

/** The manifest's issuance rule: `rules.issuerThreshold` (default 2) issuers of ≥ 2 sectors. */
export function issuanceRule(manifest: DecodedManifest): { threshold: number; sectors: number } {
  return manifestIssuanceRule(manifest.manifest);
}
