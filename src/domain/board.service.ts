/**
 * The bulletin board: an append-only, hash-chained log of every public event
 * (DESIGN.md §4). Appends happen inside the caller's transaction while it holds the
 * election row lock, so the chain has one writer at a time.
 * @module
 */
import { appendEvent, type BoardEvent, boardTime } from '../record/board.js';
import { DomainError } from './errors.js';
import type { Repos, Store, StoredEvent } from './ports.js';
import { requireElection } from './elections.service.js';

/**
 * Append an event after the current head. The caller holds the election lock; it may pass
 * the head it read under that lock (null: the board is empty), saving a second read.
 */
export async function appendToBoard(r: Repos, electionId: string, kind: BoardEvent['kind'], payload: unknown, known?: StoredEvent | null): Promise<StoredEvent> {
  const head = known === undefined ? await r.board.head(electionId) : known;
  const event = appendEvent(head ? (head as BoardEvent) : null, kind, boardTime(head?.at, new Date()), payload);
  await r.board.insert(electionId, event);
  return event;
}

/**
 * Append several events of one kind after the current head, chained in memory and
 * written in batches: the close appends one issuance entry per token, and a round trip
 * for the head and another for the insert of each would make it the slowest step of a
 * large election. The caller holds the election lock.
 */
export async function appendManyToBoard(r: Repos, electionId: string, kind: BoardEvent['kind'], payloads: readonly unknown[]): Promise<StoredEvent[]> {
  let head: Pick<BoardEvent, 'seq' | 'hash' | 'at'> | null = (await r.board.head(electionId)) ?? null;
  const at = boardTime(head?.at, new Date());
  const events: BoardEvent[] = [];
  for (const payload of payloads) {
    const event = appendEvent(head, kind, at, payload);
    events.push(event);
    head = event;
  }
  if (events.length > 0) await r.board.insertMany(electionId, events);
  return events;
}

export const BOARD_PAGE_MAX = 500;

export async function readBoard(store: Store, electionId: string, from: number, limit: number): Promise<{ events: StoredEvent[]; head: { seq: number; hash: string } | null }> {
  await requireElection(store.read, electionId);
  const [events, head] = await Promise.all([
    store.read.board.list(electionId, from, Math.min(limit, BOARD_PAGE_MAX)), store.read.board.head(electionId),
  ]);
  return { events, head: head ? { seq: head.seq, hash: head.hash } : null };
}

/** The board event of the ballot with this tracking code. */
export async function findTrackingCode(store: Store, electionId: string, code: string): Promise<StoredEvent> {
  const seq = await store.read.ballots.seqOfTrackingCode(electionId, code);
  const [event] = seq === undefined ? [] : await store.read.board.list(electionId, seq, 1);
  if (!event) throw new DomainError('not_found', { what: 'tracking code' });
  return event;
}

/** Committee composition for the record header (informational: names and sectors). */
export async function recordHeader(store: Store, electionId: string) {
  await requireElection(store.read, electionId);
  const members = await store.read.committee.listByElection(electionId);
  return {
    format: 'anfora-election-record', version: 1, electionId, exportedAt: new Date().toISOString(),
    committee: members.map((m, i) => ({ index: i + 1, memberId: m.id, fullName: m.fullName, sector: m.sector, organisation: m.organisation, role: m.role })),
  };
}

/** Every board event in order, page by page, so a large election never sits in memory. */
export async function* boardPages(store: Store, electionId: string, pageSize = BOARD_PAGE_MAX): AsyncGenerator<StoredEvent[]> {
  for (let from = 0; ; from += pageSize) {
    const page = await store.read.board.list(electionId, from, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
  }
}

/**
 * Characters of record text per piece handed to the HTTP response. Each piece becomes one
 * chunk of the chunked encoding: one per event (~200 B to 7 KB) made Node's fetch (undici)
 * quadratic in the record's length whenever it read slower than the server wrote, since
 * every resume re-copied what it had buffered to parse one more small chunk (40,000 events
 * of 2.7 KB: 57 s; the same bytes in 256 KiB pieces: 0.24 s). 256 KiB keeps the pieces few
 * and the memory held for one piece small next to a page of events.
 */
export const RECORD_PIECE_CHARS = 256 * 1024;

/**
 * The election record's text (docs/election-record.md): the header's fields, then `events`,
 * one JSON array element per board event in order, in pieces of at least `pieceChars`
 * characters (the last excepted) or one event when an event is larger.
 */
export async function* recordText(header: object, pages: AsyncIterable<readonly StoredEvent[]>, pieceChars = RECORD_PIECE_CHARS): AsyncGenerator<string> {
  const head = JSON.stringify(header);
  let piece = `${head.slice(0, -1)},"events":[`;
  let first = true;
  for await (const page of pages) {
    for (const e of page) {
      piece += `${first ? '' : ','}${JSON.stringify(e)}`;
      first = false;
      if (piece.length >= pieceChars) {
        yield piece;
        piece = '';
      }
    }
  }
  yield `${piece}]}`;
}
