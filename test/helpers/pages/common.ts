/**
 * What every page driver shares (the whole-election browser test, issue 13): one person's
 * browser (a context whose localStorage keeps the key their activation made), signing in
 * on a committee-style form, waiting for an action's own flash, and the four screenshots
 * of a page as it stands (360 and 1280 px, Spanish and English).
 * @module
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { KEY_PASSPHRASE, newContext, pressOn, screenshot, waitForNewOutcome } from '../browser.js';

/** The password every activated account of the test chose in the activation page. */
export const PAGE_PASSWORD = 'clave-elegida-en-la-pagina';
export { KEY_PASSPHRASE };

/** One person's browser: their context (with the key the activation page kept) and a page. */
export interface Person {
  name: string;
  email: string;
  context: BrowserContext;
  page: Page;
}

export async function newPerson(browser: Browser, name: string, width = 1280): Promise<Omit<Person, 'email'>> {
  const context = await newContext(browser, width);
  return { name, context, page: await context.newPage() };
}

/** Run `action` and wait for the flash it causes (a new, non-empty flash); return its text. */
export async function flashAfter(page: Page, action: () => Promise<void>, timeout = 30_000): Promise<string> {
  const flash = page.locator('[data-testid="flash"]:not(.empty)');
  await waitForNewOutcome(page, flash, action, { timeout });
  return (await flash.first().textContent()) ?? '';
}

/** Press a button with the keyboard and return the flash it causes. */
export const pressForFlash = (page: Page, button: ReturnType<Page['locator']>, timeout?: number) => flashAfter(page, () => pressOn(page, button), timeout);

/**
 * Sign in on a page whose form has #email, #password and (for pages that sign with the
 * account key) #passphrase; waits for the signed-in line the sign-in causes.
 */
export async function signInOn(page: Page, url: string, email: string, withKey: boolean): Promise<void> {
  await page.goto(url);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PAGE_PASSWORD);
  if (withKey) await page.locator('#passphrase').fill(KEY_PASSPHRASE);
  await page.locator('#password').press('Enter');
  await page.getByTestId('signed-in').waitFor({ timeout: 30_000 });
}

/**
 * Screenshots of the page as it stands at 360 and 1280 px, in Spanish and English
 * (`<name>-<lang>-<width>.png`); the page is left in its language and width.
 */
export async function shootAll(page: Page, name: string): Promise<void> {
  const htmlLang = () => page.evaluate(() => document.documentElement.lang);
  const startLang = await htmlLang();
  const startSize = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const lang of [startLang, startLang === 'es' ? 'en' : 'es']) {
    if (await htmlLang() !== lang) {
      await page.locator('#lang-switch').click();
      await expect.poll(htmlLang).toBe(lang);
    }
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `${name}-${lang}-${width}`);
    }
  }
  await page.locator('#lang-switch').click();
  await expect.poll(htmlLang).toBe(startLang);
  await page.setViewportSize(startSize);
}
