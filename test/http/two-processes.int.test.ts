/**
 * Several API processes on one PostgreSQL (README "Several API processes"): two real
 * server processes (`src/cli/server.ts`, each with its worker pool) share the database and
 * the JWT secret; voters cast through both at once, some of them the same ballot through
 * both; the election is closed and tallied through one and its record, exported by the
 * other, verifies: one ballot per token, the chain intact, the count right. Two processes
 * starting together on a new database both serve, and one creates the administrator.
 *
 * PostgreSQL only: PGlite is one process's embedded database.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ApiClient } from '../../src/client/api.js';
import { fetchManifest } from '../../src/client/manifest.js';
import { prepareBallot, type CastRequest } from '../../src/client/voter.js';
import { obtainTestToken } from '../helpers/issuance.js';
import { verifyBallotSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { checkChain, type BoardEvent } from '../../src/record/board.js';
import { verifyRecord } from '../../src/verify/verify-record.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { closeAndTallyWithClient, defaultChoose, fetchRecordText, listen, openClientElection, type ClientElection } from '../helpers/client-election.js';

const onPostgres = inject('testDatabase').mode !== 'pglite';
if (!onPostgres) console.log('[two-processes] skipped: several processes share a PostgreSQL database, not an embedded PGlite (set TEST_DATABASE_URL)');

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
const children: ChildProcess[] = [];

/** A started server: its base URL and what it printed so far. */
interface Started { url: string; output(): string }

/** The key both processes seal the server's secrets with (PostgreSQL refuses to start without one). */
const SECRET_KEY = '5e'.repeat(32);

/** Start `tsx src/cli/server.ts` on a free port; resolves once it listens. */
function startServer(databaseUrl: string, name: string, extraEnv: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET, ANFORA_SECRET_KEY: SECRET_KEY, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info',
      CAST_WORKERS: '1', CAST_RATE_LIMIT: '100000', CAST_KEY_RATE_LIMIT: '1000', NODE_OPTIONS: '', ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 60_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited with code ${code}:\n${out}`)); });
  });
}

let t: TestApp;
let fresh: TestDatabase | undefined;
/** The token relay's database, one for both processes (ISSUANCE_DATABASE_URL), apart from the ballots'. */
let relayDb: TestDatabase | undefined;
let freshRelay: TestDatabase | undefined;
let v: ClientElection;
let a: string;
let b: string;

describe.skipIf(!onPostgres)('two API processes on one PostgreSQL', () => {
  beforeAll(async () => {
    t = await createTestApp({ secretKey: Uint8Array.from(Buffer.from(SECRET_KEY, 'hex')) });
    const baseUrl = await listen(t);
    v = await openClientElection(t, baseUrl, { plwha: 16, tb: 4 }, 'two');
    // The in-test app set the election up; from here on only the two processes serve it.
    await t.app.close();
    relayDb = await createTestDatabase();
    const relayEnv = { ISSUANCE_DATABASE_URL: relayDb.target.url! };
    // One after the other: each migrates the relay's database on start.
    a = (await startServer(t.database.target.url!, 'A', relayEnv)).url;
    b = (await startServer(t.database.target.url!, 'B', relayEnv)).url;
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await t?.database.drop();
    await fresh?.drop();
    await relayDb?.drop();
    await freshRelay?.drop();
  });

  it('casts through both at once, the same ballot through both, then closes, tallies and verifies', async () => {
    const loaded = await fetchManifest(new ApiClient({ baseUrl: a }), v.electionId);
    if (!loaded.ok) throw new Error(loaded.reason);
    // Each association obtains its token through one process or the other (the sessions
    // are signed with the shared JWT_SECRET), and prepares its ballot.
    const prepared: { body: CastRequest; contestId: string; choices: readonly number[] }[] = [];
    const plain: Record<string, number[]> = {};
    let n = 0;
    for (const [constituency, roll] of Object.entries(v.rolls)) {
      const contestId = v.contests[constituency]!;
      const contest = loaded.decoded.contests.get(contestId)!.contest;
      plain[contestId] = new Array<number>(contest.candidates.length).fill(0);
      for (const [i, association] of roll.entries()) {
        const credentials = await obtainTestToken(undefined, v, contestId, association, n++ % 2 === 0 ? a : b, loaded);
        const choices = defaultChoose(contestId, i, { candidates: contest.candidates.length, maxSelections: contest.maxSelections });
        prepared.push({ body: prepareBallot(loaded.decoded, loaded.hash, contestId, choices, credentials).body, contestId, choices });
        choices.forEach((x, k) => { plain[contestId]![k]! += x; });
      }
    }
    const post = (base: string, body: unknown) =>
      fetch(`${base}/elections/${v.electionId}/ballots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        .then(async (r) => ({ status: r.status, json: await r.json() as { code?: string; trackingCode?: string } }));
    // All at once: every ballot through one process, the first four through both.
    const answers = await Promise.all(prepared.map((p, i) => Promise.all(i < 4 ? [post(a, p.body), post(b, p.body)] : [post(i % 2 === 0 ? a : b, p.body)])));
    for (const [i, pair] of answers.entries()) {
      expect(pair.filter((x) => x.status === 201), `ballot ${i}`).toHaveLength(1);
      for (const x of pair.filter((y) => y.status !== 201)) expect([x.status, x.json.code]).toEqual([409, 'token_used']);
    }

    // The issuers post their logs while voting is open, then the close (changePhaseWithClient; checks 43–45).
    const results = await closeAndTallyWithClient(a, v, [1, 3]);
    for (const c of results.contests) expect(c.counts.map((x) => x.votes)).toEqual(plain[c.contestId]);

    const record = JSON.parse(await fetchRecordText(b, v.electionId)) as { events: BoardEvent[] };
    expect(checkChain(record.events).ok).toBe(true);
    const ballots = record.events.filter((e) => e.kind === 'ballot').map((e) => e.payload as { contestId: string; token: { ballotPublicKey: string } });
    expect(ballots).toHaveLength(prepared.length);
    expect(new Set(ballots.map((x) => `${x.contestId}/${x.token.ballotPublicKey}`)).size).toBe(prepared.length);
    const report = await verifyRecord(record, { tokenVerifier: verifyRsaPssNode, signatureVerifier: verifyBallotSignatureNode });
    expect(report.checks.filter((c) => !c.ok).map((c) => c.key)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.complete).toBe(true);
  });

  it('two processes starting together on a new database: both serve, one creates the administrator and says so', async () => {
    fresh = await createTestDatabase();
    freshRelay = await createTestDatabase();
    // Without a terminal the generated password could not be shown: the variable sets it.
    // Several processes share one relay database too (an embedded one would be each process's own).
    const env = { BOOTSTRAP_ADMIN_PASSWORD: 'contraseña-inicial-de-prueba', ISSUANCE_DATABASE_URL: freshRelay.target.url! };
    const started = await Promise.all([startServer(fresh.target.url!, 'C', env), startServer(fresh.target.url!, 'D', env)]);
    for (const s of started) expect((await fetch(`${s.url}/health`)).status).toBe(200);
    const printed = started.map((s) => (s.output().match(/initial administrator created/g) ?? []).length);
    expect(printed.reduce((x, y) => x + y, 0)).toBe(1);
    const admins = await fresh.db.selectFrom('accounts').select('email').where('role', '=', 'admin').execute();
    expect(admins).toEqual([{ email: 'admin@anfora.local' }]);
  });
});
