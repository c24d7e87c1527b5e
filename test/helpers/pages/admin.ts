/**
 * The administration page, driven as an administrator would: sign in, create an election
 * by the form, invite the committee, import associations from a CSV file with its
 * preview, and read the invitation letters the page shows.
 * @module
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pressOn, waitForNewOutcome } from '../browser.js';

export async function signInAdmin(page: Page, baseUrl: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/app/admin.html`);
  await page.getByTestId('signin-form').waitFor();
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await waitForNewOutcome(page, page.getByTestId('signed-in'), () => pressOn(page, page.getByTestId('signin')));
}

const ok = (page: Page) => page.locator('#flash.ok');

export interface ElectionForm {
  title: string;
  /** datetime-local values, in the form's order. */
  dates: Partial<Record<'accreditationOpens' | 'accreditationCloses' | 'nominationsClose' | 'tokensOpen' | 'votingOpens' | 'votingCloses', string>>;
  rules: Partial<Record<'threshold' | 'minRollSize' | 'approvalSectors' | 'minMembers' | 'minDistinctSectors', number>>;
  /** One contest per entry, on a constituency the form lists. */
  contests: { constituency: string; title: string; seats?: number; alternates?: number; voteFor?: number }[];
}

/** Fill and send the election form; returns the new election's id (the page chooses it). */
export async function createElection(page: Page, e: ElectionForm): Promise<string> {
  await page.getByTestId('election-form').waitFor();
  await page.locator('#e-title').fill(e.title);
  for (const [k, v] of Object.entries(e.dates)) await page.locator(`#date-${k}`).fill(v);
  for (const [k, v] of Object.entries(e.rules)) await page.locator(`#rule-${k}`).fill(String(v));
  for (const [i, c] of e.contests.entries()) {
    await pressOn(page, page.getByTestId('add-contest'));
    await page.locator(`#contest-cons-${i}`).selectOption(c.constituency);
    await page.locator(`#contest-title-${i}`).fill(c.title);
    if (c.seats !== undefined) await page.locator(`#contest-seats-${i}`).fill(String(c.seats));
    if (c.alternates !== undefined) await page.locator(`#contest-alternates-${i}`).fill(String(c.alternates));
    if (c.voteFor !== undefined) await page.locator(`#contest-votefor-${i}`).fill(String(c.voteFor));
  }
  await waitForNewOutcome(page, ok(page), () => pressOn(page, page.getByTestId('create-election')));
  const id = await page.getByTestId('election-choice').inputValue();
  expect(id).not.toBe('');
  return id;
}

export interface MemberForm { fullName: string; sector: string; organisation: string; role: string; accountEmail: string }

/** Invite a committee member of the chosen election by the page's form. */
export async function inviteMember(page: Page, m: MemberForm): Promise<void> {
  await page.locator('#member-form-fullName').fill(m.fullName);
  await page.locator('#member-form-sector').selectOption(m.sector);
  await page.locator('#member-form-organisation').fill(m.organisation);
  await page.locator('#member-form-role').selectOption(m.role);
  await page.locator('#member-form-accountEmail').fill(m.accountEmail);
  await waitForNewOutcome(page, ok(page), () => pressOn(page, page.locator('[data-testid="member-form"] button[type="submit"]')));
}

export const CSV_HEADER = 'legalName,registrationNumber,region,constituencies,contactName,contactEmail,contactPhone,accountEmail';

/** Choose the CSV file, check the preview lists every row as good, import, wait for the page's confirmation. */
export async function importCsv(page: Page, rows: string[]): Promise<void> {
  await page.getByTestId('csv-file').setInputFiles({ name: 'asociaciones.csv', mimeType: 'text/csv', buffer: Buffer.from(`${CSV_HEADER}\r\n${rows.join('\r\n')}\r\n`) });
  await page.getByTestId('csv-import').waitFor();
  expect(await page.getByTestId('csv-row').count()).toBe(rows.length);
  expect(await page.getByTestId('csv-bad-row').count()).toBe(0);
  await waitForNewOutcome(page, ok(page), () => pressOn(page, page.getByTestId('csv-import')), { timeout: 120_000 });
}

export interface Letter { email: string; link: string; text: string }

/** The invitation letters the page shows: each account's email and its activation link. */
export async function readLetters(page: Page): Promise<Letter[]> {
  return page.locator('article.letter').evaluateAll((els) => els.map((el) => {
    const head = el.querySelector('h3')?.textContent ?? '';
    const text = el.querySelector('.letter-text')?.textContent ?? '';
    return { email: /<([^>]+)>/.exec(head)?.[1] ?? '', link: /\S*\/app\/activate\.html#code=\S+/.exec(text)?.[0] ?? '', text };
  }));
}
