// Frozen in time: this migration never imports application code.
// Issue 12: tokens are signed by the committee's sector issuers and relayed through a
// database of its own (migrations/relay/). The ballots' database keeps no issuing key
// (`issuance_keys`) and no issuance rows (`token_issuance`): a row per token next to the
// ballots, with its transaction id and physical order, would pair associations with
// their ballots. Dropping the tables drops their rows; nothing is carried over.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('token_issuance').execute();
  await db.schema.dropTable('issuance_keys').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('issuance_keys')
    .addColumn('contest_id', 'uuid', (c) => c.primaryKey().references('contests.id').onDelete('cascade'))
    .addColumn('pkcs8', 'bytea', (c) => c.notNull())
    .addColumn('public_key', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createTable('token_issuance')
    .addColumn('contest_id', 'uuid', (c) => c.notNull().references('contests.id').onDelete('cascade'))
    .addColumn('association_id', 'uuid', (c) => c.notNull().references('associations.id'))
    .addColumn('public_key', 'text', (c) => c.check(sql`public_key ~ '^[0-9a-f]{64}$'`))
    .addColumn('blinded_message_hash', 'text', (c) => c.check(sql`blinded_message_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('signature', 'text', (c) => c.check(sql`signature ~ '^[0-9a-f]{128}$'`))
    .addPrimaryKeyConstraint('token_issuance_once', ['contest_id', 'association_id'])
    .execute();
}
