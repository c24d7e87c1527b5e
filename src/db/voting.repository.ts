/**
 * Kysely implementations of the voting parts of the storage port: key ceremony, token
 * issuance log, bulletin board, ballots, decryption shares and results.
 * @module
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Repos, StoredEvent } from '../domain/ports.js';
import type { Election } from '../domain/model.js';
import type { Selectable } from 'kysely';
import type { BoardEventsTable, Database } from './database.js';
import type { SecretBox } from './secrets.js';

type Q = Kysely<Database> | Transaction<Database>;
const json = (v: unknown) => JSON.stringify(v);
const toEvent = (r: Selectable<BoardEventsTable>): StoredEvent => ({
  seq: r.seq, kind: r.kind, at: r.at, payload: r.payload, prevHash: r.prev_hash, hash: r.hash,
});
/** The largest PostgreSQL `integer`, the type of the board's `seq` columns. */
const INT4_MAX = 0x7fffffff;

/**
 * The board events `from`, `from + 1`, … (at most `limit`), in order. A board's seqs run
 * 0, 1, 2, … without gaps (one writer appends head + 1 under the election lock), so the
 * events are those of the range [from, from + limit), and saying so bounds the work of any
 * plan: with `seq >= from` alone, a table without statistics (PGlite never gathers them,
 * nor PostgreSQL without autovacuum) is read by a bitmap scan of every event from `from`
 * to the head, sorted for the first `limit`, and paging through the whole board that way
 * (the election record) cost the square of its length. The LIMIT stays for a board that
 * broke the rule: it still never answers more than was asked.
 */
export function boardPage(db: Q, electionId: string, from: number, limit: number) {
  return db.selectFrom('board_events').selectAll().where('election_id', '=', electionId)
    .where('seq', '>=', from).where('seq', '<=', Math.min(from + limit - 1, INT4_MAX))
    .orderBy('seq').limit(limit);
}

