/**
 * The ballot box does not slow as it fills: with 30,000 ballots in the election, every
 * query of a real cast (the cheap lookups before it and the transaction) is planned by
 * PostgreSQL — sequential scans allowed, statistics fresh — without a sequential scan of
 * `ballots` or `board_events` and without a sort; the last tracking code, the board head
 * and the used-key lookup each read one index. Dropping the new index (in a transaction
 * rolled back) brings the scan and sort back, so the test can fail.
 *
 * PostgreSQL only: PGlite plans differently and is not what a large election runs on.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { createStore } from '../../src/db/store.js';
import type { Database } from '../../src/db/database.js';
import { batchingChecker, inThreadRunner } from '../../src/domain/cast-queue.js';
import { castBallot } from '../../src/domain/voting.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { listen, openClientElection, type ClientElection } from '../helpers/client-election.js';
import { ApiClient } from '../../src/client/api.js';
import { type LoadedManifest, fetchManifest } from '../../src/client/manifest.js';
import { prepareBallot } from '../../src/client/voter.js';
import { obtainTestToken } from '../helpers/issuance.js';
import type { VotingCredentials } from '../../src/client/voter.js';
import { planNodes, type PlanNode } from '../helpers/query-plan.js';

const onPostgres = inject('testDatabase').mode !== 'pglite';
if (!onPostgres) console.log('[ballot-box-plan] skipped: query plans are checked on PostgreSQL only (set TEST_DATABASE_URL)');

const FILL = 30_000;
let t: TestApp;
let v: ClientElection;
let logged: Kysely<Database>;
let pool: pg.Pool;
let baseUrl: string;
let loaded: LoadedManifest;
let credentials: VotingCredentials;
const queries: CompiledQuery[] = [];


async function plan(q: { sql: string; parameters: readonly unknown[] }, client: pg.Pool | pg.PoolClient = pool): Promise<PlanNode[]> {
  const r = await client.query(`EXPLAIN (FORMAT JSON) ${q.sql}`, [...q.parameters]);
  return planNodes((r.rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan);
}
const scansGrowing = (ns: PlanNode[]) => ns.filter((n) => n['Node Type'] === 'Seq Scan' && ['ballots', 'board_events'].includes(n['Relation Name'] ?? ''));

describe.skipIf(!onPostgres)('the cast transaction on a full ballot box', () => {
  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await listen(t);
    v = await openClientElection(t, baseUrl, { plwha: 3, tb: 2 }, 'plan');
    const contestId = v.contests.plwha!;
    // The voter's token first: the issuers check the board's chain before they sign, and
    // the synthetic ballots below do not chain.
    const api = new ApiClient({ baseUrl, token: v.rolls.plwha![0]!.token });
    const got = await fetchManifest(api, v.electionId);
    if (!got.ok) throw new Error(got.reason);
    loaded = got;
    credentials = await obtainTestToken(undefined, v, contestId, v.rolls.plwha![0]!, baseUrl, loaded);
    // The board so far (manifest), then FILL synthetic ballots after it: their hashes are
    // not a valid chain, which planning does not care about.
    const { head } = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=1`)).json();
    const db = t.database.db;
    await sql`INSERT INTO board_events (election_id, seq, kind, at, payload, prev_hash, hash)
      SELECT ${v.electionId}::uuid, ${head.seq}::int + g, 'ballot', '2026-12-06T00:00:00.000Z', '{}'::jsonb, md5('p' || g) || md5('q' || g), md5('h' || g) || md5('i' || g)
      FROM generate_series(1, ${FILL}::int) g`.execute(db);
    await sql`INSERT INTO ballots (election_id, contest_id, ballot_public_key, tracking_code, board_seq, body)
      SELECT ${v.electionId}::uuid, ${contestId}::uuid, md5('k' || g) || md5('l' || g), md5('t' || g) || md5('u' || g), ${head.seq}::int + g, '{}'::jsonb
      FROM generate_series(1, ${FILL}::int) g`.execute(db);
    await sql`ANALYZE ballots`.execute(db);
    await sql`ANALYZE board_events`.execute(db);
    pool = new pg.Pool({ connectionString: t.database.target.url!, max: 2 });
    logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      log: (e) => { if (e.level === 'query') queries.push(e.query); },
    });
  });
  afterAll(async () => {
    await logged?.destroy();
    await t?.close();
  });

  it('every query of a cast reads an index: no sequential scan of ballots or board events, no sort', async () => {
    const prepared = prepareBallot(loaded.decoded, loaded.hash, v.contests.plwha!, [1, 0, 0, 0], credentials);
    const checker = batchingChecker(inThreadRunner());
    const receipt = await castBallot(createStore(logged), v.electionId, prepared.body, checker);
    await checker.close();
    expect(receipt.position).toBeGreaterThan(FILL);

    const statements = queries.filter((q) => /^\s*(select|insert|update|delete)/i.test(q.sql));
    // Before the checks, the phase with the used-key lookup; in the transaction, the lock,
    // the chains' ends, the ballot and its board event: one statement each.
    const table = (q: CompiledQuery) => q.sql.replace(/\(select [^()]*\)/gi, '(…)').match(/\b(?:from|into) "(\w+)"/i)?.[1];
    expect(statements.map(table)).toEqual(
      ['elections', 'elections', 'board_events', 'ballots', 'board_events']);
    const touched = new Set<string>();
    for (const q of statements) {
      const ns = await plan(q);
      expect(scansGrowing(ns), q.sql).toEqual([]);
      expect(ns.filter((n) => n['Node Type'] === 'Sort'), q.sql).toEqual([]);
      for (const n of ns) if (n['Index Name']) touched.add(n['Index Name']);
    }
    // The chain's last tracking code, the board head, the used-key lookup.
    expect([...touched]).toEqual(expect.arrayContaining(['ballots_election_seq', 'board_events_pk', 'ballots_one_per_token']));
  });

  it('without the index on (election_id, board_seq), the last tracking code is a scan and a sort again', async () => {
    const last = queries.find((q) => /from "ballots"/i.test(q.sql) && /order by "board_seq" desc/i.test(q.sql));
    expect(last, 'the cast read the last tracking code').toBeDefined();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DROP INDEX ballots_election_seq');
      const ns = await plan(last!, client);
      expect(ns.some((n) => n['Node Type'] === 'Sort' || n['Node Type'] === 'Seq Scan')).toBe(true);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
