/**
 * A nomination carries the candidate's campaign statement and region (issue 13): kept as
 * sent (trimmed), returned by the nomination and the public candidates list, '' when left
 * out; refused with a 400 naming the field past their bounds or with U+0000 or a lone
 * surrogate, with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANDIDATE_REGION_MAX, CANDIDATE_STATEMENT_MAX } from '../../src/http/schemas.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type ModelElection, type RegisteredAssociation, createModelElection, decide, movePhase, registerAssociations } from '../helpers/model-case.js';

let t: TestApp;
let m: ModelElection;
let nominator: RegisteredAssociation;

beforeAll(async () => {
  t = await createTestApp();
  m = await createModelElection(t, [{ constituency: 'plwha', title: 'Personas que viven con VIH', seats: 2 }], 'cstmt');
  await movePhase(t, m, 'accreditation');
  nominator = (await registerAssociations(t, m.adminToken, 1, 'plwha', 'cstmt'))[0]!;
  const a = await t.call('POST', `/elections/${m.electionId}/applications`, { token: nominator!.token, body: { contestId: m.contests.plwha } });
  expect(a.statusCode, a.body).toBe(201);
  await decide(t, m, { kind: 'accreditation_decision', applicationId: a.json().id, decision: 'accredit' });
  await movePhase(t, m, 'nominations');
});

afterAll(async () => {
  await t?.close();
});

const nominate = (fullName: string, extra: Record<string, unknown>) => t.call('POST', `/elections/${m.electionId}/candidates`, {
  token: nominator.token, body: { contestId: m.contests.plwha, fullName, employer: 'Red Andina', implementsGlobalFund: false, ...extra },
});
const listed = async () => (await t.call('GET', `/elections/${m.electionId}/candidates`)).json() as { id: string; fullName: string; statement: string; region: string }[];

describe('a candidate\'s statement and region', () => {
  it('are kept as sent (trimmed) and returned by the nomination and the public list', async () => {
    const statement = `  Diez años acompañando a personas con VIH en Iquitos.\nPropongo: ${'más acceso a tratamiento; '.repeat(40)}`.slice(0, CANDIDATE_STATEMENT_MAX);
    const r = await nominate('Lucía Ramírez', { statement, region: '  Loreto  ' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ statement: statement.trim(), region: 'Loreto' });
    const c = (await listed()).find((x) => x.id === r.json().id)!;
    expect([c.statement, c.region]).toEqual([statement.trim(), 'Loreto']);
  });

  it('are \'\' when left out', async () => {
    const r = await nominate('Jorge Salas', {});
    expect(r.statusCode, r.body).toBe(201);
    expect([r.json().statement, r.json().region]).toEqual(['', '']);
  });

  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['a statement past 2,000 characters', { statement: 'x'.repeat(CANDIDATE_STATEMENT_MAX + 1) }, /^body\/statement: /],
    ['a region past 100 characters', { region: 'r'.repeat(CANDIDATE_REGION_MAX + 1) }, /^body\/region: /],
    ['a statement with U+0000', { statement: 'Propuesta\u0000oculta' }, /^body\/statement: .*U\+0000/],
    ['a region with a lone surrogate', { region: 'Cusco\ud800' }, /^body\/region: .*U\+0000/],
  ];
  for (const [what, extra, field] of refused) {
    it(`${what} is a 400 naming the field, and nothing is stored`, async () => {
      const before = (await listed()).length;
      const r = await nominate('Rechazada Pérez', extra);
      expect(r.statusCode, r.body).toBe(400);
      expect(String(r.headers['content-type'])).toContain('application/problem+json');
      expect(r.json().errors).toContainEqual(expect.stringMatching(field));
      expect(r.json().i18n.es.detail.length).toBeGreaterThan(0);
      expect(r.json().i18n.en.detail.length).toBeGreaterThan(0);
      expect((await listed()).length).toBe(before);
    });
  }
});
