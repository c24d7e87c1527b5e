/**
 * The trustees' page: a committee member runs the key ceremony's steps (init, deal,
 * verify) and the partial decryption in the page's worker; the page keeps the latest key
 * file it sealed while it stays open.
 * @module
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pressOn, waitForNewOutcome } from '../browser.js';
import { KEY_PASSPHRASE, type Person, signInOn } from './common.js';

/** The passphrase member `i` seals their trustee key file with. */
export const TRUSTEE_PASS = (i: number) => `custodio-${i}-frase-larga`;

export async function openTrustee(p: Person, baseUrl: string, electionId: string): Promise<Page> {
  const page = await p.context.newPage();
  await signInOn(page, `${baseUrl}/app/trustee.html?election=${electionId}`, p.email, false);
  return page;
}

/** Press refresh and wait for the new enabled button the refreshed page draws. */
export async function refreshTrustee(page: Page): Promise<void> {
  const label = await page.evaluate(() => document.documentElement.lang) === 'en' ? 'Refresh' : 'Actualizar';
  await waitForNewOutcome(page, page.locator('button:enabled', { hasText: label }), () => page.getByRole('button', { name: label }).click());
}

/** Wait until the page's next task is `task`. */
export async function expectTask(page: Page, task: string): Promise<void> {
  await expect.poll(() => page.getByTestId('task').getAttribute('data-task'), { timeout: 30_000 }).toBe(task);
}

/** Run the step on screen after `fill`, wait for its outcome (a new element); return its text. */
export async function runTrusteeStep(page: Page, fill: () => Promise<void>): Promise<string> {
  await fill();
  const done = page.locator('[data-testid="outcome"], [data-testid="refused"]');
  await waitForNewOutcome(page, done, async () => {
    await pressOn(page, page.getByTestId('run'));
    await page.getByTestId('progress').waitFor();
  }, { timeout: 120_000 });
  return (await done.first().textContent())!;
}

/** Refresh until the task is `task`, then run it: init with new passphrases, the others with the kept key file's. */
export async function trusteeTask(page: Page, i: number, task: 'init' | 'deal' | 'verify' | 'decrypt'): Promise<string> {
  await refreshTrustee(page);
  await expectTask(page, task);
  return runTrusteeStep(page, async () => {
    if (task === 'init') {
      await page.locator('#account-passphrase').fill(KEY_PASSPHRASE);
      await page.locator('#new-passphrase').fill(TRUSTEE_PASS(i));
      await page.locator('#new-passphrase2').fill(TRUSTEE_PASS(i));
    } else {
      await page.locator('#keyfile-passphrase').fill(TRUSTEE_PASS(i));
    }
  });
}
