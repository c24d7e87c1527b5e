/**
 * The first three checks, on the record as a document, written to run as the record is
 * read, one event at a time (record-stream.ts): its format (the header, every event's
 * envelope and every payload against its kind's schema), the hash chain (every link, not
 * only the first broken one) and the order of the protocol's stages
 * (docs/voting-protocol.md "The election record (export)").
 * @module
 */
import { z } from 'zod';
import type { IncrementalHash } from '../crypto/transcript.js';
import { EVENT_KINDS, type EventKind, GENESIS_HASH, MAX_SEQ, PAYLOAD_SCHEMAS, eventHash } from '../record/board.js';
import { IdSchema } from '../record/ids.js';
import { Hex32Schema, TrusteeIndexSchema } from '../record/manifest.js';
import type { Findings, Names } from './findings.js';
import { type RecordStage, text } from './report.js';

/** The record's header (everything but `events`), strict. */
const HeaderSchema = z.strictObject({
  format: z.literal('anfora-election-record'),
  version: z.literal(1),
  electionId: IdSchema,
  exportedAt: z.iso.datetime({ offset: true }),
  committee: z.array(z.strictObject({
    index: TrusteeIndexSchema, memberId: IdSchema, fullName: z.string(), sector: z.string(), organisation: z.string(), role: z.string(),
  })),
  events: z.array(z.unknown()),
});

/** An event's envelope; the payload is judged by its kind's schema and by the hash. */
const EnvelopeSchema = z.strictObject({
  seq: z.number().int().min(0).max(MAX_SEQ),
  kind: z.string(),
  // Any string here: its form (one canonical spelling) is check 40's (board-times.ts), so
  // that a badly spelled time does not drop the event from every other check.
  at: z.string(),
  payload: z.unknown(),
  prevHash: Hex32Schema,
  hash: Hex32Schema,
});

/** A well-formed event of a known kind. `data` is the parsed payload (not for ballots: see ballots.ts). */
export interface RecordEvent {
  /** Position in `events`. */
  readonly index: number;
  readonly seq: number;
  readonly kind: EventKind;
  readonly at: string;
  readonly payload: unknown;
  readonly prevHash: string;
  readonly hash: string;
  /** The payload as its kind's schema parsed it; undefined if it did not (or for ballots). */
  readonly data?: unknown;
}

/** The committee as the header lists it (informational). */
export interface CommitteeMember {
  readonly index: number;
  readonly memberId: string;
  readonly fullName: string;
  readonly sector: string;
}

function issuesOf(error: z.ZodError, max = 3): string {
  const list = error.issues.slice(0, max).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return list.join('; ') + (error.issues.length > max ? ` (+${error.issues.length - max})` : '');
}

/** What {@link checkHeader} finds in the record's top-level members. */
export interface RecordHeader {
  readonly electionId: string | null;
  readonly committee: readonly CommitteeMember[];
}

/**
 * Check 1, format, of the top level: `members` are the record's top-level members in
 * document order (the `events` array as `[]`: its elements are judged one by one by
 * {@link readEvent}). A top level that is not an object is `null`.
 */
export function checkHeader(members: Readonly<Record<string, unknown>> | null, f: Findings, names: Names): RecordHeader {
  if (members === null) {
    f.add('format', names.record(), text('no es un objeto JSON', 'is not a JSON object'));
    return { electionId: null, committee: [] };
  }
  const header = HeaderSchema.safeParse(members);
  if (!header.success) {
    for (const i of header.error.issues.filter((x) => x.path[0] !== 'events' || x.path.length === 1)) {
      const path = i.path.map(String).join('.') || '(root)';
      f.add('format', names.record(path), text(`forma incorrecta: ${i.message}`, `wrong shape: ${i.message}`));
    }
  }
  const electionId = IdSchema.safeParse(members.electionId).success ? (members.electionId as string) : null;
  const committee = header.success ? header.data.committee : [];
  return { electionId, committee: committee.map(({ index, memberId, fullName, sector }) => ({ index, memberId, fullName, sector })) };
}

