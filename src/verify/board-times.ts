/**
 * Check 40, board times (docs/election-record.md §7): every event's `at` is in the one
 * canonical UTC form `YYYY-MM-DDTHH:mm:ss.sssZ` (record/board.ts `isCanonicalTime`), and
 * times never decrease along the board. One spelling per instant leaves the server no
 * choice among spellings of a time it writes; an order in time that agrees with the order
 * of the chain is what the board's append enforces. Seen one event at a time, as the
 * record streams in. Browser-safe.
 * @module
 */
import { isCanonicalTime } from '../record/board.js';
import type { Findings, Names } from './findings.js';
import { text } from './report.js';

/** Check 40 over the well-formed events, in board order. */
export class BoardTimes {
  /** The last canonical time seen, and its event's seq. */
  #last: { at: string; seq: number } | undefined;

  /** Check the event `e` (an envelope already read) against the ones before it. */
  see(e: { readonly seq: number; readonly kind: string; readonly at: string }, f: Findings, names: Names): void {
    const item = names.event(e.seq, e.kind);
    if (!isCanonicalTime(e.at)) {
      f.add('board_times', item, text(
        `la hora ${JSON.stringify(e.at)} no está en la forma canónica AAAA-MM-DDTHH:mm:ss.sssZ (UTC)`,
        `the time ${JSON.stringify(e.at)} is not in the canonical form YYYY-MM-DDTHH:mm:ss.sssZ (UTC)`));
      return;
    }
    if (this.#last !== undefined && e.at < this.#last.at) {
      f.add('board_times', item, text(
        `la hora ${e.at} es anterior a la del evento seq ${this.#last.seq} (${this.#last.at})`,
        `the time ${e.at} is earlier than that of event seq ${this.#last.seq} (${this.#last.at})`));
      return;
    }
    this.#last = { at: e.at, seq: e.seq };
  }
}
