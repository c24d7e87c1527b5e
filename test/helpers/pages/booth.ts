/**
 * The booth: in the token window an association signs in, obtains its token from the
 * committee's issuers and saves the token file; once voting opens it opens that file,
 * chooses, encrypts and casts, and sees its ballot on the board.
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { pressOn } from '../browser.js';
import { KEY_PASSPHRASE, PAGE_PASSWORD, type Person } from './common.js';

/** Sign in, get the token (the issuers' pages sign it), save the token file; returns its text. */
export async function getToken(p: Person, baseUrl: string, electionId: string): Promise<string> {
  const page = p.page;
  await page.goto(`${baseUrl}/app/booth.html?election=${electionId}`);
  await page.locator('#email').fill(p.email);
  await page.locator('#password').fill(PAGE_PASSWORD);
  await page.locator('#passphrase').fill(KEY_PASSPHRASE);
  await page.locator('#password').press('Enter');
  await page.getByTestId('get-token').waitFor({ timeout: 30_000 });
  await pressOn(page, page.getByTestId('get-token'));
  await page.getByTestId('token-obtained').waitFor({ timeout: 120_000 });
  const saved = page.waitForEvent('download');
  await pressOn(page, page.getByTestId('save-token'));
  return readFile((await (await saved).path())!, 'utf8');
}

/** From the token file, vote for `candidate` (by name; null: blank) and wait for the ballot on the board. */
export async function voteFromFile(page: Page, baseUrl: string, electionId: string, tokenFile: string, candidate: string | null): Promise<string> {
  await page.goto(`${baseUrl}/app/booth.html?election=${electionId}`);
  await page.getByTestId('restore').waitFor();
  await page.locator('#token-file').setInputFiles({ name: 'ficha.json', mimeType: 'application/json', buffer: Buffer.from(tokenFile) });
  await pressOn(page, page.getByTestId('go-vote'));
  if (candidate !== null) await pressOn(page, page.getByRole('checkbox', { name: candidate, exact: true }), 'Space');
  await pressOn(page, page.getByTestId('review'));
  await pressOn(page, page.getByTestId('encrypt'));
  await pressOn(page, page.getByTestId('cast'));
  await page.getByTestId('on-board').waitFor({ timeout: 120_000 });
  return (await page.getByTestId('tracking-code').getAttribute('data-code')) ?? '';
}
