// Frozen in time: this migration never imports application code.
// The signatures still owed (issue 14): one row per request and key it names that the key
// has not signed yet, so that an issuer's poll reads its next `limit` requests off an index
// instead of anti-joining every request of the election against every signature. Rows are
// written with the request and deleted with the signature, in the same statement.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('pending_signatures')
    .addColumn('election_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('contest_id', 'text', (c) => c.notNull())
    .addColumn('association_id', 'text', (c) => c.notNull())
    // Found by the signature that answers it (blind_signatures' key)…
    .addPrimaryKeyConstraint('pending_signatures_pk', ['contest_id', 'association_id', 'key_id'])
    .execute();
  // …and read by the poll, in its order, a range of one election and key.
  await db.schema.createIndex('pending_signatures_poll').on('pending_signatures')
    .columns(['election_id', 'key_id', 'contest_id', 'association_id']).execute();
  // The requests already stored: each key they name that has not signed them.
  await sql`INSERT INTO pending_signatures (election_id, key_id, contest_id, association_id)
    SELECT t.election_id, k.key_id, t.contest_id, t.association_id
    FROM token_requests t CROSS JOIN LATERAL jsonb_object_keys(t.blinded) AS k(key_id)
    WHERE NOT EXISTS (SELECT 1 FROM blind_signatures b
      WHERE b.contest_id = t.contest_id AND b.association_id = t.association_id AND b.key_id = k.key_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pending_signatures').execute();
}
