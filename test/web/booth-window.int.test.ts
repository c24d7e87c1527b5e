/**
 * The booth in the token window (issue 12), in a real browser (Debian's Chromium): while
 * the election is in `tokens` the booth says, in Spanish and English, that this is the
 * time to get the token and when voting opens (the timeline's date), hands out the token,
 * offers the token file and no way to vote; once the committee opens voting, a fresh
 * browser opens that file and votes without signing in, and the ballot is on the board.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, keepKeyAndTypePassphrase, launchBrowser, newContext, pressOn, screenshot } from '../helpers/browser.js';
import { type ClientElection, changePhaseWithClient, openClientElection } from '../helpers/client-election.js';
import { loadManifest, serveTestIssuers } from '../helpers/issuance.js';
import { BULK_PASSWORD } from '../helpers/voting.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let election: ClientElection;
/** Stops the contests' issuers, signing in the background as `issuer serve` does. */
let stopIssuers: (() => Promise<void>) | undefined;
const VOTING_OPENS = '2026-12-20T14:00:00.000Z';

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  election = await openClientElection(t, baseUrl, { plwha: 5, tb: 5 }, 'bwin', { tokenWindow: true });
  // The planned opening of voting (the timeline is the administration's, set at creation).
  await t.database.db.updateTable('elections').set({ timeline: JSON.stringify({ votingOpens: VOTING_OPENS }) }).where('id', '=', election.electionId).execute();
  stopIssuers = serveTestIssuers(election, await loadManifest(undefined, election.electionId, baseUrl), baseUrl);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await stopIssuers?.();
  await browser?.close();
  await t?.close();
});

describe('the booth in the token window', () => {
  it('hands out the token and its file in the window; after voting opens, a fresh browser votes from the file without signing in', async () => {
    const who = election.rolls.plwha![0]!;
    const first = await newContext(browser, 360);
    let page = await first.newPage();
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    const intro = page.getByTestId('token-window');
    await intro.waitFor();
    expect(await intro.textContent()).toContain('Ahora es el momento de obtener su ficha de voto');
    expect(await page.getByTestId('voting-opens').textContent()).toMatch(/^La votación abre el .*2026/);
    // No way to restore a file and vote while voting is not open.
    expect(await page.getByTestId('restore').count()).toBe(0);
    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => page.getByTestId('token-window').locator('h3').textContent()).toBe('Now is the time to get your voting token');
    expect(await page.getByTestId('voting-opens').textContent()).toMatch(/^Voting opens on .*2026/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'booth-window-en-360-01-intro');
    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('es');

    await page.locator('#email').fill(who.account.email);
    await page.locator('#password').fill(BULK_PASSWORD);
    await keepKeyAndTypePassphrase(page, who.account);
    await page.locator('#password').press('Enter');
    await pressOn(page, page.getByTestId('get-token'));
    await page.getByTestId('token-obtained').waitFor();
    const keep = page.getByTestId('window-keep');
    expect(await keep.textContent()).toContain('Guarde ahora el archivo de la ficha');
    expect(await keep.textContent()).toContain('La votación abre el');
    expect(await page.getByTestId('go-vote').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'booth-window-es-360-02-token');
    const saved = page.waitForEvent('download');
    await pressOn(page, page.getByTestId('save-token'));
    const tokenFile = readFileSync((await (await saved).path())!, 'utf8');
    expect(JSON.parse(tokenFile)).toMatchObject({ format: 'anfora-voting-credentials', electionId: election.electionId, associationId: who.id });
    await first.close();

    await changePhaseWithClient(baseUrl, election, 'voting');

    const later = await newContext(browser, 1280);
    page = await later.newPage();
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    await page.getByTestId('restore').waitFor();
    expect(await page.getByTestId('token-window').count()).toBe(0);
    await page.locator('#token-file').setInputFiles({ name: 'ficha.json', mimeType: 'application/json', buffer: Buffer.from(tokenFile) });
    await pressOn(page, page.getByTestId('go-vote'));
    await pressOn(page, page.getByTestId('review'));
    await pressOn(page, page.getByTestId('encrypt'));
    await pressOn(page, page.getByTestId('cast'));
    await page.getByTestId('on-board').waitFor();
    const code = await page.getByTestId('tracking-code').getAttribute('data-code');
    const board = (await t.call('GET', `/elections/${election.electionId}/board?limit=500`)).json().events as { kind: string; payload: { trackingCode?: string } }[];
    expect(board.filter((e) => e.kind === 'ballot').map((e) => e.payload.trackingCode)).toEqual([code]);
    // The window closed before the ballot: the count of tokens issued is on the board first.
    expect(board.findIndex((e) => e.kind === 'token_window')).toBeLessThan(board.findIndex((e) => e.kind === 'ballot'));
    await later.close();
  });
});
