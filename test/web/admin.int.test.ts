/**
 * The administration page in Chromium (issue 13), in Spanish at 360 px and in English at
 * 1280 px. An administrator signs in and, through the page only: creates an election by
 * the form (dates out of order and a rule below its floor are stopped in the page first),
 * chooses its languages and whether it has a token window (rule `tokenWindow`; a token
 * window date without the window is stopped), invites a committee member, registers one association by its form, and imports associations from CSV files — one with bad rows
 * imports nothing and names each row and line; one the page accepts but the server
 * refuses (a registration number already registered) imports nothing either and names the
 * row; a good one registers every row. The letters of every new account are shown, one
 * per printed page, and downloaded as one file. When the session has ended (here: the
 * password changed elsewhere) the next action brings the sign-in dialog over the page,
 * which keeps the typed form; signed in again, the action is repeated and done. axe (WCAG 2.1
 * AA) finds nothing; Tab alone reaches every control, each with a visible focus ring (the
 * sign-in form, the signed-in page, the CSV preview, the session dialog); screenshots go to
 * test-results/web. The form also defines a seventh constituency with a two-seat regional
 * contest, from the template the constituencies API (GET /templates/constituencies) serves.
 */
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount, type TestAccount } from '../helpers/accounts.js';
import { ADMIN, type TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectKeyboardReachable, expectNoSidewaysScroll, launchBrowser, newContext, pressOn, screenshot, waitForNewOutcome } from '../helpers/browser.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let adminToken: string;

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  adminToken = await t.login(ADMIN.email, ADMIN.password);
  // The template the form starts from: without it the seventh constituency below cannot be defined.
  const template = await t.call('GET', '/templates/constituencies');
  expect(template.statusCode, template.body).toBe(200);
  // An association registered beforehand: a CSV naming its registration number is refused by the server.
  const r = await t.call('POST', '/associations', { token: adminToken, body: {
    legalName: 'Asociación Previa', registrationNumber: 'PREV-1', region: 'puno', constituencies: ['tb'], contactName: 'C', contactEmail: 'c@previa.test', accountEmail: 'previa@previa.test',
  } });
  expect(r.statusCode, r.body).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const HEADER = 'legalName,registrationNumber,region,constituencies,contactName,contactEmail,contactPhone,accountEmail';
const csvRow = (tag: string, i: number, over: Partial<Record<'name' | 'reg' | 'region' | 'cons' | 'email', string>> = {}) =>
  [`"${over.name ?? `Asociación ${tag.toUpperCase()} ${i}, filial`}"`, over.reg ?? `${tag}-${i}`, over.region ?? ['cusco', 'lima_metropolitana', 'madre_de_dios'][i % 3],
    over.cons ?? (i % 2 === 0 ? 'plwha' : 'plwha;tb'), `Contacto ${i}`, `contacto-${tag}-${i}@csv.test`, i % 2 === 0 ? '' : '+51 1 555 0101', over.email ?? `cuenta-${tag}-${i}@csv.test`].join(',');
