// Frozen in time: this migration never imports application code.
// The token relay's own database (issue 12): the associations' signed token requests and
// the issuers' blind signatures live apart from the ballots and the board, so that no
// database holds both an issuance row and a ballot row (nothing pairs by xmin, ctid or
// dump order). No column records a time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('token_requests')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('association_id', 'text', (c) => c.notNull())
    // The signed request (IssuedTokenRequest), the association's key and signature, and the blinded messages by key id.
    .addColumn('request', 'jsonb', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('blinded', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('token_requests_pk', ['contest_id', 'association_id'])
    .execute();
  await db.schema.createIndex('token_requests_election').on('token_requests').columns(['election_id', 'contest_id']).execute();
  await db.schema.createTable('blind_signatures')
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('association_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('blind_signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('blind_signatures_pk', ['contest_id', 'association_id', 'key_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('blind_signatures').execute();
  await db.schema.dropTable('token_requests').execute();
}
