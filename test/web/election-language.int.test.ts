/**
 * The election's default language (issue 13): a public page (the timeline) of an election
 * run in English first opens in English for a visitor who chose no language, without
 * remembering it; `?lang=es`, or a language chosen with the header's switch, wins over
 * the election's default; an election with the default (Spanish first) opens in Spanish.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type TestApp } from '../helpers/app.js';
import { createWebApp, launchBrowser, newContext } from '../helpers/browser.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
const ids: Record<'en' | 'es', string> = { en: '', es: '' };

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  const token = await t.login(ADMIN.email, ADMIN.password);
  for (const [key, languages] of [['en', ['en', 'es']], ['es', undefined]] as const) {
    const r = await t.call('POST', '/elections', { token, body: { title: `Idioma ${key}`, ...(languages && { languages }), contests: [{ constituency: 'tb', title: 'TB', seats: 1 }] } });
    expect(r.statusCode, r.body).toBe(201);
    ids[key] = r.json().id;
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The timeline of `id` once its election is shown (its title on the page), and the page's language then. */
async function openTimeline(page: Page, id: string, query = ''): Promise<string> {
  await page.goto(`${baseUrl}/app/timeline.html?election=${id}${query}`);
  await page.getByText(id === ids.en ? 'Idioma en' : 'Idioma es').first().waitFor();
  return page.evaluate(() => document.documentElement.lang);
}

describe('the election\'s default language', () => {
  it('opens in the election\'s first language for a visitor who chose none, without remembering it', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    try {
      expect(await openTimeline(page, ids.en)).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Election timeline');
      expect(await page.evaluate(() => localStorage.getItem('anfora.lang'))).toBeNull();
      // An election with the default list (Spanish first) opens in Spanish.
      expect(await openTimeline(page, ids.es)).toBe('es');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Calendario de la elección');
    } finally {
      await context.close();
    }
  });

  it('a language the visitor chose wins: ?lang=es, or the remembered switch', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    try {
      expect(await openTimeline(page, ids.en, '&lang=es')).toBe('es');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Calendario de la elección');
      await page.evaluate(() => localStorage.setItem('anfora.lang', 'es'));
      expect(await openTimeline(page, ids.en)).toBe('es');
    } finally {
      await context.close();
    }
  });
});
