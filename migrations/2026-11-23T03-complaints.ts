// Frozen in time: this migration never imports application code.
// Complaints keep the complainant's account for accountability; only what they chose to
// show (`complainant`) is ever published. Small-roll acknowledgements record the
// committee's decision to open a contest whose roll is below the election's minimum.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('complaints')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('complaint_window', 'text', (c) => c.notNull().check(sql`complaint_window IN ('roll', 'post_close')`))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('attachments', 'jsonb', (c) => c.notNull())
    .addColumn('show_identity', 'boolean', (c) => c.notNull())
    .addColumn('complainant_account_id', 'uuid', (c) => c.notNull())
    .addColumn('complainant_role', 'text', (c) => c.notNull())
    .addColumn('complainant', 'jsonb')
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('board_seq', 'integer', (c) => c.notNull())
    .addColumn('board_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status IN ('open', 'answered')`))
    .addColumn('answer_decision', 'text')
    .addColumn('answer_reasoning', 'text')
    .addColumn('answer_proposal_id', 'uuid', (c) => c.references('proposals.id'))
    .addColumn('answered_at', 'timestamptz')
    .addColumn('answer_board_seq', 'integer')
    .execute();
  await db.schema.createIndex('complaints_by_election').on('complaints').columns(['election_id', 'board_seq']).execute();

  await db.schema.createTable('small_roll_acknowledgements')
    .addColumn('contest_id', 'uuid', (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'uuid', (c) => c.notNull().references('proposals.id'))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('small_roll_acknowledgements').execute();
  await db.schema.dropTable('complaints').execute();
}
