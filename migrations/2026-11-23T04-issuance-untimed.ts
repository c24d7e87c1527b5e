// Frozen in time: this migration never imports application code.
// The issuance log keeps no time: the moment an association obtained its token, next to
// the moment each ballot arrived, would let whoever reads the database pair the two.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('token_issuance').dropColumn('issued_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('token_issuance').addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`)).execute();
}
