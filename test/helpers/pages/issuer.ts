/**
 * The issuers' page: a committee member generates and registers their issuing keys (key
 * ceremony phase), then, in the token window, opens the key file the page holds and signs
 * the associations' requests; once the window closes the page posts the issuance logs.
 * @module
 */
import type { Page } from 'playwright-core';
import { pressOn, waitForNewOutcome } from '../browser.js';
import { KEY_PASSPHRASE, type Person, signInOn } from './common.js';

export const ISSUER_PASS = (i: number) => `emisor-${i}-frase-larga`;

export async function openIssuer(p: Person, baseUrl: string, electionId: string): Promise<Page> {
  const page = await p.context.newPage();
  await signInOn(page, `${baseUrl}/app/issuer.html?election=${electionId}`, p.email, false);
  return page;
}

/** Generate, seal and register the member's issuing keys; waits for the page's confirmation. */
export async function registerIssuerKeys(page: Page, i: number): Promise<string> {
  await page.locator('#account-passphrase').fill(KEY_PASSPHRASE);
  await page.locator('#new-passphrase').fill(ISSUER_PASS(i));
  await page.locator('#new-passphrase2').fill(ISSUER_PASS(i));
  await pressOn(page, page.getByTestId('run-generate'));
  await page.getByTestId('registered').waitFor({ timeout: 300_000 });
  return (await page.getByTestId('registered').textContent()) ?? '';
}

/** In the token window: refresh until signing is offered, open the kept key file, start signing. */
export async function startIssuing(page: Page, i: number): Promise<void> {
  const label = await page.evaluate(() => document.documentElement.lang) === 'en' ? 'Refresh' : 'Actualizar';
  await waitForNewOutcome(page, page.getByTestId('run-issue'), () => page.getByRole('button', { name: label }).click());
  await page.locator('#keyfile-passphrase').fill(ISSUER_PASS(i));
  await page.locator('#account-passphrase').fill(KEY_PASSPHRASE);
  await waitForNewOutcome(page, page.getByTestId('counts'), () => pressOn(page, page.getByTestId('run-issue')), { timeout: 120_000 });
}
