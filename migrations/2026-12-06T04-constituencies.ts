// Frozen in time: this migration never imports application code.
// Constituencies defined by each election (issue 13): the election keeps its list
// `[{ code, nameEs, nameEn }]` (null for an election created before, read as the model
// case's six), and a constituency may have several contests (regional seats), told apart
// by their titles.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('elections').addColumn('constituencies', 'jsonb').execute();
  await db.schema.alterTable('contests').dropConstraint('contests_election_constituency').execute();
  await db.schema.alterTable('contests')
    .addUniqueConstraint('contests_election_constituency_title', ['election_id', 'constituency', 'title']).execute();
  await sql`ALTER TABLE associations ADD CONSTRAINT associations_constituency_codes
            CHECK (cardinality(constituencies) BETWEEN 1 AND 50)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE associations DROP CONSTRAINT associations_constituency_codes`.execute(db);
  await db.schema.alterTable('contests').dropConstraint('contests_election_constituency_title').execute();
  await db.schema.alterTable('contests').addUniqueConstraint('contests_election_constituency', ['election_id', 'constituency']).execute();
  await db.schema.alterTable('elections').dropColumn('constituencies').execute();
}
