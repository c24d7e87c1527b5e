// Frozen in time: this migration never imports application code.
// The roll does not slow as it fills (issue 14): each association's account, each committee
// member's account and each association's applications were found by reading the whole
// table, so building the roll of a 100,000-association election read accounts and
// applications about a hundred thousand times each. Plain indexes, no statistics needed:
// PGlite never gathers any, nor PostgreSQL without autovacuum. IF NOT EXISTS: an operator
// whose roll was slowing may have created these indexes by hand, under these names, on a
// running election's database; that database then migrates instead of refusing to.
// `applications` is searched by (election_id, association_id): an association applies in a
// few contests, so association_id alone already narrows to those few rows.
// The board is read by kind (the registered issuers on every issuer's poll for pending
// requests, the posted issuer logs on every batch of blind signatures, the witnessed heads
// on every witness): by (election_id, seq) alone that read every ballot event on the board.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('accounts_association_id_idx').ifNotExists().on('accounts').column('association_id').execute();
  await db.schema.createIndex('accounts_committee_member_id_idx').ifNotExists().on('accounts').column('committee_member_id').execute();
  await db.schema.createIndex('applications_association_id_idx').ifNotExists().on('applications').column('association_id').execute();
  await db.schema.createIndex('board_events_kind').on('board_events').columns(['election_id', 'kind', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['board_events_kind', 'applications_association_id_idx', 'accounts_committee_member_id_idx', 'accounts_association_id_idx']) {
    await db.schema.dropIndex(name).execute();
  }
}
