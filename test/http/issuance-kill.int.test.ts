/**
 * Killing an issuer or the API mid-issuance loses no token (issue 12). The API server
 * (`src/cli/server.ts`, relay on a PostgreSQL database of its own) and two issuers
 * (`npm run issuer -- serve`, each with its own key file) run as processes. In each run a
 * group of associations posts its signed requests and the API is killed (-9) part way;
 * then issuer 0 is killed part way through its batch, and the API again part way through
 * issuer 1's; both are restarted. Every kill point is a count of rows read from the relay
 * (requests stored, blind signatures stored by that key), never a sleep, and differs from
 * run to run.
 *
 * Shown: every association that posted ends with a token that checks under the manifest's
 * issuers and rule (a tampered one does not); each resent request (its answer lost to the
 * kill) gets 200 and the stored request, never a 409; the relay holds one request and one
 * signature per issuer for each; no answer was a 5xx; issuer 1 waited out the API's
 * restart; each killed issuer's log already held every signature the relay had from it.
 *
 * PostgreSQL only: the test reads the relay's counts while the server process has it open.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { readIssuerLog } from '../../src/cli/issuer.js';
import { ApiClient } from '../../src/client/api.js';
import { fetchManifest, type LoadedManifest } from '../../src/client/manifest.js';
import { beginIssuedToken, collectIssuedToken, issuanceRule, type IssuanceAttempt } from '../../src/client/voter.js';
import { toHex } from '../../src/crypto/group.js';
import { checkIssuedToken } from '../../src/crypto/issued-token.js';
import { exportIssuerKeyfile } from '../../src/crypto/issuer-keyfile.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { migrateRelay, openRelayDatabase, type RelayDb } from '../../src/db/relay.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../helpers/app.js';
import { withDatabase } from '../helpers/global-setup.js';
import { type Child, freePort, spawnScript, startServerOn } from '../helpers/processes.js';
import { openVotingElection, type RollEntry, testIssuerKeysOf, type VotingElection } from '../helpers/voting.js';

const info = inject('testDatabase');
const onPostgres = info.mode !== 'pglite' && info.adminUrl !== null;
if (!onPostgres) console.log('[issuance-kill] skipped: the test reads the relay while the server process holds it, which needs PostgreSQL (set TEST_DATABASE_URL)');

vi.setConfig({ testTimeout: 900_000, hookTimeout: 900_000 });
const stage = (what: string) => { if (process.env.KILL_TEST_TRACE) console.error(`${new Date().toISOString()} ${what}`); };
const SECRET_KEY = '6a'.repeat(32);
const PASSPHRASE = 'frase-de-paso-del-emisor';
/**
 * Each run: requests stored when the API is killed; issuer 0's signatures when it is killed; issuer 1's when the API is
 * killed again. Each kill point leaves more requests than the posters can have in flight (POSTERS), and at least four
 * signatures, still to do: between the poll that sees the count and the kill landing, a slow machine finished the last two
 * requests of a group, and the kill then cut no answer.
 */
const RUNS = [{ requests: 2, issuer0: 2, issuer1: 8 }, { requests: 6, issuer0: 6, issuer1: 3 }, { requests: 4, issuer0: 8, issuer1: 5 }];
const PER_RUN = { plwha: 8, tb: 4 };
const POSTERS = 4;
const GROUP = PER_RUN.plwha + PER_RUN.tb;
for (const k of RUNS) {
  if (GROUP - k.requests <= POSTERS || GROUP - k.issuer0 < 4 || GROUP - k.issuer1 < 4) throw new Error(`kill point too late to cut anything: ${JSON.stringify(k)}`);
}

let t: TestApp;
let v: VotingElection;
let m: LoadedManifest;
let admin: Kysely<never>;
let relayName: string;
let relay: RelayDb;
let dir: string;
let port: number;
let serverEnv: Record<string, string>;
const servers: (Child & { url: string })[] = [];
const issuers: Child[] = [];
/** Per issuer (0, 1): its key ids, one per contest. */
let keyIds: string[][];

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Poll `count` until it reaches `n` (every 2 ms: the kill lands within a row or two of the point). */
async function until(count: () => Promise<number>, n: number, what: string): Promise<number> {
  for (let i = 0; ; i++) {
    const c = await count();
    if (c >= n) return c;
    if (i > 60_000) throw new Error(`${what}: ${c} of ${n}`);
    await wait(2);
  }
}
const ids = (xs: readonly RollEntry[]) => xs.map((x) => x.id);
const requestsOf = async (of: string[]) => (await sql<{ n: number }>`select count(*)::int as n from token_requests where association_id = any(${of})`.execute(relay)).rows[0]!.n;
const signaturesOf = async (keys: string[], of: string[]) => (await sql<{ association_id: string }>`select association_id from blind_signatures where key_id = any(${keys}) and association_id = any(${of})`.execute(relay)).rows.map((r) => r.association_id);

