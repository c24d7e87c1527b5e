/**
 * The voting booth in a real browser (Debian's Chromium): associations sign in, obtain
 * their blind tokens, choose two candidates, audit once (Benaloh), cast, keep the receipt
 * and find their tracking code — in Spanish and English, at 360 px and 1280 px, with the
 * keyboard only. The cast request is intercepted: encrypted choices only, no Cookie, no
 * Authorization. The ballots made in the page are then tallied by the trustees and the
 * counts must equal what the browsers chose. A cast whose answer is lost (the request
 * let through, the connection then reset) ends on the ballot found on the board with its
 * tracking code and a proof from the board, which "Check my ballot" accepts as such (not a
 * signed receipt) after re-checking it against the board, and refuses once altered; one
 * lost on the way, with the board unreachable too, survives a reload and the same ballot is
 * sent again. "Check my ballot" is reached by Tab alone, focus visible. Screenshots of
 * every step go to test-results/web/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBoard } from '../../src/client/board.js';
import { checkAudit, checkTrackingEvent } from '../../src/client/voter.js';
import { type BoardEvent, eventHash } from '../../src/record/board.js';
import { ReceiptSchema, verifyReceipt } from '../../src/record/tracking.js';
import type { TestApp } from '../helpers/app.js';
import {
  axeViolations, createWebApp, expectKeyboardReachable, expectNoSidewaysScroll, keepKeyAndTypePassphrase, launchBrowser, newContext, pressOn, screenshot, waitForNewOutcome,
} from '../helpers/browser.js';
import { type ClientElection, closeAndTallyWithClient, openClientElection } from '../helpers/client-election.js';
import { fetchManifest } from '../../src/client/manifest.js';
import { ApiClient } from '../../src/client/api.js';
import { loadManifest, serveTestIssuers } from '../helpers/issuance.js';
import { BULK_PASSWORD } from '../helpers/voting.js';
import type { LoadedManifest } from '../../src/client/manifest.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let election: ClientElection;
let manifest: LoadedManifest;
const shots: string[] = [];
/** What each browser voter chose (candidate indices in manifest order), to compare with the tally. */
const chosenByBrowsers: number[][] = [];
/** The proof from the board the booth saved after a lost answer (its file's text). */
let boardProofFile: string | null = null;
/** Stops the contests' issuers, signing in the background as `issuer serve` does. */
let stopIssuers: (() => Promise<void>) | undefined;

// The roll's associations activated their accounts with this password (their own choice).
const PASSWORD = BULK_PASSWORD;
const emailOf = (i: number) => election.rolls.plwha![i]!.account.email;
const tbEmailOf = (i: number) => election.rolls.tb![i]!.account.email;

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  // TB's roll of 3 is below the default minimum of 5: the helper records the committee's acknowledgement.
  election = await openClientElection(t, baseUrl, { plwha: 5, tb: 3 }, 'booth');
  const m = await fetchManifest(new ApiClient({ baseUrl }), election.electionId);
  if (!m.ok) throw new Error(m.detail);
  manifest = m;
  stopIssuers = serveTestIssuers(election, await loadManifest(undefined, election.electionId, baseUrl), baseUrl);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await stopIssuers?.();
  await browser?.close();
  await t?.close();
  if (shots.length > 0) console.log(`[booth] ${shots.length} screenshots, e.g. ${shots[0]}`);
});

interface Seen { url: string; method: string; headers: Record<string, string>; body: string | null }

/** Every request the page sends, with all its headers (cookies included). */
function recordRequests(page: Page): Promise<Seen>[] {
  const seen: Promise<Seen>[] = [];
  page.on('request', (r: Request) => {
    seen.push(r.allHeaders().then((headers) => ({ url: r.url(), method: r.method(), headers, body: r.postData() })));
  });
  return seen;
}

