/**
 * The auditor page in Chromium: one button downloads the record of an election voted,
 * tallied and published over HTTP, verifies it in a Web Worker with progress, and reports
 * exactly what `npx tsx src/cli/verify.ts` prints for the same record (verdict, every
 * check, counts, results and seats), in Spanish and in English; the turnout and results
 * shown agree with the CLI's JSON report. A tampered copy opened as a file fails the same
 * checks in the page as in the CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../src/verify/index.js';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectNoSidewaysScroll, launchBrowser, newContext, pressOn, screenshot } from '../helpers/browser.js';
import {
  type ClientElection, castWithClient, closeAndTallyWithClient, fetchRecordText, openClientElection,
} from '../helpers/client-election.js';

const ROOT = resolve(import.meta.dirname, '../..');
let t: TestApp;
let baseUrl: string;
let browser: Browser;
let election: ClientElection;
let dir: string;
let recordFile: string;
let tamperedText: string;
let tamperedFile: string;

/** The CLI on a record file: exit code and the lines it printed. */
function cli(file: string, ...args: string[]): { code: number | null; lines: string[]; stdout: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/verify.ts'), file, '--no-progress', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, lines: r.stdout.replace(/\n$/, '').split('\n') };
}

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  election = await openClientElection(t, baseUrl, { plwha: 8, tb: 5 }, 'aud');
  await castWithClient(baseUrl, election, undefined, (_c, i) => i === 1);
  await closeAndTallyWithClient(baseUrl, election);
  const text = await fetchRecordText(baseUrl, election.electionId);
  dir = mkdtempSync(join(tmpdir(), 'anfora-auditor-'));
  recordFile = join(dir, 'record.json');
  writeFileSync(recordFile, text);
  // One vote more for a candidate in the result event: the chain and the decryption must fail.
  const record = JSON.parse(text) as { events: { kind: string; payload: { contests: { counts: { votes: number }[] }[] } }[] };
  record.events.find((e) => e.kind === 'result')!.payload.contests[0]!.counts[0]!.votes += 1;
  tamperedText = JSON.stringify(record);
  tamperedFile = join(dir, 'tampered.json');
  writeFileSync(tamperedFile, tamperedText);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Records every text the progress line shows, from before the click. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenProgress: string[] }).seenProgress = seen;
    new MutationObserver(() => {
      const el = document.querySelector('#progress-text');
      if (el?.textContent) seen.push(el.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function pageReportLines(page: Page): Promise<string[]> {
  return (await page.getByTestId('report-text').textContent())!.split('\n');
}

describe('the auditor page in Chromium', () => {
  it('verifies the recorded election in a Web Worker and reports the same verdict, checks and counts as the CLI', async () => {
    const es = cli(recordFile, '--lang', 'es');
    const en = cli(recordFile, '--lang', 'en');
    const json = JSON.parse(cli(recordFile, '--json').stdout) as VerificationReport;
    expect(es.code).toBe(0);
    expect(json.ok).toBe(true);

    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(`${baseUrl}/app/auditor.html?election=${election.electionId}`);
    await watchProgress(page);
    await pressOn(page, page.getByTestId('verify'));
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });

    // The verifier ran in a worker, and the progress bar went through the stages.
    expect(workers.some((u) => /\/app\/assets\/worker-.*\.js$/.test(u))).toBe(true);
    const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
    for (const stage of ['Descargando el registro', 'Papeletas', 'Escrutinio y escaños']) expect(seen.some((s) => s.startsWith(stage)), stage).toBe(true);

    expect(await page.getByTestId('verdict-text').textContent()).toBe(json.verdict.es);
    expect(await pageReportLines(page)).toEqual(es.lines);
    const checks = page.getByTestId('checks').locator('> li');
    expect(await checks.count()).toBe(json.checks.length);
    expect(await page.locator('[data-testid="checks"] > li[data-ok="false"]').count()).toBe(0);

    // Turnout per contest and results with seats, as in the CLI's JSON report.
    for (const c of json.counts.contests) {
      const text = await page.getByTestId(`turnout-${c.contestId}`).textContent();
      expect(text).toContain(`${c.tokensIssued} de ${c.rollSize}`);
      expect(text).toContain(`${c.countedBallots} de ${c.rollSize}`);
    }
    for (const r of json.results!) {
      const rows = await page.getByTestId(`results-${r.contestId}`).locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((td) => td.textContent)));
      expect(rows).toEqual(r.candidates.map((c) => [String(c.rank), c.fullName, String(c.votes), c.seat === 'titular' ? 'titular' : c.seat === 'alternate' ? 'suplente' : '—']));
    }
    const regions = await page.getByTestId('regions').locator('li').count();
    expect(regions).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'auditor-es-1280-verified');

    // The same report in English after switching the language.
    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => page.getByTestId('verdict-text').textContent()).toBe(json.verdict.en);
    expect(await pageReportLines(page)).toEqual(en.lines);
    await context.close();
  });

  it('a tampered record opened as a file fails the same checks in the page as in the CLI (English, 360 px)', async () => {
    const en = cli(tamperedFile, '--lang', 'en');
    const json = JSON.parse(cli(tamperedFile, '--json').stdout) as VerificationReport;
    expect(en.code).toBe(1);
    const failedInCli = json.checks.filter((c) => !c.ok).map((c) => c.key);
    expect(failedInCli).toEqual(expect.arrayContaining(['chain', 'decryption']));

    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/auditor.html?election=${election.electionId}&lang=en`);
    await page.locator('details summary').first().press('Enter');
    await page.locator('#record-file').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tamperedText) });
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('verdict-text').textContent()).toBe(json.verdict.en);
    const failedInPage = await page.locator('[data-testid="checks"] > li[data-ok="false"]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-check')));
    expect(failedInPage).toEqual(failedInCli);
    expect(await pageReportLines(page)).toEqual(en.lines);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'auditor-en-360-tampered');
    await context.close();
  });
});