async function startServer(): Promise<void> {
  servers.push(await startServerOn(port, serverEnv));
}
const server = () => servers.at(-1)!;
function startIssuer(member: number): Child {
  const c = spawnScript('src/cli/issuer.ts', [
    'serve', '--api', `http://127.0.0.1:${port}`, '--election', v.electionId, '--email', v.memberAccounts[member]!.email,
    // One signature per post: the kill points fall between two signatures of a batch.
    '--keyfile', join(dir, `issuer-${member}.json`), '--interval', '0.2', '--post-every', '1', '--lang', 'en',
  ], { ISSUER_PASSWORD: v.memberAccounts[member]!.password, ISSUER_PASSPHRASE: PASSPHRASE });
  issuers.push(c);
  return c;
}

/** POST over the network; a connection cut by a kill answers status 0. */
async function post(path: string, token: string, body: unknown): Promise<{ status: number; json?: Record<string, unknown> }> {
  try {
    const r = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    return { status: r.status, json: await r.json() as Record<string, unknown> };
  } catch {
    return { status: 0 };
  }
}

describe.skipIf(!onPostgres)('killing an issuer or the API mid-issuance', () => {
  beforeAll(async () => {
    t = await createTestApp({ secretKey: Uint8Array.from(Buffer.from(SECRET_KEY, 'hex')) });
    v = await openVotingElection(t, { plwha: PER_RUN.plwha * RUNS.length, tb: PER_RUN.tb * RUNS.length }, 'kill');
    // From here on only the server process serves the election; its relay is a new, empty PostgreSQL database.
    await t.app.close();
    admin = new Kysely<never>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: info.adminUrl!, max: 1 }) }) });
    relayName = `anfora_relay_${randomBytes(4).toString('hex')}`;
    await sql`CREATE DATABASE ${sql.id(relayName)}`.execute(admin);
    const relayUrl = withDatabase(info.adminUrl!, relayName);
    relay = openRelayDatabase({ url: relayUrl });
    await migrateRelay(relay);
    dir = await mkdtemp(join(tmpdir(), 'anfora-kill-'));
    keyIds = [0, 1].map((member) => [...testIssuerKeysOf(v, member).values()].map((k) => toHex(k.publicKey.keyId)));
    for (const member of [0, 1]) {
      const secrets = { electionId: v.electionId, memberId: v.memberIds[member]!, keys: [...testIssuerKeysOf(v, member)].map(([contestId, key]) => ({ contestId, key })) };
      await writeFile(join(dir, `issuer-${member}.json`), await exportIssuerKeyfile(secrets, PASSPHRASE, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }));
    }
    port = await freePort();
    serverEnv = {
      DATABASE_URL: t.database.target.url!, ISSUANCE_DATABASE_URL: relayUrl, JWT_SECRET: TEST_JWT_SECRET, ANFORA_SECRET_KEY: SECRET_KEY,
      LOGIN_RATE_LIMIT: '1000', DATA_DIR: dir,
    };
    await startServer();
    stage('server up');
    const r = await fetchManifest(new ApiClient({ baseUrl: server().url }), v.electionId);
    if (!r.ok) throw new Error(r.reason);
    m = r;
  }, 600_000);

  afterAll(async () => {
    for (const c of [...issuers, ...servers]) await c.stop();
    await relay?.destroy();
    if (relayName) {
      for (let attempt = 0; ; attempt++) {
        try {
          await sql`DROP DATABASE IF EXISTS ${sql.id(relayName)}`.execute(admin);
          break;
        } catch (e) {
          if (attempt > 20) throw e;
          await wait(100);
        }
      }
    }
    await admin?.destroy();
    await t?.relayDb.destroy();
    await t?.database.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const [run, kill] of RUNS.entries()) {
    it(`run ${run + 1}: API killed at ${kill.requests} requests stored, issuer 0 at ${kill.issuer0} signatures, the API again at issuer 1's ${kill.issuer1}`, async () => {
      const group = [
        ...v.rolls.plwha!.slice(run * PER_RUN.plwha, (run + 1) * PER_RUN.plwha).map((a) => ({ a, contest: 'plwha' })),
        ...v.rolls.tb!.slice(run * PER_RUN.tb, (run + 1) * PER_RUN.tb).map((a) => ({ a, contest: 'tb' })),
      ];
      const of = ids(group.map((g) => g.a));
      const attempts = new Map<string, IssuanceAttempt>(group.map((g) => [g.a.id, beginIssuedToken(m.decoded, v.contests[g.contest]!, { associationId: g.a.id, secretKey: g.a.account.signingSecretKey })]));

      stage('posting');
      // 1. The associations post, POSTERS at a time; the API is killed once `requests` are stored.
      const answers: { id: string; status: number; code?: unknown }[] = [];
      const queue = [...group];
      const posting = Promise.all(Array.from({ length: POSTERS }, async () => {
        for (let g = queue.shift(); g; g = queue.shift()) {
          const r = await post('/issuance/requests', g.a.token, attempts.get(g.a.id)!.body);
          answers.push({ id: g.a.id, status: r.status, code: r.json?.code });
        }
      }));
      await until(() => requestsOf(of), kill.requests, 'requests stored');
      await server().kill9();
      await posting;
      const cut = answers.filter((x) => x.status === 0).map((x) => x.id);
      expect(cut.length, 'some answers were lost to the kill').toBeGreaterThan(0);
      expect(answers.filter((x) => x.status !== 0 && x.status !== 200)).toEqual([]);
      stage(`API killed; ${cut.length} answers lost`);
      await startServer();
      // Each association whose answer was lost sends the same request again: 200, never 409.
      for (const g of group.filter((x) => cut.includes(x.a.id))) {
        const r = await post('/issuance/requests', g.a.token, attempts.get(g.a.id)!.body);
        expect([g.a.id, r.status, r.json?.code]).toEqual([g.a.id, 200, undefined]);
      }
      expect(await requestsOf(of)).toBe(group.length);

      // 2. Issuer 0 alone, killed part way through its batch: its log already holds every signature the relay has from it.
      stage('issuer 0');
      const first = startIssuer(0);
      await until(async () => (await signaturesOf(keyIds[0]!, of)).length, kill.issuer0, 'issuer 0 signatures');
      await first.kill9();
      const signed0 = await signaturesOf(keyIds[0]!, of);
      expect(signed0.length).toBeLessThan(group.length);
      const log0 = await readIssuerLog(join(dir, 'issuer-0.json.log.json'));
      const logged0 = new Set([...log0.values()].flatMap((c) => [...c.keys()]));
      expect(signed0.filter((a) => !logged0.has(a)), 'signed by issuer 0 but missing from its log').toEqual([]);

      // 3. Issuer 1, and the API killed part way through its batch; issuer 1 keeps running and resumes after the restart.
      stage('issuer 1');
      const second = startIssuer(1);
      await until(async () => (await signaturesOf(keyIds[1]!, of)).length, kill.issuer1, 'issuer 1 signatures');
      await server().kill9();
      expect((await signaturesOf(keyIds[1]!, of)).length).toBeLessThan(group.length);
      await startServer();
      startIssuer(0);

      stage('restarted');
      // 4. Every association collects its token through the restarted API.
      for (const g of group) {
        const got = await collectIssuedToken(new ApiClient({ baseUrl: server().url, token: g.a.token }), m.decoded, attempts.get(g.a.id)!, { pollMs: 100, attempts: 600 });
        if (!got.ok) throw new Error(`${g.a.id}: ${got.reason} ${got.detail}`);
        const contest = m.decoded.contests.get(v.contests[g.contest]!)!;
        const expected = { electionId: v.electionId, contestId: contest.contest.id };
        expect(await checkIssuedToken(contest.issuers, issuanceRule(m.decoded), got.token, expected, verifyRsaPssNode)).toEqual({ ok: true });
        const tampered = { ...got.token, signatures: got.token.signatures.map((s, k) => (k !== 0 ? s : { ...s, signature: s.signature.map((b, j) => (j === 0 ? b ^ 1 : b)) })) };
        expect((await checkIssuedToken(contest.issuers, issuanceRule(m.decoded), tampered, expected, verifyRsaPssNode)).ok).toBe(false);
      }
      expect(await requestsOf(of)).toBe(group.length);
      for (const k of keyIds) expect((await signaturesOf(k, of)).sort()).toEqual([...of].sort());
      // Issuer 1 was never restarted: it waited out the API's restart and finished its batch.
      expect(second.process.exitCode, second.output()).toBe(null);
      expect(second.output()).toMatch(/The API did not answer \(0 network_error\); retrying at the next batch/);
      // Both issuers idle again: stopped until the next run (which starts them afresh).
      for (const c of issuers) await c.stop();
      for (const member of [0, 1]) {
        const log = await readIssuerLog(join(dir, `issuer-${member}.json.log.json`));
        const logged = new Set([...log.values()].flatMap((c) => [...c.keys()]));
        expect(of.filter((a) => !logged.has(a)), `issuer ${member}'s log`).toEqual([]);
      }
      const output = [...servers.map((s) => s.output()), ...issuers.map((c) => c.output())].join('\n');
      expect(output.match(/"statusCode":5\d\d/g) ?? []).toEqual([]);
      expect(output).not.toMatch(/API error \(5\d\d/);
    });
  }
});
