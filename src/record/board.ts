/**
 * The bulletin board (DESIGN §4; docs/voting-protocol.md "Bulletin board"): an
 * append-only, hash-chained log of every public event of an election, as in Belenios'
 * `events.mli`. Event `{ seq, kind, at, payload, prevHash, hash }` with
 *
 * ```
 * hash = Transcript('anfora/v1/board-event')
 *          .bytes(prevHash).u32(seq).string(kind).string(at).bytes(canonicalJson(payload)).digest()
 * ```
 *
 * hashes as lower-case hex, `prevHash` of seq 0 = 32 zero bytes ({@link GENESIS_HASH}),
 * seq contiguous from 0. The server appends with {@link appendEvent}; anyone checks a
 * copy with {@link checkChain} (integrity) and {@link parsePayload} (each kind's payload).
 * @module
 */
import { z } from 'zod';
import { fromHex, toHex } from '../crypto/group.js';
import { type IncrementalHash, TAGS, Transcript } from '../crypto/transcript.js';
import { type CastBallot, isCheckedCast } from './cast-ballot.js';
import { canonicalJson, canonicalJsonChunks } from './canonical-json.js';
import {
  CiphertextSchema, ComplaintSchema, ContestBallotSchema, DealingSchema, DecryptionShareSchema, TokenSchema,
} from './crypto-json.js';
import { IdSchema } from './ids.js';
import { Hex32Schema, Hex64Schema, HexSchema, IssuanceKeySchema, JsonValueSchema, ManifestSchema, TrusteeIndexSchema, TrusteePublicKeySchema } from './manifest.js';
import { IssuerLogEntrySchema, IssuerLogSchema } from './issuer-statements.js';
import { ReportPayloadSchema } from './server-report.js';
import { MemberSignatureSchema, StatementSchema } from './statements.js';

/**
 * Every event kind: the voting protocol's, in the order they first appear in an
 * election, then the complaint log's (`complaint`, `complaint_answer`), which interleave
 * with the others during the complaint windows, then the server's signed `report`
 * (server-report.ts), appended right after `published`; then the committee's (issue 11):
 * `committee` opens the board when the election leaves draft, `key_registered` and
 * `decision` interleave with everything else (statements.ts); then `token_window` (issue
 * 12), which closes the token window as voting opens, under the rule `tokenWindow`; then
 * `head_witnessed` (witness-statement.ts, issue 12), which interleaves with everything from
 * the committee on.
 */
export const EVENT_KINDS = Object.freeze([
  'trustee_key', 'dealing', 'ceremony_verification', 'ceremony_result', 'manifest', 'token_issued', 'ballot', 'close',
  'encrypted_tally', 'decryption_share', 'result', 'published', 'complaint', 'complaint_answer', 'report',
  'committee', 'key_registered', 'decision', 'token_window', 'issuer_key', 'issuer_log', 'head_witnessed',
] as const);
/** One of {@link EVENT_KINDS}. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** `prevHash` of the first event: 32 zero bytes, hex. */
export const GENESIS_HASH = '00'.repeat(32);
/** The largest seq (a u32 in the hash). */
export const MAX_SEQ = 0xffffffff;

