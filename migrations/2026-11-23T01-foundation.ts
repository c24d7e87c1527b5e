// Frozen in time: this migration never imports application code.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('associations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('legal_name', 'text', (c) => c.notNull())
    .addColumn('registration_number', 'text', (c) => c.notNull().unique())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('constituencies', sql`text[]`, (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('elections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('timeline', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('phase_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('contests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('constituency', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 1`))
    .addColumn('alternates', 'integer', (c) => c.notNull().check(sql`alternates >= 0`))
    .addColumn('max_selections', 'integer', (c) => c.notNull().check(sql`max_selections >= 1`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('contests_election_constituency', ['election_id', 'constituency'])
    .execute();

  await db.schema
    .createTable('committee_members')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // At most one chair and one vice-chair per election, enforced by the database too.
  await sql`CREATE UNIQUE INDEX committee_one_chair ON committee_members (election_id, role)
            WHERE role IN ('chair', 'vice_chair')`.execute(db);

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('association_id', 'uuid', (c) => c.references('associations.id').onDelete('cascade'))
    .addColumn('committee_member_id', 'uuid', (c) => c.references('committee_members.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'accounts_role_link',
      sql`(role = 'association') = (association_id IS NOT NULL)
          AND (role = 'committee') = (committee_member_id IS NOT NULL)`,
    )
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('contest_id', 'uuid', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('associations.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('reason', 'text')
    .addColumn('appeal_text', 'text')
    .addColumn('appeal_outcome', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addUniqueConstraint('applications_once', ['contest_id', 'association_id'])
    .execute();

  await db.schema
    .createTable('candidates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('contest_id', 'uuid', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('associations.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('employer', 'text', (c) => c.notNull())
    .addColumn('implements_global_fund', 'boolean', (c) => c.notNull())
    .addColumn('consecutive_terms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('nominated'))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('proposals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('proposed_by', 'uuid', (c) => c.notNull().references('committee_members.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('executed_at', 'timestamptz')
    .execute();
  // One open proposal per subject: two competing decisions cannot both be pending.
  await sql`CREATE UNIQUE INDEX proposals_one_pending ON proposals (election_id, kind, subject_id)
            WHERE status = 'pending'`.execute(db);

  await db.schema
    .createTable('approvals')
    .addColumn('proposal_id', 'uuid', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('committee_members.id'))
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('approvals_pk', ['proposal_id', 'member_id'])
    .execute();

  // Who did what, when: the administrative audit trail (public events go to the board).
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('election_id', 'uuid')
    .addColumn('account_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_log', 'approvals', 'proposals', 'candidates', 'applications', 'accounts',
    'committee_members', 'contests', 'elections', 'associations']) {
    await db.schema.dropTable(t).execute();
  }
}
