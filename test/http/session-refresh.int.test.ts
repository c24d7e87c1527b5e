/**
 * `POST /auth/refresh`: a signed-in account renews its session with a new token of a
 * fresh expiry; an expired token, one of an older session generation (a password change)
 * or a disabled account's cannot be renewed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount, type TestAccount } from '../helpers/accounts.js';
import { ADMIN, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let owner: TestAccount;
let adminToken: string;

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string; exp: number; iat: number; gen: number };

function expectUnauthenticated(r: { statusCode: number; headers: Record<string, unknown>; json(): { code: string } }): void {
  expect(r.statusCode).toBe(401);
  expect(String(r.headers['content-type'])).toContain('application/problem+json');
  expect(r.json().code).toBe('unauthenticated');
}

beforeAll(async () => {
  t = await createTestApp();
  adminToken = await t.login(ADMIN.email, ADMIN.password);
  owner = await createStaffAccount(t, adminToken, 'renueva@sesiones.test');
});

afterAll(async () => {
  await t?.close();
});

describe('POST /auth/refresh', () => {
  it('renews a valid session: a new token for the same account with a later expiry, which works', async () => {
    const token = await owner.token();
    const before = claimsOf(token);
    // JWT times are whole seconds: wait into the next one so that the expiry must move.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const r = await t.call('POST', '/auth/refresh', { token });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { accessToken: string; tokenType: string; expiresIn: number; role: string };
    expect(body.tokenType).toBe('Bearer');
    expect(body.role).toBe('auditor');
    expect(body.expiresIn).toBe(900);
    const after = claimsOf(body.accessToken);
    expect(after.sub).toBe(before.sub);
    expect(after.gen).toBe(before.gen);
    expect(after.exp).toBeGreaterThan(before.exp);
    expect(after.exp - after.iat).toBe(900);
    const me = await t.call('GET', '/auth/me', { token: body.accessToken });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(owner.accountId);
  });

  it('refuses without a token, and with an expired one', async () => {
    expectUnauthenticated(await t.call('POST', '/auth/refresh'));
    const me = (await t.call('GET', '/auth/me', { token: await owner.token() })).json() as { id: string };
    const expired = t.app.jwt.sign({ sub: me.id, role: 'auditor', aid: null, mid: null, gen: claimsOf(await owner.token()).gen }, { expiresIn: -10 });
    expectUnauthenticated(await t.call('POST', '/auth/refresh', { token: expired }));
    // The same claims, unexpired, are renewed: only the expiry was at fault.
    const fresh = t.app.jwt.sign({ sub: me.id, role: 'auditor', aid: null, mid: null, gen: claimsOf(await owner.token()).gen });
    expect((await t.call('POST', '/auth/refresh', { token: fresh })).statusCode).toBe(200);
  });

  it('after a password change, the older sessions cannot be renewed; the new one can', async () => {
    const old = await owner.token();
    const changed = await t.call('POST', '/auth/password', { token: await owner.token(), body: { oldPassword: owner.password, newPassword: 'otra-clave-propia-1' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expectUnauthenticated(await t.call('POST', '/auth/refresh', { token: old }));
    const renewed = await t.call('POST', '/auth/refresh', { token: changed.json().accessToken });
    expect(renewed.statusCode, renewed.body).toBe(200);
  });

  it('a disabled account cannot renew its session', async () => {
    const victim = await createStaffAccount(t, adminToken, 'baja-renueva@sesiones.test');
    const token = await victim.token();
    expect((await t.call('POST', `/accounts/${victim.accountId}/disable`, { token: adminToken })).statusCode).toBe(200);
    expectUnauthenticated(await t.call('POST', '/auth/refresh', { token }));
  });
});