/** A board event; `payload` is a JSON value whose shape depends on `kind`. */
export interface BoardEvent<K extends EventKind = EventKind> {
  readonly seq: number;
  readonly kind: K;
  /** Time of the append (server clock) in canonical UTC form ({@link isCanonicalTime}), e.g. `2026-03-01T12:00:00.000Z`; never decreasing. */
  readonly at: string;
  readonly payload: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/** The last event's seq and hash: what a receipt's `position`/`boardHead` refer to. */
export interface BoardHead {
  readonly seq: number;
  readonly hash: string;
}

/** zod schema of an event's envelope (the payload only as a JSON value; see {@link parsePayload}). */
export const BoardEventSchema = z.strictObject({
  seq: z.number().int().min(0).max(MAX_SEQ),
  kind: z.enum(EVENT_KINDS),
  at: z.iso.datetime({ offset: true }),
  payload: JsonValueSchema,
  prevHash: Hex32Schema,
  hash: Hex32Schema,
});

function assertKind(kind: unknown): asserts kind is EventKind {
  if (typeof kind !== 'string' || !(EVENT_KINDS as readonly string[]).includes(kind)) {
    throw new RangeError(`"kind" expected one of ${EVENT_KINDS.join(', ')}, got ${String(kind)}`);
  }
}

/**
 * The hash of an event (see the module comment), lower-case hex.
 * @throws TypeError/RangeError on a prevHash that is not 32 bytes of lower-case hex, a
 *   seq that is not a u32, a non-string kind or at, or a payload without canonical JSON
 * @example eventHash(GENESIS_HASH, 0, 'trustee_key', at, payload)
 */
export function eventHash(prevHash: string, seq: number, kind: string, at: string, payload: unknown, sha256?: () => IncrementalHash): string {
  if (typeof prevHash !== 'string' || !/^[0-9a-f]{64}$/.test(prevHash)) {
    throw new RangeError(`"prevHash" expected 32 bytes of lower-case hex, got ${String(prevHash)}`);
  }
  if (typeof kind !== 'string') throw new TypeError(`"kind" expected a string, got ${typeof kind}`);
  if (typeof at !== 'string') throw new TypeError(`"at" expected a string, got ${typeof at}`);
  const t = new Transcript(TAGS.event).bytes(fromHex(prevHash)).u32(seq).string(kind).string(at).pieces(canonicalJsonChunks(payload));
  return toHex(sha256 === undefined ? t.digest() : t.digestWith(sha256));
}

const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Is `at` a board time in its one canonical form, `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC, what
 * `Date.prototype.toISOString()` gives for the years 0000–9999), naming a real instant?
 * One spelling per instant, so the server cannot choose among spellings of one time.
 * @example isCanonicalTime('2026-03-01T12:00:00.000Z') // true; '2026-03-01T12:00:00Z' is false
 */
export function isCanonicalTime(at: unknown): at is string {
  if (typeof at !== 'string' || !CANONICAL_TIME.test(at)) return false;
  const t = Date.parse(at);
  return Number.isFinite(t) && new Date(t).toISOString() === at;
}

/**
 * The time of the next event: `now` in canonical form, or the previous event's time if
 * the clock went back, so board times never decrease.
 * @example appendEvent(head, kind, boardTime(head?.at, new Date()), payload)
 */
export function boardTime(previousAt: string | undefined, now: Date): string {
  const at = now.toISOString();
  return previousAt !== undefined && isCanonicalTime(previousAt) && previousAt > at ? previousAt : at;
}

/**
 * The event that follows `prev` (or the first event if `prev` is null). The payload is
 * checked against its kind's schema first (unless it was built from checked parts here,
 * {@link ballotPayload}), so the server cannot append what a verifier would refuse; `at` must be canonical ({@link isCanonicalTime}) and not earlier than
 * `prev.at` when given.
 * @throws RangeError on an unknown kind or a bad or decreasing `at`; TypeError if the
 *   payload does not fit its kind's schema (a programming error on the server's side)
 * @example const e1 = appendEvent(e0, 'token_issued', boardTime(e0.at, new Date()), { contestId, associationId });
 */
export function appendEvent(prev: (Pick<BoardEvent, 'seq' | 'hash'> & { readonly at?: string }) | null, kind: EventKind, at: string, payload: unknown): BoardEvent {
  assertKind(kind);
  if (!isCanonicalTime(at)) throw new RangeError(`"at" expected a canonical UTC time YYYY-MM-DDTHH:mm:ss.sssZ, got ${String(at)}`);
  if (prev?.at !== undefined && at < prev.at) throw new RangeError(`"at" expected no earlier than the previous event's ${prev.at}, got ${at}`);
  if (checkedPayloads.get(payload as object) !== kind) {
    const parsed = parsePayload(kind, payload);
    if (!parsed.ok) throw new TypeError(`"payload" of ${kind} expected its schema: ${parsed.errors.join('; ')}`);
  }
  const seq = prev === null ? 0 : prev.seq + 1;
  const prevHash = prev === null ? GENESIS_HASH : prev.hash;
  if (!Number.isInteger(seq) || seq < 0 || seq > MAX_SEQ) throw new RangeError(`"prev.seq" expected an integer below ${MAX_SEQ}, got ${String(prev?.seq)}`);
  return Object.freeze({ seq, kind, at, payload, prevHash, hash: eventHash(prevHash, seq, kind, at, payload) });
}

/** Why {@link checkChain} refused a board. */
export type ChainFailure = 'malformed_event' | 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch';

