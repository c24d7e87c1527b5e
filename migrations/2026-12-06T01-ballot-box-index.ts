// Frozen in time: this migration never imports application code.
// The ballot box must not slow as it fills: the cast transaction reads the election's last
// ballot (to chain its tracking code) by (election_id, board_seq), and the tally reads the
// ballots in board order. Without this index both scanned and sorted every ballot while
// the election lock was held. Unique: a board position holds one ballot.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('ballots_election_seq').unique().on('ballots').columns(['election_id', 'board_seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ballots_election_seq').execute();
}
