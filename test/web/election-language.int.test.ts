/**
 * The election's default language (issue 13): a public page (the timeline) of an election
 * run in English first opens in English for a visitor who chose no language, without
 * remembering it; `?lang=es`, or a language chosen with the header's switch, wins over
 * the election's default; an election with the default (Spanish first) opens in Spanish.
 * The booth (here before voting: it says voting is not open) and the committee console's
 * sign-in (with the election's title over it) follow the same rule.
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
      // The switch to the election's language did not move focus to the header's switch.
      expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('lang-switch');
      // An election with the default list (Spanish first) opens in Spanish.
      expect(await openTimeline(page, ids.es)).toBe('es');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Calendario de la elección');
      // The header's switch, used, is remembered and keeps the focus on itself (redrawn).
      expect(await openTimeline(page, ids.en)).toBe('en');
      await page.locator('#lang-switch').click();
      await page.getByRole('heading', { level: 1, name: 'Calendario de la elección' }).waitFor();
      expect(await page.evaluate(() => [document.activeElement?.id, localStorage.getItem('anfora.lang')])).toEqual(['lang-switch', 'es']);
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

  it('the booth opens in the election\'s first language; ?lang=es wins', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    try {
      // The election is a draft: the booth, once it has read it, says voting is not open.
      await page.goto(`${baseUrl}/app/booth.html?election=${ids.en}`);
      await page.getByRole('alert').filter({ hasText: 'Voting is not open' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.evaluate(() => localStorage.getItem('anfora.lang'))).toBeNull();
      await page.goto(`${baseUrl}/app/booth.html?election=${ids.en}&lang=es`);
      await page.getByRole('alert').filter({ hasText: 'La votación no está abierta' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
      await page.goto(`${baseUrl}/app/booth.html?election=${ids.es}`);
      await page.getByRole('alert').filter({ hasText: 'La votación no está abierta' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    } finally {
      await context.close();
    }
  });

  it('the committee console opens in the election\'s first language; ?lang=es wins', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    /** The console's sign-in once the election is read (its title over the form): the page's language and the form's heading. */
    const openConsole = async (id: string, query = '') => {
      await page.goto(`${baseUrl}/app/committee.html?election=${id}${query}`);
      await page.getByTestId('election-title').filter({ hasText: id === ids.en ? 'Idioma en' : 'Idioma es' }).waitFor();
      return [await page.evaluate(() => document.documentElement.lang), await page.getByRole('heading', { level: 2 }).first().textContent()];
    };
    try {
      expect(await openConsole(ids.en)).toEqual(['en', 'Sign in as a committee member']);
      expect(await page.evaluate(() => localStorage.getItem('anfora.lang'))).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('lang-switch');
      expect(await openConsole(ids.en, '&lang=es')).toEqual(['es', 'Iniciar sesión como miembro del comité']);
      expect(await openConsole(ids.es)).toEqual(['es', 'Iniciar sesión como miembro del comité']);
    } finally {
      await context.close();
    }
  });

  it('what a member typed in the console\'s sign-in form survives the redraw when the election arrives in another language', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    // Hold the election's read until the member has typed, so the redraw comes after the typing.
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    await page.route(`**/elections/${ids.en}`, async (route) => { await held; await route.continue(); });
    try {
      await page.goto(`${baseUrl}/app/committee.html?election=${ids.en}`);
      await page.locator('#email').fill('miembro@example.org');
      await page.locator('#password').fill('clave-escrita');
      await page.locator('#password').focus();
      release();
      await page.getByTestId('election-title').filter({ hasText: 'Idioma en' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect([await page.locator('#email').inputValue(), await page.locator('#password').inputValue()]).toEqual(['miembro@example.org', 'clave-escrita']);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    } finally {
      await context.close();
    }
  });
});