// Payloads built in this module from parts already checked against their schemas, frozen,
// with their kind: appendEvent takes them as they are.
const checkedPayloads = new WeakMap<object, EventKind>();

/**
 * The `ballot` payload of a cast and its tracking code. When the cast's body passed
 * CastBallotSchema (record/cast-ballot.ts `isCheckedCast`: frozen since) and the code is
 * 32 bytes of lower-case hex, the payload fits its schema (the cast's parts are the same
 * schemas, test/record/board.test.ts), so it is frozen and {@link appendEvent} does not
 * check it again; otherwise it is a plain payload, which appendEvent checks.
 * @example appendEvent(head, 'ballot', at, ballotPayload(pre.cast, toHex(code)))
 */
export function ballotPayload(cast: CastBallot, trackingCode: string): PayloadOf<'ballot'> {
  const { contestId, token, ballot, signature } = cast;
  const payload = { contestId, trackingCode, token, ballot, signature };
  if (!isCheckedCast(cast) || !Hex32Schema.safeParse(trackingCode).success) return payload;
  checkedPayloads.set(Object.freeze(payload), 'ballot');
  return payload;
}

/** Result of {@link checkChain}: the head, or the first bad event (by array index). */
export type ChainCheck =
  | { readonly ok: true; readonly head: BoardHead | null }
  | { readonly ok: false; readonly index: number; readonly reason: ChainFailure; readonly detail: string };

/**
 * Check an untrusted copy of the board (or a page of it): each event well-formed, seq
 * contiguous (from 0, or from `after.seq + 1`), each prevHash equal to the previous hash
 * (GENESIS_HASH, or `after.hash`), each hash recomputed. Payloads are only checked to be
 * JSON values here; {@link parsePayload} checks their shapes. Never throws.
 * @example const r = checkChain(body.events); if (r.ok && r.head?.hash !== body.head.hash) …
 */
export function checkChain(events: readonly unknown[], after?: BoardHead): ChainCheck {
  if (!Array.isArray(events)) return { ok: false, index: 0, reason: 'malformed_event', detail: 'events: expected an array' };
  let expectedSeq = after ? after.seq + 1 : 0;
  let expectedPrev = after ? after.hash : GENESIS_HASH;
  for (let index = 0; index < events.length; index++) {
    let e: z.infer<typeof BoardEventSchema>;
    let hash: string;
    try {
      const r = BoardEventSchema.safeParse(events[index]);
      if (!r.success) {
        const i = r.error.issues[0]!;
        return { ok: false, index, reason: 'malformed_event', detail: `${i.path.join('.') || 'event'}: ${i.message}` };
      }
      e = r.data;
      hash = eventHash(e.prevHash, e.seq, e.kind, e.at, e.payload);
    } catch (err) {
      return { ok: false, index, reason: 'malformed_event', detail: err instanceof Error ? err.message : String(err) };
    }
    if (e.seq !== expectedSeq) return { ok: false, index, reason: 'seq_gap', detail: `expected seq ${expectedSeq}, got ${e.seq}` };
    if (e.prevHash !== expectedPrev) return { ok: false, index, reason: 'prev_hash_mismatch', detail: `seq ${e.seq}: prevHash is not the previous event's hash` };
    if (e.hash !== hash) return { ok: false, index, reason: 'hash_mismatch', detail: `seq ${e.seq}: hash does not match the event` };
    expectedSeq = e.seq + 1;
    expectedPrev = e.hash;
  }
  if (events.length === 0) return { ok: true, head: after ?? null };
  return { ok: true, head: { seq: expectedSeq - 1, hash: expectedPrev } };
}

// ---- payloads ----

const Count = z.number().int().min(0);

/** Complaint categories (`complaint.category`). */
export const COMPLAINT_CATEGORIES = Object.freeze(['accreditation', 'candidate', 'voting_conduct', 'missing_tracking_code', 'other'] as const);
/** Complaint windows (`complaint.window`). */
export const COMPLAINT_WINDOWS = Object.freeze(['roll', 'post_close'] as const);
/** Longest complaint text or answer reasoning, in UTF-16 code units. */
export const COMPLAINT_TEXT_MAX = 5000;
/** Most attachments per complaint, and the longest attachment name. */
export const ATTACHMENTS_MAX = 10;
export const ATTACHMENT_NAME_MAX = 200;