/**
 * Check 1, format, of one element of `events` (at `index`): its envelope and its payload
 * against its kind's schema. Ballot payloads are left to the ballot checker (ballots.ts),
 * whose shape problems land in this check too. The event, if its envelope is well-formed
 * and its kind known; else undefined.
 */
export function readEvent(e: unknown, index: number, f: Findings, names: Names): RecordEvent | undefined {
  const env = EnvelopeSchema.safeParse(e);
  const seqOf = typeof (e as { seq?: unknown } | null)?.seq === 'number' ? (e as { seq: number }).seq : index;
  if (!env.success || !Object.hasOwn(e as object, 'payload')) {
    const detail = env.success ? 'payload: missing' : issuesOf(env.error);
    f.add('format', names.record(`events[${index}]`), text(`el evento está mal formado (${detail})`, `the event is malformed (${detail})`));
    return undefined;
  }
  const { seq, kind, at, payload, prevHash, hash } = env.data;
  if (!(EVENT_KINDS as readonly string[]).includes(kind)) {
    f.add('format', names.event(seqOf, kind), text(`tipo de evento desconocido: ${kind}`, `unknown event kind: ${kind}`));
    return undefined;
  }
  const k = kind as EventKind;
  if (k === 'ballot') return { index, seq, kind: k, at, payload, prevHash, hash };
  const parsed = PAYLOAD_SCHEMAS[k].safeParse(payload);
  if (!parsed.success) {
    const detail = issuesOf(parsed.error);
    f.add('format', names.event(seq, k), text(`la carga útil no tiene la forma de su tipo (${detail})`, `the payload does not fit its kind (${detail})`));
    return { index, seq, kind: k, at, payload, prevHash, hash };
  }
  return { index, seq, kind: k, at, payload, prevHash, hash, data: parsed.data };
}

/**
 * Check 2, the chain, one element of `events` at a time: seq contiguous from 0, each
 * prevHash the previous event's hash (32 zero bytes first), each hash recomputed. Every
 * broken link is listed, the first one first.
 */
export class ChainLinks {
  #previous: unknown = GENESIS_HASH;
  #expectedSeq = 0;
  readonly #sha256: (() => IncrementalHash) | undefined;

  /** `sha256`: another implementation of SHA-256 for the events' hashes (default noble's). */
  constructor(sha256?: () => IncrementalHash) {
    this.#sha256 = sha256;
  }

