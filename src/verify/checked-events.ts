/**
 * The events that grow with the roll — one accreditation `decision` and one `token_issued`
 * per association, and each issuer's `issuer_log` of one entry per association — checked
 * as they stream past, as ballots are, and kept as what the later checks compare: every
 * signature's verdict instead of the signature, and of each token request only its key and
 * the names it signs. The checks that need the whole board (the governance walk, checks
 * 26–28 and 44) then read these; what they conclude is what they concluded from the full
 * payloads, since each verdict is a pure function of the bytes it replaces: a decision's
 * signatures verify under the key each names, a request's under the key it carries, and an
 * issuer log's under the account keys its member has held so far on the board (the key in
 * force where the log lies is one of them). A 100,000-association record so holds a few
 * hundred bytes per association instead of the ≈ 4 KB of its parsed payloads.
 * @module
 */
import type { PayloadOf } from '../record/board.js';
import { issuerLogSigners } from '../record/issuer-statements.js';
import { type Statement, verifyDecision, verifyIssuedTokenRequest } from '../record/statements.js';

/** A strict Ed25519 check (state.ts `StrictVerifier`). */
type StrictVerifier = (publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array) => boolean;

/** A signed token request as checks 28 and 44 read it once its signature has been judged. */
export interface CheckedRequest {
  /** The association's key it is signed under. */
  readonly publicKey: string;
  /** What the signed request names. */
  readonly request: { readonly electionId: string; readonly contestId: string; readonly associationId: string };
  /** The signature verifies under `publicKey` (statements.ts `verifyIssuedTokenRequest`). */
  readonly signatureValid: boolean;
}

/** A `token_issued` payload, checked. */
export interface CheckedTokenIssued {
  readonly contestId: string;
  readonly associationId: string;
  readonly request: CheckedRequest;
}

/** A member's signature on a decision, judged under the key it names. */
export interface CheckedSignature {
  readonly memberId: string;
  readonly publicKey: string;
  /** statements.ts `verifyDecision` under `publicKey`, for its vote. */
  readonly valid: boolean;
}

/** A `decision` payload, checked. */
export interface CheckedDecision {
  readonly proposalId: string;
  readonly statement: Statement;
  readonly approvals: readonly CheckedSignature[];
  readonly against: readonly CheckedSignature[];
}

/** One entry of an issuer log, checked. */
export interface CheckedLogEntry {
  readonly associationId: string;
  readonly publicKey: string;
  /** The request names the log's election and contest. */
  readonly namesLog: boolean;
  /** The request carries a blinded message for the log's key. */
  readonly blindedForKey: boolean;
  readonly signatureValid: boolean;
}

/** An `issuer_log` payload, checked. */
export interface CheckedIssuerLog {
  readonly log: {
    readonly electionId: string; readonly contestId: string; readonly memberId: string; readonly keyId: string;
    readonly entries: readonly CheckedLogEntry[];
  };
  /** The account keys (of those offered) under which the log's signature verifies. */
  readonly signedUnder: ReadonlySet<string>;
}

function checkedRequest(entry: PayloadOf<'token_issued'>['request'], verify: StrictVerifier): CheckedRequest {
  const { electionId, contestId, associationId } = entry.request;
  return {
    publicKey: entry.publicKey,
    request: { electionId, contestId, associationId },
    signatureValid: verifyIssuedTokenRequest(entry.publicKey, entry.request, entry.signature, verify),
  };
}

/** A parsed `token_issued` payload, its request's signature judged with `verify`. */
export function checkTokenIssued(data: PayloadOf<'token_issued'>, verify: StrictVerifier): CheckedTokenIssued {
  return { contestId: data.contestId, associationId: data.associationId, request: checkedRequest(data.request, verify) };
}

/** A parsed `decision` payload, each signature judged (`verify`: the strict Ed25519 check, default noble's). */
export function checkDecision(data: PayloadOf<'decision'>, verify?: StrictVerifier): CheckedDecision {
  const statement = data.statement as Statement;
  const judged = (vote: 'approve' | 'against') => (sig: PayloadOf<'decision'>['approvals'][number]): CheckedSignature => ({
    memberId: sig.memberId, publicKey: sig.publicKey, valid: verifyDecision(sig.publicKey, statement, vote, sig.signature, verify),
  });
  return { proposalId: data.proposalId, statement, approvals: data.approvals.map(judged('approve')), against: data.against.map(judged('against')) };
}

/**
 * A parsed `issuer_log` payload: its signature judged under each of `accountKeys` (with
 * `verifyLog`), each entry's request under the key it carries (with `verifyRequest`).
 */
export function checkIssuerLog(
  data: PayloadOf<'issuer_log'>, accountKeys: Iterable<string>, verifyRequest: StrictVerifier, verifyLog?: StrictVerifier,
): CheckedIssuerLog {
  const { log, signature } = data;
  const entries = log.entries.map((e): CheckedLogEntry => ({
    associationId: e.request.associationId,
    publicKey: e.publicKey,
    namesLog: e.request.electionId === log.electionId && e.request.contestId === log.contestId,
    blindedForKey: e.request.blindedMessages.some((b) => b.keyId === log.keyId),
    signatureValid: verifyIssuedTokenRequest(e.publicKey, e.request, e.signature, verifyRequest),
  }));
  return {
    log: { electionId: log.electionId, contestId: log.contestId, memberId: log.memberId, keyId: log.keyId, entries },
    signedUnder: issuerLogSigners(accountKeys, log, signature, verifyLog),
  };
}
