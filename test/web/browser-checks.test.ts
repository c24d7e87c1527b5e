/**
 * The browser tests' page checks fail on the faults they exist to catch: small pages set
 * in Chromium (with the project's own styles.css) that are good, then each broken in one
 * way — a clickable div, a control Tab never reaches, a focus ring taken away, a table
 * wider than its scrolling wrapper at 360 px, navigation printed or a table cut off on
 * paper. No server: the pages are set directly.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectKeyboardReachable, expectNoScrollInside, expectPrintable, launchBrowser } from '../helpers/browser.js';

const STYLES = readFileSync(resolve(import.meta.dirname, '../../src/web/styles.css'), 'utf8');
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

async function pageWith(body: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.setContent(`<!doctype html><html lang="es"><head><style>${STYLES}</style></head><body>${body}</body></html>`);
  return page;
}

/** The assertion's message when `check` fails, or null when it passes. */
async function failure(check: () => Promise<unknown>): Promise<string | null> {
  try {
    await check();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const FRAME = `<a class="skip-link" href="#main">Saltar al contenido</a>
<header class="site-header"><nav aria-label="Secciones"><ul><li><a href="#a">Inicio</a></li></ul></nav>
<button type="button" class="lang-switch">English</button></header>`;
const FORM = `<label for="e">Correo</label><input id="e" type="email">
<fieldset><legend>Color</legend><input type="radio" name="c" id="c1"><label for="c1">Rojo</label><input type="radio" name="c" id="c2"><label for="c2">Azul</label></fieldset>
<input id="when" type="datetime-local" aria-label="Fecha"><details><summary>Más</summary><p>Texto</p></details>
<button type="button" disabled>Deshabilitado</button><button type="button" id="go">Enviar</button>`;

describe('the keyboard walk', () => {
  it('passes a page whose controls Tab reaches, each with the focus ring', async () => {
    const page = await pageWith(`${FRAME}<main id="main" tabindex="-1">${FORM}</main>`);
    const order = await expectKeyboardReachable(page);
    // One stop for the radio group (a date field stops at each of its parts); the disabled button none.
    expect(new Set(order).size).toBe(8);
    expect(order[0]).toBe('a "Saltar al contenido"');
    await page.close();
  });

  it('fails a clickable div, a control taken out of the tab order, and a control without a focus ring', async () => {
    const div = await pageWith(`${FRAME}<main>${FORM}<div style="cursor:pointer" onclick="void 0">Eliminar</div></main>`);
    expect(await failure(() => expectKeyboardReachable(div))).toMatch(/drawn as clickable[\s\S]*div "Eliminar"/);
    const hidden = await pageWith(`${FRAME}<main>${FORM}<span tabindex="0" id="x">ok</span><button type="button" tabindex="-1" id="out">Fuera</button></main>`);
    expect(await failure(() => expectKeyboardReachable(hidden))).toBeNull();
    const unreachable = await pageWith(`${FRAME}<main>${FORM}<a href="#b" id="lost" onfocus="this.blur()">Perdido</a></main>`);
    expect(await failure(() => expectKeyboardReachable(unreachable))).toMatch(/never reaches[\s\S]*a#lost/);
    const noRing = await pageWith(`<style>#go:focus-visible { outline: none; box-shadow: none; }</style>${FRAME}<main>${FORM}</main>`);
    expect(await failure(() => expectKeyboardReachable(noRing))).toMatch(/without a visible focus indicator[\s\S]*button#go/);
    for (const p of [div, hidden, unreachable, noRing]) await p.close();
  });
});

const TABLE = (cells: number) => `<div class="table-wrap"><table><tbody><tr>${'<td>celda&nbsp;larga&nbsp;sin&nbsp;cortes</td>'.repeat(cells)}</tr></tbody></table></div>`;

describe('overflow inside a scrolling container', () => {
  it('fails a table wider than its wrapper at 360 px, which the document-level check cannot see', async () => {
    const good = await pageWith(`<main>${TABLE(1)}</main>`, 360);
    await expectNoScrollInside(good);
    const wide = await pageWith(`<main>${TABLE(6)}</main>`, 360);
    expect(await wide.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await failure(() => expectNoScrollInside(wide))).toMatch(/wider than its scrolling container[\s\S]*div\.table-wrap/);
    // Scrolled sideways, the wrapper is a tab stop of its own: the keyboard's way to scroll it.
    expect(await expectKeyboardReachable(wide)).toEqual([expect.stringMatching(/^div "celda/)]);
    await good.close();
    await wide.close();
  });
});

describe('the print check', () => {
  it('passes a page whose navigation is kept off paper, and fails printed navigation or a table cut off', async () => {
    const good = await pageWith(`${FRAME}<main><nav class="public-nav no-print"><button type="button">Imprimir</button></nav><p id="c">Contenido</p>${TABLE(1)}</main>`);
    await expectPrintable(good, good.locator('#c'));
    // Screen media and the viewport are back afterwards.
    expect(await good.evaluate(() => [matchMedia('print').matches, innerWidth])).toEqual([false, 1280]);
    const nav = await pageWith(`${FRAME}<main><nav class="public-nav"><button type="button">Imprimir</button></nav><p id="c">Contenido</p></main>`);
    expect(await failure(() => expectPrintable(nav, nav.locator('#c')))).toMatch(/screen-only parts printed[\s\S]*button/);
    const wide = await pageWith(`${FRAME}<main><p id="c">Contenido</p>${TABLE(6)}</main>`);
    expect(await failure(() => expectPrintable(wide, wide.locator('#c')))).toMatch(/cut off on paper/);
    const gone = await pageWith(`${FRAME}<main><p id="c" class="no-print">Contenido</p></main>`);
    expect(await failure(() => expectPrintable(gone, gone.locator('#c')))).toMatch(/printed content shows/);
    for (const p of [good, nav, wide, gone]) await p.close();
  });
});
