/**
 * Reading the public bulletin board (docs/voting-protocol.md "Bulletin board") page by page
 * (`GET /elections/:id/board?from=&limit=`), checking the hash chain as it arrives with
 * record's `checkChain`, so that a client (a trustee before decrypting, a voter looking for
 * its ballot) works on a copy whose integrity it has checked itself. Browser-safe.
 * @module
 */
import { type BoardEvent, type BoardHead, checkChain } from '../record/board.js';
import { type ApiClient, type Refusal, seg } from './api.js';

/** The largest page the API serves. */
export const BOARD_PAGE = 500;

/** Result of {@link fetchBoard}: every event from seq 0, chain-checked. */
export type BoardResult =
  | { readonly ok: true; readonly events: readonly BoardEvent[]; readonly head: BoardHead | null }
  | Refusal<'malformed_board' | 'broken_chain'>;

/**
 * Walk the board of election `electionId` page by page without keeping it: each page is
 * chain-checked against the last (contiguous seqs from 0, each prevHash the previous
 * hash, each hash recomputed) and only then handed to `visit` (awaited), which may stop
 * the walk by returning a refusal. Stops at the head the server reports when the walk began (events
 * appended meanwhile are left for the next read). Memory is bounded by a page, so a
 * trustee can check a 100,000-ballot board. With `after` (a head this client checked
 * before), the walk starts right after it and the first page must chain onto it: a board
 * that no longer extends it is `broken_chain`.
 * @throws ApiError on an HTTP failure
 * @example await walkBoard(api, id, (page) => { for (const e of page) count(e); })
 */
export async function walkBoard<R extends Refusal<string>>(
  api: ApiClient, electionId: string, visit: (page: readonly BoardEvent[]) => R | void | Promise<R | void>, pageSize: number = BOARD_PAGE,
  after?: BoardHead,
): Promise<{ readonly ok: true; readonly head: BoardHead | null } | R | Refusal<'malformed_board' | 'broken_chain'>> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > BOARD_PAGE) {
    throw new RangeError(`"pageSize" expected an integer in 1..${BOARD_PAGE}, got ${pageSize}`);
  }
  let last: BoardHead | undefined = after;
  let target: number | undefined;
  const fetchPage = (from: number) => api.get(`/elections/${seg(electionId)}/board?from=${from}&limit=${pageSize}`) as
    Promise<{ events?: unknown; head?: { seq?: unknown; hash?: unknown } | null } | null>;
  // The next page is asked for while this one is checked and visited (the server prepares
  // it meanwhile); it is used only if it starts where the checked chain ends.
  let ahead: { from: number; page: ReturnType<typeof fetchPage> } | undefined;
  for (;;) {
    const from = last === undefined ? 0 : last.seq + 1;
    const answer = await (ahead?.from === from ? ahead.page : fetchPage(from));
    ahead = undefined;
    if (typeof answer !== 'object' || answer === null || !Array.isArray(answer.events)) {
      return { ok: false, reason: 'malformed_board', detail: 'expected { events, head }' };
    }
    if (target === undefined) {
      const seq = answer.head?.seq;
      if (answer.head !== null && (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0)) {
        return { ok: false, reason: 'malformed_board', detail: 'head: expected { seq, hash } or null' };
      }
      target = answer.head === null ? -1 : seq as number;
      // The pages after `after` cannot show a board that shrank below it or replaced it.
      if (after !== undefined && (target < after.seq || (target === after.seq && answer.head?.hash !== after.hash))) {
        return { ok: false, reason: 'broken_chain', detail: `the board's head (seq ${target}) does not extend the head checked before (seq ${after.seq})` };
      }
    }
    const page = answer.events as unknown[];
    if (page.length > 0 && from + page.length <= target) {
      ahead = { from: from + page.length, page: fetchPage(from + page.length) };
      ahead.page.catch(() => undefined); // awaited only if used; a refusal below drops it
    }
    const checked = checkChain(page, last);
    if (!checked.ok) {
      return { ok: false, reason: 'broken_chain', detail: `event ${from + checked.index}: ${checked.reason} (${checked.detail})` };
    }
    const stop = await visit(page as BoardEvent[]);
    if (stop) return stop;
    if (checked.head !== null) last = checked.head;
    const reached = last === undefined ? -1 : last.seq;
    if (reached >= target) break;
    if (page.length === 0) {
      return { ok: false, reason: 'malformed_board', detail: `the board ends at seq ${reached}, before its head ${target}` };
    }
  }
  return { ok: true, head: last ?? null };
}

/**
 * The whole board of election `electionId`, fetched in pages of `pageSize` and checked as
 * {@link walkBoard} does. Holds every event: for a large board, walk it instead.
 * @throws ApiError on an HTTP failure
 * @example const b = await fetchBoard(api, electionId); if (b.ok) b.events.filter((e) => e.kind === 'ballot')
 */
export async function fetchBoard(api: ApiClient, electionId: string, pageSize: number = BOARD_PAGE): Promise<BoardResult> {
  const events: BoardEvent[] = [];
  const walked = await walkBoard<never>(api, electionId, (page) => { events.push(...page); }, pageSize);
  if (!walked.ok) return walked;
  return { ok: true, events: Object.freeze(events), head: walked.head };
}

/**
 * {@link fetchBoard} again, reading only what `previous` (a result of either, this
 * client's own checked copy) does not hold: the pages after its head, which must chain
 * onto it ({@link walkBoard}'s `after`: a board that no longer extends it is
 * `broken_chain`). The result is the whole board, checked from seq 0 as fetchBoard's is,
 * for a fraction of the reads: a client that reads the board again and again (an issuer
 * between batches) fetches each event once.
 * @throws ApiError on an HTTP failure
 * @example board = await extendBoard(api, electionId, board.ok ? board : undefined);
 */
export async function extendBoard(
  api: ApiClient, electionId: string, previous?: { readonly events: readonly BoardEvent[]; readonly head: BoardHead | null }, pageSize: number = BOARD_PAGE,
): Promise<BoardResult> {
  if (!previous || previous.head === null) return fetchBoard(api, electionId, pageSize);
  const added: BoardEvent[] = [];
  const walked = await walkBoard<never>(api, electionId, (page) => { added.push(...page); }, pageSize, previous.head);
  if (!walked.ok) return walked;
  return { ok: true, events: added.length === 0 ? previous.events : Object.freeze([...previous.events, ...added]), head: walked.head };
}
