/**
 * An issuer's poll costs its batch, however many requests are already signed (issue 14):
 * the relay's `pending` anti-joined every request of the election against the signatures,
 * reading and sorting them all on every poll of every key. It now reads a range of the
 * signatures owed, which requests write and signatures delete. Checked on PGlite, and on
 * PostgreSQL when the tests have one, with tables never analyzed (PGlite's never are, nor
 * PostgreSQL's without autovacuum): the rows each plan node produced, not time. And the
 * answers are the old anti-join's, after requests, re-requests, signatures and duplicates in
 * random order, and after the migration fills the owed signatures of requests already stored.
 * A signature deletes the one it pays with a plan as bounded.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { relayMigrations } from '../../migrations/relay/index.js';
import { migrateRelay, openRelayDatabase, owedPaid, pendingQuery, relayStore, type RelayDb } from '../../src/db/relay.js';
import type { RelayRequest } from '../../src/domain/ports.js';
import { withDatabase } from '../helpers/global-setup.js';
import { explainAnalyze, widestNode } from '../helpers/query-plan.js';


const info = inject('testDatabase');
const targets = ['pglite', ...(info.adminUrl ? ['postgres'] : [])] as const;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => { for (const c of cleanups.reverse()) await c(); });

/** An empty relay database (unmigrated) on the target, dropped after the file. */
async function emptyDatabase(target: string): Promise<RelayDb> {
  if (target === 'pglite') {
    const db = openRelayDatabase({ dataDir: 'memory://' });
    cleanups.push(() => db.destroy());
    return db;
  }
  const name = `relay_pending_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: info.adminUrl!, max: 1 }) }) });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const db = openRelayDatabase({ url: withDatabase(info.adminUrl!, name), onPoolError: () => {} });
  cleanups.push(async () => {
    await db.destroy();
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)}`.execute(admin);
    await admin.destroy();
  });
  return db;
}

/** The relay's migrator, to stop before the owed signatures (as migrateRelay's). */
const relayMigrator = (db: RelayDb) => new Migrator({
  db, provider: { getMigrations: async (): Promise<Record<string, Migration>> => relayMigrations },
  migrationTableName: 'relay_migrations', migrationLockTableName: 'relay_migrations_lock',
});

/** The query `pending` sent before issue 14: the election's requests naming the key, less those it signed. */
const oldQuery = (db: RelayDb, electionId: string, keyId: string, limit: number) => db.selectFrom('token_requests').selectAll()
  .where('election_id', '=', electionId)
  .where(sql<boolean>`jsonb_exists(blinded, ${keyId})`)
  .where((eb) => eb.not(eb.exists(eb.selectFrom('blind_signatures').select('key_id')
    .whereRef('blind_signatures.contest_id', '=', 'token_requests.contest_id')
    .whereRef('blind_signatures.association_id', '=', 'token_requests.association_id')
    .where('blind_signatures.key_id', '=', keyId))))
  .orderBy('contest_id').orderBy('association_id').limit(limit);
const oldPending = async (db: RelayDb, e: string, k: string, limit: number) => (await oldQuery(db, e, k, limit).execute())
  .map((r) => `${r.contest_id} ${r.association_id}`);

async function widest(db: RelayDb, q: { compile(): CompiledQuery }): Promise<number> {
  return widestNode(await explainAnalyze(db, q.compile()));
}

const request = (electionId: string, contestId: string, associationId: string, keys: readonly string[]): RelayRequest => ({
  electionId, contestId, associationId, request: { contestId, n: associationId }, publicKey: `pk-${associationId}`, signature: `sig-${associationId}`,
  blinded: Object.fromEntries(keys.map((k) => [k, `blinded-${k}-${associationId}`])),
});
const assoc = (n: number) => `a-${String(n).padStart(6, '0')}`;

