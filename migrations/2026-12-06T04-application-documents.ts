// Frozen in time: this migration never imports application code.
// An application for accreditation carries the documents the association submits,
// described in text (which documents, their dates and registrations): the committee
// decides on them. Older applications have none described.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('documents', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('documents').execute();
}
