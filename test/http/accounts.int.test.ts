/**
 * Accounts belong to their owners (issue 11): invitations, activation with the owner's
 * password and signing key, the owner's password change, sessions checked per request,
 * credential reset by a two-sector decision, rehashing, sign-in throttling per account
 * and per real client. Every refusal is a 4xx problem and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { generateBallotKeys } from '../../src/crypto/ballot-signature.js';
import { hashPassword } from '../../src/domain/password.js';
import { proveAccountKey } from '../../src/record/account-key.js';
import { activateInvitation, createStaffAccount, type TestAccount } from '../helpers/accounts.js';
import { ADMIN, createTestApp, TEST_PASSWORD_COST, type TestApp } from '../helpers/app.js';
import { createModelElection, movePhase, proposeAs, registerAssociations, voteAs, type ModelElection } from '../helpers/model-case.js';

let t: TestApp;
let m: ModelElection;

beforeAll(async () => {
  t = await createTestApp();
  m = await createModelElection(t);
});
afterAll(async () => t?.close());

async function snapshot(): Promise<unknown> {
  const q = async (text: string) => (await sql.raw(text).execute(t.database.db)).rows;
  return {
    accounts: await q('SELECT id, status, password_hash, signing_key, session_generation FROM accounts ORDER BY id'),
    invitations: await q('SELECT id, used_at, voided_at FROM invitations ORDER BY id'),
    revocations: await q('SELECT * FROM account_key_revocations ORDER BY account_id, signing_key'),
  };
}

async function register(tag: string): Promise<{ id: string; invitation: { code: string; accountId: string; link: string; letter: string; humanCode: string; emailBody: string } }> {
  const r = await t.call('POST', '/associations', {
    token: m.adminToken,
    body: { legalName: `Asociación ${tag}`, registrationNumber: `reg-${tag}`, region: 'cusco', constituencies: ['plwha'], contactName: 'C', contactEmail: `c-${tag}@x.test`, accountEmail: `${tag}@x.test` },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

function expectProblem(r: { statusCode: number; headers: Record<string, unknown>; json(): { code: string } }, status: number, code: string): void {
  expect(r.statusCode).toBe(status);
  expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(r.json().code).toBe(code);
}

describe('invitations', () => {
  it('registering an association gives the administrator an invitation once, stored only as a hash', async () => {
    const { id, invitation } = await register('inv1');
    expect(invitation.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(invitation.link).toMatch(new RegExp(`/app/activate\\.html#code=${invitation.code}$`));
    expect(invitation.letter).toContain(invitation.humanCode);
    expect(invitation.letter).toContain('Asociación inv1');
    expect(invitation.emailBody).toContain(invitation.link);
    const rows = await sql`SELECT * FROM invitations WHERE account_id = ${invitation.accountId}`.execute(t.database.db);
    expect(rows.rows).toHaveLength(1);
    const everything = JSON.stringify((await sql`SELECT i.*, a.*, (SELECT json_agg(l) FROM audit_log l) AS audit FROM invitations i JOIN accounts a ON a.id = i.account_id`.execute(t.database.db)).rows);
    expect(everything).not.toContain(invitation.code);
    const account = (await sql<{ status: string; password_hash: string | null; association_id: string }>`SELECT * FROM accounts WHERE id = ${invitation.accountId}`.execute(t.database.db)).rows[0]!;
    expect(account).toMatchObject({ status: 'invited', password_hash: null, association_id: id });
  });

  it('an invited account cannot sign in before its owner activates it', async () => {
    await register('inv2');
    expectProblem(await t.call('POST', '/auth/login', { body: { email: 'inv2@x.test', password: 'cualquier-clave-1' } }), 401, 'invalid_credentials');
  });

  it('refuses a malformed key, a proof for another account, and a proof by another key, changing nothing', async () => {
    const { invitation } = await register('inv3');
    const keys = generateBallotKeys();
    const good = proveAccountKey(keys.secretKey, invitation.accountId);
    const before = await snapshot();
    const attempt = (signingKey: string, proof: string) =>
      t.call('POST', '/invitations/activate', { body: { code: invitation.code, password: 'la-clave-de-inv3', signingKey, proof } });
    const malformed = await attempt('00'.repeat(32), good.proof);
    expectProblem(malformed, 400, 'signing_key_rejected');
    expect(malformed.json().detail).toMatch(/Ed25519/);
    expectProblem(await attempt(good.signingKey.toUpperCase(), good.proof), 400, 'signing_key_rejected');
    expectProblem(await attempt(good.signingKey, proveAccountKey(keys.secretKey, randomUUID()).proof), 400, 'signing_key_rejected');
    expectProblem(await attempt(good.signingKey, proveAccountKey(generateBallotKeys().secretKey, invitation.accountId).proof), 400, 'signing_key_rejected');
    expectProblem(await attempt(good.signingKey, 'zz'), 400, 'signing_key_rejected');
    expect(await snapshot()).toEqual(before);
    // The same invitation still works afterwards: a refusal used nothing up.
    expect((await attempt(good.signingKey, good.proof)).statusCode).toBe(200);
  });

  it('activates once: the owner signs in with their password, their key is registered; the code cannot be used again', async () => {
    const { invitation } = await register('inv4');
    const owner = await activateInvitation(t, invitation.code, 'la-clave-de-inv4');
    const me = await t.call('GET', '/auth/me', { token: await owner.token() });
    expect(me.json()).toMatchObject({ id: invitation.accountId, status: 'active', signingKey: owner.signingPublicKey });
    expect(me.body).not.toMatch(/password/i);
    const before = await snapshot();
    const again = proveAccountKey(generateBallotKeys().secretKey, invitation.accountId);
    const reused = await t.call('POST', '/invitations/activate', { body: { code: invitation.code, password: 'otra-clave-distinta', ...again } });
    expectProblem(reused, 400, 'invitation_invalid');
    expect(reused.json().i18n.es.detail).toContain('ya se usó');
    expectProblem(await t.call('POST', '/invitations/inspect', { body: { code: invitation.code } }), 400, 'invitation_invalid');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an expired invitation and an unknown code, changing nothing', async () => {
    const { invitation } = await register('inv5');
    await sql`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE account_id = ${invitation.accountId}`.execute(t.database.db);
    const before = await snapshot();
    const proof = proveAccountKey(generateBallotKeys().secretKey, invitation.accountId);
    const r = await t.call('POST', '/invitations/activate', { body: { code: invitation.code, password: 'la-clave-de-inv5', ...proof }, headers: { 'accept-language': 'en' } });
    expectProblem(r, 400, 'invitation_invalid');
    expect(r.json().detail).toContain('expired');
    expectProblem(await t.call('POST', '/invitations/activate', { body: { code: 'X'.repeat(26), password: 'la-clave-de-inv5', ...proof } }), 400, 'invitation_invalid');
    expectProblem(await t.call('POST', '/invitations/activate', { body: { code: invitation.code, password: 'corta', ...proof } }), 400, 'validation_failed');
    expect(await snapshot()).toEqual(before);
  });

  it('an expired invitation of an account never activated can be issued again, voiding the old one; an active account cannot', async () => {
    const { invitation } = await register('inv8');
    await sql`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE account_id = ${invitation.accountId}`.execute(t.database.db);
    const r = await t.call('POST', `/accounts/${invitation.accountId}/invitation`, { token: m.adminToken });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().code).not.toBe(invitation.code);
    expect(r.json().letter).toContain('Asociación inv8');
    const old = await t.call('POST', '/invitations/inspect', { body: { code: invitation.code } });
    expectProblem(old, 400, 'invitation_invalid');
    const owner = await activateInvitation(t, r.json().code, 'la-clave-de-inv8');
    const before = await snapshot();
    expectProblem(await t.call('POST', `/accounts/${owner.accountId}/invitation`, { token: m.adminToken }), 409, 'account_state');
    expect(await snapshot()).toEqual(before);
  });

  it('a key already registered for one account is refused for another', async () => {
    const a = await register('inv6');
    const b = await register('inv7');
    const keys = generateBallotKeys();
    const pa = proveAccountKey(keys.secretKey, a.invitation.accountId);
    expect((await t.call('POST', '/invitations/activate', { body: { code: a.invitation.code, password: 'la-clave-de-inv6', ...pa } })).statusCode).toBe(200);
    const pb = proveAccountKey(keys.secretKey, b.invitation.accountId);
    expectProblem(await t.call('POST', '/invitations/activate', { body: { code: b.invitation.code, password: 'la-clave-de-inv7', ...pb } }), 400, 'signing_key_rejected');
  });
});

describe('passwords and sessions', () => {
  let owner: TestAccount;
  beforeAll(async () => {
    owner = await createStaffAccount(t, m.adminToken, 'observa@sesiones.test');
  });

  it('a wrong old password changes nothing', async () => {
    const token = await owner.token();
    const before = await snapshot();
    expectProblem(await t.call('POST', '/auth/password', { token, body: { oldPassword: 'no-es-la-clave', newPassword: 'una-clave-nueva-1' } }), 403, 'wrong_password');
    expectProblem(await t.call('POST', '/auth/password', { token, body: { oldPassword: owner.password, newPassword: owner.password } }), 400, 'password_unchanged');
    expect(await snapshot()).toEqual(before);
    expect((await t.call('GET', '/auth/me', { token })).statusCode).toBe(200);
  });

  it('the owner changes their password: other sessions end, the new token works, the old password does not', async () => {
    const other = await owner.token();
    const r = await t.call('POST', '/auth/password', { token: await owner.token(), body: { oldPassword: owner.password, newPassword: 'una-clave-nueva-1' } });
    expect(r.statusCode, r.body).toBe(200);
    expectProblem(await t.call('GET', '/auth/me', { token: other }), 401, 'unauthenticated');
    expect((await t.call('GET', '/auth/me', { token: r.json().accessToken })).statusCode).toBe(200);
    expectProblem(await t.call('POST', '/auth/login', { body: { email: owner.email, password: owner.password } }), 401, 'invalid_credentials');
    expect((await t.call('POST', '/auth/login', { body: { email: owner.email, password: 'una-clave-nueva-1' } })).statusCode).toBe(200);
  });

  it('a disabled account loses its sessions and cannot sign in', async () => {
    const victim = await createStaffAccount(t, m.adminToken, 'baja@sesiones.test');
    const token = await victim.token();
    const r = await t.call('POST', `/accounts/${victim.accountId}/disable`, { token: m.adminToken });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('disabled');
    expectProblem(await t.call('GET', '/auth/me', { token }), 401, 'unauthenticated');
    expectProblem(await t.call('POST', '/auth/login', { body: { email: victim.email, password: victim.password } }), 401, 'invalid_credentials');
  });

  it('a token is checked against its account: unknown account, another role, another session generation', async () => {
    const me = (await t.call('GET', '/auth/me', { token: m.members[0] })).json();
    const sign = (claims: object) => t.app.jwt.sign({ aid: null, mid: null, gen: 0, ...claims } as never);
    expectProblem(await t.call('GET', '/auth/me', { token: sign({ sub: randomUUID(), role: 'admin' }) }), 401, 'unauthenticated');
    // A committee member's token rewritten to claim the administrator's role (were the secret to leak) is refused.
    expectProblem(await t.call('GET', '/auth/me', { token: sign({ sub: me.id, role: 'admin', mid: me.committeeMemberId }) }), 401, 'unauthenticated');
    expectProblem(await t.call('GET', '/auth/me', { token: sign({ sub: me.id, role: 'committee', mid: me.committeeMemberId, gen: 7 }) }), 401, 'unauthenticated');
    expect((await t.call('GET', '/auth/me', { token: sign({ sub: me.id, role: 'committee', mid: me.committeeMemberId }) })).statusCode).toBe(200);
  });

  it('an older, cheaper password hash is rehashed at sign-in, and the session survives', async () => {
    const acct = await createStaffAccount(t, m.adminToken, 'antigua@sesiones.test');
    const old = await hashPassword(acct.password, { N: 2 ** 4, r: 8, p: 1 });
    await sql`UPDATE accounts SET password_hash = ${old} WHERE id = ${acct.accountId}`.execute(t.database.db);
    const token = await acct.token();
    const stored = (await sql<{ password_hash: string }>`SELECT password_hash FROM accounts WHERE id = ${acct.accountId}`.execute(t.database.db)).rows[0]!.password_hash;
    expect(stored.split('$')[1]).toBe(String(TEST_PASSWORD_COST.N));
    expect((await t.call('GET', '/auth/me', { token })).statusCode).toBe(200);
    expect((await t.call('POST', '/auth/login', { body: { email: acct.email, password: acct.password } })).statusCode).toBe(200);
  });
});

describe('credential reset by a two-sector decision', () => {
  it('revokes the key, ends the sessions, and issues a new invitation to the executing member only', async () => {
    await movePhase(t, m, 'accreditation');
    const [assoc] = await registerAssociations(t, m.adminToken, 1, 'plwha', 'reset');
    const apply = await t.call('POST', `/elections/${m.electionId}/applications`, { token: assoc!.token, body: { contestId: m.contests.plwha } });
    expect(apply.statusCode, apply.body).toBe(201);
    const body = { kind: 'credential_reset', accountId: assoc!.account.accountId, reason: 'La asociación perdió su clave' };
    const p = await proposeAs(t, m, 0, body);
    expect(p.statusCode, p.body).toBe(202);
    expect(p.json().invitation).toBeUndefined();
    // Still pending: the association keeps its sessions.
    expect((await t.call('GET', '/auth/me', { token: assoc!.token })).statusCode).toBe(200);
    const a = await voteAs(t, m, 1, p.json().proposal);
    expect(a.statusCode, a.body).toBe(200);
    const invitation = a.json().invitation;
    expect(invitation).toMatchObject({ accountId: assoc!.account.accountId, email: assoc!.email });
    expectProblem(await t.call('GET', '/auth/me', { token: assoc!.token }), 401, 'unauthenticated');
    expectProblem(await t.call('POST', '/auth/login', { body: { email: assoc!.email, password: assoc!.account.password } }), 401, 'invalid_credentials');
    const revoked = await sql<{ signing_key: string; proposal_id: string }>`SELECT * FROM account_key_revocations WHERE account_id = ${assoc!.account.accountId}`.execute(t.database.db);
    expect(revoked.rows).toEqual([expect.objectContaining({ signing_key: assoc!.account.signingPublicKey, proposal_id: p.json().proposal.id })]);
    // The revoked key cannot come back; a new one can.
    const reuse = proveAccountKey(assoc!.account.signingSecretKey, assoc!.account.accountId);
    expectProblem(await t.call('POST', '/invitations/activate', { body: { code: invitation.code, password: 'clave-renovada-1', ...reuse } }), 400, 'signing_key_rejected');
    const renewed = await activateInvitation(t, invitation.code, 'clave-renovada-1');
    expect(renewed.signingPublicKey).not.toBe(assoc!.account.signingPublicKey);
    expect((await t.call('GET', '/auth/me', { token: await renewed.token() })).json().signingKey).toBe(renewed.signingPublicKey);
  });

  it('refuses a reset of an account this committee does not answer for, or without a reason', async () => {
    const [outsider] = await registerAssociations(t, m.adminToken, 1, 'plwha', 'ajena');
    const r = await proposeAs(t, m, 0, { kind: 'credential_reset', accountId: outsider!.account.accountId, reason: 'x' });
    expectProblem(r, 409, 'decision_not_allowed');
    const admin = (await t.call('GET', '/auth/me', { token: m.adminToken })).json();
    expectProblem(await proposeAs(t, m, 0, { kind: 'credential_reset', accountId: admin.id, reason: 'x' }), 409, 'decision_not_allowed');
    expectProblem(await proposeAs(t, m, 0, { kind: 'credential_reset', accountId: m.memberAccounts[2]!.accountId, reason: '' }), 400, 'validation_failed');
  });
});

describe('sign-in throttling', () => {
  const attempt = (app: TestApp, email: string, from: string) =>
    app.call('POST', '/auth/login', { body: { email, password: 'wrong-password' }, headers: { 'x-forwarded-for': from } });

  it('per account, however many addresses the guesses come from', async () => {
    const limited = await createTestApp({ loginRateLimit: 3, trustProxy: true });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await attempt(limited, ADMIN.email, `198.51.100.${i + 1}`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      // The limit is the account's: another account from a fresh address is still answered.
      expect((await attempt(limited, 'otra@x.test', '198.51.100.50')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('behind a trusted proxy per real client; without TRUST_PROXY the forwarded address is ignored', async () => {
    const proxied = await createTestApp({ loginRateLimit: 3, trustProxy: true });
    const direct = await createTestApp({ loginRateLimit: 3 });
    try {
      const a = [];
      for (let i = 0; i < 4; i++) a.push((await attempt(proxied, `p${i}@x.test`, '203.0.113.7')).statusCode);
      expect(a).toEqual([401, 401, 401, 429]);
      expect((await attempt(proxied, 'p9@x.test', '203.0.113.8')).statusCode).toBe(401);
      const d = [];
      for (let i = 0; i < 4; i++) d.push((await attempt(direct, `d${i}@x.test`, `203.0.113.${i + 1}`)).statusCode);
      expect(d).toEqual([401, 401, 401, 429]);
    } finally {
      await proxied.close();
      await direct.close();
    }
  });
});
