/**
 * The activation page in Chromium (issue 11): an association and a committee member
 * activate their invitations, in Spanish at 360 px and in English at 1280 px, from the
 * link (the code in its fragment, which leaves the address bar at once) or typed as
 * printed. The password is chosen in the page and the key generated there: the public key
 * the page shows is the one the API registered, the key kept in the browser and the
 * downloaded key file open with the passphrase (not with another) to that same key. A
 * used code and mismatched passwords are refused in the page. axe (WCAG 2.1 AA) finds
 * nothing at any step, and Tab alone reaches every control with a visible focus ring;
 * screenshots go to test-results/web.
 */
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAccountKeyfile } from '../../src/crypto/account-keyfile.js';
import { ADMIN, type TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectKeyboardReachable, expectNoSidewaysScroll, launchBrowser, newContext, pressOn, screenshot } from '../helpers/browser.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let adminToken: string;
const shots: string[] = [];

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  adminToken = await t.login(ADMIN.email, ADMIN.password);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (shots.length > 0) console.log(`[activate] ${shots.length} screenshots, e.g. ${shots[0]}`);
});

interface Invitation { code: string; humanCode: string; link: string; accountId: string; email: string }

async function inviteAssociation(tag: string): Promise<Invitation> {
  const r = await t.call('POST', '/associations', {
    token: adminToken,
    body: { legalName: `Asociación ${tag}`, registrationNumber: `web-${tag}`, region: 'loreto', constituencies: ['plwha'], contactName: 'C', contactEmail: `c-${tag}@x.test`, accountEmail: `${tag}@web.test` },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().invitation;
}

async function inviteMember(tag: string): Promise<Invitation> {
  const e = await t.call('POST', '/elections', { token: adminToken, body: { title: `Elección ${tag}`, contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] } });
  const r = await t.call('POST', `/elections/${e.json().id}/committee`, {
    token: adminToken, body: { fullName: 'Ana Torres', sector: 'international_cooperation', organisation: 'Agencia', role: 'member', accountEmail: `${tag}@web.test` },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().invitation;
}

/** The link as the letter gives it, on the test server. */
const linkOn = (inv: Invitation, lang: 'es' | 'en') => `${baseUrl}/app/activate.html?lang=${lang}${new URL(inv.link).hash}`;

async function check(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  await expectNoSidewaysScroll(page);
  // Every step of the page by Tab alone, each control with a visible focus ring.
  await expectKeyboardReachable(page);
  shots.push(await screenshot(page, name));
}

async function choose(page: Page, password: string, passphrase: string, again = password): Promise<void> {
  await page.locator('#password').fill(password);
  await page.locator('#password2').fill(again);
  await page.locator('#passphrase').fill(passphrase);
  await page.locator('#passphrase2').fill(passphrase);
  await pressOn(page, page.locator('[data-testid="activate-password"] button[type="submit"]'));
}

const runs = [
  { lang: 'es', width: 360, who: 'association', password: 'clave-propia-de-la-asociacion', passphrase: 'frase de paso de la asociación' },
  { lang: 'en', width: 1280, who: 'committee', password: 'the-members-own-password', passphrase: 'the member passphrase' },
] as const;

describe('activation page', () => {
  for (const run of runs) {
    it(`${run.lang} at ${run.width} px: a ${run.who} activates from the link, with a key made in the page`, async () => {
      const inv = run.who === 'association' ? await inviteAssociation(`a-${run.lang}`) : await inviteMember(`m-${run.lang}`);
      const context = await newContext(browser, run.width);
      const page = await context.newPage();
      try {
        await page.goto(linkOn(inv, run.lang));
        await page.getByTestId('activate-password').waitFor();
        // The code left the address bar and the history entry.
        expect(page.url()).not.toContain(inv.code);
        expect(await page.getByTestId('activate-email').textContent()).toBe(inv.email);
        await check(page, `activate-${run.lang}-${run.width}-password`);

        // Mismatched passwords are stopped in the page; nothing is sent.
        await choose(page, run.password, run.passphrase, `${run.password}-x`);
        await page.getByTestId('activate-error').waitFor();
        expect(await page.getByTestId('activate-error').textContent()).toContain(run.lang === 'es' ? 'no coinciden' : 'do not match');
        expect((await t.call('POST', '/invitations/inspect', { body: { code: inv.code } })).statusCode).toBe(200);
        await check(page, `activate-${run.lang}-${run.width}-mismatch`);

        await choose(page, run.password, run.passphrase);
        await page.getByTestId('activate-done').waitFor({ timeout: 180_000 });
        await check(page, `activate-${run.lang}-${run.width}-done`);

        // The key shown is the one registered for the account, which now signs in with the chosen password.
        const me = (await t.call('GET', '/auth/me', { token: await t.login(inv.email, run.password) })).json();
        expect(me).toMatchObject({ id: inv.accountId, status: 'active' });
        expect((await page.getByTestId('activate-public-key').textContent())!.replace(/\s/g, '')).toBe(me.signingKey);

        // Kept in the browser, sealed: it opens with the passphrase only, to the registered key.
        const kept = await page.evaluate((id) => localStorage.getItem(`anfora.accountKey.${id}`), inv.accountId);
        expect(kept).not.toBeNull();
        expect(kept).not.toContain(run.password);
        const fromBrowser = importAccountKeyfile(kept!, run.passphrase);
        expect(fromBrowser.ok && fromBrowser.key.publicKey).toBe(me.signingKey);
        expect(importAccountKeyfile(kept!, run.password)).toEqual({ ok: false, reason: 'wrong_passphrase' });

        // The downloaded key file is the same sealed key.
        const [download] = await Promise.all([page.waitForEvent('download'), pressOn(page, page.getByTestId('activate-download'))]);
        const file = await readFile((await download.path())!, 'utf8');
        expect(download.suggestedFilename()).toBe(`anfora-clave-${inv.email}.json`);
        const opened = importAccountKeyfile(file, run.passphrase);
        expect(opened.ok && opened.key.publicKey).toBe(me.signingKey);
        expect(opened.ok && opened.key.accountId).toBe(inv.accountId);
        expect(importAccountKeyfile(file, 'not the passphrase')).toEqual({ ok: false, reason: 'wrong_passphrase' });

        // The link works once.
        const again = await context.newPage();
        await again.goto(linkOn(inv, run.lang));
        await again.getByTestId('activate-error').waitFor();
        expect(await again.getByTestId('activate-error').textContent()).toContain(run.lang === 'es' ? 'ya se usó' : 'already used');
        await check(again, `activate-${run.lang}-${run.width}-used`);
      } finally {
        await context.close();
      }
    }, 300_000);
  }

  for (const [lang, width] of [['en', 360], ['es', 1280]] as const) {
    it(`${lang} at ${width} px: the code typed as printed leads to the password step; a malformed one is refused`, async () => {
      const inv = await inviteAssociation(`typed-${lang}`);
      const context = await newContext(browser, width);
      const page = await context.newPage();
      try {
        await page.goto(`${baseUrl}/app/activate.html?lang=${lang}`);
        await page.locator('#code').fill('ABC-123');
        await pressOn(page, page.locator('[data-testid="activate-code"] button[type="submit"]'));
        await page.getByTestId('activate-error').waitFor();
        await check(page, `activate-${lang}-${width}-code-refused`);
        await page.locator('#code').fill(` ${inv.humanCode.toLowerCase()} `);
        await pressOn(page, page.locator('[data-testid="activate-code"] button[type="submit"]'));
        await page.getByTestId('activate-password').waitFor();
        expect(await page.getByTestId('activate-email').textContent()).toBe(inv.email);
        await check(page, `activate-${lang}-${width}-typed`);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