  /** Check the element at `index` (any JSON value) against the ones before it. */
  see(e: unknown, index: number, f: Findings, names: Names): void {
    const ev = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const seq = typeof ev.seq === 'number' ? ev.seq : index;
    const item = names.event(seq, typeof ev.kind === 'string' ? ev.kind : '?');
    // Against the previous seq, so that one missing event is one failure, not one per later event.
    if (ev.seq !== this.#expectedSeq) {
      f.add('chain', item, text(`número de secuencia ${String(ev.seq)}, se esperaba ${this.#expectedSeq}`, `sequence number ${String(ev.seq)}, expected ${this.#expectedSeq}`));
    }
    this.#expectedSeq = (typeof ev.seq === 'number' ? ev.seq : this.#expectedSeq) + 1;
    if (ev.prevHash !== this.#previous) {
      f.add('chain', item, index === 0
        ? text('prevHash no son 32 bytes cero (no es el primer evento)', 'prevHash is not 32 zero bytes (not the first event)')
        : text('prevHash no es el hash del evento anterior', 'prevHash is not the previous event\'s hash'));
    }
    let recomputed: string | undefined;
    try {
      recomputed = eventHash(ev.prevHash as string, ev.seq as number, ev.kind as string, ev.at as string, ev.payload, this.#sha256);
    } catch (err) {
      f.add('chain', item, text(`el hash no se puede recalcular (${(err as Error).message})`, `the hash cannot be recomputed (${(err as Error).message})`));
    }
    if (recomputed !== undefined && ev.hash !== recomputed) {
      f.add('chain', item, text('el hash no corresponde al evento', 'the hash does not match the event'));
    }
    this.#previous = ev.hash;
  }
}

/**
 * Stage rank of the protocol's kinds: the board goes through them in this order. Kinds
 * without a rank (the complaint log's `complaint`, `complaint_answer`) interleave with
 * the others and are placed by their own rules in {@link checkOrder}.
 */
const RANK: Readonly<Record<string, number>> = {
  trustee_key: 0, dealing: 1, ceremony_verification: 2, ceremony_result: 3, manifest: 4, token_window: 5, token_issued: 5, ballot: 5,
  close: 6, encrypted_tally: 7, decryption_share: 8, result: 9, published: 10, report: 11,
};
/** Kinds that appear at most once. */
const ONCE: ReadonlySet<string> = new Set(['ceremony_result', 'manifest', 'token_window', 'close', 'encrypted_tally', 'result', 'published', 'report']);
/** The event each kind needs before it. */
const NEEDS: Readonly<Record<string, string>> = {
  manifest: 'ceremony_result', token_window: 'manifest', token_issued: 'manifest', ballot: 'manifest', close: 'manifest', encrypted_tally: 'close',
  decryption_share: 'encrypted_tally', result: 'encrypted_tally', published: 'result', report: 'published',
};

/** How far the record goes, by the kinds of its well-formed events (`byKind`, `total` of them). */
export function stageOf(byKind: Readonly<Partial<Record<EventKind, number>>>, total: number): RecordStage {
  const has = (k: EventKind) => (byKind[k] ?? 0) > 0;
  if (has('published')) return 'published';
  if (has('result')) return 'tallied';
  if (has('close')) return 'closed';
  if (has('manifest')) return 'voting';
  return total > 0 ? 'ceremony' : 'empty';
}

const STAGE_TEXT: Readonly<Record<RecordStage, readonly [string, string]>> = {
  empty: ['vacío', 'empty'], ceremony: ['ceremonia', 'ceremony'], voting: ['votación', 'voting'], closed: ['cerrado', 'closed'],
  tallied: ['escrutado', 'tallied'], published: ['publicado', 'published'],
};

interface ComplaintData { complaintId: string; window?: string; complaintEvent?: string }

/**
 * The complaint log's events (when the board has them): a `roll` complaint is filed
 * before voting opens (before the manifest), a `post_close` one between the close and
 * the publication; an answer names an earlier complaint by hash and id, once; and no
 * post-close complaint is left unanswered when the results are published.
 */
function checkComplaintLog(events: readonly RecordEvent[], f: Findings, names: Names): void {
  // Positions in the record (seqs may be tampered with; the chain check reports that).
  const at = (kind: string) => events.find((e) => (e.kind as string) === kind);
  const manifest = at('manifest');
  const close = at('close');
  const published = at('published');
  const complaints = new Map<string, { event: RecordEvent; data: ComplaintData }>();
  const answered = new Map<string, RecordEvent>();
  for (const e of events) {
    const kind = e.kind as string;
    if ((kind !== 'complaint' && kind !== 'complaint_answer') || e.data === undefined) continue;
    const data = e.data as ComplaintData;
    const item = names.event(e.seq, kind);
    if (kind === 'complaint') {
      if (data.window === 'roll' && manifest !== undefined && e.index > manifest.index) {
        f.add('order', item, text(`reclamo de padrón después de abrir la votación (manifiesto en seq ${manifest.seq})`, `roll complaint after voting opened (manifest at seq ${manifest.seq})`));
      }
      if (data.window === 'post_close' && (close === undefined || e.index < close.index || (published !== undefined && e.index > published.index))) {
        f.add('order', item, text('reclamo posterior al cierre fuera de su ventana (entre el cierre y la publicación)', 'post-close complaint outside its window (between the close and the publication)'));
      }
      if (complaints.has(data.complaintId)) f.add('order', item, text(`un segundo reclamo ${data.complaintId}`, `a second complaint ${data.complaintId}`));
      else complaints.set(data.complaintId, { event: e, data });
      continue;
    }
    const target = complaints.get(data.complaintId);
    if (target === undefined || target.event.hash !== data.complaintEvent) {
      f.add('order', item, text(`no responde a un reclamo anterior ${data.complaintId} con ese hash`, `does not answer an earlier complaint ${data.complaintId} with that hash`));
    } else if (answered.has(data.complaintId)) {
      const first = answered.get(data.complaintId)!.seq;
      f.add('order', item, text(`una segunda respuesta al reclamo ${data.complaintId} (la primera es seq ${first})`, `a second answer to complaint ${data.complaintId} (the first is seq ${first})`));
    } else {
      answered.set(data.complaintId, e);
    }
  }
  if (published === undefined) return;
  for (const [id, c] of complaints) {
    const answer = answered.get(id);
    if (c.data.window === 'post_close' && (answer === undefined || answer.index > published.index)) {
      f.add('order', names.event(c.event.seq, 'complaint'), text(`sin respuesta al publicar los resultados (seq ${published.seq})`, `unanswered when the results were published (seq ${published.seq})`));
    }
  }
}

/**
 * Check 3, order, one well-formed event at a time ({@link OrderCheck.see}, ballots
 * included), then over the whole ({@link OrderCheck.finish}): stage ranks never go back (a
 * ballot after the close, a share after the result…), single events appear once, each kind
 * follows the event it needs, the complaint log keeps its windows, and — unless `partial` —
 * the record reaches the result.
 */
export class OrderCheck {
  readonly #first = new Map<string, RecordEvent>();
  #top: RecordEvent | undefined;

