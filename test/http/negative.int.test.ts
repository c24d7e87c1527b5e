/**
 * Refusals: each names what failed, and malformed input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Validator } from '@seriousme/openapi-schema-validator';
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { MAX_SEQ } from '../../src/record/board.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { UNSTORABLE_TEXT, hostileTokens } from '../helpers/hostile.js';
import { activateInvitation } from '../helpers/accounts.js';
import { COMMITTEE, createModelElection, decide, movePhase, proposeAs, proposeWith, registerAssociations, voteAs, voteWith, type ModelElection, type RegisteredAssociation } from '../helpers/model-case.js';

let t: TestApp;
/** A committee member as the administrator creates them: no password (the member chooses it at activation). */
const memberBody = (i: number) => {
  const { accountPassword: _, ...body } = COMMITTEE[i]!;
  return body;
};
let m: ModelElection;
let assoc: RegisteredAssociation[];

beforeAll(async () => {
  t = await createTestApp({ bodyLimit: 16 * 1024 });
  m = await createModelElection(t);
  assoc = await registerAssociations(t, m.adminToken, 3, 'plwha');
});
afterAll(async () => t?.close());

async function tableCounts(): Promise<Record<string, number>> {
  const tables = ['associations', 'elections', 'contests', 'committee_members', 'accounts', 'applications', 'candidates', 'proposals', 'approvals', 'audit_log', 'complaints', 'board_events'];
  const out: Record<string, number> = {};
  for (const name of tables) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(t.database.db);
    out[name] = Number(r.rows[0]!.n);
  }
  return out;
}

