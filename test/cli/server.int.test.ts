/**
 * The bootstrap administrator's password never reaches the log stream (issue 11): set by
 * BOOTSTRAP_ADMIN_PASSWORD, it is neither logged (stdout, pino) nor echoed; generated, it
 * is shown only on a terminal, so without one the server refuses to start and asks for
 * the variable, creating nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anfora-server-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Start the server (no terminal: pipes) until it listens or exits; returns what it wrote. */
function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/server.ts')], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', JWT_SECRET: 'x'.repeat(40), LOG_LEVEL: 'info', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes('Server listening')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

// In order: the second start reads the data directory the first one left.
describe.sequential('bootstrap administrator', () => {
  it('without a terminal and without BOOTSTRAP_ADMIN_PASSWORD, refuses to start and says why, creating no administrator', async () => {
    const r = await start({ DATA_DIR: join(dir, 'a') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BOOTSTRAP_ADMIN_PASSWORD');
    expect(r.stdout).not.toMatch(/Contraseña única|one-time password/);
  }, 240_000);

  it('with BOOTSTRAP_ADMIN_PASSWORD, the password appears in no output and the log stream says nothing of it', async () => {
    const secret = 'clave-inicial-de-prueba-2026';
    // The same data directory as the refused start: that no administrator was created then shows here.
    const r = await start({ DATA_DIR: join(dir, 'a'), BOOTSTRAP_ADMIN_PASSWORD: secret, BOOTSTRAP_ADMIN_EMAIL: 'jefa@anfora.test' });
    expect(r.stdout).toContain('Server listening');
    expect(r.stderr).toContain('initial administrator created: jefa@anfora.test');
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(await readdir(join(dir, 'a'))).not.toHaveLength(0);
  }, 240_000);
});