/** Payload schemas, one per kind (shapes; crypto decoding comes after). */
export const PAYLOAD_SCHEMAS = Object.freeze({
  /**
   * A trustee's long-term key with its proof of possession, and the member's signature
   * over its registration under the member's account key (trustee-key-statement.ts).
   */
  trustee_key: z.strictObject({ trustee: TrusteeIndexSchema, publicKey: TrusteePublicKeySchema, memberId: IdSchema, signature: Hex64Schema }),
  /**
   * An issuer's per-contest issuing key (issue 12; issuer-statements.ts): the key, its
   * proof of possession (RSASSA-PSS by the key) and the member's signature of the
   * registration under its account key. Before the manifest; the manifest lists them.
   */
  issuer_key: z.strictObject({
    contestId: IdSchema, memberId: IdSchema, sector: z.string().min(1).max(100), issuanceKey: IssuanceKeySchema,
    pop: HexSchema.min(2).max(2048), signature: Hex64Schema,
  }),
  /** An issuer's signed issuance log of one contest (issuer-statements.ts), posted after voting. */
  issuer_log: z.strictObject({ log: IssuerLogSchema, signature: Hex64Schema }),
  /** A dealer's commitments, proofs and sealed shares. */
  dealing: z.strictObject({ dealer: TrusteeIndexSchema, dealing: DealingSchema }),
  /** A trustee's complaints after opening its shares (empty: all shares good). */
  ceremony_verification: z.strictObject({ trustee: TrusteeIndexSchema, complaints: z.array(ComplaintSchema) }),
  /** Qualified dealers, joint key and verification keys. */
  ceremony_result: z.strictObject({
    qualified: z.array(TrusteeIndexSchema).min(1),
    jointPublicKey: Hex32Schema,
    verificationKeys: z.array(z.strictObject({ index: TrusteeIndexSchema, key: Hex32Schema })).min(1),
  }),
  /** The frozen manifest and its hash (hex). */
  manifest: z.strictObject({ manifest: ManifestSchema, hash: Hex32Schema }),
  /**
   * One token asked for (issue 12; the log names the association, never the token),
   * published at the close from the relay: the request the association signed to the
   * contest's issuers (statements.ts `issuedTokenRequestMessage`), with the key it signed
   * with. The issuers' own logs (`issuer_log`) list what each of them signed.
   */
  token_issued: z.strictObject({ contestId: IdSchema, associationId: IdSchema, request: IssuerLogEntrySchema }),
  /** An accepted ballot with its token, signature and tracking code. */
  ballot: z.strictObject({
    contestId: IdSchema, trackingCode: Hex32Schema, token: TokenSchema, ballot: ContestBallotSchema, signature: Hex64Schema,
  }),
  /** End of voting: the number of counted ballots per contest. */
  close: z.strictObject({ ballots: z.array(z.strictObject({ contestId: IdSchema, count: Count })) }),
  /** Per contest, per candidate, the sum of counted ballots. */
  encrypted_tally: z.strictObject({ contests: z.array(z.strictObject({ contestId: IdSchema, tally: z.array(CiphertextSchema) })) }),
  /** A trustee's partial decryptions of every contest's tally. */
  decryption_share: z.strictObject({
    trustee: TrusteeIndexSchema,
    contests: z.array(z.strictObject({ contestId: IdSchema, shares: z.array(DecryptionShareSchema) })),
  }),
  /** Counts and seats per contest (src/record/seats.ts `allocateSeats`). */
  result: z.strictObject({
    contests: z.array(z.strictObject({
      contestId: IdSchema,
      counts: z.array(z.strictObject({ candidateId: IdSchema, votes: Count })),
      ranking: z.array(IdSchema),
      titulars: z.array(IdSchema),
      alternates: z.array(IdSchema),
      tieBreak: Hex32Schema,
      lots: z.array(z.strictObject({ candidateId: IdSchema, lot: Hex32Schema })),
    })),
  }),
  /** Publication of the results: the hash of the `result` event. */
  published: z.strictObject({ resultEvent: Hex32Schema }),
  /**
   * A complaint filed in a window (`roll`: phases nominations and key_ceremony;
   * `post_close`: phases closed and tallied). `complainant` is null unless the
   * complainant chose to show their identity; no account id is ever published.
   */
  complaint: z.strictObject({
    complaintId: IdSchema,
    window: z.enum(COMPLAINT_WINDOWS),
    category: z.enum(COMPLAINT_CATEGORIES),
    text: z.string().min(1).max(COMPLAINT_TEXT_MAX),
    attachments: z.array(z.strictObject({ name: z.string().min(1).max(ATTACHMENT_NAME_MAX), sha256: Hex32Schema })).max(ATTACHMENTS_MAX),
    complainant: z.strictObject({ role: z.enum(['association', 'committee', 'auditor']), name: z.string().min(1).nullable() }).nullable(),
  }),
  /**
   * The committee's reasoned answer, executed by a multi-sector decision: the complaint
   * event it answers (by hash), the decision's proposal id and the approving sectors.
   */
  complaint_answer: z.strictObject({
    complaintId: IdSchema,
    complaintEvent: Hex32Schema,
    decision: z.enum(['upheld', 'dismissed']),
    reasoning: z.string().min(1).max(COMPLAINT_TEXT_MAX),
    proposalId: IdSchema,
    sectors: z.array(z.string().min(1)).min(1),
  }),
  /**
   * The server's own report of the published election, signed with the receipt key
   * (server-report.ts): figures per contest, turnout by region, the complaint log.
   */
  report: ReportPayloadSchema,
  /**
   * The electoral committee as the election leaves draft: each member's sector,
   * organisation, role and signing key (null until the member activated the account), and
   * the election's rules at that moment (rule changes are later `decision` events).
   */
  committee: z.strictObject({
    members: z.array(z.strictObject({
      memberId: IdSchema, fullName: z.string().min(1), sector: z.string().min(1), organisation: z.string().min(1),
      role: z.string().min(1), publicKey: Hex32Schema.nullable(),
    })).min(1),
    rules: z.record(z.string(), JsonValueSchema),
  }),
  /**
   * A signing key registered after the committee event: a member's at activation or after
   * a credential reset, or an association's after a reset (its first key is published by
   * its accreditation decision).
   */
  key_registered: z.strictObject({ holder: z.enum(['member', 'association']), holderId: IdSchema, publicKey: Hex32Schema }),
  /**
   * An executed committee decision: its statement and every member's signature on it —
   * the approvals that carried it (the proposer's first) and the votes against.
   */
  decision: z.strictObject({
    proposalId: IdSchema,
    statement: StatementSchema,
    approvals: z.array(MemberSignatureSchema).min(1),
    against: z.array(MemberSignatureSchema),
  }),
  /**
   * The token window closes as voting opens (rule `tokenWindow`): the number of tokens
   * issued per contest by then. The issuance log published at the close must hold exactly
   * as many, so that no token was issued once ballots could be cast.
   */
  token_window: z.strictObject({ contests: z.array(z.strictObject({ contestId: IdSchema, issued: Count })) }),
  /**
   * A committee member's signature, with its account key in force, over a head of this
   * board it saw (witness-statement.ts): the event at `seq` has hash `hash`.
   */
  head_witnessed: z.strictObject({
    memberId: IdSchema, seq: z.number().int().min(0).max(MAX_SEQ), hash: Hex32Schema, signature: Hex64Schema,
  }),
});

/** The payload type of each kind. */
export type PayloadOf<K extends EventKind> = z.infer<(typeof PAYLOAD_SCHEMAS)[K]>;

/** Result of {@link parsePayload}. */
export type PayloadParse<K extends EventKind> =
  | { readonly ok: true; readonly payload: PayloadOf<K> }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Check an untrusted payload against its kind's schema; errors as `path: message`.
 * Never throws (an unknown kind is an error result).
 * @example const p = parsePayload('ballot', event.payload); if (p.ok) p.payload.trackingCode
 */
export function parsePayload<K extends EventKind>(kind: K, payload: unknown): PayloadParse<K> {
  const schema = (PAYLOAD_SCHEMAS as Record<string, z.ZodType | undefined>)[kind as string];
  if (schema === undefined || !Object.hasOwn(PAYLOAD_SCHEMAS, kind)) return { ok: false, errors: [`kind: unknown ${String(kind)}`] };
  try {
    const r = schema.safeParse(payload);
    if (r.success) return { ok: true, payload: r.data as PayloadOf<K> };
    return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`) };
  } catch (err) {
    return { ok: false, errors: [`payload: ${err instanceof Error ? err.message : String(err)}`] };
  }
}
