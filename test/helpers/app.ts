/**
 * A fresh application on a fresh database for one test file, driven through `inject`.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SecretBox } from '../../src/db/secrets.js';
import { createStore } from '../../src/db/store.js';
import { ensureBootstrapAdmin } from '../../src/domain/accounts.service.js';
import type { CastProofChecker, RelayStore, Store } from '../../src/domain/ports.js';
import { migrateRelay, openRelayDatabase, relayStore, type RelayDb } from '../../src/db/relay.js';
import { buildApp, loggerOptions } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** The bootstrap administrator, as `BOOTSTRAP_ADMIN_PASSWORD` would set it. */
export const ADMIN = { email: 'admin@test.pe', password: 'admin-password-123' };
/** The test apps' access-token secret: the hostile-input tests forge tokens with it. */
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

/**
 * A cheap scrypt cost for the tests' password hashes (hundreds of accounts per file);
 * production always hashes at PASSWORD_COST (N = 2^17), which test/domain/password.test.ts checks.
 */
export const TEST_PASSWORD_COST = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });

export interface TestApp {
  app: FastifyInstance;
  store: Store;
  /** The token relay's store, on a database of its own (never the ballots'). */
  relay: RelayStore;
  relayDb: RelayDb;
  database: TestDatabase;
  /** Sign in and return the bearer token. */
  login(email: string, password: string): Promise<string>;
  /** `inject` with an optional bearer token and JSON body. */
  call(method: InjectOptions['method'], url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Tests cast many ballots from one address and replay on purpose: limits far above what they send. */
const TEST_CAST_LIMIT = { perClient: 100_000, perBallotKey: 10_000 };

export interface TestAppOverrides {
  loginRateLimit?: number;
  bodyLimit?: number;
  /** The largest issuer log post (default the server's, 256 MiB). */
  issuerLogBodyLimit?: number;
  logLines?: string[];
  webRoot?: string;
  invitationSeconds?: number;
  trustProxy?: boolean | number | string[];
  castProofs?: CastProofChecker;
  castRateLimit?: { perClient: number; perBallotKey: number };
  /** The key that seals the server's secrets (default: this process's); a test that starts server processes on the same database gives them the same. */
  secretKey?: Uint8Array;
}

export async function createTestApp(overrides: TestAppOverrides = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const store = overrides.secretKey === undefined ? createStore(database.db) : createStore(database.db, new SecretBox(overrides.secretKey));
  await ensureBootstrapAdmin(store, ADMIN.email, ADMIN.password, TEST_PASSWORD_COST);
  // The relay's database: a PGlite of its own in every mode, apart from the ballots'.
  const relayDb = openRelayDatabase({ dataDir: 'memory://' });
  await migrateRelay(relayDb);
  const relay = relayStore(relayDb);
  const app = await buildApp({
    store, relay, jwtSecret: TEST_JWT_SECRET, accessTokenSeconds: 900, passwordCost: TEST_PASSWORD_COST,
    ...(overrides.invitationSeconds !== undefined && { invitationSeconds: overrides.invitationSeconds }),
    loginRateLimit: overrides.loginRateLimit ?? 10_000, bodyLimit: overrides.bodyLimit ?? 1_048_576,
    ...(overrides.issuerLogBodyLimit !== undefined && { issuerLogBodyLimit: overrides.issuerLogBodyLimit }),
    ...(overrides.webRoot !== undefined && { webRoot: overrides.webRoot }),
    ...(overrides.castProofs !== undefined && { castProofs: overrides.castProofs }),
    castRateLimit: overrides.castRateLimit ?? TEST_CAST_LIMIT,
    ...(overrides.trustProxy !== undefined && { trustProxy: overrides.trustProxy }),
    // The production logger options, writing into the test's array when it asks for the log.
    ...(overrides.logLines && { logger: { ...loggerOptions('info'), stream: { write: (line: string) => { overrides.logLines!.push(line); } } } }),
  });
  const call: TestApp['call'] = (method, url, opts = {}) =>
    app.inject({
      method, url,
      headers: { ...(opts.token && { authorization: `Bearer ${opts.token}` }), ...opts.headers },
      ...(opts.body !== undefined && { payload: opts.body as object }),
    });
  return {
    app, store, relay, relayDb, database, call,
    async login(email, password) {
      const r = await call('POST', '/auth/login', { body: { email, password } });
      if (r.statusCode !== 200) throw new Error(`login ${email}: ${r.statusCode} ${r.body}`);
      return r.json().accessToken as string;
    },
    async close() {
      await app.close();
      await relayDb.destroy();
      await database.drop();
    },
  };
}

/**
 * Stop the application and start a new one on the same database, with fresh process
 * state: what a crash and restart leaves.
 */
export async function restartTestApp(t: TestApp): Promise<TestApp> {
  const { forgetCachedElections } = await import('../../src/domain/voting.service.js');
  const { openDatabase } = await import('../../src/db/connect.js');
  await t.app.close();
  forgetCachedElections();
  // PostgreSQL: a new pool; PGlite in memory: the same instance (it lives in this process).
  const db = t.database.target.url ? openDatabase(t.database.target) : t.database.db;
  if (t.database.target.url) await t.database.db.destroy();
  const database = { ...t.database, db, drop: async () => { await db.destroy(); await t.database.drop().catch(() => {}); } };
  const store = createStore(db);
  const app = await buildApp({
    store, relay: t.relay, jwtSecret: TEST_JWT_SECRET, accessTokenSeconds: 900, loginRateLimit: 10_000, bodyLimit: 1_048_576,
    castRateLimit: TEST_CAST_LIMIT, passwordCost: TEST_PASSWORD_COST,
  });
  const call: TestApp['call'] = (method, url, opts = {}) =>
    app.inject({ method, url, headers: { ...(opts.token && { authorization: `Bearer ${opts.token}` }), ...opts.headers }, ...(opts.body !== undefined && { payload: opts.body as object }) });
  return { ...t, app, store, database, call, close: async () => { await app.close(); await t.relayDb.destroy(); await database.drop(); } };
}
