/**
 * The lookups made once per association (its account, its applications), once per
 * committee member (its account), on every issuer's poll or batch (the board's events of
 * one kind), and each page of the ballots summed at the close, read only what they answer
 * whatever the planner knows (issue 14): the tables here are never analyzed, as PGlite's
 * never are, nor PostgreSQL's without autovacuum. Without an index each lookup was a
 * sequential scan of the whole table (the roll of 100,000 associations read `accounts` and
 * `applications` 100,000 times over), and each page of the close read and sorted every
 * ballot. Checked with EXPLAIN ANALYZE on the very queries the store sends: the rows each
 * plan node produced, not time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { createStore } from '../../src/db/store.js';
import type { Repos } from '../../src/domain/ports.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { explainAnalyze, type PlanNode, widestNode } from '../helpers/query-plan.js';

const ASSOCIATIONS = 3_000;
const MEMBERS = 12;
const ISSUERS = 6;
const PAGE = 500;
let database: TestDatabase;
let electionId: string;


// Deterministic ids: the n-th association, its account, the n-th committee member.
const id = (kind: number, n: number) => `00000000-0000-0000-${String(kind).padStart(4, '0')}-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  // Two elections, so that every lookup also has another election's rows to pass over.
  const ids: string[] = [];
  for (const title of ['other', 'roll']) {
    const e = await sql<{ id: string }>`INSERT INTO elections (title, description, rules, timeline, constituencies, languages)
      VALUES (${title}, '', '{}', '{}', '["a"]', '["es"]') RETURNING id`.execute(db);
    ids.push(e.rows[0]!.id);
  }
  electionId = ids[1]!;
  for (const [k, e] of ids.entries()) {
    await sql`INSERT INTO contests (election_id, constituency, title, seats, alternates, max_selections, position)
      SELECT ${e}::uuid, 'c' || g, 't', 1, 0, 1, g FROM generate_series(1, 2) g`.execute(db);
    await sql`INSERT INTO board_events (election_id, seq, kind, at, payload, prev_hash, hash)
      SELECT ${e}::uuid, g, CASE WHEN g < ${ISSUERS}::int THEN 'issuer_key' ELSE 'ballot' END, '2026-12-06T00:00:00.000Z',
        jsonb_build_object('n', g), md5('p' || g || ${k}::int), md5('h' || g || ${k}::int)
      FROM generate_series(0, ${ASSOCIATIONS - 1}::int) g`.execute(db);
    await sql`INSERT INTO ballots (election_id, contest_id, ballot_public_key, tracking_code, board_seq, body)
      SELECT ${e}::uuid, (SELECT id FROM contests WHERE election_id = ${e}::uuid AND position = 1), md5('k' || g || ${k}::int),
        md5('t' || g || ${k}::int), g, '{"ballot": {"selections": []}}'
      FROM generate_series(${ISSUERS}::int, ${ASSOCIATIONS - 1}::int) g`.execute(db);
  }
  await sql`INSERT INTO committee_members (id, election_id, full_name, sector, organisation, role)
    SELECT (${id(2, 0).slice(0, -12)} || lpad(g::text, 12, '0'))::uuid, ${electionId}::uuid, 'm', 's', 'o', 'member'
    FROM generate_series(1, ${MEMBERS}::int) g`.execute(db);
  await sql`INSERT INTO associations (id, legal_name, registration_number, region, constituencies, contact_name, contact_email)
    SELECT (${id(3, 0).slice(0, -12)} || lpad(g::text, 12, '0'))::uuid, 'a' || g, 'r' || g, 'x', '{c1}', 'n', 'e'
    FROM generate_series(1, ${ASSOCIATIONS}::int) g`.execute(db);
  await sql`INSERT INTO accounts (email, role, association_id, committee_member_id)
    SELECT 'a' || g || '@example.org', 'association', (${id(3, 0).slice(0, -12)} || lpad(g::text, 12, '0'))::uuid, NULL
    FROM generate_series(1, ${ASSOCIATIONS}::int) g
    UNION ALL SELECT 'm' || g || '@example.org', 'committee', NULL, (${id(2, 0).slice(0, -12)} || lpad(g::text, 12, '0'))::uuid
    FROM generate_series(1, ${MEMBERS}::int) g`.execute(db);
  // Every association applies in both elections, in one or two contests.
  await sql`INSERT INTO applications (election_id, contest_id, association_id)
    SELECT c.election_id, c.id, (${id(3, 0).slice(0, -12)} || lpad(g::text, 12, '0'))::uuid
    FROM generate_series(1, ${ASSOCIATIONS}::int) g JOIN contests c ON c.position = 1 OR g % 3 = 0`.execute(db);
});
afterAll(async () => { await database?.drop(); });

/** Run `call` on a store whose queries are recorded, then EXPLAIN ANALYZE each of them. */
async function plansOf(call: (r: Repos) => Promise<unknown>): Promise<{ answer: unknown; plans: PlanNode[][] }> {
  const sent: RootOperationNode[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node }) => { sent.push(node); return node; },
    transformResult: async ({ result }) => result,
  };
  const db = database.db.withPlugin(recorder);
  const answer = await call(createStore(db).read);
  const plans: PlanNode[][] = [];
  for (const node of sent) {
    plans.push(await explainAnalyze(database.db, db.getExecutor().compileQuery(node, { queryId: 'explain' })));
  }
  return { answer, plans };
}

const size = (answer: unknown) => (Array.isArray(answer) ? answer.length : answer === undefined ? 0 : 1);

describe('the per-association lookups read only what they answer, on tables never analyzed', () => {
  // [what, the call, the size of its answer, the most rows a plan node may produce]: the
  // answer itself, but for an association's applications, those of every election it
  // applied in (an index on the association alone; a few rows whatever the roll's size).
  const cases: [string, (r: Repos) => Promise<unknown>, number, number][] = [
    ['the account of an association', (r) => r.accounts.byAssociation(id(3, 1234)), 1, 1],
    ['the account of a committee member', (r) => r.accounts.byCommitteeMember(id(2, 7)), 1, 1],
    ['the applications of an association in an election', (r) => r.applications.listByElection(electionId, id(3, 1236)), 2, 4],
    ['the board events of one kind', (r) => r.board.byKind(electionId, 'issuer_key'), ISSUERS, ISSUERS],
    ['the issuer logs posted', (r) => r.board.issuerLogAuthors(electionId), 0, 1],
    ['a page of the ballots summed at the close', (r) => r.ballots.ciphertexts(electionId, 1000, PAGE), PAGE, PAGE],
  ];
  for (const [what, call, expected, reads] of cases) {
    it(what, async () => {
      const { answer, plans } = await plansOf(call);
      // The answer is the one expected, so that the plan below is that of a real lookup.
      expect(size(answer)).toBe(expected);
      expect(plans).toHaveLength(1);
      for (const plan of plans) {
        const scans = plan.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
        expect(scans, what).toEqual([]);
        const widest = widestNode(plan);
        expect(widest, what).toBeLessThanOrEqual(reads);
      }
    });
  }
});