  /** Check `e` against the events before it. */
  see(e: RecordEvent, f: Findings, names: Names): void {
    const rank = RANK[e.kind];
    if (rank === undefined) return;
    const first = this.#first;
    const top = this.#top;
    const item = names.event(e.seq, e.kind);
    const earlier = first.get(e.kind);
    if (ONCE.has(e.kind) && earlier !== undefined) {
      f.add('order', item, text(`un segundo evento ${e.kind} (el primero es seq ${earlier.seq})`, `a second ${e.kind} event (the first is seq ${earlier.seq})`));
    } else if (top !== undefined && rank < RANK[top.kind]!) {
      const close = first.get('close');
      if ((e.kind === 'ballot' || e.kind === 'token_issued') && close !== undefined) {
        f.add('order', item, text(`${e.kind === 'ballot' ? 'papeleta' : 'ficha'} después del cierre (seq ${close.seq})`, `${e.kind === 'ballot' ? 'ballot' : 'token'} after the close (seq ${close.seq})`));
      } else {
        f.add('order', item, text(`fuera de orden: después de ${top.kind} (seq ${top.seq})`, `out of order: after ${top.kind} (seq ${top.seq})`));
      }
    } else {
      const need = NEEDS[e.kind];
      if (need !== undefined && !first.has(need)) {
        f.add('order', item, text(`fuera de orden: no hay ${need} antes`, `out of order: no ${need} before it`));
      }
    }
    // Only what later events are compared with is kept (no ballot payload).
    const { index, seq, kind, at, prevHash, hash } = e;
    if (!first.has(e.kind)) first.set(e.kind, { index, seq, kind, at, payload: undefined, prevHash, hash });
    if (top === undefined || rank > RANK[top.kind]!) this.#top = { index, seq, kind, at, payload: undefined, prevHash, hash };
  }

  /** After the last event: the complaint log over `events` (its other events may be left out) and the record's end. */
  finish(events: readonly RecordEvent[], stage: RecordStage, f: Findings, names: Names, partial: boolean): void {
    checkComplaintLog(events, f, names);
    if (!this.#first.has('result')) {
      const [es, en] = STAGE_TEXT[stage];
      if (partial) {
        f.note('order', text(`registro parcial: termina antes de los resultados (etapa: ${es})`, `partial record: it ends before the results (stage: ${en})`));
      } else {
        f.add('order', names.record(), text(`el registro termina antes de los resultados (etapa: ${es})`, `the record ends before the results (stage: ${en})`));
      }
    }
  }
}
