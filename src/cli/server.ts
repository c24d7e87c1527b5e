/**
 * `npm start`: open the database (PostgreSQL with DATABASE_URL, else embedded PGlite),
 * migrate, make sure an administrator exists, and serve the API.
 * @module
 */
import closeWithGrace from 'close-with-grace';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { ConfigError, durationSeconds, loadConfig } from '../config.js';
import { describeTarget, migrateToLatest, openDatabase } from '../db/connect.js';
import { createStore } from '../db/store.js';
import { ensureBootstrapAdmin, hasAdmin } from '../domain/accounts.service.js';
import { buildApp, loggerOptions } from '../http/app.js';
import { webBuilt } from '../http/web.js';

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
  const db = openDatabase(target);
  const applied = await migrateToLatest(db);
  log.info({ database: describeTarget(target), migrationsApplied: applied }, 'database ready');
  const store = createStore(db);

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
    await ensureBootstrapAdmin(store, email, password);
    process.stderr.write(generated
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
  const app = await buildApp({
    ...(hasWeb && { webRoot }), store, jwtSecret, accessTokenSeconds: durationSeconds(config.ACCESS_TOKEN_TTL),
    loginRateLimit: config.LOGIN_RATE_LIMIT, bodyLimit: config.BODY_LIMIT_BYTES, logger: loggerOptions(config.LOG_LEVEL),
    trustProxy: config.TRUST_PROXY, invitationSeconds: durationSeconds(config.INVITATION_TTL), publicUrl: config.PUBLIC_URL,
  });
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'closing after error');
    await app.close();
    await db.destroy();
  });
  await app.listen({ host: config.HOST, port: config.PORT });
}

await main();
