/**
 * The authorization matrix: every route × every role (and no token) → allowed or denied.
 * The route list comes from the OpenAPI document, so a new route without a row here
 * fails the test. Denied means 401 without a token and 403 with a wrong role; allowed
 * means the request got past authorization (any other status).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createStaffAccount } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createModelElection, registerAssociations, type ModelElection } from '../helpers/model-case.js';

type Role = 'admin' | 'committee' | 'association' | 'auditor';
const ALL: Role[] = ['admin', 'committee', 'association', 'auditor'];

const MATRIX: Record<string, 'public' | Role[]> = {
  'GET /health': 'public',
  'GET /reference': 'public',
  'GET /templates/constituencies': 'public',
  'POST /auth/login': 'public',
  'GET /auth/me': ALL,
  'POST /auth/password': ALL,
  'POST /auth/refresh': ALL,
  'POST /invitations/inspect': 'public',
  'POST /invitations/activate': 'public',
  'POST /accounts': ['admin'],
  'POST /accounts/{id}/disable': ['admin'],
  'POST /accounts/{id}/invitation': ['admin'],
  'POST /associations': ['admin'],
  'POST /associations/import': ['admin'],
  'GET /associations': ['admin', 'committee'],
  'GET /associations/{id}': ['admin', 'committee', 'association'],
  'POST /elections': ['admin'],
  'GET /elections': 'public',
  'GET /elections/{id}': 'public',
  'GET /elections/{id}/phase': 'public',
  'POST /elections/{id}/phase': ['committee'],
  'POST /elections/{id}/committee': ['admin'],
  'GET /elections/{id}/committee': 'public',
  'POST /elections/{id}/applications': ['association'],
  'GET /elections/{id}/applications': ['admin', 'committee', 'auditor', 'association'],
  'POST /applications/{id}/appeal': ['association'],
  'GET /elections/{id}/contests/{contestId}/roll': 'public',
  'POST /elections/{id}/candidates': ['association'],
  'GET /elections/{id}/candidates': 'public',
  'POST /elections/{id}/proposals': ['committee'],
  'GET /elections/{id}/proposals': ['admin', 'committee', 'auditor'],
  'POST /proposals/{id}/approvals': ['committee'],
  'POST /proposals/{id}/against': ['committee'],
  'POST /proposals/{id}/withdrawal': ['committee'],
  'POST /elections/{id}/statements': ['committee'],
  'GET /elections/{id}/ceremony': 'public',
  'POST /elections/{id}/ceremony/keys': ['committee'],
  'POST /elections/{id}/ceremony/dealings': ['committee'],
  'POST /elections/{id}/ceremony/verifications': ['committee'],
  'GET /elections/{id}/manifest': 'public',
  'GET /elections/{id}/issuance': 'public',
  'POST /elections/{id}/issuers': ['committee'],
  'GET /elections/{id}/issuers': 'public',
  'POST /elections/{id}/issuer-logs': ['committee'],
  'POST /issuance/requests': ['association'],
  'POST /issuance/status': ['association'],
  'POST /issuance/pending': ['committee'],
  'POST /issuance/signatures': ['committee'],
  'POST /issuance/signatures/batch': ['committee'],
  'POST /elections/{id}/ballots': 'public',
  'GET /elections/{id}/board': 'public',
  'POST /elections/{id}/board/witnesses': ['committee'],
  'GET /elections/{id}/board/tracking/{code}': 'public',
  'GET /elections/{id}/tally': 'public',
  'POST /elections/{id}/tally/shares': ['committee'],
  'GET /elections/{id}/results': 'public',
  'GET /elections/{id}/report': 'public',
  'GET /elections/{id}/record': 'public',
  'POST /elections/{id}/complaints': ['association', 'committee', 'auditor'],
  'GET /elections/{id}/complaints': 'public',
};

let t: TestApp;
let m: ModelElection;
let tokens: Record<Role, string>;
let associationId: string;

beforeAll(async () => {
  t = await createTestApp();
  m = await createModelElection(t);
  const [assoc] = await registerAssociations(t, m.adminToken, 1, 'plwha');
  associationId = assoc!.id;
  const auditor = await createStaffAccount(t, m.adminToken, 'auditor@observa.test');
  tokens = { admin: m.adminToken, committee: m.members[0]!, association: assoc!.token, auditor: await auditor.token() };
});
afterAll(async () => t?.close());

function concretePath(path: string): string {
  const id = path.startsWith('/associations/') ? associationId : path.startsWith('/elections/') ? m.electionId : randomUUID();
  return path.replace('{id}', id).replace('{contestId}', m.contests.plwha!).replace('{code}', 'ab'.repeat(32));
}

describe('authorization matrix', () => {
  it('covers exactly the routes of the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/docs/json')).json();
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${p}`));
    expect(routes.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, access] of Object.entries(MATRIX)) {
    it(`${route}: ${access === 'public' ? 'public' : access.join(', ')}`, async () => {
      const [method, path] = route.split(' ') as ['GET' | 'POST', string];
      const url = concretePath(path);
      const body = method === 'POST' ? {} : undefined;
      const anonymous = await t.call(method, url, { body });
      if (access === 'public') {
        expect(anonymous.statusCode, anonymous.body).not.toBe(401);
        expect(anonymous.statusCode).not.toBe(403);
      } else {
        expect(anonymous.statusCode, anonymous.body).toBe(401);
        expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      for (const role of ALL) {
        const r = await t.call(method, url, { token: tokens[role], body });
        const allowed = access === 'public' || access.includes(role);
        if (allowed) {
          expect([401, 403], `${role} should pass: ${r.body}`).not.toContain(r.statusCode);
        } else {
          expect(r.statusCode, `${role} should be denied: ${r.body}`).toBe(403);
          expect(r.json().code).toBe('forbidden');
        }
      }
    });
  }

  it('no route lets the administrator set or read a password: only the owner sends one, and no answer carries one', async () => {
    const doc = (await t.call('GET', '/docs/json')).json();
    const names = (schema: unknown, out: string[] = []): string[] => {
      if (Array.isArray(schema)) for (const x of schema) names(x, out);
      else if (schema && typeof schema === 'object') {
        for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
          if (k === 'properties' && v && typeof v === 'object') out.push(...Object.keys(v));
          names(v, out);
        }
      }
      return out;
    };
    const sendsPassword: string[] = [];
    const answersPassword: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: unknown; responses?: unknown }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (names(op.requestBody).some((n) => /password/i.test(n))) sendsPassword.push(`${method.toUpperCase()} ${path}`);
        if (names(op.responses).some((n) => /password/i.test(n))) answersPassword.push(`${method.toUpperCase()} ${path}`);
      }
    }
    // Signing in, the owner's own change (no account named: the token's), and activation by the invitation's holder.
    expect(sendsPassword.sort()).toEqual(['POST /auth/login', 'POST /auth/password', 'POST /invitations/activate']);
    for (const route of sendsPassword) expect(MATRIX[route] === 'public' || MATRIX[route] === ALL, route).toBe(true);
    expect(answersPassword).toEqual([]);
  });

  it('an administrator\'s password change changes only the administrator\'s own password', async () => {
    const auditorHash = async () => (await t.store.read.accounts.byEmail('auditor@observa.test'))!.passwordHash;
    const before = await auditorHash();
    const r = await t.call('POST', '/auth/password', { token: tokens.admin, body: { oldPassword: 'not-the-admin-password', newPassword: 'intento-de-cambio-1' } });
    expect(r.statusCode).toBe(403);
    expect(await auditorHash()).toBe(before);
    // A body naming another account is not even read: the route has no such field.
    const other = await t.call('POST', '/auth/password', { token: tokens.admin, body: { accountId: randomUUID(), oldPassword: 'x', newPassword: 'intento-de-cambio-1' } });
    expect(other.statusCode).toBe(400);
  });

  it('refuses a forged or expired token', async () => {
    const forged = tokens.admin.slice(0, -4) + (tokens.admin.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await t.call('GET', '/auth/me', { token: forged })).statusCode).toBe(401);
    const expired = t.app.jwt.sign({ sub: randomUUID(), role: 'admin', aid: null, mid: null, gen: 0 }, { expiresIn: -10 });
    expect((await t.call('GET', '/auth/me', { token: expired })).statusCode).toBe(401);
  });
});