export function votingRepos(db: Q, box: SecretBox): Pick<Repos, 'voting' | 'ceremony' | 'board' | 'ballots' | 'tally'> {
  return {
    voting: {
      async state(electionId) {
        const r = await db.selectFrom('elections').select(['joint_public_key', 'ceremony_result', 'manifest', 'manifest_hash', 'receipt_secret_key'])
          .where('id', '=', electionId).executeTakeFirstOrThrow();
        return { jointPublicKey: r.joint_public_key, ceremonyResult: r.ceremony_result, manifest: r.manifest, manifestHash: r.manifest_hash, receiptSecretKey: r.receipt_secret_key ? box.open('elections.receipt_secret_key', electionId, new Uint8Array(r.receipt_secret_key)) : null };
      },
      async setCeremonyResult(electionId, jointPublicKey, result) {
        await db.updateTable('elections').set({ joint_public_key: jointPublicKey, ceremony_result: json(result) }).where('id', '=', electionId).execute();
      },
      async setManifest(electionId, manifest, hash, receiptSecretKey) {
        await db.updateTable('elections').set({ manifest: json(manifest), manifest_hash: hash, receipt_secret_key: receiptSecretKey && box.seal('elections.receipt_secret_key', electionId, receiptSecretKey) }).where('id', '=', electionId).execute();
      },
    },
    ceremony: {
      async keys(electionId) {
        const rows = await db.selectFrom('ceremony_keys').selectAll().where('election_id', '=', electionId).orderBy('trustee').execute();
        return rows.map((r) => ({ trustee: r.trustee, publicKey: r.public_key }));
      },
      async addKey(electionId, trustee, publicKey) {
        await db.insertInto('ceremony_keys').values({ election_id: electionId, trustee, public_key: json(publicKey) }).execute();
      },
      async dealings(electionId) {
        const rows = await db.selectFrom('ceremony_dealings').selectAll().where('election_id', '=', electionId).orderBy('dealer').execute();
        return rows.map((r) => ({ dealer: r.dealer, dealing: r.dealing }));
      },
      async addDealing(electionId, dealer, dealing) {
        await db.insertInto('ceremony_dealings').values({ election_id: electionId, dealer, dealing: json(dealing) }).execute();
      },
      async verifications(electionId) {
        const rows = await db.selectFrom('ceremony_verifications').selectAll().where('election_id', '=', electionId).orderBy('trustee').execute();
        return rows.map((r) => ({ trustee: r.trustee, complaints: r.complaints }));
      },
      async addVerification(electionId, trustee, complaints) {
        await db.insertInto('ceremony_verifications').values({ election_id: electionId, trustee, complaints: json(complaints) }).execute();
      },
    },
    board: {
      async head(electionId) {
        const r = await db.selectFrom('board_events').selectAll().where('election_id', '=', electionId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        return r && toEvent(r);
      },
      async insert(electionId, e) {
        await db.insertInto('board_events').values({
          election_id: electionId, seq: e.seq, kind: e.kind, at: e.at, payload: json(e.payload), prev_hash: e.prevHash, hash: e.hash,
        }).execute();
      },
      async insertMany(electionId, events) {
        // 7 parameters a row: 1,000 rows stay far below PostgreSQL's 65,535.
        for (let i = 0; i < events.length; i += 1000) {
          await db.insertInto('board_events').values(events.slice(i, i + 1000).map((e) => ({
            election_id: electionId, seq: e.seq, kind: e.kind, at: e.at, payload: json(e.payload), prev_hash: e.prevHash, hash: e.hash,
          }))).execute();
        }
      },
      async list(electionId, from, limit) {
        // `seq` is an int4: a page starting past its range is past the end of any board, and
        // PostgreSQL would refuse the comparison rather than answer none.
        if (from > INT4_MAX) return [];
        const rows = await boardPage(db, electionId, from, limit).execute();
        return rows.map(toEvent);
      },
      async byKind(electionId, kind) {
        const rows = await db.selectFrom('board_events').selectAll().where('election_id', '=', electionId).where('kind', '=', kind).orderBy('seq').execute();
        return rows.map(toEvent);
      },
      async issuerLogAuthors(electionId) {
        return db.selectFrom('board_events')
          .select([sql<string>`payload->'log'->>'contestId'`.as('contestId'), sql<string>`payload->'log'->>'memberId'`.as('memberId')])
          .where('election_id', '=', electionId).where('kind', '=', 'issuer_log').orderBy('seq').execute();
      },
    },
    ballots: {
      async insert(b) {
        const r = await db.insertInto('ballots').values({
          election_id: b.electionId, contest_id: b.contestId, ballot_public_key: b.ballotPublicKey, tracking_code: b.trackingCode,
          board_seq: b.boardSeq, body: json(b.body),
        }).onConflict((oc) => oc.constraint('ballots_one_per_token').doNothing()).returning('id').executeTakeFirst();
        return r !== undefined;
      },
      async insertMany(bs) {
        if (bs.length === 0) return [];
        // 6 parameters a row: a cast batch (domain/cast-writer.ts, at most 128) stays far below PostgreSQL's 65,535.
        const rows = await db.insertInto('ballots').values(bs.map((b) => ({
          election_id: b.electionId, contest_id: b.contestId, ballot_public_key: b.ballotPublicKey, tracking_code: b.trackingCode,
          board_seq: b.boardSeq, body: json(b.body),
        }))).onConflict((oc) => oc.constraint('ballots_one_per_token').doNothing()).returning(['contest_id', 'ballot_public_key']).execute();
        return rows.map((r) => ({ contestId: r.contest_id, ballotPublicKey: r.ballot_public_key }));
      },
      async castLookup(electionId, contestId, ballotPublicKey) {
        const r = await db.selectFrom('elections')
          .select((eb) => ['phase', eb.exists(eb.selectFrom('ballots').select('id').where('contest_id', '=', contestId).where('ballot_public_key', '=', ballotPublicKey)).as('key_used')])
          .where('id', '=', electionId).executeTakeFirst();
        return r && { phase: r.phase as Election['phase'], keyUsed: Boolean(r.key_used) };
      },
      async chainEnds(electionId) {
        // Every ballot has its board event, so a board without events has no ballots either.
        const r = await db.selectFrom('board_events')
          .select((eb) => ['seq', 'hash', 'at', eb.selectFrom('ballots').select('tracking_code').where('election_id', '=', electionId).orderBy('board_seq', 'desc').limit(1).as('last_tracking_code')])
          .where('election_id', '=', electionId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        if (r === undefined) return {};
        return { head: { seq: r.seq, hash: r.hash, at: r.at }, ...(r.last_tracking_code != null && { lastTrackingCode: r.last_tracking_code }) };
      },
      async seqOfTrackingCode(electionId, code) {
        const r = await db.selectFrom('ballots').select('board_seq').where('election_id', '=', electionId).where('tracking_code', '=', code).executeTakeFirst();
        return r?.board_seq;
      },
      async ciphertexts(electionId, after, span) {
        // Only the ciphertexts leave the database (a body is mostly proofs), and a page is a
        // bounded range of (election_id, board_seq), so it reads a page whatever the planner
        // knows. Paged by `id > after … limit`, without statistics the planner read and
        // sorted every ballot of the election for every page (issue 14).
        if (after >= INT4_MAX) return [];
        const rows = await db.selectFrom('ballots')
          .select(['board_seq', 'contest_id', sql<unknown>`jsonb_path_query_array(body, '$.ballot.selections[*].ciphertext')`.as('ciphertexts')])
          .where('election_id', '=', electionId).where('board_seq', '>', after).where('board_seq', '<=', Math.min(after + span, INT4_MAX))
          .orderBy('board_seq').execute();
        return rows.map((r) => ({ row: r.board_seq, contestId: r.contest_id, ciphertexts: r.ciphertexts }));
      },
      async ballotMaterial(electionId, hexes) {
        if (hexes.length === 0) return [];
        const list = [...hexes];
        const [ballots, events] = await Promise.all([
          db.selectFrom('ballots').select(['tracking_code', 'ballot_public_key']).where('election_id', '=', electionId)
            .where((eb) => eb.or([eb('tracking_code', 'in', list), eb('ballot_public_key', 'in', list)])).execute(),
          db.selectFrom('board_events').select('hash').where('election_id', '=', electionId).where('kind', '=', 'ballot')
            .where('hash', 'in', list).execute(),
        ]);
        const found = new Set([...ballots.flatMap((b) => [b.tracking_code, b.ballot_public_key]), ...events.map((e) => e.hash)]);
        return list.filter((h) => found.has(h));
      },
    },
    tally: {
      async shares(electionId) {
        const rows = await db.selectFrom('decryption_shares').selectAll().where('election_id', '=', electionId).orderBy('trustee').execute();
        return rows.map((r) => ({ trustee: r.trustee, payload: r.payload }));
      },
      async addShares(electionId, trustee, payload) {
        await db.insertInto('decryption_shares').values({ election_id: electionId, trustee, payload: json(payload) }).execute();
      },
      async results(electionId) {
        const r = await db.selectFrom('results').select('payload').where('election_id', '=', electionId).executeTakeFirst();
        return r?.payload;
      },
      async setResults(electionId, payload) {
        await db.insertInto('results').values({ election_id: electionId, payload: json(payload) }).execute();
      },
    },
  };
}
