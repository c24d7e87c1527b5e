/**
 * The list of an election's proposals holds every one with its own approvals, however many
 * (issue 14): an election of 100,000 associations has as many accreditation decisions. Its
 * approvals were read by a list of the proposals' ids, refused past the 65,535 parameters a
 * PostgreSQL statement may carry, and attached by filtering every approval for every
 * proposal, quadratic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createStore } from '../../src/db/store.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const PROPOSALS = 66_000;
let database: TestDatabase;
let electionId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const ids: string[] = [];
  for (const title of ['other', 'decisions']) {
    const e = await sql<{ id: string }>`INSERT INTO elections (title, description, rules, timeline, constituencies, languages)
      VALUES (${title}, '', '{}', '{}', '["a"]', '["es"]') RETURNING id`.execute(db);
    ids.push(e.rows[0]!.id);
  }
  electionId = ids[1]!;
  for (const e of ids) {
    await sql`INSERT INTO committee_members (election_id, full_name, sector, organisation, role)
      SELECT ${e}::uuid, 'm' || g, 's' || g, 'o', 'member' FROM generate_series(1, 3) g`.execute(db);
  }
  // Proposal g of the election is approved by its first (g mod 3) members; the other election has one approved proposal.
  await sql`INSERT INTO proposals (election_id, kind, subject_id, payload, status, proposed_by, created_at)
    SELECT ${electionId}::uuid, 'accreditation_decision', 'a' || g, jsonb_build_object('g', g), 'executed',
      (SELECT id FROM committee_members WHERE election_id = ${electionId}::uuid AND full_name = 'm1'), '2026-12-06T00:00:00Z'::timestamptz + g * interval '1 second'
    FROM generate_series(1, ${PROPOSALS}::int) g`.execute(db);
  await sql`INSERT INTO proposals (election_id, kind, subject_id, payload, status, proposed_by)
    SELECT ${ids[0]!}::uuid, 'phase_change', 'x', '{}', 'executed', id FROM committee_members WHERE election_id = ${ids[0]!}::uuid AND full_name = 'm1'`.execute(db);
  await sql`INSERT INTO approvals (proposal_id, member_id, sector, approved_at)
    SELECT p.id, m.id, m.sector, p.created_at + (substr(m.full_name, 2)::int) * interval '1 millisecond'
    FROM proposals p JOIN committee_members m ON m.election_id = p.election_id
    WHERE p.election_id <> ${electionId}::uuid OR substr(m.full_name, 2)::int <= (p.payload->>'g')::int % 3`.execute(db);
});
afterAll(async () => { await database?.drop(); });

describe('the proposals of an election', () => {
  it('are listed, each with its own approvals in order, past 65,535 of them', async () => {
    const list = await createStore(database.db).read.proposals.listByElection(electionId);
    expect(list).toHaveLength(PROPOSALS);
    expect(list.map((p) => (p.payload as { g: number }).g)).toEqual(Array.from({ length: PROPOSALS }, (_, i) => i + 1));
    const members = await sql<{ id: string; full_name: string }>`SELECT id, full_name FROM committee_members WHERE election_id = ${electionId}::uuid`.execute(database.db);
    const nameOf = new Map(members.rows.map((m) => [m.id, m.full_name]));
    for (const p of list) {
      const g = (p.payload as { g: number }).g;
      expect(p.approvals.map((a) => nameOf.get(a.memberId))).toEqual(['m1', 'm2'].slice(0, g % 3));
    }
  });
});