async function snap(page: Page, name: string): Promise<void> {
  shots.push(await screenshot(page, name));
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

async function checkPage(page: Page, name: string, width: number): Promise<void> {
  shots.push(await screenshot(page, name));
  if (width <= 360) await expectNoSidewaysScroll(page);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

const RUNS = [
  { lang: 'es', width: 360, voter: 0, picks: [0, 2] },
  { lang: 'en', width: 360, voter: 1, picks: [1, 3] },
  { lang: 'es', width: 1280, voter: 2, picks: [0, 1] },
  { lang: 'en', width: 1280, voter: 3, picks: [0, 2] },
] as const;

describe('the voting booth in Chromium', () => {
  for (const run of RUNS) {
    it(`an association votes for two candidates, audits once, casts anonymously, keeps its receipt and finds its code (${run.lang}, ${run.width} px, keyboard only)`, async () => {
      const context = await newContext(browser, run.width);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      const requests = recordRequests(page);
      const shot = (n: string) => checkPage(page, `booth-${run.lang}-${run.width}-${n}`, run.width);
      const plwha = manifest.manifest.contests.find((c) => c.id === election.contests.plwha)!;
      const names = plwha.candidates.map((c) => c.fullName);

      await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
      await expect.poll(() => page.locator('h2').first().textContent()).toBe(manifest.manifest.title);
      expect(await page.locator('h1').textContent()).toBe('Cabina de votación');
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      if (run.lang === 'en') {
        await pressOn(page, page.locator('#lang-switch'));
        await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
        expect(await page.locator('h1').textContent()).toBe('Voting booth');
        // Focus stays on the switch after the page re-renders.
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('lang-switch');
      }
      await shot('01-sign-in');

      // Sign in: type, then Enter in the password field submits the form.
      await page.locator('#email').fill(emailOf(run.voter));
      await page.locator('#password').fill(PASSWORD);
      await keepKeyAndTypePassphrase(page, election.rolls.plwha![run.voter]!.account);
      await page.locator('#password').press('Enter');
      await page.getByTestId('get-token').waitFor();
      await shot('02-token');
      await pressOn(page, page.getByTestId('get-token'));
      await page.getByTestId('go-vote').waitFor();
      await shot('03-token-obtained');
      // The page forgot the access token once the voting token was obtained.
      expect(await page.getByTestId('get-token').count()).toBe(0);

      await pressOn(page, page.getByTestId('go-vote'));
      const boxes = names.map((n) => page.getByRole('checkbox', { name: n, exact: true }));
      for (const i of run.picks) await pressOn(page, boxes[i]!, 'Space');
      for (const i of run.picks) expect(await boxes[i]!.isChecked()).toBe(true);
      // Two of two marked: the others cannot be marked.
      for (const [i, b] of boxes.entries()) expect(await b.isDisabled()).toBe(!run.picks.includes(i as never));
      // PLWHA's roll of 5 is not below the minimum: no small-electorate notice.
      expect(await page.getByTestId('small-roll-notice').count()).toBe(0);
      await shot('04-choose');

      await pressOn(page, page.getByTestId('review'));
      const reviewed = await page.getByTestId('review-list').textContent();
      for (const i of run.picks) expect(reviewed).toContain(names[i]);
      await shot('05-review');

      await pressOn(page, page.getByTestId('encrypt'));
      const first = await page.getByTestId('fingerprint').textContent();
      expect(first).toMatch(/^[0-9a-f ]{39}$/);
      await shot('06-encrypted');

      // Benaloh audit: the page reveals the randomness and recomputes the encryption.
      const auditDownload = page.waitForEvent('download');
      await pressOn(page, page.getByTestId('audit'));
      expect(await page.getByTestId('audit-verdict').textContent()).toMatch(/^✓/);
      const rows = page.getByTestId('audit-rows').locator('li');
      expect(await rows.count()).toBe(names.length);
      for (const [i, n] of names.entries()) {
        const text = (await rows.nth(i).textContent())!;
        expect(text).toContain(n);
        expect(text).toContain(run.picks.includes(i as never) ? (run.lang === 'es' ? 'marcada' : 'marked') : (run.lang === 'es' ? 'no marcada' : 'not marked'));
        expect(text).toContain(run.lang === 'es' ? '✓ coincide' : '✓ matches');
      }
      await shot('07-audit');
      // The audit file checks on "another device": here, the client library in Node.
      await pressOn(page, page.getByTestId('download-audit'));
      const auditJson = JSON.parse(readFileSync((await (await auditDownload).path())!, 'utf8'));
      const verdict = checkAudit(manifest.decoded, manifest.hash, auditJson);
      expect(verdict.ok && verdict.choices).toEqual(names.map((_, i) => (run.picks.includes(i as never) ? 1 : 0)));

      await pressOn(page, page.getByTestId('reencrypt'));
      const second = await page.getByTestId('fingerprint').textContent();
      expect(second).not.toBe(first);
      expect(await page.getByTestId('audits-done').textContent()).toContain('1');
      await shot('08-encrypted-again');

      await pressOn(page, page.getByTestId('cast'));
      const code = await page.getByTestId('tracking-code').getAttribute('data-code');
      expect(code).toMatch(/^[0-9a-f]{64}$/);
      await page.getByTestId('on-board').waitFor();
      await shot('09-receipt');

      const receiptDownload = page.waitForEvent('download');
      await pressOn(page, page.getByTestId('download-receipt'));
      const receipt = ReceiptSchema.parse(JSON.parse(readFileSync((await (await receiptDownload).path())!, 'utf8')));
      expect(receipt.trackingCode).toBe(code);
      expect(verifyReceipt(manifest.manifest.receiptKey, receipt)).toBe(true);

      // "Check my ballot" finds the code on the public board.
      await pressOn(page, page.getByTestId('check-link'));
      await page.waitForURL(/check\.html/);
      expect(await page.locator('#code').inputValue()).toBe(code);
      await pressOn(page, page.getByTestId('check-search'));
      await page.getByTestId('check-found').waitFor();
      expect(await page.getByTestId('check-found').textContent()).toContain(plwha.title);
      await shot('10-check');

      // The cast request, as the browser sent it.
      const seen = await Promise.all(requests);
      const casts = seen.filter((r) => r.method === 'POST' && r.url.endsWith(`/elections/${election.electionId}/ballots`));
      expect(casts).toHaveLength(1);
      const cast = casts[0]!;
      expect(Object.keys(cast.headers).map((h) => h.toLowerCase())).not.toContain('authorization');
      expect(Object.keys(cast.headers).map((h) => h.toLowerCase())).not.toContain('cookie');
      const body = JSON.parse(cast.body!);
      expect(Object.keys(body).sort()).toEqual(['ballot', 'contestId', 'signature', 'token']);
      // Only ciphertexts and proofs: no candidate id or name, no choice, no association.
      for (const c of plwha.candidates) {
        expect(cast.body).not.toContain(c.id);
        expect(cast.body).not.toContain(c.fullName);
      }
      expect(cast.body).not.toContain(election.rolls.plwha![run.voter]!.id);
      expect(cast.body).not.toMatch(/"(choices?|randomness|opening|candidateIds?)"/);
      expect(body.ballot.selections).toHaveLength(names.length);
      for (const s of body.ballot.selections) expect(Object.keys(s).sort()).toEqual(['ciphertext', 'proof']);
      // No request of the page carried a cookie, and only the token request to the issuers through
      // the relay (and its status while they sign) carried the bearer.
      expect(seen.filter((r) => 'cookie' in r.headers)).toEqual([]);
      const bearer = seen.filter((r) => 'authorization' in r.headers).map((r) => new URL(r.url).pathname);
      expect([...new Set(bearer)].filter((p) => p !== '/issuance/status')).toEqual(['/auth/me', '/issuance/requests']);
      expect(errors).toEqual([]);
      chosenByBrowsers.push([...run.picks]);
      await context.close();
    });
  }

  it('the booth is usable by keyboard: a skip link first, then the header, then the sign-in fields in order, each with a visible focus ring', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    await page.locator('#email').waitFor();
    const order: { id: string; ring: boolean }[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (el === document.body) return null;
        const s = getComputedStyle(el);
        const id = el.id || el.dataset.testid || `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 20)}`;
        return { id, ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
      });
      // Past the last control focus leaves the document.
      if (el === null) break;
      order.push(el);
    }
    const ids = order.map((o) => o.id);
    expect(ids[0]).toBe('a:Saltar al contenido');
    const at = (id: string) => ids.indexOf(id);
    expect(at('lang-switch')).toBeGreaterThan(0);
    expect(at('email')).toBeGreaterThan(at('lang-switch'));
    expect(at('password')).toBe(at('email') + 1);
    expect(at('keyfile')).toBe(at('password') + 1);
    expect(at('passphrase')).toBe(at('keyfile') + 1);
    expect(at('signin')).toBe(at('passphrase') + 1);
    expect(order.filter((o) => !o.ring)).toEqual([]);
    await context.close();
  });

  it('a wrong password is refused in the page language, with the message announced and focus back on the email', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}&lang=en`);
    await page.locator('#email').fill(emailOf(4));
    await page.locator('#password').fill('not-the-password');
    await page.locator('#password').press('Enter');
    await expect.poll(() => page.locator('#alert').textContent()).toBe('The email or the password is not correct.');
    expect(await page.locator('#alert').getAttribute('role')).toBe('alert');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('email');
    expect(await page.locator('#email').inputValue()).toBe(emailOf(4));
    await context.close();
  });

  it('a token obtained early and saved to a file votes later from a fresh browser; the server will not issue it twice (blank ballot)', async () => {
    const voter = 4;
    const first = await newContext(browser, 1280);
    let page = await first.newPage();
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    await page.locator('#email').fill(emailOf(voter));
    await page.locator('#password').fill(PASSWORD);
    await keepKeyAndTypePassphrase(page, election.rolls.plwha![voter]!.account);
    await page.locator('#password').press('Enter');
    await pressOn(page, page.getByTestId('get-token'));
    await page.getByTestId('token-obtained').waitFor();
    const saved = page.waitForEvent('download');
    await pressOn(page, page.getByTestId('save-token'));
    const tokenFile = readFileSync((await (await saved).path())!, 'utf8');
    expect(JSON.parse(tokenFile).format).toBe('anfora-voting-credentials');
    // Closing the browser loses the tab's sessionStorage.
    await first.close();

    const later = await newContext(browser, 1280);
    page = await later.newPage();
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    expect(await page.getByTestId('resume').count()).toBe(0);
    await page.locator('#email').fill(emailOf(voter));
    await page.locator('#password').fill(PASSWORD);
    await keepKeyAndTypePassphrase(page, election.rolls.plwha![voter]!.account);
    await page.locator('#password').press('Enter');
    await pressOn(page, page.getByTestId('get-token'));
    await expect.poll(() => page.locator('#alert').textContent()).toContain('Ya se pidió la ficha de voto de su asociación para esta contienda');
    expect(await page.getByTestId('go-vote').count()).toBe(0);
    await snap(page, 'booth-es-1280-11-token-already-issued');
    // A damaged file is refused; the saved one restores the token.
    await page.locator('#token-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await expect.poll(() => page.locator('#alert').textContent()).toBe('El archivo no es una ficha de voto válida de esta elección.');
    await page.locator('#token-file').setInputFiles({ name: 'ficha.json', mimeType: 'application/json', buffer: Buffer.from(tokenFile) });
    await pressOn(page, page.getByTestId('go-vote'));
    await pressOn(page, page.getByTestId('review'));
    expect(await page.locator('main').textContent()).toContain('Voto en blanco');
    await pressOn(page, page.getByTestId('encrypt'));
    await pressOn(page, page.getByTestId('cast'));
    await page.getByTestId('on-board').waitFor();
    chosenByBrowsers.push([]);
    await later.close();
  });

  it('a contest with a roll of 3 tells its voters, before they choose, that exact counts may reveal their votes and that the committee acknowledged it (es, en, 360 px)', async () => {
    const tb = manifest.manifest.contests.find((c) => c.id === election.contests.tb)!;
    expect(tb.roll).toHaveLength(3);
    expect(tb.smallRoll?.acknowledged).toBe(true);
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    await page.locator('#email').fill(tbEmailOf(0));
    await page.locator('#password').fill(PASSWORD);
    await keepKeyAndTypePassphrase(page, election.rolls.tb![0]!.account);
    await page.locator('#password').press('Enter');
    await pressOn(page, page.getByTestId('get-token'));
    await pressOn(page, page.getByTestId('go-vote'));
    await expect.poll(() => page.locator('h2').first().textContent()).toBe(`Elegir: ${tb.title}`);
    const notice = page.getByTestId('small-roll-notice');
    const text = (await notice.textContent())!;
    expect(text).toContain('Aviso: muy pocos votantes en esta contienda');
    expect(text).toContain('En esta contienda votan solo 3 asociaciones; las reglas de la elección piden al menos 5');
    expect(text).toContain('esos números pueden revelar cómo votó cada asociación');
    expect(text).toContain('registró una decisión');
    expect(await page.getByTestId('small-roll-reason').textContent()).toBe(tb.smallRoll!.reason);
    // The notice comes before the choices, in reading order.
    const before = await page.evaluate(() => {
      const n = document.querySelector('[data-testid="small-roll-notice"]')!;
      const f = document.querySelector('fieldset')!;
      return (n.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(before).toBe(true);
    await checkPage(page, 'booth-es-360-12-small-roll', 360);

    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => page.getByTestId('small-roll-notice').locator('h3').textContent()).toBe('Notice: very few voters in this contest');
    expect(await notice.textContent()).toContain('Only 3 associations vote in this contest; the election\'s rules ask for at least 5');
    expect(await notice.textContent()).toContain('those numbers may reveal how each association voted');
    await checkPage(page, 'booth-en-360-13-small-roll', 360);
    await context.close();
  });

  /** Sign in as TB association `i`, obtain the token and encrypt a ballot for `pick` (or a blank one). */
  async function sealTbBallot(page: Page, i: number, pick: number | null): Promise<void> {
    const tb = manifest.manifest.contests.find((c) => c.id === election.contests.tb)!;
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    await page.locator('#email').fill(tbEmailOf(i));
    await page.locator('#password').fill(PASSWORD);
    await keepKeyAndTypePassphrase(page, election.rolls.tb![i]!.account);
    await page.locator('#password').press('Enter');
    await pressOn(page, page.getByTestId('get-token'));
    await pressOn(page, page.getByTestId('go-vote'));
    if (pick !== null) await pressOn(page, page.getByRole('checkbox', { name: tb.candidates[pick]!.fullName, exact: true }), 'Space');
    await pressOn(page, page.getByTestId('review'));
    await pressOn(page, page.getByTestId('encrypt'));
    await page.getByTestId('cast').waitFor();
  }

  /** The board's ballot events of the token in `body` (a cast request as sent). */
  async function ballotsOfToken(body: { contestId: string; token: { ballotPublicKey: string } }): Promise<BoardEvent[]> {
    const board = await fetchBoard(new ApiClient({ baseUrl }), election.electionId);
    if (!board.ok) throw new Error(board.detail);
    return board.events.filter((x) => {
      const p = x.payload as { contestId?: string; token?: { ballotPublicKey?: string } };
      return x.kind === 'ballot' && p.contestId === body.contestId && p.token?.ballotPublicKey === body.token.ballotPublicKey;
    });
  }

  /** The page's errors but the one Chromium logs for a request the test aborted. */
  function pageErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !/net::ERR_(CONNECTION_RESET|INTERNET_DISCONNECTED)/.test(m.text())) errors.push(m.text()); });
    return errors;
  }

  it('the server records the ballot but its answer is lost: the page finds the ballot on the board and shows its tracking code, with a proof to download (es, en, keyboard only)', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    const errors = pageErrors(page);
    await sealTbBallot(page, 1, 0);
    // The cast goes through to the server; its answer is thrown away and the connection reset.
    let served: { status: number; body: { trackingCode: string; position: number } } | null = null;
    let sent = '';
    await page.route((url) => url.pathname === `/elections/${election.electionId}/ballots`, async (route) => {
      sent = route.request().postData() ?? '';
      const response = await route.fetch();
      served = { status: response.status(), body: await response.json() };
      await route.abort('connectionreset');
    });
    await pressOn(page, page.getByTestId('cast'));
    await page.getByTestId('receipt-from-board').waitFor();
    expect(served).not.toBeNull();
    const answer = served!;
    expect(answer.status).toBe(201);
    expect(await page.locator('h2').first().textContent()).toBe('Su voto ya está en el tablero');
    const code = await page.getByTestId('tracking-code').getAttribute('data-code');
    expect(code).toBe(answer.body.trackingCode);
    expect(await page.getByTestId('position').textContent()).toBe(String(answer.body.position));
    expect(await page.getByTestId('on-board').count()).toBe(1);
    // Exactly one ballot of this token on the board: the one the page sent, under that code.
    const body = JSON.parse(sent);
    const onBoard = await ballotsOfToken(body);
    expect(onBoard.map((x) => [x.seq, (x.payload as { trackingCode: string }).trackingCode])).toEqual([[answer.body.position, code]]);
    // The page's focus went to the new heading, and the step was announced.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await snap(page, 'booth-es-1280-14-recovered-from-board');

    const saved = page.waitForEvent('download');
    await pressOn(page, page.getByTestId('download-receipt'));
    const download = await saved;
    expect(download.suggestedFilename()).toBe(`recibo-tablero-anfora-${code!.slice(0, 8)}.json`);
    boardProofFile = readFileSync((await download.path())!, 'utf8');
    const proof = JSON.parse(boardProofFile);
    expect(proof).toMatchObject({ format: 'anfora-receipt-from-board', version: 1, electionId: election.electionId, trackingCode: code, position: answer.body.position });
    expect(proof.signature).toBeUndefined();
    expect(checkTrackingEvent(proof.event, proof, body)).toMatchObject({ ok: true });
    // The token is spent: the page keeps no credentials for TB and shows the contest as voted.
    const memory = await page.evaluate((id) => JSON.parse(sessionStorage.getItem(`anfora.booth.${id}`)!), election.electionId);
    expect(Object.keys(memory.credentials)).toEqual([]);
    expect(memory.sent).toEqual({});

    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => page.locator('h2').first().textContent()).toBe('Your vote is already on the board');
    expect(await page.getByTestId('download-receipt').textContent()).toBe('Download the proof from the board');
    await snap(page, 'booth-en-1280-14-recovered-from-board');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Check my ballot" takes the proof from the board for what it is, not a signed receipt, re-checked against the board; an altered one is refused (es, en, 360 px)', async () => {
    expect(boardProofFile).not.toBeNull();
    const proof = JSON.parse(boardProofFile!);
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    const errors = pageErrors(page);
    const requests = recordRequests(page);
    const shot = (n: string) => checkPage(page, `check-${n}`, 360);
    const upload = (name: string, text: string) => page.locator('#receipt').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const tb = manifest.manifest.contests.find((c) => c.id === election.contests.tb)!;

    // Only the file: the code is taken from it.
    await page.goto(`${baseUrl}/app/check.html?election=${election.electionId}`);
    await page.locator('#receipt').waitFor();
    await expect.poll(() => page.locator('label[for=receipt]').textContent()).toBe('Archivo del recibo o de la prueba del tablero (opcional)');
    await expectKeyboardReachable(page);
    await upload(`recibo-tablero-anfora-${proof.trackingCode.slice(0, 8)}.json`, boardProofFile!);
    await pressOn(page, page.getByTestId('check-search'));
    await page.getByTestId('check-found').waitFor();
    const found = (await page.getByTestId('check-found').textContent())!;
    expect(found).toContain('✓ Su voto está en el tablero público y coincide con la prueba del tablero');
    expect(found).toContain('No lleva la firma del servidor');
    expect(found).not.toContain('recibo es auténtico');
    expect(found).toContain(tb.title);
    expect(found).toContain(String(proof.position));
    expect(await page.getByTestId('check-proof-kind').textContent()).toBe('Prueba tomada del tablero, no un recibo firmado por el servidor');
    expect(await page.locator('#code').inputValue()).toBe(proof.trackingCode);
    // Re-checked against the board: the code looked up, then the whole chain read, all anonymously.
    const board = (await Promise.all(requests)).filter((r) => new URL(r.url).pathname.startsWith(`/elections/${election.electionId}/board`));
    expect(board.map((r) => new URL(r.url).pathname)).toEqual([
      `/elections/${election.electionId}/board/tracking/${proof.trackingCode}`, `/elections/${election.electionId}/board`,
    ]);
    expect(board.filter((r) => 'authorization' in r.headers || 'cookie' in r.headers)).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('outcome');
    await shot('es-360-01-board-proof');

    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => page.getByTestId('check-proof-kind').textContent()).toBe('Proof taken from the board, not a receipt signed by the server');
    expect(await page.getByTestId('check-found').textContent()).toContain('✓ Your vote is on the public board and matches the proof from the board');
    await shot('en-360-02-board-proof');

    // Edited by hand (another position): the file no longer agrees with its own event.
    await waitForNewOutcome(page, page.getByTestId('check-proof-refused'), async () => {
      await upload('edited.json', JSON.stringify({ ...proof, position: proof.position - 1 }));
      await pressOn(page, page.getByTestId('check-search'));
    });
    expect(await page.getByTestId('check-proof-refused').textContent())
      .toContain('The file says it is a proof from the board, but it is not valid');
    expect(await page.getByTestId('check-found').count()).toBe(0);

    // Forged with care: another ballot signature under the same code, the event's hash and the
    // board head recomputed. The file agrees with itself; the board holds another event.
    const ev = proof.event as BoardEvent;
    const payload = ev.payload as { signature: string };
    const signature = `${payload.signature[0] === '0' ? '1' : '0'}${payload.signature.slice(1)}`;
    const altered = { ...payload, signature };
    const hash = eventHash(ev.prevHash, ev.seq, ev.kind, ev.at, altered);
    const forged = { ...proof, boardHead: hash, event: { ...ev, payload: altered, hash } };
    expect(checkTrackingEvent(forged.event, forged)).toMatchObject({ ok: true });
    // The edited file's refusal is still on the page: wait for this file's own.
    await waitForNewOutcome(page, page.getByTestId('check-proof-refused'), async () => {
      await upload('forged.json', JSON.stringify(forged));
      await pressOn(page, page.getByTestId('check-search'));
    });
    const refused = (await page.getByTestId('check-proof-refused').textContent())!;
    expect(refused).toContain('The proof from the board does not match the public board');
    expect(refused).toContain('It carries no server signature');
    expect(await page.getByTestId('check-proof-kind').textContent()).toBe('File: Proof taken from the board, not a receipt signed by the server');
    expect(await page.getByTestId('check-found').count()).toBe(0);
    await shot('en-360-03-board-proof-forged');

    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => page.getByTestId('check-proof-refused').textContent())
      .toContain('La prueba del tablero no coincide con el tablero público');
    await shot('es-360-04-board-proof-forged');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a cast lost on the way with the board unreachable too: the ballot outlives a reload, is not on the board, and the same ballot is sent again and recorded once (es, 360 px)', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    const errors = pageErrors(page);
    const requests = recordRequests(page);
    await sealTbBallot(page, 2, null);
    await page.route((url) => url.pathname === `/elections/${election.electionId}/ballots`, (route) => route.abort('internetdisconnected'));
    await page.route((url) => url.pathname === `/elections/${election.electionId}/board`, (route) => route.abort('internetdisconnected'));
    await pressOn(page, page.getByTestId('cast'));
    await page.getByTestId('lost-unknown').waitFor();
    expect(await page.locator('h2').first().textContent()).toBe('Su voto no recibió respuesta');
    expect(await page.getByTestId('lost-unknown').textContent()).toContain('No se pudo conectar con el servidor');
    // Nothing invites encrypting another ballot: only searching the board or sending the same one.
    expect(await page.getByTestId('audit').count()).toBe(0);
    await checkPage(page, 'booth-es-360-15-lost-unknown', 360);

    // The connection is back; the tab is reloaded. Its storage still holds the ballot sent.
    await page.unrouteAll();
    await page.reload();
    await pressOn(page, page.getByTestId('resume'));
    expect(await page.getByTestId('token-status').textContent()).toContain('voto enviado, sin confirmar todavía');
    await pressOn(page, page.getByTestId('go-vote'));
    await page.getByTestId('not-recorded').waitFor();
    expect(await page.locator('h2').first().textContent()).toBe('Su voto no se registró');
    await checkPage(page, 'booth-es-360-16-not-recorded', 360);

    await pressOn(page, page.getByTestId('send-again'));
    await page.getByTestId('receipt').waitFor();
    await page.getByTestId('on-board').waitFor();
    const code = await page.getByTestId('tracking-code').getAttribute('data-code');
    const casts = (await Promise.all(requests)).filter((r) => r.method === 'POST' && r.url.endsWith(`/elections/${election.electionId}/ballots`));
    expect(casts).toHaveLength(2);
    // The same ballot both times, recorded once under the code shown.
    expect(casts[1]!.body).toBe(casts[0]!.body);
    const onBoard = await ballotsOfToken(JSON.parse(casts[0]!.body!));
    expect(onBoard.map((x) => (x.payload as { trackingCode: string }).trackingCode)).toEqual([code]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the ballots encrypted in the pages count: the trustees\' tally equals what the browsers chose', async () => {
    expect(chosenByBrowsers).toHaveLength(RUNS.length + 1);
    const results = await closeAndTallyWithClient(baseUrl, election, [1, 3], { publish: false });
    const plwha = manifest.manifest.contests.find((c) => c.id === election.contests.plwha)!;
    const expected = plwha.candidates.map((_, i) => chosenByBrowsers.filter((p) => p.includes(i)).length);
    const got = results.contests.find((c) => c.contestId === plwha.id)!.counts;
    expect(plwha.candidates.map((c) => got.find((x) => x.candidateId === c.id)!.votes)).toEqual(expected);
  });
});
