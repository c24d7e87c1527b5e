/**
 * The booth re-checks its own receipt after the close (issue 12 item 7), in Chromium: an
 * association votes, the committee closes voting, and the booth opened again says its
 * tracking code is still at the receipt's position with the receipt's head (green). A
 * server that then serves a board with that ballot removed and every later hash recomputed
 * — a chain that checks — is caught by the receipt alone (red, with what to do), in
 * Spanish and English.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../../src/record/board.js';
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

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  election = await openClientElection(t, baseUrl, { plwha: 2, tb: 2 }, 'recheck');
  stopIssuers = serveTestIssuers(election, await loadManifest(undefined, election.electionId, baseUrl), baseUrl);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await stopIssuers?.();
  await browser?.close();
  await t?.close();
});

type Ev = { seq: number; kind: string; at: string; payload: any; prevHash: string; hash: string };

/** The board without the ballot at `position`, every later event re-chained: what a rewriting server would serve. */
function withoutBallot(events: Ev[], position: number): Ev[] {
  const out = events.filter((e) => e.seq !== position).map((e) => ({ ...e }));
  out.forEach((e, i) => {
    e.seq = i;
    e.prevHash = i === 0 ? '00'.repeat(32) : out[i - 1]!.hash;
    e.hash = eventHash(e.prevHash, e.seq, e.kind, e.at, e.payload);
  });
  return out;
}

describe('the booth after the close', () => {
  it('re-checks its receipt against the board: green while the ballot is there, red once the board is rewritten without it (es, en)', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const voter = election.rolls.plwha![0]!;
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    await page.locator('#email').fill(voter.account.email);
    await page.locator('#password').fill(BULK_PASSWORD);
    await keepKeyAndTypePassphrase(page, voter.account);
    await page.locator('#password').press('Enter');
    await pressOn(page, page.getByTestId('get-token'));
    await pressOn(page, page.getByTestId('go-vote'));
    await pressOn(page, page.getByTestId('review'));
    await pressOn(page, page.getByTestId('encrypt'));
    await pressOn(page, page.getByTestId('cast'));
    await page.getByTestId('on-board').waitFor();
    const position = Number(await page.getByTestId('position').textContent());
    const code = await page.getByTestId('tracking-code').getAttribute('data-code');

    // The committee closes voting; the booth, opened again in this tab, re-checks the receipt.
    await changePhaseWithClient(baseUrl, election, 'closed');
    await page.reload();
    await page.getByTestId('voting-closed').waitFor();
    const ok = page.getByTestId('recheck-ok');
    await ok.waitFor();
    expect(await ok.textContent()).toContain(`sigue en la posición ${position} del tablero`);
    expect(await ok.textContent()).toContain('La votación está cerrada y su voto está dentro de lo que se cuenta.');
    expect((await ok.textContent())!.replace(/\s/g, '')).toContain(code!);
    await screenshot(page, 'booth-es-360-recheck-ok');
    expect(await axeViolations(page)).toEqual([]);

    // The server now serves its board without this ballot, re-chained so that every hash recomputes.
    await page.route(/\/elections\/[^/]+\/board\?/, async (route: Route) => {
      const real = await route.fetch();
      const body = await real.json() as { events: Ev[]; head: { seq: number; hash: string } | null };
      const events = withoutBallot(body.events, position);
      const last = events.at(-1)!;
      await route.fulfill({ response: real, json: { events, head: { seq: last.seq, hash: last.hash } } });
    });
    await pressOn(page, page.getByTestId('recheck-again'));
    const bad = page.getByTestId('recheck-bad');
    await bad.waitFor();
    expect(await bad.textContent()).toContain('Su voto NO está donde su recibo dice');
    expect(await bad.textContent()).toContain('conserve el archivo del recibo');
    expect(await page.getByTestId('recheck-ok').count()).toBe(0);
    // The receipt the booth kept can still be saved, to attach to the complaint.
    const saved = page.waitForEvent('download');
    await pressOn(page, page.getByTestId('recheck-save'));
    const file = JSON.parse(readFileSync((await (await saved).path())!, 'utf8'));
    expect(file).toMatchObject({ trackingCode: code, position });
    await screenshot(page, 'booth-es-360-recheck-bad');
    expect(await axeViolations(page)).toEqual([]);

    // In English, the same verdict and the same advice.
    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => bad.textContent()).toContain('Your ballot is NOT where your receipt says');
    expect(await bad.textContent()).toContain('keep the receipt file');
    expect(errors).toEqual([]);
    await context.close();
  });
});
