/**
 * The token relay's database (issue 12): associations' signed token requests and the
 * issuers' blind signatures, in a database of their own (ISSUANCE_DATABASE_URL, or PGlite
 * under DATA_DIR/issuance), never the one holding the ballots and the board.
 * @module
 */
import { Kysely, Migrator, type Migration, type MigrationProvider, sql } from 'kysely';
import { relayMigrations } from '../../migrations/relay/index.js';
import type { RelayRequest, RelayStore } from '../domain/ports.js';
import { type DatabaseTarget, openDatabase } from './connect.js';

interface TokenRequestsTable {
  election_id: string;
  contest_id: string;
  association_id: string;
  request: unknown;
  public_key: string;
  signature: string;
  blinded: unknown;
}
interface BlindSignaturesTable {
  contest_id: string;
  association_id: string;
  key_id: string;
  blind_signature: string;
}
/** A signature owed: a request names the key, which has not signed it yet. */
interface PendingSignaturesTable {
  election_id: string;
  key_id: string;
  contest_id: string;
  association_id: string;
}
export interface RelayDatabase {
  token_requests: TokenRequestsTable;
  blind_signatures: BlindSignaturesTable;
  pending_signatures: PendingSignaturesTable;
}
export type RelayDb = Kysely<RelayDatabase>;

/** Open the relay database (same drivers as the ballots database). */
export function openRelayDatabase(t: DatabaseTarget): RelayDb {
  return openDatabase(t) as unknown as RelayDb;
}

/** Bring the relay schema up to date. */
export async function migrateRelay(db: RelayDb): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async (): Promise<Record<string, Migration>> => relayMigrations };
  const { error } = await new Migrator({ db, provider, migrationTableName: 'relay_migrations', migrationLockTableName: 'relay_migrations_lock' }).migrateToLatest();
  if (error) throw new Error(`relay migration failed: ${String((error as Error).message ?? error)}`);
}

const toRequest = (r: TokenRequestsTable): RelayRequest => ({
  electionId: r.election_id, contestId: r.contest_id, associationId: r.association_id, request: r.request,
  publicKey: r.public_key, signature: r.signature, blinded: r.blinded as Record<string, string>,
});

/**
 * The requests naming key `keyId` that it has not signed yet, in association order (never
 * arrival order), at most `limit`: a range of the owed signatures' index, each joined to its
 * request by key. Filtered by key before the limit: other contests' requests, which name
 * other keys and stay unsigned by this one, would otherwise fill every batch and starve it.
 * The join is a lateral one with a limit so that no planner, with or without statistics,
 * turns it into a scan of every request (issue 14).
 */
export function pendingQuery(db: RelayDb, electionId: string, keyId: string, limit: number) {
  return db.selectFrom((eb) => eb.selectFrom('pending_signatures').select(['contest_id', 'association_id'])
    .where('election_id', '=', electionId).where('key_id', '=', keyId)
    .orderBy('contest_id').orderBy('association_id').limit(limit).as('p'))
    .innerJoinLateral((eb) => eb.selectFrom('token_requests').selectAll()
      .whereRef('token_requests.contest_id', '=', 'p.contest_id').whereRef('token_requests.association_id', '=', 'p.association_id')
      .limit(1).as('t'), (j) => j.onTrue())
    .selectAll('t').orderBy('p.contest_id').orderBy('p.association_id');
}

/**
 * The deletion of the owed signatures these pay: every one named, stored now or before (a
 * batch posted again has nothing left to delete). Each is found by its key, one index probe
 * each, then deleted by row address: OR-ed equalities, or an IN list, sharing a contest and
 * key were planned as a scan of the whole contest without statistics.
 */
export function owedPaid(db: RelayDb, list: readonly { contestId: string; associationId: string; keyId: string }[]) {
  const values = sql.join(list.map((r) => sql`(${r.contestId}, ${r.associationId}, ${r.keyId})`));
  return db.deleteFrom('pending_signatures').where(sql<boolean>`ctid = ANY (ARRAY(SELECT p.ctid FROM (VALUES ${values}) AS v(c, a, k)
    CROSS JOIN LATERAL (SELECT s.ctid FROM pending_signatures s WHERE s.contest_id = v.c AND s.association_id = v.a AND s.key_id = v.k LIMIT 1) p))`);
}