// A small deterministic generator (mulberry32): the same sequence on every run.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each(targets)('the relay\'s pending requests on %s', (target) => {
  const REQUESTS = 3_000;
  const LIMIT = 50;

  it('reads no more rows than the batch, however many requests are signed', async () => {
    const db = await emptyDatabase(target);
    await relayMigrator(db).migrateTo('2026-12-06T10-relay');
    // Requests stored before the owed signatures existed (the migration fills them), another
    // election's on both sides, and a second key on every request of e1.
    for (const [e, c, keys] of [['e0', 'c0', { k1: 'b' }], ['e1', 'c1', { k1: 'b', k2: 'b' }], ['e2', 'c2', { k1: 'b' }]] as const) {
      await sql`INSERT INTO token_requests (election_id, contest_id, association_id, request, public_key, signature, blinded)
        SELECT ${e}, ${c}, 'a-' || lpad(g::text, 6, '0'), '{}', 'pk', 'sig', ${JSON.stringify(keys)}::jsonb
        FROM generate_series(0, ${REQUESTS - 1}::int) g`.execute(db);
    }
    await migrateRelay(db);
    const relay = relayStore(db);
    // And more, through the store.
    for (let i = REQUESTS; i < REQUESTS + 20; i++) await relay.insertRequest(request('e1', 'c1', assoc(i), ['k1', 'k2']));
    // Paying owed signatures probes each one, not its contest (here: 50 of e0's, never compared below).
    const paid = Array.from({ length: LIMIT }, (_, i) => ({ contestId: 'c0', associationId: assoc(i * 7), keyId: 'k1' }));
    expect(await widest(db, owedPaid(db, paid))).toBeLessThanOrEqual(LIMIT);
    expect(await db.selectFrom('pending_signatures').select('key_id').where('contest_id', '=', 'c0').execute()).toHaveLength(REQUESTS - LIMIT);
    // k1 has signed all but every 20th request of e1 (151 left), k2 none.
    const signed = Array.from({ length: REQUESTS + 20 }, (_, i) => i).filter((i) => i % 20 !== 7);
    for (let i = 0; i < signed.length; i += 500) {
      await relay.addSignatures(signed.slice(i, i + 500).map((n) => ({ contestId: 'c1', associationId: assoc(n), keyId: 'k1', blindSignature: `s-${n}` })));
    }
    for (const k of ['k1', 'k2']) {
      expect(await widest(db, pendingQuery(db, 'e1', k, LIMIT)), k).toBeLessThanOrEqual(LIMIT);
      expect((await relay.pending('e1', k, LIMIT)).map((r) => `${r.contestId} ${r.associationId}`)).toEqual(await oldPending(db, 'e1', k, LIMIT));
    }
    expect((await relay.pending('e1', 'k1', 1000)).map((r) => r.associationId)).toEqual(
      Array.from({ length: (REQUESTS + 20) / 20 }, (_, i) => assoc(i * 20 + 7)));
    // The check tells: the old anti-join read every request of the election.
    expect(await widest(db, oldQuery(db, 'e1', 'k1', LIMIT))).toBeGreaterThan(LIMIT);
  });

  it('answers as the old anti-join, before and after the migration, whatever the order of requests and signatures', async () => {
    const db = await emptyDatabase(target);
    const { error } = await relayMigrator(db).migrateTo('2026-12-06T10-relay');
    expect(error).toBeUndefined();
    const rnd = random(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const ELECTIONS = ['e1', 'e2'];
    const CONTESTS: Record<string, string[]> = { e1: ['c1', 'c2'], e2: ['c3'] };
    const KEYS = ['k1', 'k2', 'k3', 'k4'];
    const keySubset = () => { const ks = KEYS.filter(() => rnd() < 0.5); return ks.length > 0 ? ks : [pick(KEYS)]; };
    const sig = () => { const e = pick(ELECTIONS); return { contestId: pick(CONTESTS[e]!), associationId: assoc(Math.floor(rnd() * 60)), keyId: pick(KEYS), blindSignature: `s${Math.floor(rnd() * 3)}` }; };
    const compare = async () => {
      const relay = relayStore(db);
      for (const e of ELECTIONS) for (const k of [...KEYS, 'k9']) for (const limit of [1, 7, 1000]) {
        expect((await relay.pending(e, k, limit)).map((r) => `${r.contestId} ${r.associationId}`), `${e} ${k} ${limit}`)
          .toEqual(await oldPending(db, e, k, limit));
      }
    };

    // Rows stored before the owed signatures existed, written as the relay then wrote them.
    for (let i = 0; i < 80; i++) {
      const e = pick(ELECTIONS);
      const r = request(e, pick(CONTESTS[e]!), assoc(Math.floor(rnd() * 60)), keySubset());
      await sql`INSERT INTO token_requests (election_id, contest_id, association_id, request, public_key, signature, blinded)
        VALUES (${r.electionId}, ${r.contestId}, ${r.associationId}, ${JSON.stringify(r.request)}, ${r.publicKey}, ${r.signature}, ${JSON.stringify(r.blinded)})
        ON CONFLICT DO NOTHING`.execute(db);
      const s = sig();
      await sql`INSERT INTO blind_signatures VALUES (${s.contestId}, ${s.associationId}, ${s.keyId}, ${s.blindSignature}) ON CONFLICT DO NOTHING`.execute(db);
    }
    await migrateRelay(db);
    await compare();

    // Then through the store: requests (again, with other keys), signatures one by one and in batches, duplicates.
    const relay = relayStore(db);
    for (let step = 0; step < 300; step++) {
      const x = rnd();
      if (x < 0.4) {
        const e = pick(ELECTIONS);
        await relay.insertRequest(request(e, pick(CONTESTS[e]!), assoc(Math.floor(rnd() * 60)), keySubset()));
      } else if (x < 0.7) {
        const s = sig();
        await relay.addSignature(s.contestId, s.associationId, s.keyId, s.blindSignature);
      } else {
        const list = Array.from({ length: 1 + Math.floor(rnd() * 8) }, sig);
        await relay.addSignatures(rnd() < 0.2 ? [...list, list[0]!] : list);
      }
      if (step % 50 === 49) await compare();
    }
    // The sequence left signatures owed: the comparisons were not all of empty answers.
    const owed = (await Promise.all(KEYS.map((k) => relay.pending('e1', k, 1000)))).map((l) => l.length);
    expect(owed.some((n) => n > 0)).toBe(true);
  });
});
