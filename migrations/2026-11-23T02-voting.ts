// Frozen in time: this migration never imports application code.
// Secrecy by schema: token_issuance has no token column and ballots no association
// column, so no row can join an association to a ballot.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('elections')
    .addColumn('joint_public_key', 'text')
    .addColumn('ceremony_result', 'jsonb')
    .addColumn('manifest', 'jsonb')
    .addColumn('manifest_hash', 'text')
    .addColumn('receipt_secret_key', 'bytea')
    .execute();

  await db.schema.createTable('ceremony_keys')
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('trustee', 'integer', (c) => c.notNull())
    .addColumn('public_key', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('ceremony_keys_pk', ['election_id', 'trustee'])
    .execute();
  await db.schema.createTable('ceremony_dealings')
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('dealer', 'integer', (c) => c.notNull())
    .addColumn('dealing', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('ceremony_dealings_pk', ['election_id', 'dealer'])
    .execute();
  await db.schema.createTable('ceremony_verifications')
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('trustee', 'integer', (c) => c.notNull())
    .addColumn('complaints', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('ceremony_verifications_pk', ['election_id', 'trustee'])
    .execute();

  await db.schema.createTable('issuance_keys')
    .addColumn('contest_id', 'uuid', (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('pkcs8', 'bytea', (c) => c.notNull())
    .addColumn('public_key', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema.createTable('token_issuance')
    .addColumn('contest_id', 'uuid', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('associations.id'))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('token_issuance_once', ['contest_id', 'association_id'])
    .execute();

  await db.schema.createTable('board_events')
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('board_events_pk', ['election_id', 'seq'])
    .execute();

  await db.schema.createTable('ballots')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('contest_id', 'uuid', (c) => c.notNull().references('contests.id'))
    .addColumn('ballot_public_key', 'text', (c) => c.notNull())
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    .addColumn('board_seq', 'integer', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    // One counted ballot per token: the token's ballot key is unique within its contest.
    .addUniqueConstraint('ballots_one_per_token', ['contest_id', 'ballot_public_key'])
    .execute();

  await db.schema.createTable('decryption_shares')
    .addColumn('election_id', 'uuid', (c) => c.notNull().references('elections.id').onDelete('cascade'))
    .addColumn('trustee', 'integer', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('decryption_shares_pk', ['election_id', 'trustee'])
    .execute();

  await db.schema.createTable('results')
    .addColumn('election_id', 'uuid', (c) => c.primaryKey().references('elections.id').onDelete('cascade'))
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['results', 'decryption_shares', 'ballots', 'board_events', 'token_issuance', 'issuance_keys',
    'ceremony_verifications', 'ceremony_dealings', 'ceremony_keys']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('elections').dropColumn('joint_public_key').dropColumn('ceremony_result')
    .dropColumn('manifest').dropColumn('manifest_hash').dropColumn('receipt_secret_key').execute();
}
