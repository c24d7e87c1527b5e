/**
 * Votes against and withdrawals in the committee console (Chromium): a member of a second
 * sector votes against a pending proposal (it stays pending, the vote shown), a member of
 * a third sector votes against too and the proposal is rejected; its proposer withdraws
 * another of their own proposals, which only the proposer is offered. Every vote is the
 * member's signature over the proposal's statement, checked by the API.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, keepKeyAndTypePassphrase, launchBrowser, newContext, pressOn, screenshot, waitForNewOutcome } from '../helpers/browser.js';
import { type ModelElection, createModelElection, movePhase, proposeAs, registerAssociations } from '../helpers/model-case.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let m: ModelElection;
let toReject: string;
let toWithdraw: string;

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  m = await createModelElection(t, undefined, 'votes');
  await movePhase(t, m, 'accreditation');
  const associations = await registerAssociations(t, m.adminToken, 2, 'plwha', 'vot');
  const apps: string[] = [];
  for (const a of associations) {
    const r = await t.call('POST', `/elections/${m.electionId}/applications`, { token: a.token, body: { contestId: m.contests.plwha } });
    expect(r.statusCode, r.body).toBe(201);
    apps.push(r.json().id);
  }
  // The government member proposes to accredit both: one will be voted down, the other withdrawn.
  for (const id of apps) {
    const p = await proposeAs(t, m, 0, { kind: 'accreditation_decision', applicationId: id, decision: 'accredit' });
    expect(p.statusCode, p.body).toBe(202);
  }
  const proposals = (await t.call('GET', `/elections/${m.electionId}/proposals`, { token: m.members[0] })).json() as { id: string; subjectId: string }[];
  toReject = proposals.find((p) => p.subjectId === apps[0])!.id;
  toWithdraw = proposals.find((p) => p.subjectId === apps[1])!.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, i: number, lang = ''): Promise<void> {
  await page.goto(`${baseUrl}/app/committee.html?election=${m.electionId}${lang}`);
  await page.locator('#email').fill(m.memberAccounts[i]!.email);
  await page.locator('#password').fill(m.memberAccounts[i]!.password);
  await keepKeyAndTypePassphrase(page, m.memberAccounts[i]!);
  await page.locator('#password').press('Enter');
  await page.getByTestId('signed-in').waitFor();
}

async function statusOf(id: string): Promise<string> {
  const list = (await t.call('GET', `/elections/${m.electionId}/proposals`, { token: m.members[0] })).json() as { id: string; status: string }[];
  return list.find((p) => p.id === id)!.status;
}

const outcome = (page: Page) => page.locator('[data-testid="flash"]:not(.empty)');

describe('votes against and withdrawals in the console', () => {
  it('a vote against leaves the proposal pending; a second sector against rejects it', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, 1);
    const card = page.getByTestId(`proposal-${toReject}`);
    // Not the proposer: no withdrawal offered.
    expect(await page.getByTestId(`withdraw-${toReject}`).count()).toBe(0);
    await waitForNewOutcome(page, outcome(page), () => pressOn(page, page.getByTestId(`against-${toReject}`)));
    expect(await page.getByTestId('flash').textContent())
      .toBe('Voto en contra registrado. La propuesta sigue pendiente: se rechaza con votos en contra de 2 sectores distintos.');
    expect(await card.getByTestId('votes-against').textContent()).toBe('En contra: ✗ sociedad civil (Carlos Huamán)');
    expect(await card.textContent()).toContain('Usted votó en contra.');
    expect(await page.getByTestId(`against-${toReject}`).count()).toBe(0);
    expect(await statusOf(toReject)).toBe('pending');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-es-1280-10-against');
    await context.close();

    const english = await newContext(browser, 360);
    const other = await english.newPage();
    await signIn(other, 2, '&lang=en');
    await waitForNewOutcome(other, outcome(other), () => pressOn(other, other.getByTestId(`against-${toReject}`)));
    expect(await other.getByTestId('flash').textContent()).toBe('Vote against recorded: the proposal is rejected.');
    expect(await other.getByTestId(`proposal-${toReject}`).count()).toBe(0);
    expect(await statusOf(toReject)).toBe('rejected');
    const closed = other.getByTestId('closed-proposals');
    await closed.locator('summary').click();
    expect(await closed.getByTestId(`closed-${toReject}`).textContent()).toMatch(/^Accredit Asociación VOT Esperanza 1 in .* — rejected \(/);
    expect(await axeViolations(other)).toEqual([]);
    await screenshot(other, 'committee-en-360-10-rejected');
    await english.close();
  });

  it('the proposer withdraws their own pending proposal', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, 0);
    const card = page.getByTestId(`proposal-${toWithdraw}`);
    expect(await card.textContent()).toContain('Usted ya la aprobó.');
    await waitForNewOutcome(page, outcome(page), () => pressOn(page, page.getByTestId(`withdraw-${toWithdraw}`)));
    expect(await page.getByTestId('flash').textContent()).toBe('Propuesta retirada: ya no puede aprobarse.');
    expect(await page.getByTestId(`proposal-${toWithdraw}`).count()).toBe(0);
    expect(await statusOf(toWithdraw)).toBe('withdrawn');
    await page.getByTestId('closed-proposals').locator('summary').click();
    expect(await page.getByTestId(`closed-${toWithdraw}`).textContent()).toContain('— retirada (');
    expect(await page.getByTestId(`closed-${toReject}`).textContent()).toContain('— rechazada (');
    await screenshot(page, 'committee-es-1280-11-withdrawn');
    await context.close();
  });
});