describe('phases and committee', () => {
  it('refuses to leave draft without the required sectors, naming them', async () => {
    const r0 = await t.call('POST', '/elections', { token: m.adminToken, body: { title: 'Sin cooperación', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] } });
    const id = r0.json().id;
    const members = [
      { ...memberBody(0), accountEmail: 'g1@x.test' },
      { ...memberBody(1), sector: 'ngo', accountEmail: 'n1@x.test' },
      { ...memberBody(2), sector: 'academia', accountEmail: 'a1@x.test' },
    ];
    const created = [];
    for (const mm of members) {
      const res = await t.call('POST', `/elections/${id}/committee`, { token: m.adminToken, body: mm });
      expect(res.statusCode).toBe(201);
      created.push(res.json());
    }
    const chair = await activateInvitation(t, created[0].invitation.code, COMMITTEE[0].accountPassword);
    const r = await proposeWith(t, id, await chair.token(), chair.signingSecretKey, { kind: 'phase_change', to: 'accreditation' }, { 'accept-language': 'en' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('precondition_failed');
    expect(r.json().failed).toEqual(['committee_missing_sectors']);
    expect(r.json().detail).toContain('civil_society');
    expect(r.json().i18n.es.detail).toContain('faltan miembros');
    expect((await t.call('GET', `/elections/${id}`)).json().phase).toBe('draft');
    // The election and its contests are read at once: an unknown one is still a 404.
    expectProblem(await t.call('GET', '/elections/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });

  it('keeps the election in draft while two trustees of one sector could decrypt alone (threshold 2)', async () => {
    const r0 = await t.call('POST', '/elections', { token: m.adminToken, body: { title: 'Dos del ministerio', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] } });
    const id = r0.json().id;
    const members = [
      { ...memberBody(0), accountEmail: 'g2@x.test' }, { ...memberBody(1), accountEmail: 'c2s@x.test' },
      { ...memberBody(2), accountEmail: 'i2@x.test' }, { ...memberBody(0), role: 'member', accountEmail: 'g3@x.test' },
    ];
    for (const mm of members) expect((await t.call('POST', `/elections/${id}/committee`, { token: m.adminToken, body: mm })).statusCode).toBe(201);
    const status = (await t.call('GET', `/elections/${id}/phase`)).json();
    expect(status.blockers.map((b: { code: string }) => b.code)).toEqual(['threshold_single_sector']);
    expect(status.blockers[0].en).toContain('government');
  });

  it('refuses a phase change out of order, naming the next phase', async () => {
    const r = await proposeAs(t, m, 0, { kind: 'phase_change', to: 'nominations' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('phase_order');
    expect(r.json().detail).toContain('accreditation');
    expect(r.json().i18n.es.detail).toContain('acreditación (accreditation)');
  });

  it('refuses a second chair', async () => {
    const r0 = await t.call('POST', '/elections', { token: m.adminToken, body: { title: 'Otra', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] } });
    const ok = await t.call('POST', `/elections/${r0.json().id}/committee`, { token: m.adminToken, body: { ...memberBody(0), accountEmail: 'c1@x.test' } });
    expect(ok.statusCode).toBe(201);
    const r = await t.call('POST', `/elections/${r0.json().id}/committee`, { token: m.adminToken, body: { ...memberBody(1), role: 'chair', accountEmail: 'c2@x.test' } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('committee_role_taken');
  });
});

describe('multi-sector decisions', () => {
  let second: ModelElection & { extraGov: string; extraGovKey: Uint8Array };
  let applicationId: string;

  beforeAll(async () => {
    // A committee of four: a second government member cannot complete a decision alone.
    // Two government trustees must not be able to decrypt alone either: threshold 3.
    const base = await createModelElection(t, [{ constituency: 'plwha', title: 'PVVS', seats: 2 }], 'second', { threshold: 3 });
    const res = await t.call('POST', `/elections/${base.electionId}/committee`, {
      token: m.adminToken,
      body: { fullName: 'Luis Paredes', sector: 'government', organisation: 'Ministerio de Salud', role: 'member', accountEmail: 'lparedes@minsa.test' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const extra = await activateInvitation(t, res.json().invitation.code, 'comite-minsa-2027');
    second = { ...base, extraGov: await extra.token(), extraGovKey: extra.signingSecretKey };
    await movePhase(t, second, 'accreditation');
    const a = await t.call('POST', `/elections/${second.electionId}/applications`, { token: assoc[0]!.token, body: { contestId: second.contests.plwha } });
    expect(a.statusCode, a.body).toBe(201);
    applicationId = a.json().id;
  });

  it('a decision approved by members of one sector only does not take effect', async () => {
    const p = await proposeAs(t, second, 0, { kind: 'accreditation_decision', applicationId, decision: 'accredit' });
    expect(p.statusCode).toBe(202);
    const proposal = p.json().proposal;
    const same = await voteWith(t, second.extraGov, second.extraGovKey, proposal);
    expect(same.statusCode).toBe(202);
    expect(same.json().status).toBe('pending');
    expect(same.json().proposal.approvingSectors).toEqual(['government']);
    const apps = (await t.call('GET', `/elections/${second.electionId}/applications`, { token: second.members[0] })).json();
    expect(apps[0].status).toBe('pending');

    const again = await voteWith(t, second.extraGov, second.extraGovKey, proposal);
    expect(again.json().code).toBe('already_approved');
    const other = await voteAs(t, m, 1, proposal);
    expect(other.statusCode).toBe(403);

    const cross = await voteAs(t, second, 1, proposal);
    expect(cross.statusCode).toBe(200);
    expect(cross.json().status).toBe('executed');
    expect(cross.json().proposal.approvals).toHaveLength(3);
    const after = (await t.call('GET', `/elections/${second.electionId}/applications`, { token: second.members[0] })).json();
    expect(after[0].status).toBe('accredited');
  });

  it('refuses a second pending proposal on the same matter', async () => {
    const b = await t.call('POST', `/elections/${second.electionId}/applications`, { token: assoc[1]!.token, body: { contestId: second.contests.plwha } });
    const body = { kind: 'accreditation_decision', applicationId: b.json().id, decision: 'reject', reason: 'Falta documentación' };
    expect((await proposeAs(t, second, 0, body)).statusCode).toBe(202);
    const dup = await proposeAs(t, second, 1, body);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('proposal_pending');
  });

  it('refuses a rejection without a reason', async () => {
    const c = await t.call('POST', `/elections/${second.electionId}/applications`, { token: assoc[2]!.token, body: { contestId: second.contests.plwha } });
    const r = await proposeAs(t, second, 0, { kind: 'accreditation_decision', applicationId: c.json().id, decision: 'reject' });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('decision_not_allowed');
  });
});

describe('what an association may not do', () => {
  it('cannot accredit itself', async () => {
    await movePhase(t, m, 'accreditation');
    const a = await t.call('POST', `/elections/${m.electionId}/applications`, { token: assoc[0]!.token, body: { contestId: m.contests.plwha } });
    expect(a.statusCode).toBe(201);
    const r = await t.call('POST', `/elections/${m.electionId}/proposals`, { token: assoc[0]!.token, body: { kind: 'accreditation_decision', applicationId: a.json().id, decision: 'accredit' } });
    expect(r.statusCode).toBe(403);
    expect(r.json().type).toBe('urn:anfora:problem:forbidden');
  });

  it('cannot see another association', async () => {
    expect((await t.call('GET', `/associations/${assoc[0]!.id}`, { token: assoc[0]!.token })).statusCode).toBe(200);
    const r = await t.call('GET', `/associations/${assoc[1]!.id}`, { token: assoc[0]!.token });
    expect(r.statusCode).toBe(403);
    const me = (await t.call('GET', '/auth/me', { token: assoc[0]!.token })).json();
    expect(me.associationId).toBe(assoc[0]!.id);
  });

  it('sees only its own applications', async () => {
    await t.call('POST', `/elections/${m.electionId}/applications`, { token: assoc[1]!.token, body: { contestId: m.contests.plwha } });
    const mine = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: assoc[0]!.token })).json();
    expect(mine.map((x: { associationId: string }) => x.associationId)).toEqual([assoc[0]!.id]);
  });

  it('cannot apply outside its constituency', async () => {
    const r = await t.call('POST', `/elections/${m.electionId}/applications`, { token: assoc[2]!.token, body: { contestId: m.contests.tb } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('not_in_constituency');
  });

  it('cannot nominate in a constituency where it is not accredited', async () => {
    const apps = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: m.members[0] })).json();
    for (const a of apps) await decide(t, m, { kind: 'accreditation_decision', applicationId: a.id, decision: a.associationId === assoc[1]!.id ? 'reject' : 'accredit', reason: 'Motivo' });
    // The TB contest needs someone on its roll before nominations open.
    const [tbAssoc] = await registerAssociations(t, m.adminToken, 1, 'tb');
    // Applications close with the accreditation phase; the TB association applies now.
    const tbApp = await t.call('POST', `/elections/${m.electionId}/applications`, { token: tbAssoc!.token, body: { contestId: m.contests.tb } });
    await decide(t, m, { kind: 'accreditation_decision', applicationId: tbApp.json().id, decision: 'accredit' });
    await movePhase(t, m, 'nominations');
    const nom = { fullName: 'Ana', employer: 'Base', implementsGlobalFund: false };
    const rejected = await t.call('POST', `/elections/${m.electionId}/candidates`, { token: assoc[1]!.token, body: { contestId: m.contests.plwha, ...nom } });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().code).toBe('not_accredited');
    const otherContest = await t.call('POST', `/elections/${m.electionId}/candidates`, { token: assoc[0]!.token, body: { contestId: m.contests.tb, ...nom } });
    expect(otherContest.json().code).toBe('not_accredited');
    const ok = await t.call('POST', `/elections/${m.electionId}/candidates`, { token: assoc[0]!.token, body: { contestId: m.contests.plwha, ...nom } });
    expect(ok.statusCode).toBe(201);
  });
});

describe('bad input changes nothing', () => {
  it('refuses a duplicate registration number', async () => {
    const before = await tableCounts();
    const r = await t.call('POST', '/associations', {
      token: m.adminToken,
      body: { legalName: 'Copia', registrationNumber: 'plwha-1000', region: 'cusco', constituencies: ['plwha'], contactName: 'X', contactEmail: 'x@x.test', accountEmail: 'nuevo@x.test' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('duplicate_registration_number');
    expect(await tableCounts()).toEqual(before);
  });

  const malformed: [string, string, string | Buffer, Record<string, string>?][] = [
    ['not JSON', '/associations', '{"legalName": ', { 'content-type': 'application/json' }],
    ['a wrong type', '/associations', JSON.stringify({ legalName: 7 }), { 'content-type': 'application/json' }],
    ['an unknown region', '/associations', JSON.stringify({ legalName: 'A', registrationNumber: 'r-1', region: 'atlantis', constituencies: ['plwha'], contactName: 'X', contactEmail: 'x@x.test', accountEmail: 'q@x.test' }), { 'content-type': 'application/json' }],
    ['an extra field', '/elections', JSON.stringify({ title: 'E', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }], phase: 'published' }), { 'content-type': 'application/json' }],
    ['a password set by the administrator', '/accounts', JSON.stringify({ email: 'a@b.test', password: 'una-clave-larga-1', role: 'auditor' }), { 'content-type': 'application/json' }],
    ['a password set by the administrator for an association', '/associations', JSON.stringify({ legalName: 'A', registrationNumber: 'r-2', region: 'cusco', constituencies: ['plwha'], contactName: 'X', contactEmail: 'x@x.test', accountEmail: 'q2@x.test', accountPassword: 'una-clave-larga-1' }), { 'content-type': 'application/json' }],
    ['decisions by one sector (approvalSectors 1)', '/elections', JSON.stringify({ title: 'E', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }], rules: { approvalSectors: 1 } }), { 'content-type': 'application/json' }],
    ['decryption by one trustee (threshold 1)', '/elections', JSON.stringify({ title: 'E', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }], rules: { threshold: 1 } }), { 'content-type': 'application/json' }],
    ['a committee of one sector', '/elections', JSON.stringify({ title: 'E', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }], rules: { composition: { minDistinctSectors: 1, requiredSectors: [] } } }), { 'content-type': 'application/json' }],
    ['a timeline out of order', '/elections', JSON.stringify({ title: 'E', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }], timeline: { votingOpens: '2026-05-02T00:00:00Z', votingCloses: '2026-05-01T00:00:00Z' } }), { 'content-type': 'application/json' }],
    ['an oversized body', '/elections', JSON.stringify({ title: 'x'.repeat(20_000), contests: [] }), { 'content-type': 'application/json' }],
    ['a wrong content type', '/elections', 'title=E', { 'content-type': 'application/x-www-form-urlencoded' }],
  ];
  for (const [what, url, payload, headers] of malformed) {
    it(`answers ${what} with a 4xx problem and no change`, async () => {
      const before = await tableCounts();
      const r = await t.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${m.adminToken}`, ...headers } });
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = r.json();
      expect(body.type).toMatch(/^urn:anfora:problem:/);
      expect(body.i18n.es.detail.length).toBeGreaterThan(0);
      expect(body.i18n.en.detail.length).toBeGreaterThan(0);
      expect(await tableCounts()).toEqual(before);
    });
  }

  it('names the floor or the dates that are out of order', async () => {
    const floor = await t.call('POST', '/elections', { token: m.adminToken, body: { title: 'E', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }], rules: { threshold: 1 } } });
    expect(floor.json().detail).toMatch(/threshold.*at least 2/);
    const dates = await t.call('POST', '/elections', {
      token: m.adminToken, headers: { 'accept-language': 'en' },
      body: { title: 'E', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }], timeline: { accreditationCloses: '2026-03-01T00:00:00Z', nominationsClose: '2026-02-01T00:00:00Z' } },
    });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().code).toBe('invalid_timeline');
    expect(dates.json().detail).toContain('nominationsClose must come after accreditationCloses');
  });

  it('answers an unknown route with a problem, in the requested language', async () => {
    const r = await t.call('GET', '/no-such-thing', { headers: { 'accept-language': 'en-GB' } });
    expect(r.statusCode).toBe(404);
    expect(r.json().lang).toBe('en');
    expect(r.headers['content-language']).toBe('en');
  });

  it('answers a malformed %-escape in the URL with a 400 problem, not the router\'s plain JSON', async () => {
    const r = await t.call('GET', '/elections/%E0%A4%A/board', { headers: { 'accept-language': 'es' } });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json().type).toBe('urn:anfora:problem:validation_failed');
    expect(r.json().detail).toBeTypeOf('string');
  });

  it('limits sign-in attempts', async () => {
    const limited = await createTestApp({ loginRateLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.call('POST', '/auth/login', { body: { email: 'x@y.test', password: 'wrong' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('sets security headers', async () => {
    const r = await t.call('GET', '/health');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toBeDefined();
  });
});

/** A 4xx problem document with this status and code, in both languages. */
function expectProblem(r: LightMyRequestResponse, status: number, code: string): void {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(r.json().code).toBe(code);
  expect(r.json().i18n.es.detail.length).toBeGreaterThan(0);
  expect(r.json().i18n.en.detail.length).toBeGreaterThan(0);
}

describe('hostile input is a 4xx, never a 500', () => {
  // Each token is bad in one way only; on a public route it is simply not looked at.
  for (const [flaw, token] of Object.entries(hostileTokens('admin'))) {
    it(`an access token with ${flaw} is a 401 on every protected route, and changes nothing`, async () => {
      const before = await tableCounts();
      expectProblem(await t.call('GET', '/auth/me', { token }), 401, 'unauthenticated');
      expectProblem(await t.call('GET', '/associations', { token }), 401, 'unauthenticated');
      expectProblem(await t.call('POST', '/elections', { token, body: { title: 'Forjada', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] } }), 401, 'unauthenticated');
      expectProblem(await t.call('POST', `/elections/${m.electionId}/phase`, { token, body: { to: 'key_ceremony' } }), 401, 'unauthenticated');
      expect((await t.call('GET', `/elections/${m.electionId}`, { token })).statusCode).toBe(200);
      expect(await tableCounts()).toEqual(before);
    });
  }

  it('the board\'s from is bounded: past PostgreSQL\'s int4 an empty page, past MAX_SEQ a 400 naming it', async () => {
    const board = (q: string) => t.call('GET', `/elections/${m.electionId}/board?${q}`);
    for (const from of [2 ** 31 - 1, 2 ** 31, MAX_SEQ]) {
      const r = await board(`from=${from}`);
      expect(r.statusCode, `from=${from}: ${r.body}`).toBe(200);
      expect(r.json().events).toEqual([]);
    }
    for (const q of [`from=${MAX_SEQ + 1}`, 'from=1e400', 'from=99999999999999999999', 'from=-1', 'from=1.5', 'from=abc', 'from=1&from=2']) {
      const r = await board(q);
      expectProblem(r, 400, 'validation_failed');
      expect(r.json().errors.join(' '), q).toContain('querystring/from');
    }
    for (const q of ['limit=0', 'limit=501', `limit=${2 ** 53}`]) {
      const r = await board(q);
      expectProblem(r, 400, 'validation_failed');
      expect(r.json().errors.join(' '), q).toContain('querystring/limit');
    }
  });

  /** Every kind of free-text field: where it is, who may send it, a valid body around the bad text, and the path the 400 names. */
  const fields: { field: string; url: () => string; token: () => string; body: (x: string) => unknown }[] = [
    { field: 'body/title', url: () => '/elections', token: () => m.adminToken, body: (x) => ({ title: x, contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] }) },
    { field: 'body/contests/0/title', url: () => '/elections', token: () => m.adminToken, body: (x) => ({ title: 'E', contests: [{ constituency: 'tb', title: x, seats: 1 }] }) },
    { field: 'body/description', url: () => '/elections', token: () => m.adminToken, body: (x) => ({ title: 'E', description: x, contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] }) },
    {
      field: 'body/legalName', url: () => '/associations', token: () => m.adminToken,
      body: (x) => ({ legalName: x, registrationNumber: 'r-nul', region: 'cusco', constituencies: ['plwha'], contactName: 'X', contactEmail: 'x@x.test', accountEmail: 'nul@x.test', accountPassword: 'una-clave-larga-1' }),
    },
    {
      field: 'body/contactName', url: () => '/associations', token: () => m.adminToken,
      body: (x) => ({ legalName: 'A', registrationNumber: 'r-nul', region: 'cusco', constituencies: ['plwha'], contactName: x, contactEmail: 'x@x.test', accountEmail: 'nul@x.test', accountPassword: 'una-clave-larga-1' }),
    },
    {
      field: 'body/fullName', url: () => `/elections/${m.electionId}/committee`, token: () => m.adminToken,
      body: (x) => ({ ...COMMITTEE[2], fullName: x, accountEmail: 'nul-member@x.test' }),
    },
    { field: 'body/employer', url: () => `/elections/${m.electionId}/candidates`, token: () => assoc[0]!.token, body: (x) => ({ contestId: m.contests.plwha, fullName: 'Ana', employer: x, implementsGlobalFund: false }) },
    { field: 'body/statement', url: () => `/elections/${m.electionId}/candidates`, token: () => assoc[0]!.token, body: (x) => ({ contestId: m.contests.plwha, fullName: 'Ana', employer: 'E', implementsGlobalFund: false, statement: x }) },
    { field: 'body/region', url: () => `/elections/${m.electionId}/candidates`, token: () => assoc[0]!.token, body: (x) => ({ contestId: m.contests.plwha, fullName: 'Ana', employer: 'E', implementsGlobalFund: false, region: x }) },
    { field: 'body/text', url: () => `/applications/${randomUUID()}/appeal`, token: () => assoc[1]!.token, body: (x) => ({ text: x }) },
    { field: 'body/reason', url: () => `/elections/${m.electionId}/proposals`, token: () => m.members[0]!, body: (x) => ({ kind: 'appeal_decision', applicationId: randomUUID(), decision: 'uphold', reason: x }) },
    { field: 'body/reasoning', url: () => `/elections/${m.electionId}/proposals`, token: () => m.members[0]!, body: (x) => ({ kind: 'complaint_answer', complaintId: randomUUID(), decision: 'dismissed', reasoning: x }) },
    { field: 'body/text', url: () => `/elections/${m.electionId}/complaints`, token: () => m.members[0]!, body: (x) => ({ category: 'other', text: x, showIdentity: false }) },
    {
      field: 'body/attachments/0/name', url: () => `/elections/${m.electionId}/complaints`, token: () => m.members[0]!,
      body: (x) => ({ category: 'other', text: 'Reclamo', attachments: [{ name: x, sha256: 'ab'.repeat(32) }], showIdentity: false }),
    },
  ];
  for (const [what, text] of Object.entries(UNSTORABLE_TEXT)) {
    it(`text with ${what} is a 400 naming the field, in every kind of free-text field, and changes nothing`, async () => {
      const before = await tableCounts();
      for (const f of fields) {
        const r = await t.call('POST', f.url(), { token: f.token(), body: f.body(text) });
        expectProblem(r, 400, 'validation_failed');
        expect(r.json().errors, `${f.field} in ${f.url()}`).toContainEqual(expect.stringMatching(new RegExp(`^${f.field}: .*U\\+0000`)));
      }
      expect(await tableCounts()).toEqual(before);
    });
  }

  it('a sign-in whose client is already gone is rate-limited like any other, with no error logged', async () => {
    const logLines: string[] = [];
    const limited = await createTestApp({ loginRateLimit: 3, logLines });
    try {
      const url = new URL(await limited.app.listen({ host: '127.0.0.1', port: 0 }));
      const body = JSON.stringify({ email: 'x@y.test', password: 'wrong' });
      // The whole request, then a reset: the server reads the request from a socket already closed.
      for (let i = 0; i < 20; i++) {
        await new Promise<void>((resolve, reject) => {
          const socket = connect(Number(url.port), '127.0.0.1', () => {
            socket.write(`POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
            socket.resetAndDestroy();
            resolve();
          });
          socket.on('error', reject);
        });
      }
      // Let the server process what it read.
      await new Promise((r) => setTimeout(r, 500));
      expect(logLines.filter((l) => JSON.parse(l).level >= 50)).toEqual([]);
      // A client still there has its own budget (another account: sign-ins are also counted per account).
      const other = JSON.stringify({ email: 'z@y.test', password: 'wrong' });
      const r = await fetch(new URL('/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: other });
      expect(r.status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('OpenAPI', () => {
  it('/docs/json is a valid OpenAPI 3 document', async () => {
    const doc = (await t.call('GET', '/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.components.schemas)).toContain('Problem');
  });
});