const csvFile = (rows: string[]) => ({ name: 'asociaciones.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`) });

async function check(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  await expectNoSidewaysScroll(page);
  await screenshot(page, name);
}

async function count(): Promise<number> {
  return ((await t.call('GET', '/associations', { token: adminToken })).json() as unknown[]).length;
}

async function signIn(page: Page, who: TestAccount | typeof ADMIN): Promise<void> {
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await waitForNewOutcome(page, page.getByTestId('signed-in'), () => pressOn(page, page.getByTestId('signin')));
}

const runs = [
  // Spanish: only Spanish, and no token window; English: English then Spanish, with the window.
  { lang: 'es', width: 360, tag: 'es', languages: ['es'], tokenWindow: false, words: { order: 'debe ser posterior', floor: 'debe ser al menos 2', row: 'Fila 2 (línea 3)', server: 'rechazó', expired: 'Su sesión terminó', lapsed: 'Lo que tenía en la página se conserva.' } },
  { lang: 'en', width: 1280, tag: 'en', languages: ['en', 'es'], tokenWindow: true, words: { order: 'must come after', floor: 'must be at least 2', row: 'Row 2 (line 3)', server: 'refused', expired: 'Your session ended', lapsed: 'What you had on the page is kept.' } },
] as const;

describe('administration page', () => {
  for (const run of runs) {
    it(`${run.lang} at ${run.width} px: election by form, committee, CSV import all-or-nothing, letters, expired session`, async () => {
      const admin = await createStaffAccount(t, adminToken, `admin-${run.tag}@web.test`, 'admin');
      const context = await newContext(browser, run.width);
      const page = await context.newPage();
      const shot = (step: string) => check(page, `admin-${run.lang}-${run.width}-${step}`);
      try {
        await page.goto(`${baseUrl}/app/admin.html?lang=${run.lang}`);
        await page.getByTestId('signin-form').waitFor();
        await shot('signin');
        await expectKeyboardReachable(page);
        await signIn(page, admin);
        await page.getByTestId('election-form').waitFor();
        await shot('signed-in');

        // The election: dates out of order and a threshold below its floor are stopped in the page.
        const title = `Elección ${run.tag} por formulario`;
        await page.locator('#e-title').fill(title);
        await page.locator('#date-accreditationOpens').fill('2027-02-01T09:00');
        await page.locator('#date-accreditationCloses').fill('2027-01-15T18:00');
        await page.locator('#date-tokensOpen').fill('2027-03-01T08:00');
        await page.locator('#date-votingOpens').fill('2027-03-01T08:00');
        await page.locator('#date-votingCloses').fill('2027-03-02T20:00');
        await page.locator('#rule-threshold').fill('1');
        await page.locator('#e-languages').selectOption(run.languages.join(','));
        expect(await page.locator('#rule-tokenWindow').isChecked()).toBe(true);
        if (!run.tokenWindow) await page.locator('#rule-tokenWindow').uncheck();
        await pressOn(page, page.getByTestId('add-contest'));
        await page.locator('#contest-title-0').fill('Personas con VIH');
        await page.locator('#contest-seats-0').fill('2');
        await page.locator('#contest-votefor-0').fill('2');
        await pressOn(page, page.getByTestId('add-contest'));
        await page.locator('#contest-cons-1').selectOption('tb');
        await page.locator('#contest-title-1').fill('Tuberculosis');
        // A seventh constituency, defined by the committee, with a two-seat regional contest.
        await pressOn(page, page.getByTestId('add-constituency'));
        const i = (await page.getByTestId('constituency-row').count()) - 1;
        expect(i).toBe(6);
        await page.locator(`#cons-code-${i}`).fill('regional_norte');
        await page.locator(`#cons-es-${i}`).fill('Región Norte');
        await page.locator(`#cons-en-${i}`).fill('Northern Region');
        await pressOn(page, page.getByTestId('add-contest'));
        await page.locator('#contest-cons-2').selectOption('regional_norte');
        await page.locator('#contest-title-2').fill('Escaños regionales del norte');
        await page.locator('#contest-seats-2').fill('2');
        await expectKeyboardReachable(page);
        const before = (await t.call('GET', '/elections')).json().length;
        await pressOn(page, page.getByTestId('create-election'));
        const errors = page.getByTestId('election-errors');
        await errors.waitFor();
        expect(await errors.textContent()).toContain(run.words.order);
        // The token window opening with voting leaves no window.
        expect(await errors.textContent()).toContain(run.lang === 'es' ? '«Abre la votación» debe ser posterior a «Abre la entrega de fichas».' : '"Voting opens" must come after "Token window opens".');
        expect(await errors.textContent()).toContain(run.words.floor);
        // A token window date without the window is stopped too.
        const without = run.lang === 'es' ? 'solo tiene sentido con la ventana de fichas' : 'only makes sense with the token window';
        if (run.tokenWindow) expect(await errors.textContent()).not.toContain(without);
        else expect(await errors.textContent()).toContain(without);
        expect((await t.call('GET', '/elections')).json().length).toBe(before);
        await shot('election-refused');
        await page.locator('#date-accreditationCloses').fill('2027-02-15T18:00');
        await page.locator('#date-tokensOpen').fill(run.tokenWindow ? '2027-02-25T08:00' : '');
        await page.locator('#rule-threshold').fill('2');
        await waitForNewOutcome(page, page.locator('#flash.ok'), () => pressOn(page, page.getByTestId('create-election')));
        const created = ((await t.call('GET', '/elections')).json() as { id: string; title: string }[]).find((e) => e.title === title)!;
        const election = (await t.call('GET', `/elections/${created.id}`)).json();
        expect(election.timeline).toEqual({
          accreditationOpens: new Date('2027-02-01T09:00').toISOString(), accreditationCloses: new Date('2027-02-15T18:00').toISOString(),
          ...(run.tokenWindow && { tokensOpen: new Date('2027-02-25T08:00').toISOString() }), votingOpens: new Date('2027-03-01T08:00').toISOString(), votingCloses: new Date('2027-03-02T20:00').toISOString(),
        });
        expect(election.rules).toMatchObject({ threshold: 2, approvalSectors: 2, minRollSize: 5, tokenWindow: run.tokenWindow });
        expect(election.languages).toEqual(run.languages);
        expect(election.contests.map((c: { constituency: string; title: string; seats: number; maxSelections: number }) => [c.constituency, c.title, c.seats, c.maxSelections])).toEqual([
          ['plwha', 'Personas con VIH', 2, 2], ['tb', 'Tuberculosis', 1, 1],
          ['regional_norte', 'Escaños regionales del norte', 2, 1],
        ]);
        expect(await page.getByTestId('election-choice').inputValue()).toBe(created.id);

        // A committee member, invited from the page.
        await page.locator('#member-form-fullName').fill(`Rosa Quispe ${run.tag}`);
        await page.locator('#member-form-sector').selectOption('civil_society');
        await page.locator('#member-form-organisation').fill('Red de pacientes');
        await page.locator('#member-form-role').selectOption('chair');
        await page.locator('#member-form-accountEmail').fill(`rosa-${run.tag}@web.test`);
        await waitForNewOutcome(page, page.locator('#flash.ok'), () => pressOn(page, page.locator('[data-testid="member-form"] button[type="submit"]')));
        expect((await t.call('GET', `/elections/${created.id}/committee`)).json()).toMatchObject([{ fullName: `Rosa Quispe ${run.tag}`, sector: 'civil_society', role: 'chair' }]);
        expect(await page.locator('.letter').count()).toBe(1);

        // One association registered by the form.
        const F = '[data-testid="association-form"]';
        await page.locator('#association-form-legalName').fill(`Asociación Única ${run.tag}`);
        await page.locator('#association-form-registrationNumber').fill(`una-${run.tag}`);
        await page.locator('#association-form-region').selectOption('loreto');
        await page.locator(`${F} input[name="constituencies"][value="tb"]`).check();
        await page.locator('#association-form-contactName').fill('Luis Rojas');
        await page.locator('#association-form-contactEmail').fill(`luis-${run.tag}@web.test`);
        await page.locator('#association-form-accountEmail').fill(`una-${run.tag}@web.test`);
        await waitForNewOutcome(page, page.locator('#flash.ok'), () => pressOn(page, page.locator(`${F} button[type="submit"]`)));
        expect(((await t.call('GET', '/associations', { token: adminToken })).json() as { registrationNumber: string }[]).find((a) => a.registrationNumber === `una-${run.tag}`))
          .toMatchObject({ legalName: `Asociación Única ${run.tag}`, region: 'loreto', constituencies: ['tb'], contactPhone: null });
        expect(await page.locator('.letter').count()).toBe(2);

        // A CSV with bad rows: the page names each row and line, offers no import, and nothing is registered.
        const start = await count();
        await page.getByTestId('csv-file').setInputFiles(csvFile([csvRow(run.tag, 1), csvRow(run.tag, 2, { region: 'atlantis' }), csvRow(run.tag, 3, { reg: `${run.tag}-1` })]));
        await page.getByTestId('csv-bad-row').first().waitFor();
        const summary = await page.getByTestId('csv-summary').textContent();
        expect(summary).toContain(run.words.row);
        expect(summary).toContain('atlantis');
        expect(summary).toContain(run.lang === 'es' ? 'Fila 3 (línea 4)' : 'Row 3 (line 4)');
        expect(await page.getByTestId('csv-bad-row').count()).toBe(2);
        expect(await page.getByTestId('csv-import').count()).toBe(0);
        await shot('csv-bad');

        // A CSV the page accepts but the server refuses: nothing is registered, and the row is named.
        await page.getByTestId('csv-file').setInputFiles(csvFile([csvRow(run.tag, 1), csvRow(run.tag, 2, { reg: 'PREV-1' }), csvRow(run.tag, 3)]));
        await page.getByTestId('csv-import').waitFor();
        await waitForNewOutcome(page, page.getByTestId('csv-bad-row'), () => pressOn(page, page.getByTestId('csv-import')));
        const refused = await page.getByTestId('csv-summary').textContent();
        expect(refused).toContain(run.words.server);
        expect(refused).toContain(run.words.row);
        expect(refused).toContain('PREV-1');
        expect(await count()).toBe(start);
        await shot('csv-server-refused');

        // A good CSV: every row registered, each with its letter.
        const n = 12;
        await page.getByTestId('csv-file').setInputFiles(csvFile(Array.from({ length: n }, (_, i) => csvRow(run.tag, i + 1))));
        await page.getByTestId('csv-import').waitFor();
        expect(await page.getByTestId('csv-row').count()).toBe(n);
        await shot('csv-preview');
        await expectKeyboardReachable(page);
        await waitForNewOutcome(page, page.locator('#flash.ok'), () => pressOn(page, page.getByTestId('csv-import')));
        expect(await count()).toBe(start + n);
        const registered = ((await t.call('GET', '/associations', { token: adminToken })).json() as { registrationNumber: string; legalName: string; constituencies: string[] }[])
          .filter((a) => a.registrationNumber.startsWith(`${run.tag}-`));
        expect(registered.find((a) => a.registrationNumber === `${run.tag}-3`)).toMatchObject({ legalName: `Asociación ${run.tag.toUpperCase()} 3, filial`, constituencies: ['plwha', 'tb'] });
        expect(await page.locator('.letter').count()).toBe(2 + n);

        // The letters: shown once, printed one per page, downloaded as one file.
        expect(await page.getByTestId('once-warning').textContent()).toContain(run.lang === 'es' ? 'una sola vez' : 'only once');
        const letters = await page.locator('.letter-text').allTextContents();
        expect(letters[2]).toContain(`Asociación ${run.tag.toUpperCase()} 1, filial`);
        expect(letters[1]).toContain('/app/activate.html#code=');
        const [download] = await Promise.all([page.waitForEvent('download'), pressOn(page, page.getByTestId('download-letters'))]);
        const file = await readFile((await download.path())!, 'utf8');
        expect(file.split('\f')).toHaveLength(2 + n);
        for (const l of letters) expect(file).toContain(l);
        await shot('letters');
        await page.emulateMedia({ media: 'print' });
        expect(await page.getByTestId('election-choice').isVisible()).toBe(false);
        expect(await page.locator('.letter').first().isVisible()).toBe(true);
        expect(await page.locator('.letter').first().evaluate((el) => getComputedStyle(el).breakAfter)).toBe('page');
        await screenshot(page, `admin-${run.lang}-${run.width}-letters-print`);
        await page.emulateMedia({ media: 'screen' });

        // The session ends elsewhere (the password changed): the next action brings the sign-in
        // dialog over the page, which keeps the form as typed; signed in again, the action is repeated.
        const change = await t.call('POST', '/auth/password', { token: await admin.token(), body: { oldPassword: admin.password, newPassword: `${admin.password}-nueva` } });
        expect(change.statusCode, change.body).toBe(200);
        const auditorEmail = page.locator('#auditor-form-email');
        await auditorEmail.fill(`auditor-${run.tag}@web.test`);
        const dialog = page.getByTestId('session-dialog');
        await waitForNewOutcome(page, dialog, () => pressOn(page, page.locator('[data-testid="auditor-form"] button[type="submit"]')));
        expect(await dialog.getByTestId('session-lapsed').textContent()).toContain(run.words.lapsed);
        expect(await page.locator('#session-email').inputValue()).toBe(admin.email);
        expect(await page.getByTestId('flash').textContent()).toContain(run.words.expired);
        expect(await page.getByTestId('signed-in').count()).toBe(1);
        expect(await auditorEmail.inputValue()).toBe(`auditor-${run.tag}@web.test`);
        await shot('expired');
        await expectKeyboardReachable(page);
        await page.locator('#session-password').fill(`${admin.password}-nueva`);
        await pressOn(page, page.getByTestId('session-signin'));
        await dialog.waitFor({ state: 'detached' });
        expect(await auditorEmail.inputValue()).toBe(`auditor-${run.tag}@web.test`);
        await waitForNewOutcome(page, page.locator('[data-testid="flash"].ok'), () => pressOn(page, page.locator('[data-testid="auditor-form"] button[type="submit"]')));
        expect(await page.getByTestId('flash').textContent()).toContain(`auditor-${run.tag}@web.test`);
        expect(await page.getByTestId('election-choice').inputValue()).toBe(created.id);
      } finally {
        await context.close();
      }
    }, 300_000);
  }
});
