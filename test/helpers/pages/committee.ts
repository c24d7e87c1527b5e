/**
 * The committee console: a member signed in with the key their activation kept proposes
 * decisions, and a member of another sector refreshes and approves them. Every step waits
 * for the flash its own action causes.
 * @module
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { pressOn, waitForNewOutcome } from '../browser.js';
import { type Person, pressForFlash, signInOn } from './common.js';

export async function openConsole(p: Person, baseUrl: string, electionId: string): Promise<void> {
  await signInOn(p.page, `${baseUrl}/app/committee.html?election=${electionId}`, p.email, true);
}

/** Press the console's refresh button; wait for the enabled button the refreshed page draws. */
export async function refreshConsole(page: Page): Promise<void> {
  const label = await page.evaluate(() => document.documentElement.lang) === 'en' ? 'Refresh' : 'Actualizar';
  await waitForNewOutcome(page, page.locator('button:enabled', { hasText: label }), () => pressOn(page, page.getByRole('button', { name: label })));
}

const EXECUTED = /se ejecutó|was carried out|executed/i;

/** Approve every pending proposal this member may approve, one by one; returns how many. */
export async function approveAll(page: Page): Promise<number> {
  await refreshConsole(page);
  let n = 0;
  for (;;) {
    const button = page.getByTestId('proposals').getByRole('button', { name: 'Aprobar', exact: true }).first();
    if (await button.count() === 0) return n;
    expect(await pressForFlash(page, button)).toMatch(EXECUTED);
    n++;
  }
}

/** The proposer proposes the next phase (confirming a close), the approver approves; waits for the phase. */
export async function moveToNextPhase(proposer: Page, approver: Page, phaseText: string): Promise<void> {
  await refreshConsole(proposer);
  const button = proposer.getByTestId('propose-phase');
  const flash = await (async () => {
    if (await proposer.getByTestId('close-confirmation').count() > 0) {
      await pressOn(proposer, button);
      await proposer.getByTestId('confirm-close').waitFor();
      return pressForFlash(proposer, proposer.getByTestId('confirm-close'));
    }
    return pressForFlash(proposer, button);
  })();
  expect(flash, 'the phase proposal').not.toMatch(/No se puede|cannot/i);
  expect(await approveAll(approver)).toBe(1);
  expect(await approver.getByTestId('phase').textContent()).toContain(phaseText);
}

/** The card of an open application, found by the association's name. */
export const applicationCard = (page: Page, legalName: string) =>
  page.getByTestId('applications').locator('li').filter({ has: page.locator('h3', { hasText: legalName }) });

/** Propose a decision from a card's reason field and button (by test id prefix), e.g. `accredit-`. */
export async function proposeOnCard(page: Page, card: ReturnType<Page['locator']>, testidPrefix: string, reason = ''): Promise<string> {
  if (reason !== '') await card.locator('input[name="reason"]').fill(reason);
  return pressForFlash(page, card.locator(`[data-testid^="${testidPrefix}"]`));
}
