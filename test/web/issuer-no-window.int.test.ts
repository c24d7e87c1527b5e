/**
 * The issuers' page for an election WITHOUT the token window (rule `tokenWindow` off;
 * issue 13): two members of two sectors generate and register their keys in their pages,
 * the election opens straight into voting, and the pages sign an association's request
 * while voting is open. The timeline announces no end of voting, so the pages keep
 * signing until each member ends its issuance with the page's button "End issuance and
 * post my logs": the first member's logs do not let the close through (the other's are
 * missing), the second's do. axe (WCAG 2.1 AA) finds nothing on the page with the button.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { fetchManifest } from '../../src/client/manifest.js';
import { beginIssuedToken, collectIssuedToken } from '../../src/client/voter.js';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectNoSidewaysScroll, launchBrowser, newContext, pressOn, screenshot, waitForNewOutcome, signInMemberKeepingKey } from '../helpers/browser.js';
import { movePhase, proposeAs, voteAs } from '../helpers/model-case.js';
import { acknowledgeSmallRoll, prepareVotingElection, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 300_000 });
let t: TestApp;
let baseUrl: string;
let browser: Browser;
let v: VotingElection;
const PASS = (i: number) => `emisor-${i}-sin-ventana`;
const ACCOUNT_PASS = 'frase-de-la-cuenta-de-prueba';
const pages: { context: BrowserContext; page: Page }[] = [];

async function openMember(i: number, width: number, lang: 'es' | 'en'): Promise<Page> {
  const context = await newContext(browser, width);
  const page = await context.newPage();
  pages.push({ context, page });
  await page.goto(`${baseUrl}/app/issuer.html?election=${v.electionId}&lang=${lang}`);
  const account = v.memberAccounts[i]!;
  // The account key as the activation page keeps it in this browser.
  await signInMemberKeepingKey(page, account, ACCOUNT_PASS);
  return page;
}

const phaseStatus = async () => (await t.call('GET', `/elections/${v.electionId}/phase`)).json() as { next: string; blockers: { code: string }[] };

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  browser = await launchBrowser();
  v = await prepareVotingElection(t, { plwha: 2, tb: 2 }, 'inw', undefined, undefined, { tokenWindow: false, issuers: false });
});

afterAll(async () => {
  for (const p of pages) await p.context.close();
  await browser?.close();
  await t?.close();
});

describe('token issuers in the browser, without the token window', () => {
  it('the pages sign while voting is open, and each member ends its issuance with its logs; the close waits for both', async () => {
    const [a, b] = [await openMember(0, 1280, 'es'), await openMember(1, 360, 'en')];
    await Promise.all([a, b].map(async (page, i) => {
      await page.locator('#account-passphrase').fill(ACCOUNT_PASS);
      await page.locator('#new-passphrase').fill(PASS(i));
      await page.locator('#new-passphrase2').fill(PASS(i));
      await page.getByTestId('run-generate').click();
      await page.getByTestId('registered').waitFor({ timeout: 300_000 });
    }));

    for (const c of ['plwha', 'tb'] as const) await acknowledgeSmallRoll(t, v, c);
    const open = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'voting' });
    expect(open.statusCode, open.body).toBe(202);
    expect((await voteAs(t, v, 2, open.json().proposal)).statusCode).toBe(200);

    // Each page opens the key file it holds and signs.
    await a.getByRole('button', { name: 'Actualizar' }).click();
    await b.getByRole('button', { name: 'Refresh' }).click();
    for (const [i, page] of [a, b].entries()) {
      await page.getByTestId('run-issue').waitFor();
      await page.locator('#keyfile-passphrase').fill(PASS(i));
      await page.locator('#account-passphrase').fill(ACCOUNT_PASS);
      await page.getByTestId('run-issue').click();
      await page.getByTestId('end-issuance').waitFor({ timeout: 120_000 });
    }
    const loaded = await fetchManifest(new ApiClient({ baseUrl }), v.electionId);
    if (!loaded.ok) throw new Error(loaded.reason);
    const entry = v.rolls.plwha![0]!;
    const attempt = beginIssuedToken(loaded.decoded, v.contests.plwha!, { associationId: entry.id, secretKey: entry.account.signingSecretKey });
    expect((await t.call('POST', '/issuance/requests', { token: entry.token, body: attempt.body })).statusCode).toBe(200);
    const got = await collectIssuedToken(new ApiClient({ baseUrl, token: entry.token }), loaded.decoded, attempt, { pollMs: 250, attempts: 400 });
    expect(got.ok).toBe(true);
    expect(await a.getByTestId('end-issuance').textContent()).toBe('Terminar la emisión y publicar mis registros');
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'issuer-no-window-es-1280-signing');
    await expectNoSidewaysScroll(b);
    expect(await axeViolations(b)).toEqual([]);
    await screenshot(b, 'issuer-no-window-en-360-signing');
    expect((await phaseStatus()).blockers.map((x) => x.code)).toEqual(['issuer_logs_missing', 'issuer_logs_missing']);

    // The first member ends its issuance: its logs are posted, the close still waits for the other's.
    await waitForNewOutcome(a, a.getByTestId('logs'), () => pressOn(a, a.getByTestId('end-issuance')));
    expect(await a.getByTestId('logs').textContent()).toBe('Emisión terminada: 2 registro(s) de emisión publicado(s). No firmará más fichas en esta elección.');
    expect(await a.getByTestId('end-issuance').count()).toBe(0);
    const logs = async () => (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events
      .filter((e: { kind: string }) => e.kind === 'issuer_log').map((e: { payload: { log: { memberId: string } } }) => e.payload.log.memberId);
    expect(await logs()).toEqual([v.memberIds[0], v.memberIds[0]]);
    expect((await phaseStatus()).blockers.map((x) => x.code)).toEqual(['issuer_logs_missing', 'issuer_logs_missing']);
    const early = await proposeAs(t, v, 1, { kind: 'phase_change', to: 'closed' });
    expect(early.statusCode).toBe(409);

    // The second one too: nothing blocks the close any more.
    await waitForNewOutcome(b, b.getByTestId('logs'), () => pressOn(b, b.getByTestId('end-issuance')));
    expect(await b.getByTestId('logs').textContent()).toBe('Issuance ended: 2 issuance log(s) posted. You will sign no more tokens in this election.');
    expect((await phaseStatus()).blockers).toEqual([]);
    await movePhase(t, v, 'closed');
    expect((await t.call('GET', `/elections/${v.electionId}`)).json().phase).toBe('closed');
  });
});
