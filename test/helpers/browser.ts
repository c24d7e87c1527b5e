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

/**
 * A committee member on a page with the committee's sign-in form (#email, #password):
 * keep their account key in this browser, sealed under `passphrase` as the activation page
 * keeps it (a low scrypt cost for the tests), then sign in and wait for the signed-in mark.
 * The page must be on the service's origin.
 */
export async function signInMemberKeepingKey(
  page: Page,
  account: { accountId: string; signingSecretKey: Uint8Array; email: string; password: string },
  passphrase: string,
): Promise<void> {
  const sealed = exportAccountKeyfile(account.accountId, account.signingSecretKey, passphrase, { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  await page.evaluate(([k, val]) => localStorage.setItem(k!, val!), [`anfora.accountKey.${account.accountId}`, sealed]);
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.locator('#password').press('Enter');
  await page.getByTestId('signed-in').waitFor();
}

/** What can take part in keyboard navigation: links, form controls, summaries and anything given a tab stop. */
const INTERACTIVE = 'a, button, input:not([type="hidden"]), select, textarea, summary, [tabindex]';

/**
 * Keyboard only (WCAG 2.1.1, 2.4.7): from the top of the page, Tab round the whole page
 * once and require that every visible, enabled control on it was reached, and that each
 * one reached shows a focus indicator (its outline or box-shadow differs from unfocused).
 * Radio buttons count as one tab stop per group, as browsers make them; a region that
 * scrolls its overflow and holds no control must be a stop itself. Anything drawn as
 * clickable (`cursor: pointer`) that is not a control and holds none fails too: a
 * clickable div a keyboard cannot reach. Run it on the page as the user sees it at the
 * moment (a form open, a dialog shown); returns the order reached, for tests that care.
 */
export async function expectKeyboardReachable(page: Page, { maxStops = 400 }: { maxStops?: number } = {}): Promise<string[]> {
  const { candidates, pointerOnly } = await page.evaluate((selector) => {
    const describe = (el: Element) => {
      const e = el as HTMLElement;
      const text = (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `${el.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.dataset.testid ? `[data-testid=${e.dataset.testid}]` : ''}${text ? ` "${text}"` : ''}`;
    };
    const modal = document.querySelector('dialog[open]:modal');
    const usable = (el: Element) => {
      const e = el as HTMLElement;
      if (!e.checkVisibility({ checkVisibilityCSS: true })) return false;
      if (e.closest('[inert]') !== null || (modal !== null && !modal.contains(e))) return false;
      if (e.matches(':disabled')) return false;
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const all = [...document.querySelectorAll(selector)].filter((el) => {
      if (el.tagName === 'A' && !el.hasAttribute('href') && !el.hasAttribute('tabindex')) return false;
      if (el.tagName === 'SUMMARY' && (el.parentElement?.tagName !== 'DETAILS' || el.parentElement.querySelector(':scope > summary') !== el)) return false;
      const ti = el.getAttribute('tabindex');
      if (ti !== null && Number(ti) < 0) return false;
      return usable(el);
    });
    // A region that scrolls its overflow and holds no control is a tab stop too (Chromium
    // makes it one): the keyboard's only way to scroll it (WCAG 2.1.1).
    for (const el of document.querySelectorAll('body *')) {
      const s = getComputedStyle(el);
      const scrolls = (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth) || (['auto', 'scroll'].includes(s.overflowY) && el.scrollHeight > el.clientHeight);
      if (scrolls && !all.includes(el) && usable(el) && !all.some((c) => el.contains(c))) all.push(el);
    }
    // Unfocused styles, to tell a focus indicator from the element's usual look.
    const active = document.activeElement as HTMLElement | null;
    active?.blur();
    const look = (el: Element) => { const s = getComputedStyle(el); return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}|${s.boxShadow}`; };
    const w = window as unknown as { __kbd: Element[]; __kbdLook: string[] };
    w.__kbd = all;
    w.__kbdLook = all.map(look);
    const isControl = (el: Element) => all.includes(el) || el.matches(selector);
    const pointerOnly = [...document.querySelectorAll('body *')].filter((el) => {
      if (!usable(el) || el.tagName === 'LABEL' || isControl(el) || el.closest('label, a, button, summary') !== null) return false;
      if (getComputedStyle(el).cursor !== 'pointer' || getComputedStyle(el.parentElement!).cursor === 'pointer') return false;
      return [...el.querySelectorAll(selector)].every((c) => !all.includes(c));
    }).map(describe);
    // Sequential navigation starts at the top of the document.
    document.body.tabIndex = -1;
    document.body.focus();
    document.body.removeAttribute('tabindex');
    return {
      candidates: all.map((el) => ({ what: describe(el), radioGroup: el instanceof HTMLInputElement && el.type === 'radio' && el.name !== '' ? el.name : null })),
      pointerOnly,
    };
  }, INTERACTIVE);
  expect(pointerOnly, `drawn as clickable but not a control the keyboard can reach: ${pointerOnly.join('; ')}`).toEqual([]);

  const reached = new Set<number>();
  const order: string[] = [];
  const noIndicator: string[] = [];
  const strangers: string[] = [];
  let first: number | string | null = null;
  for (let stop = 0; stop < maxStops; stop++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => {
      const w = window as unknown as { __kbd: Element[]; __kbdLook: string[] };
      const el = document.activeElement;
      // Out of the document past the last control; or inside a control's own browser-drawn
      // part (a date field's picker button), where the field stays activeElement without :focus.
      if (el === null || el === document.body || !document.hasFocus() || !el.matches(':focus')) return null;
      const i = w.__kbd.indexOf(el);
      const s = getComputedStyle(el);
      const now = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}|${s.boxShadow}`;
      const visibleOutline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const visibleShadow = s.boxShadow !== 'none';
      const indicator = i >= 0 ? now !== w.__kbdLook[i] && (visibleOutline || visibleShadow) : visibleOutline || visibleShadow;
      const e = el as HTMLElement;
      return { i, what: `${el.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} "${(e.textContent ?? '').trim().slice(0, 30)}"`, indicator, look: `${now} (unfocused: ${w.__kbdLook[i] ?? '?'})` };
    });
    if (at === null) continue; // out of the document; the next Tab comes back to the first control
    const key = at.i >= 0 ? at.i : at.what;
    if (key === first) break;
    first ??= key;
    order.push(at.what);
    if (at.i >= 0) reached.add(at.i); else strangers.push(at.what);
    if (!at.indicator) noIndicator.push(`${at.what}: ${at.look}`);
  }
  const groupsReached = new Set([...reached].map((i) => candidates[i]!.radioGroup).filter((g) => g !== null));
  const missed = candidates.filter((c, i) => !reached.has(i) && !(c.radioGroup !== null && groupsReached.has(c.radioGroup))).map((c) => c.what);
  expect(missed, `controls the Tab key never reaches: ${missed.join('; ')}`).toEqual([]);
  expect(noIndicator, `controls focused without a visible focus indicator: ${noIndicator.join('; ')}`).toEqual([]);
  expect(strangers, `focus stops on something that is not a visible control: ${strangers.join('; ')}`).toEqual([]);
  return order;
}

/**
 * Nothing scrolls sideways inside the page either: every element that scrolls its own
 * overflow (a `.table-wrap`, a `<pre>`) holds its content at the current width. The
 * document-level check (expectNoSidewaysScroll) cannot see a table cut off inside its
 * scrolling wrapper.
 */
export async function expectNoScrollInside(page: Page, selector = 'body *'): Promise<void> {
  const wide = await page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((el) => {
    const s = getComputedStyle(el);
    // Text for screen readers only (.visually-hidden, a stacked table's header) is clipped on purpose.
    for (let a: Element | null = el; a !== null; a = a.parentElement) if (getComputedStyle(a).clipPath !== 'none') return false;
    return ['auto', 'scroll', 'hidden'].includes(s.overflowX) && (el as HTMLElement).checkVisibility() && el.scrollWidth > el.clientWidth;
  }).map((el) => `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`), selector);
  expect(wide, `content wider than its scrolling container: ${wide.join('; ')}`).toEqual([]);
}

/** The printable width of an A4 page with 1 cm margins, in CSS pixels (190 mm at 96 px per inch). */
export const PRINT_WIDTH = 718;

/**
 * The page as printed: under print media at an A4 page's printable width, `content`
 * shows (not hidden with the screen-only parts), every part styles.css keeps off paper
 * (navigation, the language switch, buttons in `.actions` and `.no-print`) is hidden, and
 * nothing is wider than the page. The screen media and viewport are restored afterwards.
 */
export async function expectPrintable(page: Page, content: Locator): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: PRINT_WIDTH, height: viewport?.height ?? 900 });
  await page.emulateMedia({ media: 'print' });
  try {
    expect(await content.count(), 'the printed content is on the page').toBeGreaterThan(0);
    for (const el of await content.all()) expect(await el.isVisible(), 'the printed content shows').toBe(true);
    const shown = await page.evaluate(() => [...document.querySelectorAll('.skip-link, .site-header nav, .lang-switch, .no-print, .actions, .site-footer, main button')]
      .filter((el) => (el as HTMLElement).checkVisibility()).map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
    expect(shown, `screen-only parts printed: ${shown.join('; ')}`).toEqual([]);
    const { page: width, wider } = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      return {
        page: limit,
        wider: [...document.querySelectorAll('body *')].filter((el) => {
          if (!(el as HTMLElement).checkVisibility()) return false;
          // Text for screen readers only (.visually-hidden) is clipped on purpose.
          for (let a: Element | null = el; a !== null; a = a.parentElement) if (getComputedStyle(a).clipPath !== 'none') return false;
          return el.getBoundingClientRect().right > limit + 0.5 || (el.scrollWidth > el.clientWidth + 0.5 && getComputedStyle(el).overflowX !== 'visible');
        })
          .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} > ${limit})`),
      };
    });
    expect(width).toBe(PRINT_WIDTH);
    expect(wider, `cut off on paper: ${wider.join('; ')}`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page wider than the paper').toBeLessThanOrEqual(PRINT_WIDTH);
  } finally {
    await page.emulateMedia({ media: 'screen' });
    if (viewport !== null) await page.setViewportSize(viewport);
  }
}
