// Frozen in time: this migration never imports application code.
// A nomination carries the candidate's campaign statement and the region they come from
// (issue 13), both free text shown to the association, the committee and the public
// candidates list. Candidates nominated before have neither ('').
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates')
    .addColumn('statement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates').dropColumn('statement').dropColumn('region').execute();
}
