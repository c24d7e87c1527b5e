/**
 * The owner's side over real HTTP: the client library and `npm run account` activate an
 * invitation (password chosen here, key generated here, key file written here), then
 * change the password. Refusals are clear messages and change nothing.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/account.js';
import { activateAccount, changePassword, codeFromFragment, inspectInvitation } from '../../src/client/account.js';
import { ApiClient } from '../../src/client/api.js';
import { importAccountKeyfile } from '../../src/crypto/account-keyfile.js';
import { ADMIN, createTestApp, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/client-election.js';

let t: TestApp;
let baseUrl: string;
let adminToken: string;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  adminToken = await t.login(ADMIN.email, ADMIN.password);
  dir = await mkdtemp(join(tmpdir(), 'anfora-account-'));
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const k of ['ACCOUNT_PASSWORD', 'ACCOUNT_NEW_PASSWORD', 'ACCOUNT_PASSPHRASE']) delete process.env[k];
});

async function invite(email: string): Promise<{ code: string; humanCode: string; link: string; accountId: string }> {
  const r = await t.call('POST', '/accounts', { token: adminToken, body: { email, role: 'auditor' } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().invitation;
}

function capture(stream: 'stdout' | 'stderr'): string[] {
  const out: string[] = [];
  vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  return out;
}

describe('client library', () => {
  it('reads the code from the link fragment, inspects it, activates with a key generated here', async () => {
    const inv = await invite('cliente@x.test');
    expect(codeFromFragment(new URL(inv.link).hash)).toBe(inv.code);
    expect(codeFromFragment('#other=1')).toBeUndefined();
    const pub = new ApiClient({ baseUrl });
    expect(await inspectInvitation(pub, inv.humanCode.toLowerCase())).toMatchObject({ accountId: inv.accountId, role: 'auditor' });
    const acct = await activateAccount(pub, inv.code, 'clave-del-cliente-1');
    expect(acct.secretKey).toHaveLength(32);
    const me = await (await pub.login('cliente@x.test', 'clave-del-cliente-1')).get('/auth/me');
    expect(me).toMatchObject({ id: inv.accountId, signingKey: acct.signingKey });
    await expect(activateAccount(pub, inv.code, 'clave-del-cliente-2')).rejects.toMatchObject({ status: 400, code: 'invitation_invalid' });
    const signedIn = await pub.login('cliente@x.test', 'clave-del-cliente-1');
    await expect(changePassword(signedIn, 'mal', 'clave-del-cliente-3')).rejects.toMatchObject({ status: 403, code: 'wrong_password' });
    const renewed = await changePassword(signedIn, 'clave-del-cliente-1', 'clave-del-cliente-3');
    expect(await renewed.get('/auth/me')).toMatchObject({ id: inv.accountId });
    await expect(signedIn.get('/auth/me')).rejects.toMatchObject({ status: 401 });
  });
});

describe('npm run account', () => {
  it('activate writes the key file (0600) whose key is the one registered; password changes the password', async () => {
    const inv = await invite('cli@x.test');
    const path = join(dir, 'cuenta.json');
    process.env.ACCOUNT_PASSWORD = 'clave-de-la-cli-1';
    process.env.ACCOUNT_PASSPHRASE = 'frase de paso de la cli';
    const out = capture('stdout');
    expect(await main(['--api', baseUrl, 'activate', '--code', inv.humanCode, '--keyfile', path])).toBe(0);
    expect(out.join('')).toContain('Cuenta activada: cli@x.test');
    expect(out.join('')).not.toContain('clave-de-la-cli-1');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const opened = importAccountKeyfile(await readFile(path, 'utf8'), 'frase de paso de la cli');
    expect(opened.ok).toBe(true);
    const me = await (await new ApiClient({ baseUrl }).login('cli@x.test', 'clave-de-la-cli-1')).get('/auth/me') as { signingKey: string };
    expect(opened.ok && opened.key.publicKey).toBe(me.signingKey);
    expect(opened.ok && opened.key.accountId).toBe(inv.accountId);

    process.env.ACCOUNT_NEW_PASSWORD = 'clave-de-la-cli-2';
    expect(await main(['--api', baseUrl, '--lang', 'en', 'password', '--email', 'cli@x.test'])).toBe(0);
    expect(out.join('')).toContain('Password changed');
    await expect(new ApiClient({ baseUrl }).login('cli@x.test', 'clave-de-la-cli-1')).rejects.toMatchObject({ status: 401 });
    expect(await new ApiClient({ baseUrl }).login('cli@x.test', 'clave-de-la-cli-2')).toBeInstanceOf(ApiClient);
  });

  it('refuses a used code and an existing key file with a message, in the chosen language, changing nothing', async () => {
    const inv = await invite('cli2@x.test');
    const taken = join(dir, 'existe.json');
    await writeFile(taken, 'previo');
    process.env.ACCOUNT_PASSWORD = 'clave-de-la-cli-9';
    process.env.ACCOUNT_PASSPHRASE = 'frase de paso de la cli';
    const err = capture('stderr');
    expect(await main(['--api', baseUrl, 'activate', '--code', inv.code, '--keyfile', taken])).toBe(1);
    expect(err.join('')).toContain('ya existe');
    expect(await readFile(taken, 'utf8')).toBe('previo');
    // Not activated by the refused attempt: the code still works once, then no more.
    expect(await main(['--api', baseUrl, 'activate', '--code', inv.code, '--keyfile', join(dir, 'k2.json')])).toBe(0);
    expect(await main(['--api', baseUrl, '--lang', 'en', 'activate', '--code', inv.code, '--keyfile', join(dir, 'k3.json')])).toBe(1);
    expect(err.join('')).toMatch(/refused the request \(400 invitation_invalid\)/);
    await expect(stat(join(dir, 'k3.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
