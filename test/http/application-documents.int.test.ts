/**
 * An application for accreditation carries its documents described in text: kept as
 * sent (trimmed), shown to the association and the committee, none when left out, and
 * refused past 5,000 characters with nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type ModelElection, type RegisteredAssociation, createModelElection, movePhase, registerAssociations } from '../helpers/model-case.js';

let t: TestApp;
let m: ModelElection;
let associations: RegisteredAssociation[];

beforeAll(async () => {
  t = await createTestApp();
  m = await createModelElection(t, undefined, 'docs');
  await movePhase(t, m, 'accreditation');
  associations = await registerAssociations(t, m.adminToken, 3, 'plwha', 'docs');
});

afterAll(async () => {
  await t?.close();
});

const apply = (i: number, body: Record<string, unknown>) =>
  t.call('POST', `/elections/${m.electionId}/applications`, { token: associations[i]!.token, body: { contestId: m.contests.plwha, ...body } });

describe('documents of an application', () => {
  it('are kept as described and shown to the association and the committee', async () => {
    const r = await apply(0, { documents: '  Estatuto y ficha registral (partida 1234).  ' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().documents).toBe('Estatuto y ficha registral (partida 1234).');
    const own = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: associations[0]!.token })).json() as { documents: string }[];
    expect(own.map((a) => a.documents)).toEqual(['Estatuto y ficha registral (partida 1234).']);
    const all = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: m.members[1] })).json() as { id: string; documents: string }[];
    expect(all.find((a) => a.id === r.json().id)!.documents).toBe('Estatuto y ficha registral (partida 1234).');
  });

  it('are none when left out', async () => {
    const r = await apply(1, {});
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().documents).toBe('');
  });

  it('past 5,000 characters are refused and nothing is stored', async () => {
    const r = await apply(2, { documents: 'x'.repeat(5001) });
    expect(r.statusCode).toBe(400);
    expect(String(r.headers['content-type'])).toContain('application/problem+json');
    const own = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: associations[2]!.token })).json() as unknown[];
    expect(own).toEqual([]);
  });
});
