/**
 * The activation page: a person opens the link of their letter, chooses a password and a
 * passphrase, and the page makes their key and keeps it in this browser.
 * @module
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pressOn } from '../browser.js';
import { KEY_PASSPHRASE, PAGE_PASSWORD } from './common.js';

/** Open the letter's link on `baseUrl` (the code in its fragment) up to the password step. */
export async function openInvitation(page: Page, baseUrl: string, link: string, lang: 'es' | 'en' = 'es'): Promise<void> {
  await page.goto(`${baseUrl}/app/activate.html?lang=${lang}${new URL(link).hash}`);
  await page.getByTestId('activate-password').waitFor();
}

/** Choose the password and passphrase; wait until the page says the account is active. */
export async function activate(page: Page, email: string): Promise<void> {
  expect(await page.getByTestId('activate-email').textContent()).toBe(email);
  await page.locator('#password').fill(PAGE_PASSWORD);
  await page.locator('#password2').fill(PAGE_PASSWORD);
  await page.locator('#passphrase').fill(KEY_PASSPHRASE);
  await page.locator('#passphrase2').fill(KEY_PASSPHRASE);
  await pressOn(page, page.locator('[data-testid="activate-password"] button[type="submit"]'));
  await page.getByTestId('activate-done').waitFor({ timeout: 120_000 });
}
