/**
 * The committee console in Chromium: a member of a second sector approves a pending
 * accreditation (and the application becomes accredited), a rejection without a reason is
 * stopped in the page, a rejection with one becomes a proposal awaiting another sector, a
 * refused phase change shows the API's failed preconditions; the key ceremony's progress
 * and who has posted decryption shares are shown as on the board.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { decryptTally } from '../../src/client/trustee.js';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectNoSidewaysScroll, launchBrowser, newContext, pressOn, screenshot } from '../helpers/browser.js';
import { type ClientElection, changePhaseWithClient, openClientElection } from '../helpers/client-election.js';
import { COMMITTEE, createModelElection, movePhase, registerAssociations, type ModelElection } from '../helpers/model-case.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let m: ModelElection;
let applications: { id: string; name: string }[];
let voted: ClientElection;

const account = (i: number, tag: string) => ({ email: COMMITTEE[i]!.accountEmail.replace('@', `+${tag}@`), password: COMMITTEE[i]!.accountPassword });

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  m = await createModelElection(t, undefined, 'console');
  await movePhase(t, m, 'accreditation');
  const associations = await registerAssociations(t, m.adminToken, 3, 'plwha', 'cons');
  applications = [];
  for (const [i, a] of associations.entries()) {
    const r = await t.call('POST', `/elections/${m.electionId}/applications`, { token: a.token, body: { contestId: m.contests.plwha } });
    expect(r.statusCode, r.body).toBe(201);
    applications.push({ id: r.json().id, name: `Asociación CONS Esperanza ${i + 1}` });
  }
  // The government member proposes to accredit the first applicant: it waits for another sector.
  const p = await t.call('POST', `/elections/${m.electionId}/proposals`, {
    token: m.members[0], body: { kind: 'accreditation_decision', applicationId: applications[0]!.id, decision: 'accredit' },
  });
  expect(p.statusCode, p.body).toBe(202);

  // A second election, voted and closed, with one trustee's decryption posted.
  voted = await openClientElection(t, baseUrl, { plwha: 5, tb: 5 }, 'cer');
  await changePhaseWithClient(baseUrl, voted, 'closed');
  const r = await decryptTally(new ApiClient({ baseUrl, token: voted.members[0]! }), voted.electionId, voted.trusteeSecrets[0]!, async () => {});
  expect(r.ok && r.posted).toBe(true);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, electionId: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/app/committee.html?election=${electionId}`);
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await page.locator('#password').press('Enter');
  await page.getByTestId('signed-in').waitFor();
}

async function applicationStatus(id: string): Promise<string> {
  const list = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: m.members[0] })).json() as { id: string; status: string }[];
  return list.find((a) => a.id === id)!.status;
}

describe('the committee console in Chromium', () => {
  it('a member of another sector approves a pending accreditation, which then takes effect', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, m.electionId, account(2, 'console'));
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual: acreditación.');
    expect(await page.getByTestId('blockers').textContent()).toContain('3 solicitudes de acreditación sin decidir');
    const card = page.getByTestId('proposals').locator('li').first();
    expect(await card.locator('h3').textContent()).toBe(`Acreditar a ${applications[0]!.name} en «Personas que viven con VIH»`);
    expect(await card.textContent()).toContain('✓ gobierno (Rosa Quispe)');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-es-1280-01-pending');

    await pressOn(page, card.getByRole('button', { name: 'Aprobar' }));
    await expect.poll(() => page.getByTestId('flash').textContent()).toBe('Aprobación registrada: la decisión se ejecutó.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('flash');
    expect(await applicationStatus(applications[0]!.id)).toBe('accredited');
    expect(await page.getByTestId(`application-${applications[0]!.id}`).count()).toBe(0);
    expect(await page.getByTestId('blockers').textContent()).toContain('2 solicitudes de acreditación sin decidir');
    await screenshot(page, 'committee-es-1280-02-approved');
    await context.close();
  });

  it('a rejection needs a reason in the page; with one it becomes a proposal awaiting another sector (English, 360 px)', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/committee.html?election=${m.electionId}&lang=en`);
    await page.locator('#email').fill(account(1, 'console').email);
    await page.locator('#password').fill(account(1, 'console').password);
    await page.locator('#password').press('Enter');
    await page.getByTestId('signed-in').waitFor();
    const app = applications[1]!;
    await pressOn(page, page.getByTestId(`reject-${app.id}`));
    expect(await page.getByTestId(`application-${app.id}`).textContent()).toContain('Write the reason.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`reason-${app.id}`);
    expect(await applicationStatus(app.id)).toBe('pending');

    await page.locator(`#reason-${app.id}`).fill('Registro vencido');
    await pressOn(page, page.getByTestId(`reject-${app.id}`));
    await expect.poll(() => page.getByTestId('flash').textContent()).toContain('It needs the approval of a member of another sector.');
    const card = page.getByTestId('proposals').locator('li').filter({ hasText: `Reject the accreditation of ${app.name}` });
    expect(await card.textContent()).toContain('✓ civil society (Carlos Huamán)');
    expect(await card.textContent()).toContain('You have approved it.');
    expect(await applicationStatus(app.id)).toBe('pending');
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-en-360-03-rejection-proposed');
    await context.close();
  });

  it('a refused phase change shows the preconditions that failed, as the API lists them', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, m.electionId, account(0, 'console'));
    await pressOn(page, page.getByTestId('propose-phase'));
    await expect.poll(() => page.getByTestId('flash').getAttribute('role')).toBe('alert');
    const text = await page.getByTestId('flash').textContent();
    expect(text).toContain('No se puede pasar a «nominations»');
    expect(text).toContain('2 solicitudes de acreditación sin decidir');
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual: acreditación.');
    await screenshot(page, 'committee-es-1280-04-phase-refused');
    await context.close();
  });

  it('the start page lists the elections with their phase and a way into each page', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(`${baseUrl}/app/`);
    const card = page.locator('li.card').filter({ has: page.locator('h3', { hasText: 'Elección CONAMUSA 2026' }) });
    await expect.poll(() => card.count()).toBeGreaterThan(0);
    const links = await page.locator('li.card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain(`./committee.html?election=${m.electionId}`);
    expect(links).toContain(`./auditor.html?election=${voted.electionId}`);
    // Only an election in the voting phase offers the booth; the closed one does not.
    expect(links).not.toContain(`./booth.html?election=${voted.electionId}`);
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'home-es-360');
    await context.close();
  });

  it('shows the key ceremony\'s progress and which trustees have posted decryption shares', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, voted.electionId, account(1, 'cer'));
    const rows = page.getByTestId('ceremony').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    for (let i = 0; i < 3; i++) expect((await rows.nth(i).locator('td').allTextContents())).toEqual(['✓ publicado', '✓ publicado', '✓ publicado']);
    expect(await page.getByText('La clave conjunta de la elección está lista.').count()).toBe(1);
    expect(await page.getByTestId('shares-progress').textContent()).toBe('1 de los 2 descifrados parciales necesarios publicados.');
    const shares = await page.getByTestId('shares').locator('li').allTextContents();
    expect(shares[0]).toContain('✓ publicó su descifrado parcial');
    expect(shares[1]).toContain('no ha publicado');
    expect(shares[2]).toContain('no ha publicado');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-es-1280-05-ceremony');
    await context.close();
  });
});
