/**
 * The associations' portal: an association signs in, applies for accreditation with its
 * documents described in text, appeals a rejection, and nominates a candidate.
 * @module
 */
import type { Page } from 'playwright-core';
import { pressOn, waitForNewOutcome } from '../browser.js';
import { type Person, pressForFlash, signInOn } from './common.js';

export async function openPortal(p: Person, baseUrl: string, electionId: string): Promise<void> {
  await signInOn(p.page, `${baseUrl}/app/portal.html?election=${electionId}`, p.email, false);
  await p.page.getByTestId('phase').waitFor();
}

/** Refresh and wait for the phase line the refreshed page draws. */
export async function refreshPortal(page: Page): Promise<void> {
  await waitForNewOutcome(page, page.getByTestId('phase'), () => pressOn(page, page.getByTestId('refresh')));
}

/** Apply to the one contest the portal offers this association; returns the flash. */
export async function applyForAccreditation(page: Page, documents: string): Promise<string> {
  const form = page.locator('[data-testid^="apply-form-"]').first();
  await form.locator('textarea').fill(documents);
  return pressForFlash(page, form.locator('[data-testid^="apply-"]'));
}

/** Appeal the rejected application; returns the flash. */
export async function appeal(page: Page, text: string): Promise<string> {
  const box = page.locator('[data-testid^="appeal-"]:has(textarea)').first();
  await box.locator('textarea').fill(text);
  return pressForFlash(page, box.locator('[data-testid^="appeal-send-"]'));
}

/** Nominate a candidate in the association's accredited contest; returns the flash. */
export async function nominate(
  page: Page,
  c: { fullName: string; employer: string; region: string; statement: string; terms?: number },
): Promise<string> {
  await page.locator('#nom-name').fill(c.fullName);
  await page.locator('#nom-employer').fill(c.employer);
  await page.locator('#nom-region').fill(c.region);
  await page.locator('#nom-statement').fill(c.statement);
  await page.locator('#nom-terms').fill(String(c.terms ?? 0));
  return pressForFlash(page, page.getByTestId('nominate'));
}
