// Frozen in time: this migration never imports application code.
// The languages an election is run in (issue 13): an ordered list of codes, the first
// the default (`["es", "en"]`); null for an election created before, read as Spanish then
// English.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('elections').addColumn('languages', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('elections').dropColumn('languages').execute();
}
