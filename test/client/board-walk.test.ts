import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { walkBoard } from '../../src/client/board.js';
import { type BoardEvent, appendEvent } from '../../src/record/board.js';

/** A chained board of `n` close events (any kind with a small payload serves). */
function board(n: number): BoardEvent[] {
  const out: BoardEvent[] = [];
  for (let i = 0; i < n; i++) {
    out.push(appendEvent(out.at(-1) ?? null, 'close', `2026-03-01T12:00:00.${String(i).padStart(3, '0')}Z`, { ballots: [{ contestId: 'board', count: i }] }));
  }
  return out;
}

/** An API serving `events` as GET /elections/e/board pages, recording each `from` asked; `tamper` edits a served page. */
function serve(events: readonly BoardEvent[], tamper?: (from: number, page: Record<string, unknown>[]) => void) {
  const asked: number[] = [];
  const log: string[] = [];
  const api = new ApiClient({
    baseUrl: 'http://board.test',
    fetch: async (input) => {
      const url = new URL(String(input));
      const from = Number(url.searchParams.get('from'));
      const limit = Number(url.searchParams.get('limit'));
      asked.push(from);
      log.push(`ask ${from}`);
      const page = JSON.parse(JSON.stringify(events.slice(from, from + limit))) as Record<string, unknown>[];
      tamper?.(from, page);
      const last = events.at(-1);
      const body = { events: page, head: last ? { seq: last.seq, hash: last.hash } : null };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
  return { api, asked, log };
}

describe('walkBoard asks for the next page while it checks one', () => {
  it('visits every event once, in order, and asks for no page past the head', async () => {
    const events = board(23);
    const { api, asked, log } = serve(events);
    const seen: number[] = [];
    const r = await walkBoard(api, 'e', (page) => { seen.push(...page.map((e) => e.seq)); log.push(`visit ${page[0]!.seq}`); }, 5);
    expect(r).toEqual({ ok: true, head: { seq: 22, hash: events[22]!.hash } });
    expect(seen).toEqual(events.map((e) => e.seq));
    expect(asked).toEqual([0, 5, 10, 15, 20]);
    // Each next page is already asked for when a page is visited.
    expect(log).toEqual(['ask 0', 'ask 5', 'visit 0', 'ask 10', 'visit 5', 'ask 15', 'visit 10', 'ask 20', 'visit 15', 'visit 20']);
  });

  it('still refuses a broken chain in a page that was asked for ahead', async () => {
    const { api } = serve(board(12), (from, page) => { if (from === 5) page[1]!.prevHash = '00'.repeat(32); });
    const r = await walkBoard(api, 'e', () => undefined, 5);
    expect(r).toMatchObject({ ok: false, reason: 'broken_chain' });
    expect((r as { detail: string }).detail).toMatch(/^event 6:/);
  });

  it('stops when the visitor refuses, without using the page asked for ahead', async () => {
    const { api, asked } = serve(board(12));
    const r = await walkBoard(api, 'e', (page) => (page[0]!.seq === 5 ? { ok: false as const, reason: 'tally_mismatch' as const, detail: 'stop' } : undefined), 5);
    expect(r).toEqual({ ok: false, reason: 'tally_mismatch', detail: 'stop' });
    expect(asked).toEqual([0, 5, 10]);
  });
});