/** A query builder whose statement also deletes the owed signatures these pay ({@link owedPaid}). */
function withOwedPaid(db: RelayDb, list: readonly { contestId: string; associationId: string; keyId: string }[]) {
  return db.with('paid', () => owedPaid(db, list));
}

/** The relay store on `db`. */
export function relayStore(db: RelayDb): RelayStore {
  return {
    async insertRequest(r) {
      // The inserted row comes back at once; only a request already stored is read again (one query, not two, per new request).
      // With it, in the same statement, a signature owed by each key it names (none stored yet: the relay takes none before the request).
      const { rows } = await sql<TokenRequestsTable>`WITH ins AS (
          INSERT INTO token_requests (election_id, contest_id, association_id, request, public_key, signature, blinded)
          VALUES (${r.electionId}, ${r.contestId}, ${r.associationId}, ${JSON.stringify(r.request)}, ${r.publicKey}, ${r.signature}, ${JSON.stringify(r.blinded)})
          ON CONFLICT (contest_id, association_id) DO NOTHING RETURNING *),
        owed AS (INSERT INTO pending_signatures (election_id, key_id, contest_id, association_id)
          SELECT ins.election_id, k.key_id, ins.contest_id, ins.association_id FROM ins CROSS JOIN LATERAL jsonb_object_keys(ins.blinded) AS k(key_id)
          WHERE NOT EXISTS (SELECT 1 FROM blind_signatures b
            WHERE b.contest_id = ins.contest_id AND b.association_id = ins.association_id AND b.key_id = k.key_id))
        SELECT * FROM ins`.execute(db);
      const inserted = rows[0];
      const row = inserted ?? await db.selectFrom('token_requests').selectAll().where('contest_id', '=', r.contestId).where('association_id', '=', r.associationId).executeTakeFirstOrThrow();
      return { ...toRequest(row), inserted: inserted !== undefined };
    },
    async requestsOf(requests) {
      if (requests.length === 0) return new Map();
      // Contests × associations, a superset of the pairs asked, on the key's prefix (as signatureCounts).
      const rows = await db.selectFrom('token_requests').selectAll()
        .where('contest_id', 'in', [...new Set(requests.map((r) => r.contestId))])
        .where('association_id', 'in', [...new Set(requests.map((r) => r.associationId))]).execute();
      return new Map(rows.map((r) => [`${r.contest_id} ${r.association_id}`, toRequest(r)]));
    },
    async requestState(contestId, associationId) {
      // The request and its signatures in one read: a left join, one row per signature (one with nulls when none).
      const rows = await db.selectFrom('token_requests').leftJoin('blind_signatures', (j) => j
        .onRef('blind_signatures.contest_id', '=', 'token_requests.contest_id')
        .onRef('blind_signatures.association_id', '=', 'token_requests.association_id'))
        .select(['token_requests.election_id', 'blind_signatures.key_id', 'blind_signatures.blind_signature'])
        .where('token_requests.contest_id', '=', contestId).where('token_requests.association_id', '=', associationId)
        .orderBy('blind_signatures.key_id').execute();
      if (rows.length === 0) return undefined;
      const blindSignatures = rows.flatMap((r) => (r.key_id !== null && r.blind_signature !== null ? [{ keyId: r.key_id, blindSignature: r.blind_signature }] : []));
      return { electionId: rows[0]!.election_id, blindSignatures };
    },
    async request(contestId, associationId) {
      const row = await db.selectFrom('token_requests').selectAll().where('contest_id', '=', contestId).where('association_id', '=', associationId).executeTakeFirst();
      return row && toRequest(row);
    },
    async pending(electionId, keyId, limit) {
      return (await pendingQuery(db, electionId, keyId, limit).execute()).map(toRequest);
    },
    async addSignature(contestId, associationId, keyId, blindSignature) {
      const inserted = await withOwedPaid(db, [{ contestId, associationId, keyId }]).insertInto('blind_signatures').values({ contest_id: contestId, association_id: associationId, key_id: keyId, blind_signature: blindSignature })
        .onConflict((oc) => oc.columns(['contest_id', 'association_id', 'key_id']).doNothing()).returning('blind_signature').executeTakeFirst();
      const row = inserted ?? await db.selectFrom('blind_signatures').select('blind_signature').where('contest_id', '=', contestId)
        .where('association_id', '=', associationId).where('key_id', '=', keyId).executeTakeFirstOrThrow();
      return row.blind_signature;
    },
    async addSignatures(list) {
      if (list.length === 0) return [];
      const key = (c: string, a: string, k: string) => `${c} ${a} ${k}`;
      const inserted = await withOwedPaid(db, list).insertInto('blind_signatures')
        .values(list.map((r) => ({ contest_id: r.contestId, association_id: r.associationId, key_id: r.keyId, blind_signature: r.blindSignature })))
        .onConflict((oc) => oc.columns(['contest_id', 'association_id', 'key_id']).doNothing())
        .returning(['contest_id', 'association_id', 'key_id', 'blind_signature']).execute();
      const stored = new Map(inserted.map((r) => [key(r.contest_id, r.association_id, r.key_id), r.blind_signature]));
      // Those already stored (a batch posted again): read back, to be compared by the caller.
      for (const r of list) {
        if (stored.has(key(r.contestId, r.associationId, r.keyId))) continue;
        const row = await db.selectFrom('blind_signatures').select('blind_signature').where('contest_id', '=', r.contestId)
          .where('association_id', '=', r.associationId).where('key_id', '=', r.keyId).executeTakeFirstOrThrow();
        stored.set(key(r.contestId, r.associationId, r.keyId), row.blind_signature);
      }
      return list.map((r) => stored.get(key(r.contestId, r.associationId, r.keyId))!);
    },
    async signatures(contestId, associationId) {
      const rows = await db.selectFrom('blind_signatures').select(['key_id', 'blind_signature']).where('contest_id', '=', contestId)
        .where('association_id', '=', associationId).orderBy('key_id').execute();
      return rows.map((r) => ({ keyId: r.key_id, blindSignature: r.blind_signature }));
    },
    async signatureCounts(requests) {
      if (requests.length === 0) return new Map();
      // Contests × associations, a superset of the pairs asked (an association asks in few contests), on the key's prefix.
      const rows = await db.selectFrom('blind_signatures').select(['contest_id', 'association_id', db.fn.countAll<number>().as('n')])
        .where('contest_id', 'in', [...new Set(requests.map((r) => r.contestId))])
        .where('association_id', 'in', [...new Set(requests.map((r) => r.associationId))])
        .groupBy(['contest_id', 'association_id']).execute();
      return new Map(rows.map((r) => [`${r.contest_id} ${r.association_id}`, Number(r.n)]));
    },
    async signaturesOf(requests) {
      if (requests.length === 0) return new Map();
      const wanted = new Set(requests.map((r) => `${r.contestId} ${r.associationId}`));
      const rows = await db.selectFrom('blind_signatures').selectAll()
        .where('contest_id', 'in', [...new Set(requests.map((r) => r.contestId))])
        .where('association_id', 'in', [...new Set(requests.map((r) => r.associationId))])
        .orderBy('contest_id').orderBy('association_id').orderBy('key_id').execute();
      const out = new Map<string, { keyId: string; blindSignature: string }[]>();
      for (const r of rows) {
        const k = `${r.contest_id} ${r.association_id}`;
        // The superset's other pairs (contests × associations) are left out.
        if (!wanted.has(k)) continue;
        const list = out.get(k) ?? [];
        list.push({ keyId: r.key_id, blindSignature: r.blind_signature });
        out.set(k, list);
      }
      return out;
    },
    async requests(electionId) {
      const rows = await db.selectFrom('token_requests').selectAll().where('election_id', '=', electionId).orderBy('contest_id').orderBy('association_id').execute();
      return rows.map(toRequest);
    },
    async counts(electionId) {
      const rows = await db.selectFrom('token_requests').select(['contest_id', db.fn.countAll<number>().as('n')])
        .where('election_id', '=', electionId).groupBy('contest_id').execute();
      return rows.map((r) => ({ contestId: r.contest_id, requested: Number(r.n) }));
    },
    async answered(electionId, keyId) {
      const rows = await db.selectFrom('token_requests').innerJoin('blind_signatures', (j) => j
        .onRef('blind_signatures.contest_id', '=', 'token_requests.contest_id')
        .onRef('blind_signatures.association_id', '=', 'token_requests.association_id'))
        .selectAll('token_requests').where('token_requests.election_id', '=', electionId).where('blind_signatures.key_id', '=', keyId)
        .orderBy('token_requests.contest_id').orderBy('token_requests.association_id').execute();
      return rows.map(toRequest);
    },
  };
}
