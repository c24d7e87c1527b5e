// Frozen in time: this migration never imports application code.
// Committee decisions signed by their members (issue 11): a proposal keeps the canonical
// statement its members sign, each vote (approve, against, withdraw) keeps the member's
// key and Ed25519 signature, and every token issuance keeps the request the association
// signed (its key, the SHA-256 of the blinded message, the signature). A proposal no
// longer blocks the opposite one: only one pending proposal per identical statement.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('proposals').addColumn('statement', 'jsonb').execute();
  await sql`DROP INDEX proposals_one_pending`.execute(db);
  await sql`CREATE UNIQUE INDEX proposals_one_pending ON proposals (election_id, kind, subject_id, md5(statement::text))
            WHERE status = 'pending'`.execute(db);
  await db.schema.alterTable('approvals')
    .addColumn('vote', 'text', (c) => c.notNull().defaultTo('approve').check(sql`vote IN ('approve', 'against', 'withdraw')`))
    .addColumn('public_key', 'text', (c) => c.check(sql`public_key ~ '^[0-9a-f]{64}$'`))
    .addColumn('signature', 'text', (c) => c.check(sql`signature ~ '^[0-9a-f]{128}$'`))
    .execute();
  await db.schema.alterTable('token_issuance')
    .addColumn('public_key', 'text', (c) => c.check(sql`public_key ~ '^[0-9a-f]{64}$'`))
    .addColumn('blinded_message_hash', 'text', (c) => c.check(sql`blinded_message_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('signature', 'text', (c) => c.check(sql`signature ~ '^[0-9a-f]{128}$'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('token_issuance').dropColumn('public_key').dropColumn('blinded_message_hash').dropColumn('signature').execute();
  await db.schema.alterTable('approvals').dropColumn('vote').dropColumn('public_key').dropColumn('signature').execute();
  await sql`DROP INDEX proposals_one_pending`.execute(db);
  await sql`CREATE UNIQUE INDEX proposals_one_pending ON proposals (election_id, kind, subject_id) WHERE status = 'pending'`.execute(db);
  await db.schema.alterTable('proposals').dropColumn('statement').execute();
}
