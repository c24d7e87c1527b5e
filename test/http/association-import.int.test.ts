/**
 * Associations imported in bulk (issue 13): all rows good → every association, account and
 * invitation created in one request; any bad row → nothing created and the problem names
 * each bad row, its field and the reason in Spanish and English — a field the schema
 * refuses, a registration number or e-mail repeated in the file, or one already
 * registered. Only the administrator imports.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../helpers/app.js';
import { activateInvitation } from '../helpers/accounts.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(ADMIN.email, ADMIN.password);
});
afterAll(async () => t?.close());

const row = (tag: string, over: Record<string, unknown> = {}) => ({
  legalName: `Asociación ${tag}`, registrationNumber: `imp-${tag}`, region: 'cusco', constituencies: ['plwha', 'tb'],
  contactName: `Contacto ${tag}`, contactEmail: `contacto-${tag}@imp.test`, contactPhone: null, accountEmail: `cuenta-${tag}@imp.test`, ...over,
});

async function counts(): Promise<{ associations: number; accounts: number; invitations: number }> {
  const n = async (table: string) => Number(((await sql.raw(`SELECT count(*) AS n FROM ${table}`).execute(t.database.db)).rows[0] as { n: string }).n);
  return { associations: await n('associations'), accounts: await n('accounts'), invitations: await n('invitations') };
}

const importRows = (rows: unknown[], token = admin, lang = 'es') =>
  t.call('POST', '/associations/import', { token, body: { rows }, headers: { 'accept-language': lang } });

describe('POST /associations/import', () => {
  it('creates every row with its account and a working invitation', async () => {
    const before = await counts();
    const r = await importRows([row('a1'), row('a2'), row('a3', { contactPhone: '+51 1 555 0101' })]);
    expect(r.statusCode, r.body).toBe(201);
    const created = r.json().associations as { id: string; legalName: string; invitation: { code: string; letter: string; role: string } }[];
    expect(created.map((a) => a.legalName)).toEqual(['Asociación a1', 'Asociación a2', 'Asociación a3']);
    expect(created.every((a) => a.invitation.role === 'association' && a.invitation.letter.includes(a.legalName))).toBe(true);
    expect(await counts()).toEqual({ associations: before.associations + 3, accounts: before.accounts + 3, invitations: before.invitations + 3 });
    // The invitation really opens the association's account.
    const account = await activateInvitation(t, created[1]!.invitation.code, 'clave-segura-import-a2');
    const me = await t.call('GET', '/auth/me', { token: await account.token() });
    expect(me.json().associationId).toBe(created[1]!.id);
  });

  it('one bad row: nothing is created, and the row, field and reason are named in both languages', async () => {
    const before = await counts();
    const r = await importRows([row('b1'), row('b2', { region: 'atlantis', contactEmail: 'no-es-correo' }), row('b3')]);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = r.json();
    expect(body.code).toBe('import_rejected');
    expect(body.rows).toEqual([
      { row: 2, field: 'region', es: '«atlantis» no es un valor permitido', en: '"atlantis" is not an allowed value' },
      { row: 2, field: 'contactEmail', es: '«no-es-correo» no es un correo electrónico válido', en: '"no-es-correo" is not a valid e-mail address' },
    ]);
    expect(body.detail).toContain('fila 2, region');
    expect(body.i18n.en.detail).toContain('row 2, region');
    expect(await counts()).toEqual(before);
  });

  it('a missing field, an unknown column and an empty constituency list are named', async () => {
    const before = await counts();
    const { legalName: _dropped, ...noName } = row('c1');
    const r = await importRows([noName, row('c2', { colour: 'red' }), row('c3', { constituencies: [] })]);
    expect(r.statusCode, r.body).toBe(400);
    const rows = r.json().rows as { row: number; field: string; en: string }[];
    expect(rows.map((p) => [p.row, p.field])).toEqual([[1, 'legalName'], [2, 'colour'], [3, 'constituencies']]);
    expect(rows[0]!.en).toBe('the value is missing');
    expect(await counts()).toEqual(before);
  });

  it('duplicates within the file and against registered associations: nothing is created', async () => {
    const before = await counts();
    const r = await importRows([
      row('d1'),
      row('d2', { registrationNumber: 'imp-d1' }),
      row('d3', { accountEmail: 'CUENTA-D1@imp.test' }),
      row('d4', { registrationNumber: 'imp-a1' }),
      row('d5', { accountEmail: 'cuenta-a2@imp.test' }),
      row('d6'),
    ], admin, 'en');
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().detail).toMatch(/^No row was imported: row 2, registrationNumber/);
    expect((r.json().rows as { row: number; field: string; en: string }[]).map((p) => `${p.row} ${p.field}: ${p.en}`)).toEqual([
      '2 registrationNumber: repeats the value of row 1 ("imp-d1")',
      '3 accountEmail: repeats the value of row 1 ("cuenta-d1@imp.test")',
      '4 registrationNumber: an association with number "imp-a1" is already registered',
      '5 accountEmail: an account with e-mail "cuenta-a2@imp.test" already exists',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('only the administrator imports; an empty or malformed request is a 400', async () => {
    const a = await importRows([row('e1')], 'not-a-token');
    expect(a.statusCode).toBe(401);
    expect((await importRows([])).statusCode).toBe(400);
    const bad = await t.call('POST', '/associations/import', { token: admin, body: { rows: [row('e2')], extra: true } });
    expect(bad.statusCode).toBe(400);
    expect((await t.call('POST', '/associations/import', { token: admin, body: [row('e3')] })).statusCode).toBe(400);
    expect(await t.call('GET', '/associations', { token: admin }).then((r) => r.json().some((x: { registrationNumber: string }) => x.registrationNumber.startsWith('imp-e')))).toBe(false);
  });
});
