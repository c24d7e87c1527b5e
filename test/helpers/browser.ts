/**
 * The browser tests' tools: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), the API serving freshly built pages on 127.0.0.1, screenshots under
 * test-results/, and axe-core's WCAG 2.1 A/AA rules run inside the page. (Associations of
 * a bulk roll sign in with the accounts they activated: `rolls[c][i].account`.)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import { WEB_DIST, WEB_TEST_DIST, ensureWebBuild } from '../../scripts/ensure-web.js';
import { createTestApp, TEST_JWT_SECRET, TEST_PASSWORD_COST, type TestApp } from './app.js';
import { buildApp } from '../../src/http/app.js';
import { exportAccountKeyfile } from '../../src/crypto/account-keyfile.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/web');

/** Launch the system Chromium headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A test app serving the pages (built first if missing or stale), listening on 127.0.0.1.
 * With `testBuild`, the browser tests' build (dist/web-test): key files sealed at N = 2^10
 * and a warning on every page (src/web/lib/keyfile-cost.ts), for tests that seal and open
 * many of them; the production pages otherwise.
 */
export async function createWebApp({ testBuild = false }: { testBuild?: boolean } = {}): Promise<{ t: TestApp; baseUrl: string }> {
  ensureWebBuild(false, { test: testBuild });
  const t = await createTestApp({ webRoot: testBuild ? WEB_TEST_DIST : WEB_DIST });
  const baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { t, baseUrl };
}

/**
 * A second server on `t`'s database and token secret whose sessions last `seconds`: the
 * set-up runs on `t`, the page under test on this one (session expiry and renewal).
 */
export async function listenWithTokenSeconds(t: TestApp, seconds: number): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const app = await buildApp({
    store: t.store, jwtSecret: TEST_JWT_SECRET, accessTokenSeconds: seconds, passwordCost: TEST_PASSWORD_COST,
    loginRateLimit: 10_000, bodyLimit: 1_048_576, webRoot: WEB_DIST,
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl, close: () => app.close() };
}

/** A browser context at `width` px, under the API's real Content-Security-Policy. */
export function newContext(browser: Browser, width: number): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
}

/** Full-page screenshot `name`.png under test-results/web; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.0/2.1 level A and AA rules on the page as it is; returns the violations. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string | null; targets: string[]; help: string }[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** The page fits its viewport: nothing scrolls sideways (a 360 px phone). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, 'page wider than the viewport').toBeLessThanOrEqual(client);
}

/** Activate a control with the keyboard only: focus it and press Enter (Space for checkboxes). */
export async function pressOn(page: Page, locator: ReturnType<Page['locator']>, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await locator.focus();
  await page.keyboard.press(key);
}

/**
 * Run `action`, then wait for the outcome it causes at `result`. Whatever `result` matched
 * before the action (an earlier action's outcome) must leave the page first, so the wait is
 * never met by an element that was already there. Our pages render an outcome as a new
 * element, never in place: a page that did would time out here rather than pass on an old
 * message. `timeout` (ms) for a slow outcome; Playwright's default otherwise.
 */
export async function waitForNewOutcome(page: Page, result: Locator, action: () => Promise<void>, { timeout }: { timeout?: number } = {}): Promise<void> {
  const stale = await result.elementHandles();
  await action();
  for (const old of stale) await page.waitForFunction((el) => !el.isConnected, old, { timeout });
  await result.first().waitFor({ timeout });
}

/** The passphrase the tests' owners chose for the key kept in their browser. */
export const KEY_PASSPHRASE = 'frase-de-paso-de-prueba';

/**
 * Keep `account`'s signing key in this page's browser store, as the activation page does
 * (a sealed key file in localStorage; a low scrypt cost for the tests), then type its
 * passphrase in the sign-in form. The page must be on the service's origin.
 */
export async function keepKeyAndTypePassphrase(page: Page, account: { accountId: string; signingSecretKey: Uint8Array }): Promise<void> {
  const text = exportAccountKeyfile(account.accountId, account.signingSecretKey, KEY_PASSPHRASE, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  await page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [`anfora.accountKey.${account.accountId}`, text]);
  await page.locator('#passphrase').fill(KEY_PASSPHRASE);
}
