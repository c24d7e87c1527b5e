/**
 * `tsx scripts/bench-record.ts seed|export|drop <associations> [--pglite DIR]`: time the
 * election-record export (`GET /elections/:id/record`) on a synthetic board, without the
 * long cast benchmark. `seed` fills a scratch database (PostgreSQL `export_record_<n>` on
 * BENCH_ADMIN_URL, or a PGlite directory) with board events shaped and sized like a
 * bench:cast election's: per association two accreditation decisions, one ballot and one token issuance entry, plus
 * two issuer logs with an entry per association (~744 bytes each) and the closing events.
 * The export does not check hashes, so only shapes and sizes matter. `export` starts the
 * app on it in this process, streams the record once and prints wall time, CPU time, bytes
 * and this process's peak RSS; run it in a process of its own so the peak is the export's.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseTarget, type Db } from '../src/db/connect.js';
import { createStore } from '../src/db/store.js';
import { buildApp } from '../src/http/app.js';
import { processCpuMs } from './bench-cast/server.js';

const [command, countArg, flag, dir] = process.argv.slice(2);
const associations = Number(countArg);
if (!['seed', 'export', 'drop'].includes(command ?? '') || !Number.isInteger(associations) || associations < 1) {
  process.stderr.write('usage: tsx scripts/bench-record.ts seed|export|drop <associations> [--pglite DIR]\n');
  process.exit(2);
}
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `export_record_${associations}`;
const target: DatabaseTarget = flag === '--pglite' && dir ? { dataDir: dir } : { url: adminUrl.replace(/\/[^/]*$/, `/${dbName}`) };

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const point = () => hex(32);
/** A ballot event's payload: per candidate a ciphertext and a disjunctive proof, as a cast ballot's (~6.5 KB as JSON). */
const ballot = () => ({
  contestId: '00000000-0000-4000-8000-000000000001', ballotPublicKey: point(), trackingCode: hex(32),
  selections: Array.from({ length: 8 }, () => ({ alpha: point(), beta: point(), proof: { c: [hex(32), hex(32)], r: [hex(32), hex(32)], a: [point(), point()] } })),
  rangeProof: { c: hex(32), r: hex(32) }, signature: hex(64), token: { message: hex(32), signature: hex(256) },
});
/** An accreditation decision: a signed proposal or vote of a committee member (~1.3 KB). */
const decision = (i: number) => ({
  associationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, memberId: '00000000-0000-4000-8000-0000000000aa',
  decision: 'accredit', statement: { text: 'x'.repeat(600), hash: hex(32) }, publicKey: point(), signature: hex(64),
});
/** One issuer log with an entry per association (~744 bytes each): the large events of a board. */
const issuerLog = (n: number) => ({
  log: {
    contestId: '00000000-0000-4000-8000-000000000001', memberId: '00000000-0000-4000-8000-0000000000aa',
    entries: Array.from({ length: n }, (_, i) => ({ associationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, blindedHash: hex(32), signatureHash: hex(32), issuedAt: new Date(0).toISOString(), keyId: hex(16), proof: hex(224) })),
  },
  signature: hex(64),
});

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
}

async function seed(): Promise<void> {
  if (target.url) {
    await adminQuery(`DROP DATABASE IF EXISTS ${dbName}`);
    await adminQuery(`CREATE DATABASE ${dbName}`);
  }
  const db: Db = openDatabase(target);
  await migrateToLatest(db);
  const e = await db.insertInto('elections').values({
    title: 'bench-record', description: '', rules: '{}', timeline: '{}', constituencies: '["a"]', languages: '["es"]',
  } as never).returning('id').executeTakeFirstOrThrow() as { id: string };
  let seq = 0;
  let rows: unknown[] = [];
  let bytes = 0;
  const flush = async () => {
    if (rows.length > 0) await db.insertInto('board_events').values(rows as never).execute();
    rows = [];
  };
  const push = async (kind: string, payload: unknown) => {
    const text = JSON.stringify(payload);
    bytes += text.length;
    rows.push({ election_id: e.id, seq, kind, at: new Date(seq * 1000).toISOString(), payload: text, prev_hash: hex(32), hash: hex(32) });
    seq++;
    if (rows.length >= 200 || text.length > 1e6) await flush();
  };
  for (let i = 0; i < associations; i++) {
    await push('decision', decision(i));
    await push('decision', decision(i));
  }
  for (let i = 0; i < associations; i++) await push('ballot', ballot());
  for (let i = 0; i < associations; i++) await push('token_issued', { contestId: '00000000-0000-4000-8000-000000000001', messageHash: hex(32), signatureHash: hex(32), keyId: hex(16) });
  await push('issuer_log', issuerLog(associations));
  await push('issuer_log', issuerLog(associations));
  for (const kind of ['close', 'tally', 'decryption', 'decryption', 'result']) await push(kind, { data: hex(2000) });
  await flush();
  // No ANALYZE: nothing analyzes a PGlite database, nor a PostgreSQL one without autovacuum,
  // and the page query must not depend on statistics (BENCH_RECORD_ANALYZE=1 adds them).
  if (process.env.BENCH_RECORD_ANALYZE === '1') await sql`ANALYZE board_events`.execute(db);
  process.stdout.write(`${JSON.stringify({ electionId: e.id, events: seq, payloadMiB: +(bytes / 2 ** 20).toFixed(1) })}\n`);
  await db.destroy();
}

async function exportOnce(): Promise<void> {
  const db: Db = openDatabase(target);
  const { id } = await db.selectFrom('elections').select('id').where('title', '=', 'bench-record').executeTakeFirstOrThrow();
  const app = await buildApp({ store: createStore(db), jwtSecret: 'bench-record-secret-bench-record-secret', accessTokenSeconds: 900, loginRateLimit: 10, bodyLimit: 1 << 20 });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const response = await fetch(`${base}/elections/${id}/record`);
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  let size = 0;
  // BENCH_RECORD_OUT=<file> keeps the record, e.g. to compare two versions' output.
  const out = process.env.BENCH_RECORD_OUT ? createWriteStream(process.env.BENCH_RECORD_OUT) : undefined;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (out && !out.write(chunk)) await new Promise<void>((r) => { out.once('drain', () => r()); });
  }
  if (out) await new Promise<void>((r) => { out.end(() => r()); });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // The PostgreSQL backends this process opened (all after its start), read in /proc: the
  // database's share of the work. PGlite's runs in this process, in cpuS.
  let dbCpuS: number | undefined;
  if (target.url) {
    const pids = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
    let ms = 0;
    for (const { pid } of pids.rows) ms += await processCpuMs(pid);
    dbCpuS = ms / 1000;
  }
  process.stdout.write(`${JSON.stringify({
    associations, seconds: +seconds.toFixed(2), cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2), dbCpuS,
    recordMiB: +(size / 2 ** 20).toFixed(1), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`);
  await app.close();
  await db.destroy();
}

if (command === 'seed') await seed();
else if (command === 'export') await exportOnce();
else if (target.url) await adminQuery(`DROP DATABASE IF EXISTS ${dbName}`);
