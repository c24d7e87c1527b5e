/**
 * The bulletin board as the public pages read it: page after page of `GET /board`, each
 * event's hash link checked in the page with the record's own code (`checkChain` of
 * src/record/board.ts, one event at a time against the one before it), so that a page
 * names exactly the event whose hash or link does not hold, and the board's announced
 * head is compared with the last event read. Incremental: `update()` reads only what was
 * appended since the last call (the committee console's live turnout).
 * @module
 */
import type { ApiClient } from '../../client/api.js';
import { type BoardEvent, type BoardHead, checkChain } from '../../record/board.js';

/** One event and whether its link to the previous one and its own hash hold. */
export interface CheckedEvent {
  readonly event: BoardEvent;
  /** null: the link and the hash hold; otherwise what `checkChain` found. */
  readonly broken: { readonly reason: string; readonly detail: string } | null;
}

/** Events per request: the API's largest page. */
const PAGE = 500;

export class BoardReader {
  readonly events: CheckedEvent[] = [];
  /** The head the server announced with the last page read. */
  head: BoardHead | null = null;
  readonly #api: ApiClient;
  readonly #path: string;

  constructor(api: ApiClient, electionId: string) {
    this.#api = api;
    this.#path = `/elections/${encodeURIComponent(electionId)}/board`;
  }

  /** Read what was appended since the last call; `onPage(read)` after each page. */
  async update(onPage?: (read: number) => void): Promise<void> {
    for (;;) {
      const from = this.events.length;
      const page = (await this.#api.get(`${this.#path}?from=${from}&limit=${PAGE}`)) as { events: BoardEvent[]; head: BoardHead | null };
      this.head = page.head;
      for (const e of page.events) this.#add(e);
      onPage?.(this.events.length);
      if (page.events.length < PAGE) return;
    }
  }

  #add(e: BoardEvent): void {
    const prev = this.events.at(-1)?.event;
    const r = checkChain([e], prev === undefined ? undefined : { seq: prev.seq, hash: prev.hash });
    this.events.push({ event: e, broken: r.ok ? null : { reason: r.reason, detail: r.detail } });
  }

  /** Whether the server's announced head is the last event read (and its hash). */
  headMatches(): boolean {
    const last = this.events.at(-1)?.event;
    if (this.head === null) return last === undefined;
    return last !== undefined && last.seq === this.head.seq && last.hash === this.head.hash;
  }

  /** Ballot events per contest id, as the board shows them. */
  ballotsByContest(): Map<string, number> {
    const out = new Map<string, number>();
    for (const { event } of this.events) {
      if (event.kind !== 'ballot') continue;
      const id = (event.payload as { contestId?: unknown } | null)?.contestId;
      if (typeof id === 'string') out.set(id, (out.get(id) ?? 0) + 1);
    }
    return out;
  }
}
