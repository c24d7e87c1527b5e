/**
 * The languages an election is run in (issue 13): `POST /elections` takes an ordered list
 * of `es` / `en`, the first the default; omitted, Spanish then English. It is stored and
 * returned by `GET /elections/:id`; an election stored before the field reads as Spanish
 * then English. An empty list, an unknown code, a repeated one or a string instead of a
 * list is refused with 400 problem+json in Spanish and English; the domain refuses them
 * too, without the HTTP schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElection } from '../../src/domain/elections.service.js';
import { DomainError } from '../../src/domain/errors.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let adminToken: string;

beforeAll(async () => {
  t = await createTestApp();
  adminToken = await t.login('admin@test.pe', 'admin-password-123');
});
afterAll(async () => { await t?.close(); });

const body = (over: Record<string, unknown>) => ({ title: 'Idiomas', contests: [{ constituency: 'tb', title: 'TB', seats: 1 }], ...over });

describe('election languages', () => {
  it('defaults to Spanish then English, and a stored election without them reads the same', async () => {
    const r = await t.call('POST', '/elections', { token: adminToken, body: body({}) });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().languages).toEqual(['es', 'en']);
    await t.database.db.updateTable('elections').set({ languages: null }).where('id', '=', r.json().id).execute();
    expect((await t.call('GET', `/elections/${r.json().id}`)).json().languages).toEqual(['es', 'en']);
  });

  it.each([[['en', 'es']], [['en']], [['es']]])('stores %j in its order and returns it', async (languages) => {
    const r = await t.call('POST', '/elections', { token: adminToken, body: body({ languages }) });
    expect(r.statusCode, r.body).toBe(201);
    const got = await t.call('GET', `/elections/${r.json().id}`);
    expect(got.json().languages).toEqual(languages);
    expect(((await t.call('GET', '/elections')).json() as { id: string; languages: string[] }[]).find((e) => e.id === r.json().id)!.languages).toEqual(languages);
  });

  it.each<[string, unknown]>([
    ['an empty list', []], ['an unknown language', ['es', 'fr']], ['a repeated language', ['es', 'es']], ['a string', 'es'], ['three languages', ['es', 'en', 'es']],
  ])('refuses %s (400 problem+json in Spanish and English), creating nothing', async (_name, languages) => {
    const before = (await t.call('GET', '/elections')).json().length;
    const inEs = await t.call('POST', '/elections', { token: adminToken, body: body({ languages }) });
    expect(inEs.statusCode, inEs.body).toBe(400);
    expect(inEs.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(inEs.json()).toMatchObject({ code: 'validation_failed', lang: 'es' });
    expect(inEs.json().detail).toMatch(/languages/);
    const inEn = await t.call('POST', '/elections', { token: adminToken, body: body({ languages }), headers: { 'accept-language': 'en' } });
    expect(inEn.statusCode).toBe(400);
    expect(inEn.json()).toMatchObject({ lang: 'en', title: 'Invalid request' });
    expect((await t.call('GET', '/elections')).json().length).toBe(before);
  });

  it('the domain refuses a bad list on its own (not relying on the HTTP schema)', async () => {
    const admin = (await t.store.read.accounts.byEmail('admin@test.pe'))!;
    for (const languages of [[], ['fr'], ['es', 'es']]) {
      const made = createElection(t.store, { accountId: admin.id, role: 'admin', associationId: null, committeeMemberId: null }, {
        title: 'Dominio', languages: languages as never, contests: [{ constituency: 'tb', title: 'TB', seats: 1 }],
      });
      await expect(made).rejects.toBeInstanceOf(DomainError);
      await expect(made).rejects.toMatchObject({ code: 'validation_failed' });
    }
  });
});
