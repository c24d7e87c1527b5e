/**
 * The relay's `pending` at 50,000 requests of one election (issue 14): ms per call of the
 * old anti-join and of the owed-signatures range, for a key that signed all but 1,000 and a
 * key that signed none, then again after VACUUM of the owed signatures (the dead rows the
 * signatures left). `tsx scripts/bench-relay-pending.ts [postgres|pglite]`; PostgreSQL at
 * BENCH_ADMIN_URL (a maintenance database; relay_pending_bench is created and dropped).
 */
import { sql, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateRelay, openRelayDatabase, relayStore, type RelayDb } from '../src/db/relay.js';

const N = 50_000, LIMIT = 200, CALLS = 50;
const target = process.argv[2] ?? 'postgres';
const server = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: server, max: 1 }) }) });
let db: RelayDb;
if (target === 'postgres') {
  await sql`DROP DATABASE IF EXISTS relay_pending_bench`.execute(admin);
  await sql`CREATE DATABASE relay_pending_bench`.execute(admin);
  db = openRelayDatabase({ url: server.replace(/\/[^/]*$/, '/relay_pending_bench') });
} else db = openRelayDatabase({ dataDir: 'memory://' });
await migrateRelay(db);
await sql`INSERT INTO token_requests SELECT 'e1', 'c1', 'a-' || lpad(g::text, 6, '0'), '{}', 'pk', 'sig', '{"k1":"b","k2":"b"}'::jsonb FROM generate_series(0, ${N - 1}::int) g`.execute(db);
await sql`INSERT INTO pending_signatures SELECT 'e1', k, 'c1', 'a-' || lpad(g::text, 6, '0') FROM generate_series(0, ${N - 1}::int) g, (VALUES ('k1'), ('k2')) v(k)`.execute(db);
// k1 signed all but the last 1000 (the state late in issuance).
const relay = relayStore(db);
const t0 = performance.now();
for (let i = 0; i < N - 1000; i += 1000) {
  await relay.addSignatures(Array.from({ length: 1000 }, (_, j) => ({ contestId: 'c1', associationId: `a-${String(i + j).padStart(6, '0')}`, keyId: 'k1', blindSignature: 's' })));
}
console.log(`addSignatures: ${((performance.now() - t0) / 49).toFixed(1)} ms per batch of 1000`);
const old = (k: string) => db.selectFrom('token_requests').selectAll().where('election_id', '=', 'e1').where(sql<boolean>`jsonb_exists(blinded, ${k})`)
  .where((eb) => eb.not(eb.exists(eb.selectFrom('blind_signatures').select('key_id').whereRef('blind_signatures.contest_id', '=', 'token_requests.contest_id')
    .whereRef('blind_signatures.association_id', '=', 'token_requests.association_id').where('blind_signatures.key_id', '=', k))))
  .orderBy('contest_id').orderBy('association_id').limit(LIMIT).execute();
for (const k of ['k1', 'k2']) {
  for (const [name, f] of [['old', () => old(k)], ['new', () => relay.pending('e1', k, LIMIT)]] as const) {
    const a = await f(); // warm
    const t = performance.now();
    for (let i = 0; i < CALLS; i++) await f();
    console.log(`${target} ${k} ${name}: ${((performance.now() - t) / CALLS).toFixed(2)} ms/call, ${a.length} rows`);
  }
}
await sql`VACUUM pending_signatures`.execute(db);
for (const k of ['k1', 'k2']) {
  await relay.pending('e1', k, LIMIT);
  const t = performance.now();
  for (let i = 0; i < CALLS; i++) await relay.pending('e1', k, LIMIT);
  console.log(`${target} ${k} new after VACUUM pending_signatures: ${((performance.now() - t) / CALLS).toFixed(2)} ms/call`);
}
await db.destroy();
if (target === 'postgres') await sql`DROP DATABASE relay_pending_bench`.execute(admin);
await admin.destroy();
