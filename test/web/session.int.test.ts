/**
 * Sessions in the pages (lib/session.ts), on a server whose tokens last 6 seconds: a
 * session left idle expires and the sign-in form shows again over the page, which keeps
 * the text typed in it; only the same account can resume it, and then the page works
 * again. A page in use renews its session (`POST /auth/refresh`) and never shows the
 * form. In the committee console, the member's unlocked signing key outlives the lapse:
 * once signed in again, the member approves without unlocking it again. A session ended elsewhere (a password change) shows the form on the next request,
 * and signing out from it returns to the page's own sign-in.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectNoSidewaysScroll, keepKeyAndTypePassphrase, launchBrowser, listenWithTokenSeconds, newContext, pressOn, screenshot, waitForNewOutcome } from '../helpers/browser.js';
import { type ModelElection, type RegisteredAssociation, createModelElection, decide, movePhase, proposeAs, registerAssociations } from '../helpers/model-case.js';

// Long enough for a sign-in and its first page load on a busy machine, short enough to wait out.
const SECONDS = 6;
let t: TestApp;
let baseUrl: string;
let short: { baseUrl: string; close(): Promise<void> };
let browser: Browser;
let m: ModelElection;
let association: RegisteredAssociation;
let applicationId: string;

const DRAFT = 'Presentamos el acta de asamblea inscrita, que el comité no tuvo a la vista.';

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  m = await createModelElection(t, [{ constituency: 'plwha', title: 'Personas que viven con VIH', seats: 1 }], 'sess');
  await movePhase(t, m, 'accreditation');
  association = (await registerAssociations(t, m.adminToken, 1, 'plwha', 'ses'))[0]!;
  const r = await t.call('POST', `/elections/${m.electionId}/applications`, { token: association.token, body: { contestId: m.contests.plwha } });
  expect(r.statusCode, r.body).toBe(201);
  applicationId = r.json().id;
  await decide(t, m, { kind: 'accreditation_decision', applicationId, decision: 'reject', reason: 'Falta el acta de asamblea.' });
  short = await listenWithTokenSeconds(t, SECONDS);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await short?.close();
  await t?.close();
});

async function signIn(page: Page, base: string, lang = ''): Promise<void> {
  await page.goto(`${base}/app/portal.html?election=${m.electionId}${lang}`);
  await page.locator('#email').fill(association.email);
  await page.locator('#password').fill(association.account.password);
  await page.locator('#password').press('Enter');
  await page.getByTestId('phase').waitFor();
}

describe('sessions in the pages', () => {
  it('an idle session expires: the sign-in form shows over the page, which keeps what was typed; the same account resumes it', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, short.baseUrl);
    const draft = page.locator(`#appeal-text-${applicationId}`);
    await draft.fill(DRAFT);
    // Nothing more is done in the page: the session runs out and the form appears by itself.
    const dialog = page.getByTestId('session-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await dialog.getByTestId('session-lapsed').textContent())
      .toBe('Su sesión terminó. Inicie sesión de nuevo para continuar. Lo que tenía en la página se conserva.');
    expect(await page.locator('#session-email').inputValue()).toBe(association.email);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('session-password');
    expect(await draft.inputValue()).toBe(DRAFT);
    expect(await page.getByTestId('signed-in').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'session-es-1280-01-lapsed');

    // Another account cannot take over the page's work.
    await page.locator('#session-email').fill(m.memberAccounts[0]!.email);
    await page.locator('#session-password').fill(m.memberAccounts[0]!.password);
    await waitForNewOutcome(page, page.locator('#session-error:not(:empty)'), () => pressOn(page, page.getByTestId('session-signin')));
    expect(await page.locator('#session-error').textContent()).toContain('Esa es otra cuenta.');

    await page.locator('#session-email').fill(association.email);
    await page.locator('#session-password').fill(association.account.password);
    await pressOn(page, page.getByTestId('session-signin'));
    await dialog.waitFor({ state: 'detached' });
    expect(await draft.inputValue()).toBe(DRAFT);
    // The resumed session works: the appeal typed before the lapse is sent.
    await waitForNewOutcome(page, page.locator('[data-testid="flash"]:not(.empty)'), () => pressOn(page, page.getByTestId(`appeal-send-${applicationId}`)));
    expect(await page.getByTestId('flash').textContent()).toBe('Apelación enviada. El comité la decidirá con la aprobación de varios sectores.');
    const apps = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: m.members[0] })).json() as { id: string; appealText: string | null }[];
    expect(apps.find((a) => a.id === applicationId)!.appealText).toBe(DRAFT);
    await context.close();
  });

  it('a page in use renews its session and never asks to sign in again', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    const renewals: number[] = [];
    page.on('response', (r) => { if (r.url().endsWith('/auth/refresh')) renewals.push(r.status()); });
    await signIn(page, short.baseUrl, '&lang=en');
    // Someone reading and typing until the page has renewed its token three times and has
    // been in use for two and a half token lifetimes. The wait ends on the renewals this
    // typing causes, on the monotonic clock: a loaded machine or a step of the wall clock
    // cannot end it before the tokens had a chance to lapse.
    const start = performance.now();
    const inUse = () => performance.now() - start;
    const dialog = page.getByTestId('session-dialog');
    while ((renewals.length < 3 || inUse() < SECONDS * 2.5 * 1000) && inUse() < 60_000 && await dialog.count() === 0) {
      await page.keyboard.press('Shift');
      await page.waitForTimeout(400);
    }
    expect(await dialog.count()).toBe(0);
    expect(renewals.length, `renewals seen in ${Math.round(inUse())} ms of use`).toBeGreaterThanOrEqual(3);
    expect(renewals.every((s) => s === 200)).toBe(true);
    await waitForNewOutcome(page, page.getByTestId('phase'), () => pressOn(page, page.getByTestId('refresh')));
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByTestId('signed-in').textContent()).toBe('Signed in: Asociación SES Esperanza 1');
    await context.close();
  });

  it('the console keeps the unlocked signing key through a lapse: signed in again, the member approves at once', async () => {
    const second = (await registerAssociations(t, m.adminToken, 1, 'plwha', 'ses2'))[0]!;
    const applied = await t.call('POST', `/elections/${m.electionId}/applications`, { token: second.token, body: { contestId: m.contests.plwha } });
    expect(applied.statusCode, applied.body).toBe(201);
    const proposed = await proposeAs(t, m, 0, { kind: 'accreditation_decision', applicationId: applied.json().id, decision: 'accredit' });
    expect(proposed.statusCode, proposed.body).toBe(202);
    const proposalId = proposed.json().proposal.id as string;
    const member = m.memberAccounts[1]!;
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.goto(`${short.baseUrl}/app/committee.html?election=${m.electionId}`);
    await page.locator('#email').fill(member.email);
    await page.locator('#password').fill(member.password);
    await keepKeyAndTypePassphrase(page, member);
    await page.locator('#password').press('Enter');
    await page.getByTestId('signed-in').waitFor();
    const dialog = page.getByTestId('session-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId(`approve-${proposalId}`).count()).toBe(1);
    await screenshot(page, 'session-committee-es-1280-01-lapsed');
    await page.locator('#session-password').fill(member.password);
    await pressOn(page, page.getByTestId('session-signin'));
    await dialog.waitFor({ state: 'detached' });
    await waitForNewOutcome(page, page.locator('[data-testid="flash"]:not(.empty)'), () => pressOn(page, page.getByTestId(`approve-${proposalId}`)));
    expect(await page.getByTestId('flash').textContent()).toBe('Aprobación registrada: la decisión se ejecutó.');
    const list = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: m.members[0] })).json() as { id: string; status: string }[];
    expect(list.find((a) => a.id === applied.json().id)!.status).toBe('accredited');
    await context.close();
  });

  it('a session ended elsewhere shows the form on the next request; signing out from it returns to the sign-in page (English, 360 px)', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await signIn(page, baseUrl, '&lang=en');
    const changed = await t.call('POST', '/auth/password', {
      token: await association.account.token(), body: { oldPassword: association.account.password, newPassword: 'clave-nueva-de-la-asociacion' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    await pressOn(page, page.getByTestId('refresh'));
    const dialog = page.getByTestId('session-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('session-lapsed').textContent()).toBe('Your session has ended. Sign in again to continue. What you had on the page is kept.');
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'session-en-360-01-lapsed');
    await pressOn(page, dialog.getByRole('button', { name: 'Sign out' }));
    await dialog.waitFor({ state: 'detached' });
    await page.locator('#email').waitFor();
    expect(await page.getByTestId('signed-in').count()).toBe(0);
    await context.close();
  });
});
