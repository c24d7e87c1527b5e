/**
 * The trustee CLI's local parts: the key file is written with mode 0600, atomically, never
 * over an existing file on `init`; both languages have every message; the commands exist;
 * a server that cannot be reached is a clear message and exit code 1, not a stack trace.
 */
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MESSAGES, main, program, writeKeyfile } from '../../src/cli/trustee.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anfora-trustee-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeKeyfile', () => {
  it('writes the key file readable by its owner only (0600)', async () => {
    const path = join(dir, 'k1.json');
    await writeKeyfile(path, '{"a":1}', true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('{"a":1}');
  });

  it('on init never overwrites an existing file', async () => {
    const path = join(dir, 'k2.json');
    await writeFile(path, 'old');
    await expect(writeKeyfile(path, 'new', true)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(path, 'utf8')).toBe('old');
  });

  it('replaces the file after a step, keeping 0600 and leaving no temporary file', async () => {
    const path = join(dir, 'k3.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeKeyfile(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('messages and commands', () => {
  it('Spanish and English have the same messages', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.es).sort());
    expect(MESSAGES.es.reason('tally_mismatch')).toMatch(/recuento/);
    expect(MESSAGES.en.reason('tally_mismatch')).toMatch(/tally/);
  });

  it('takes the member\'s account key file, which init signs the trustee key with', () => {
    const cmd = program();
    expect(cmd.options.map((o) => o.long)).toContain('--account-key');
    cmd.parseOptions(['--api', 'http://x', '--election', 'e', '--account-key', '/tmp/cuenta.json']);
    expect(cmd.opts().accountKey).toBe('/tmp/cuenta.json');
  });

  it('offers init, deal, verify, decrypt, witness and status', () => {
    expect(program().commands.map((c) => c.name())).toEqual(['init', 'deal', 'verify', 'decrypt', 'witness', 'status']);
  });

  it('an unreachable server is reported in the chosen language with exit code 1', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await main(['status', '--api', 'http://127.0.0.1:9', '--election', 'e-1', '--lang', 'en'])).toBe(1);
      expect(await main(['status', '--api', 'http://127.0.0.1:9', '--election', 'e-1'])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toMatch(/Could not reach the server/);
    expect(written.join('')).toMatch(/No se pudo contactar al servidor/);
  });
});
