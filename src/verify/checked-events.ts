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
 * hundred bytes per association instead of the ≈ 4 KB of its parsed payloads: the strings
 * kept go through one {@link StringTable} per record, so that an association's id and key,
 * repeated in its decision, its issuance entry and both issuer logs, and the election's,
 * contest's and members' ids and keys, repeated in every one, are held once.
 * @module
 */
import type { PayloadOf } from '../record/board.js';
import { parsedIssuerLogSigners } from '../record/issuer-statements.js';
import { type Statement, verifyDecision, verifyIssuedTokenRequest } from '../record/statements.js';

/** A strict Ed25519 check (state.ts `StrictVerifier`). */
type StrictVerifier = (publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array) => boolean;
/** The same check of a message given in parts (crypto/ballot-signature.ts `verifyStrictSignatureParts`). */
type PartsVerifier = (publicKey: Uint8Array, parts: readonly Uint8Array[], signature: Uint8Array) => boolean;

/** One copy of each string kept (see the module comment). */
export class StringTable {
  readonly #strings = new Map<string, string>();

  /** The copy of `s` held, the first seen. */
  get(s: string): string {
    const held = this.#strings.get(s);
    if (held !== undefined) return held;
    this.#strings.set(s, s);
    return s;
  }

  /** `value` with every string in it the table's copy (objects and arrays rebuilt, in the same order). */
  deep<T>(value: T): T {
    if (typeof value === 'string') return this.get(value) as T;
    if (Array.isArray(value)) return value.map((x: unknown) => this.deep(x)) as T;
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.deep(v)])) as T;
  }
}

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

/** A parsed `token_issued` payload, its request's signature judged with `verify`. */
export function checkTokenIssued(data: PayloadOf<'token_issued'>, verify: StrictVerifier, strings = new StringTable()): CheckedTokenIssued {
  const { request: entry } = data;
  const { electionId, contestId, associationId } = entry.request;
  return {
    contestId: strings.get(data.contestId),
    associationId: strings.get(data.associationId),
    request: {
      publicKey: strings.get(entry.publicKey),
      request: { electionId: strings.get(electionId), contestId: strings.get(contestId), associationId: strings.get(associationId) },
      signatureValid: verifyIssuedTokenRequest(entry.publicKey, entry.request, entry.signature, verify),
    },
  };
}

/** A parsed `decision` payload, each signature judged (`verify`: the strict Ed25519 check, default noble's). */
export function checkDecision(data: PayloadOf<'decision'>, verify?: StrictVerifier, strings = new StringTable()): CheckedDecision {
  const judged = (vote: 'approve' | 'against') => (sig: PayloadOf<'decision'>['approvals'][number]): CheckedSignature => ({
    memberId: strings.get(sig.memberId),
    publicKey: strings.get(sig.publicKey),
    valid: verifyDecision(sig.publicKey, data.statement, vote, sig.signature, verify),
  });
  return {
    proposalId: data.proposalId, statement: strings.deep(data.statement as Statement),
    approvals: data.approvals.map(judged('approve')), against: data.against.map(judged('against')),
  };
}

/**
 * A parsed `issuer_log` payload: its signature judged under each of `accountKeys` (with
 * `verifyLog`, on the log's message in parts, never joined), each entry's request under the
 * key it carries (with `verifyRequest`).
 */
export function checkIssuerLog(
  data: PayloadOf<'issuer_log'>, accountKeys: Iterable<string>, verifyRequest: StrictVerifier, verifyLog?: PartsVerifier, strings = new StringTable(),
): CheckedIssuerLog {
  const { log, signature } = data;
  const entries = log.entries.map((e): CheckedLogEntry => ({
    associationId: strings.get(e.request.associationId),
    publicKey: strings.get(e.publicKey),
    namesLog: e.request.electionId === log.electionId && e.request.contestId === log.contestId,
    blindedForKey: e.request.blindedMessages.some((b) => b.keyId === log.keyId),
    signatureValid: verifyIssuedTokenRequest(e.publicKey, e.request, e.signature, verifyRequest),
  }));
  return {
    log: { electionId: strings.get(log.electionId), contestId: strings.get(log.contestId), memberId: strings.get(log.memberId), keyId: log.keyId, entries },
    signedUnder: parsedIssuerLogSigners(accountKeys, log, signature, verifyLog),
  };
}
