/**
 * A page of the board costs a page, wherever it starts and whatever the planner knows: the
 * election record walks the whole board page by page, and a page query that read every
 * event from its start to the head made that walk cost the square of the board's length
 * (issue 14). The table here is never analyzed, as PGlite's never is, nor PostgreSQL's
 * without autovacuum: without an upper bound on `seq`, both planned a scan of every later
 * event and a sort. Checked with EXPLAIN ANALYZE, the rows each plan node produced, not
 * time; and the pages still join into the whole board, in order, once each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { boardPage } from '../../src/db/voting.repository.js';
import { createStore } from '../../src/db/store.js';
import { boardPages } from '../../src/domain/board.service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { explainAnalyze, widestNode } from '../helpers/query-plan.js';

const EVENTS = 3_000;
const PAGE = 500;
let database: TestDatabase;
let electionId: string;


beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const e = await sql<{ id: string }>`INSERT INTO elections (title, description, rules, timeline, constituencies, languages)
    VALUES ('board pages', '', '{}', '{}', '["a"]', '["es"]') RETURNING id`.execute(db);
  electionId = e.rows[0]!.id;
  // Events of another election on both sides of this one's in the table, as on a server with several.
  const other = await sql<{ id: string }>`INSERT INTO elections (title, description, rules, timeline, constituencies, languages)
    VALUES ('other', '', '{}', '{}', '["a"]', '["es"]') RETURNING id`.execute(db);
  for (const id of [other.rows[0]!.id, electionId]) {
    await sql`INSERT INTO board_events (election_id, seq, kind, at, payload, prev_hash, hash)
      SELECT ${id}::uuid, g, 'ballot', '2026-12-06T00:00:00.000Z', jsonb_build_object('n', g, 'pad', repeat('ab', 200)), md5('p' || g), md5('h' || g)
      FROM generate_series(0, ${EVENTS - 1}::int) g`.execute(db);
  }
});
afterAll(async () => { await database?.drop(); });

describe('a page of the board', () => {
  it('reads no more events than the page holds, from the first page to the last', async () => {
    for (const from of [0, EVENTS / 2, EVENTS - PAGE]) {
      const widest = widestNode(await explainAnalyze(database.db, boardPage(database.db, electionId, from, PAGE).compile()));
      expect(widest, `page from ${from}`).toBeLessThanOrEqual(PAGE);
    }
  });

  it('pages join into the whole board, in order, each event once', async () => {
    const seqs: number[] = [];
    for await (const page of boardPages(createStore(database.db), electionId, PAGE)) {
      expect(page.length).toBeLessThanOrEqual(PAGE);
      seqs.push(...page.map((e) => e.seq));
    }
    expect(seqs).toEqual(Array.from({ length: EVENTS }, (_, i) => i));
    const store = createStore(database.db);
    expect((await store.read.board.list(electionId, EVENTS - 2, 10)).map((e) => e.seq)).toEqual([EVENTS - 2, EVENTS - 1]);
    expect(await store.read.board.list(electionId, EVENTS, 10)).toEqual([]);
    // A page that would end past the largest `integer` is cut there, not refused.
    expect(await store.read.board.list(electionId, 0x7fffffff - 1, PAGE)).toEqual([]);
  });
});
