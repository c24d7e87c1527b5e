/**
 * `npm start`: open the database (PostgreSQL with DATABASE_URL, else embedded PGlite),
 * migrate, make sure an administrator exists, and serve the API.
 * @module
 */
import closeWithGrace from 'close-with-grace';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { ConfigError, durationSeconds, loadConfig } from '../config.js';
import { describeTarget, migrateToLatest, openDatabase } from '../db/connect.js';
import { SecretBox, SecretKeyError, sealPlaintextSecrets } from '../db/secrets.js';
import { createStore, isUniqueViolation } from '../db/store.js';
import { migrateRelay, openRelayDatabase, relayStore } from '../db/relay.js';
import { ensureBootstrapAdmin, hasAdmin } from '../domain/accounts.service.js';
import { batchingChecker, inThreadRunner } from '../domain/cast-queue.js';
import { useBallotSummer } from '../domain/tally.service.js';
import { buildApp, loggerOptions } from '../http/app.js';
import { webBuilt } from '../http/web.js';
import { workerCastRunner } from './cast-pool.js';
import { SecretKeyMissing, resolveSecretKey } from './secret-key.js';
import { workerSummer } from './sum-pool.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const log = pino(loggerOptions(config.LOG_LEVEL));
  const target = { url: config.DATABASE_URL, dataDir: config.DATA_DIR };
  if (config.DATABASE_URL === undefined) mkdirSync(config.DATA_DIR, { recursive: true });
  let box: SecretBox;
  try {
    box = new SecretBox(resolveSecretKey(config, (line) => process.stdout.write(`\n${line}\n\n`)));
  } catch (e) {
    if (e instanceof SecretKeyMissing) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const db = openDatabase(target);
  const applied = await migrateToLatest(db);
  log.info({ database: describeTarget(target), migrationsApplied: applied }, 'database ready');
  // Rows written before secrets were sealed are sealed now; a key that does not open the
  // sealed ones stops the start here, not at the first receipt.
  try {
    const sealed = await sealPlaintextSecrets(db, box);
    if (sealed > 0) log.info({ sealed }, 'secrets stored in the clear are now sealed');
  } catch (e) {
    if (e instanceof SecretKeyError) {
      process.stderr.write(`${e.message}\n`);
      await db.destroy();
      process.exit(2);
    }
    throw e;
  }
  const store = createStore(db, box);
  // The relay keeps the token requests and blind signatures apart from the ballots (issue 12).
  if (config.ISSUANCE_DATABASE_URL !== undefined && config.ISSUANCE_DATABASE_URL === config.DATABASE_URL) {
    process.stderr.write('ISSUANCE_DATABASE_URL debe nombrar otra base de datos que DATABASE_URL: las solicitudes de fichas no se guardan junto a las cédulas.\n'
      + 'ISSUANCE_DATABASE_URL must name a database other than DATABASE_URL\'s: token requests are not kept next to the ballots.\n');
    await db.destroy();
    process.exit(2);
  }
  // Without it, an embedded PGlite of this process: one API process only (README "Several API processes").
  if (config.DATABASE_URL !== undefined && config.ISSUANCE_DATABASE_URL === undefined) {
    log.warn('ISSUANCE_DATABASE_URL not set: the token relay uses PGlite in DATA_DIR/issuance, which one API process only may open');
  }
  const relayTarget = { url: config.ISSUANCE_DATABASE_URL, dataDir: join(config.DATA_DIR, 'issuance') };
  const relayDb = openRelayDatabase(relayTarget);
  await migrateRelay(relayDb);
  log.info({ database: describeTarget(relayTarget) }, 'token relay database ready');
  // The close sums every ballot's ciphertexts: in worker threads, one per core.
  useBallotSummer(workerSummer(availableParallelism()));

  if (!(await hasAdmin(store))) {
    const email = config.BOOTSTRAP_ADMIN_EMAIL ?? 'admin@anfora.local';
    const generated = config.BOOTSTRAP_ADMIN_PASSWORD === undefined;
    // A generated password is shown once on the terminal (stderr, which the pino log
    // stream on stdout never carries). Without a terminal there is nobody to show it to,
    // and writing it to a collected stream would put it in the logs: ask for the variable.
    if (generated && !process.stderr.isTTY) {
      process.stderr.write('Falta BOOTSTRAP_ADMIN_PASSWORD: sin terminal no se puede mostrar una contraseña generada.\n'
        + 'BOOTSTRAP_ADMIN_PASSWORD is missing: without a terminal a generated password cannot be shown.\n');
      await db.destroy();
      process.exit(2);
    }
    const password = config.BOOTSTRAP_ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
    // Several processes starting on a new database race here: one creates the
    // administrator, the others find it there (or hit the unique email) and say nothing.
    const created = await ensureBootstrapAdmin(store, email, password).catch((e: unknown) => {
      if (isUniqueViolation(e)) return null;
      throw e;
    });
    // Shown once on the terminal (stderr), never logged: there is no default password.
    if (created) process.stderr.write(generated
      ? `\nAdministrador inicial / initial administrator: ${email}\nContraseña única / one-time password: ${password}\n(guárdela ahora y cámbiela al entrar / save it now and change it after signing in)\n\n`
      : `\nAdministrador inicial creado / initial administrator created: ${email}\n\n`);
  }

  let jwtSecret = config.JWT_SECRET;
  if (!jwtSecret) {
    jwtSecret = randomBytes(32).toString('base64url');
    log.warn('JWT_SECRET not set: using a random secret; sessions end when the server restarts');
  }
  // The pages are built by `npm run build:web` (`npm start` does it when they are missing).
  const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
  const hasWeb = webBuilt(webRoot);
  if (!hasWeb) log.warn({ webRoot }, 'web pages not built (npm run build:web): serving the API only');
  // Casts' proofs are checked in worker threads, so that the event loop stays free for reads.
  const workers = config.CAST_WORKERS ?? availableParallelism();
  const castProofs = batchingChecker(workers > 0 ? workerCastRunner(workers) : inThreadRunner());
  const app = await buildApp({
    ...(hasWeb && { webRoot }), store, jwtSecret, accessTokenSeconds: durationSeconds(config.ACCESS_TOKEN_TTL),
    loginRateLimit: config.LOGIN_RATE_LIMIT, bodyLimit: config.BODY_LIMIT_BYTES, issuerLogBodyLimit: config.ISSUER_LOG_BODY_LIMIT_BYTES, logger: loggerOptions(config.LOG_LEVEL),
    castProofs, castRateLimit: { perClient: config.CAST_RATE_LIMIT, perBallotKey: config.CAST_KEY_RATE_LIMIT },
    trustProxy: config.TRUST_PROXY, invitationSeconds: durationSeconds(config.INVITATION_TTL), publicUrl: config.PUBLIC_URL,
    relay: relayStore(relayDb),
  });
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'closing after error');
    await app.close();
    await relayDb.destroy();
    await db.destroy();
  });
  await app.listen({ host: config.HOST, port: config.PORT });
}

await main();
