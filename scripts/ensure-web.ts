/**
 * Build the web pages into dist/web when they are missing or older than their sources
 * (`tsx scripts/ensure-web.ts`; `npm start` and the browser tests call it). Concurrent
 * callers (parallel test files) take a lock file, so the build runs once and nobody serves
 * a half-written dist/web. `ensureWebBuild(false, { test: true })` does the same for the
 * browser tests' build in dist/web-test (key files at a test cost, src/web/lib/keyfile-cost.ts),
 * which `npm start` never serves.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the API serves the pages from. */
export const WEB_DIST = join(ROOT, 'dist/web');
/** The browser tests' build (key files sealed at a test cost); never served by `npm start`. */
export const WEB_TEST_DIST = join(ROOT, 'dist/web-test');
const stamp = (test: boolean) => join(test ? WEB_TEST_DIST : WEB_DIST, '.built');
const LOCK = join(ROOT, 'dist/.web-build.lock');
// Everything that ends up in the bundle.
const SOURCES = ['src/web', 'src/client', 'src/crypto', 'src/record', 'src/verify'].map((d) => join(ROOT, d));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newestMtime(join(path, f))), s.mtimeMs);
}

/** Whether dist/web (dist/web-test with `test`) is missing or older than a source file. */
export function webBuildStale(test = false): boolean {
  if (!existsSync(stamp(test))) return true;
  const built = statSync(stamp(test)).mtimeMs;
  return SOURCES.some((d) => newestMtime(d) > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock<T>(fn: () => T): T {
  mkdirSync(dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      closeSync(openSync(LOCK, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A lock left by a killed build is taken over after two minutes.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > 120_000) rmSync(LOCK, { force: true });
      if (Date.now() > deadline) throw new Error(`web build: could not take ${LOCK}`);
      sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/**
 * Build dist/web (dist/web-test with `test`) if it is stale (or always with `force`).
 * Returns whether it built.
 * @throws Error when the build fails
 */
export function ensureWebBuild(force = false, { test = false }: { test?: boolean } = {}): boolean {
  return withLock(() => {
    if (!force && !webBuildStale(test)) return false;
    const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
    const env = { ...process.env, ANFORA_WEB_TEST_BUILD: test ? '1' : '0' };
    const r = spawnSync(process.execPath, [vite, 'build', '--config', join(ROOT, 'src/web/vite.config.ts')], { cwd: ROOT, stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`web build failed (exit ${r.status ?? r.signal})`);
    writeFileSync(stamp(test), `${new Date().toISOString()}\n`);
    return true;
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = ensureWebBuild(process.argv.includes('--force'));
  process.stdout.write(built ? 'web: built dist/web\n' : 'web: dist/web is up to date\n');
}
