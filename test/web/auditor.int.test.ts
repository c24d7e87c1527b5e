/**
 * The auditor page in Chromium: one button downloads the record of an election voted,
 * tallied and published over HTTP, verifies it in a Web Worker with progress, and reports
 * exactly what `npx tsx src/cli/verify.ts` prints for the same record (verdict, every
 * check, counts, results and seats), in Spanish and in English; the turnout and results
 * shown agree with the CLI's JSON report. Turnout by region is suppressed below the
 * manifest's minimum roll ("< 5", never the figure), and the complaint log shows a
 * complaint of each window with the committee's answer — all read from the verifier's
 * report. The page shows the SHA-256 of the bytes it verified (saved as they are, the
 * same as the CLI's for that file) and the server's signed report as valid and matching;
 * its HTML report is the file the CLI writes with `--report` for the same record, except
 * for the date of the verification (normalised in the comparison). A tampered copy, and a
 * copy that repeats a member name, opened as files fail the same checks in the page as in
 * the CLI. Another election's record, and this election's record with another manifest,
 * opened as files are verified after a warning (role alert) naming both elections by title
 * and id, which the page's HTML report carries too.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrusteeSecrets } from '../../src/crypto/trustee-keyfile.js';
import type { VerificationReport } from '../../src/verify/index.js';
import type { TestApp } from '../helpers/app.js';
import {
  SCREENSHOTS, axeViolations, createWebApp, expectKeyboardReachable, expectNoSidewaysScroll, launchBrowser, newContext, pressOn, screenshot, waitForNewOutcome,
} from '../helpers/browser.js';
import {
  type ClientElection, castWithClient, changePhaseWithClient, closeAndTallyWithClient, fetchRecordText, runClientCeremony,
} from '../helpers/client-election.js';
import { decide } from '../helpers/model-case.js';
import { prepareVotingElection } from '../helpers/voting.js';
import { syntheticRecord } from '../verify/synthetic-record.js';

const ROOT = resolve(import.meta.dirname, '../..');
let t: TestApp;
let baseUrl: string;
let browser: Browser;
let election: ClientElection;
let dir: string;
let recordFile: string;
let tamperedText: string;
let tamperedFile: string;
let repeatedText: string;
let repeatedFile: string;

/** The CLI on a record file (a path relative to `cwd`): exit code and the lines it printed. */
function cliIn(cwd: string, file: string, ...args: string[]): { code: number | null; lines: string[]; stdout: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/verify.ts'), file, '--no-progress', ...args],
    { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, lines: r.stdout.replace(/\n$/, '').split('\n') };
}
const cli = (file: string, ...args: string[]) => cliIn(ROOT, file, ...args);

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * The HTML report with the date of the verification (in its heading and its identity list)
 * replaced: the page and the CLI verify at different moments. Throws unless both places are
 * found, so that a change of wording cannot turn the comparison into one of anything.
 */
function withoutVerificationDate(html: string): string {
  const out = html
    .replace(/(· verificación del )[^<]+(<\/p>)/, '$1[fecha]$2')
    .replace(/(<dt>Fecha de la verificación<\/dt><dd>)[^<]+(<\/dd>)/, '$1[fecha]$2');
  if (out.split('[fecha]').length !== 3) throw new Error('the date of the verification was not found twice in the HTML report');
  return out;
}

const ROLL_COMPLAINT = 'La Asociación tb 3 fue acreditada sin presentar su registro vigente.';
const ROLL_ANSWER = 'El comité revisó el expediente: el registro estaba vigente al cierre de la acreditación.';
const CLOSE_COMPLAINT = 'En la sede de Pucallpa la conexión se cortó durante la votación.';
const CLOSE_ANSWER = 'Consta el corte; ninguna asociación quedó sin votar y se abrirá un canal de apoyo en la próxima elección.';

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  let secrets: TrusteeSecrets[] = [];
  // Regions as the associations registered them, before the committee accredits them (the
  // decisions publish them): six PLWHA associations in Lima Metropolitana (at the minimum of
  // 5 or above: shown), two in Madre de Dios and the five TB ones spread out (below: "< 5").
  const v = await prepareVotingElection(t, { plwha: 8, tb: 5 }, 'aud', async (_t, m) => {
    secrets = await runClientCeremony(baseUrl, m);
    return secrets.map((s) => s.secretShare!);
  }, (c, i) => (c === 'plwha' ? (i < 6 ? 'lima_metropolitana' : 'madre_de_dios') : undefined));
  // A roll complaint by a TB association that shows its identity, dismissed by the committee.
  const roll = await t.call('POST', `/elections/${v.electionId}/complaints`, {
    token: v.rolls.tb![0]!.token, body: { category: 'accreditation', text: ROLL_COMPLAINT, showIdentity: true },
  });
  expect(roll.statusCode, roll.body).toBe(201);
  await decide(t, v, { kind: 'complaint_answer', complaintId: roll.json().id, decision: 'dismissed', reasoning: ROLL_ANSWER });
  election = { ...v, trusteeSecrets: secrets };
  await changePhaseWithClient(baseUrl, election, 'voting');
  // Every association asks the issuers through the relay; their logs go up before the close (checks 43–45).
  await castWithClient(baseUrl, election, undefined, (_c, i) => i === 1);
  await closeAndTallyWithClient(baseUrl, election, [1, 3], { publish: false });
  // A post-close complaint by a committee member without identity, upheld before publishing.
  const late = await t.call('POST', `/elections/${v.electionId}/complaints`, {
    token: v.members[2], body: { category: 'voting_conduct', text: CLOSE_COMPLAINT, showIdentity: false },
  });
  expect(late.statusCode, late.body).toBe(201);
  await decide(t, v, { kind: 'complaint_answer', complaintId: late.json().id, decision: 'upheld', reasoning: CLOSE_ANSWER }, 1, 2);
  await changePhaseWithClient(baseUrl, election, 'published');
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
  // The format repeated as a second member: JSON.parse keeps the last and hides it; the CLI and the page must not.
  repeatedText = text.replace(/^\{/, '{"format":"anfora-election-record",');
  expect(repeatedText).not.toBe(text);
  repeatedFile = join(dir, 'repeated.json');
  writeFileSync(repeatedFile, repeatedText);
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
    // Turnout by region: Lima Metropolitana (6 on the rolls) in figures; every smaller region "< 5" only.
    const regions = page.getByTestId('regions').locator('> li');
    const lima = regions.filter({ hasText: 'Lima Metropolitana' });
    // Numbers as Spanish writes them: a decimal comma and a space before the sign (one rule, src/record/number-format.ts).
    expect(await lima.textContent()).toContain('6 de 6 (100,0\u00a0%)');
    expect(await lima.getAttribute('data-suppressed')).toBeNull();
    const madre = regions.filter({ hasText: 'Madre de Dios' });
    const madreText = (await madre.textContent())!;
    expect(madreText).toContain('< 5');
    expect(madreText).not.toMatch(/\d+ de \d+/);
    expect(madreText.replace('< 5', '')).not.toMatch(/\d/);
    expect(await madre.locator('.bar-fill').count()).toBe(0);
    // Seven regions below the minimum (Madre de Dios and the five TB ones), none of them with a figure.
    expect(await regions.count()).toBe(7);
    const suppressed = page.locator('[data-testid="regions"] > li[data-suppressed="true"]');
    expect(await suppressed.count()).toBe(6);
    for (const text of await suppressed.allTextContents()) expect(text.replace('< 5', '')).not.toMatch(/\d/);
    expect(await page.getByTestId('regions-min').textContent()).toContain('menos de 5 asociaciones en los padrones (todas las contiendas juntas)');

    // The complaint log: each window's complaint with the committee's answer.
    const complaints = page.getByTestId('complaints').locator('> li');
    expect(await complaints.count()).toBe(2);
    const first = (await complaints.nth(0).textContent())!;
    expect(first).toContain('Reclamo 1: acreditación');
    expect(first).toContain('padrón publicado (antes de abrir la votación)');
    expect(first).toContain(ROLL_COMPLAINT);
    expect(first).toContain('Asociación tb 1 (asociación)');
    expect(first).toContain('Respuesta del comité: reclamo infundado');
    expect(first).toContain(ROLL_ANSWER);
    expect(first).toContain('aprobada por miembros de los sectores sociedad civil y gobierno');
    const second = (await complaints.nth(1).textContent())!;
    expect(second).toContain('Reclamo 2: desarrollo de la votación');
    expect(second).toContain('tras el cierre (antes de publicar los resultados)');
    expect(second).toContain(CLOSE_COMPLAINT);
    expect(second).toContain('identidad reservada');
    expect(second).not.toContain('Ana Torres');
    expect(second).toContain('Respuesta del comité: reclamo fundado');
    expect(second).toContain(CLOSE_ANSWER);
    expect(second).toContain('aprobada por miembros de los sectores sociedad civil y cooperación internacional');

    // The server's signed report, as check 23 found it.
    expect(await page.getByTestId('server-signature').textContent()).toBe('✓ Firma válida: la hizo la clave de recibos que fija el manifiesto.');
    expect(await page.getByTestId('server-figures').textContent()).toBe('✓ Las cifras coinciden: cada una es la que calculó el verificador.');

    // The bytes verified, saved as they are: their SHA-256 is the one shown, and the CLI's for that file.
    const recordName = `election-record-${election.electionId}.json`;
    const savedEvent = page.waitForEvent('download');
    await pressOn(page, page.getByTestId('save-record'));
    const saved = await savedEvent;
    expect(saved.suggestedFilename()).toBe(recordName);
    const bytes = readFileSync((await saved.path())!);
    const shown = (await page.getByTestId('record-sha256').textContent())!;
    expect(shown).toBe(sha256(bytes));
    writeFileSync(join(dir, recordName), bytes);
    const savedJson = JSON.parse(cliIn(dir, recordName, '--json').stdout) as VerificationReport;
    expect(savedJson.recordSha256).toBe(shown);
    expect(savedJson.serverReport).toEqual({ seq: expect.any(Number), signature: 'valid', figures: 'match' });

    // The HTML report: the file `npx tsx src/cli/verify.ts <record> --report x.html --lang es` writes.
    const htmlEvent = page.waitForEvent('download');
    await pressOn(page, page.getByTestId('download-html'));
    const htmlDownload = await htmlEvent;
    expect(htmlDownload.suggestedFilename()).toBe(`informe-${election.electionId}.html`);
    const pageHtml = readFileSync((await htmlDownload.path())!, 'utf8');
    const written = cliIn(dir, recordName, '--report', 'x.html', '--lang', 'es');
    expect(written.code).toBe(0);
    const cliHtml = readFileSync(join(dir, 'x.html'), 'utf8');
    expect(withoutVerificationDate(pageHtml)).toBe(withoutVerificationDate(cliHtml));
    expect(pageHtml).toContain(shown);
    expect(pageHtml).toContain(`npm run verify -- ${recordName} --report informe.html`);
    expect(await axeViolations(page)).toEqual([]);
    // The report as a keyboard user meets it: every control, the report's text and its tables reached by Tab.
    await expectKeyboardReachable(page);
    await screenshot(page, 'auditor-es-1280-verified');
    // The two new sections on their own, for people to look at.
    await page.locator('section[aria-labelledby="region-h"]').screenshot({ path: join(SCREENSHOTS, 'auditor-es-1280-regions.png') });
    await page.locator('section[aria-labelledby="complaints-h"]').screenshot({ path: join(SCREENSHOTS, 'auditor-es-1280-complaints.png') });

    // The same report in English after switching the language.
    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => page.getByTestId('verdict-text').textContent()).toBe(json.verdict.en);
    expect(await pageReportLines(page)).toEqual(en.lines);
    expect(await page.getByTestId('regions').locator('> li').filter({ hasText: 'Madre de Dios' }).textContent()).toContain('< 5 associations on the rolls (figures withheld)');
    expect(await page.getByTestId('complaints').locator('> li').nth(1).textContent()).toContain('Committee\'s answer: complaint upheld');
    await screenshot(page, 'auditor-en-1280-verified');
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
    expect(await page.getByTestId('record-sha256').textContent()).toBe(sha256(tamperedText));
    await expectNoSidewaysScroll(page);
    await expectKeyboardReachable(page);
    await screenshot(page, 'auditor-en-360-tampered');
    await context.close();
  });

  it('a record that repeats a member name fails the format check in the page as in the CLI, though JSON.parse hides it', async () => {
    const es = cli(repeatedFile, '--lang', 'es');
    const json = JSON.parse(cli(repeatedFile, '--json').stdout) as VerificationReport;
    expect(es.code).toBe(1);
    expect(json.checks.filter((c) => !c.ok).map((c) => c.key)).toEqual(['format']);
    expect(json.checks[0]!.failures.map((f) => f.detail.en)).toEqual(['the member "format" appears twice in one object (a JSON reader keeps the last)']);

    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/auditor.html?election=${election.electionId}`);
    await page.locator('details summary').first().press('Enter');
    await page.locator('#record-file').setInputFiles({ name: 'repeated.json', mimeType: 'application/json', buffer: Buffer.from(repeatedText) });
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('verdict-text').textContent()).toBe(json.verdict.es);
    const failedInPage = await page.locator('[data-testid="checks"] > li[data-ok="false"]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-check')));
    expect(failedInPage).toEqual(['format']);
    expect(await pageReportLines(page)).toEqual(es.lines);
    expect(await page.getByTestId('record-sha256').textContent()).toBe(json.recordSha256);
    await context.close();
  });

  it('another election\'s record opened as a file is verified after a warning naming both elections, in the page and its HTML report', async () => {
    // Election Y: a complete record built with the crypto core (a sound record, of another election).
    const other = await syntheticRecord();
    const otherText = JSON.stringify(other.record);
    const y = JSON.parse(cli(writeTo('other.json', otherText), '--json').stdout) as VerificationReport;
    expect(y.ok).toBe(true);
    expect(y.electionId).not.toBe(election.electionId);
    const x = (await t.call('GET', `/elections/${election.electionId}`)).json() as { title: string };

    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/app/auditor.html?election=${election.electionId}`);
    // The title shows once the election and its published manifest are both known.
    await page.locator('main .lead').waitFor();
    await page.locator('details summary').first().press('Enter');
    const warning = page.getByTestId('foreign-record');
    await waitForNewOutcome(page, warning, () => page.locator('#record-file').setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(otherText) }), { timeout: 60_000 });
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.getAttribute('data-kind')).toBe('election');
    const text = (await warning.textContent())!;
    expect(text).toContain('⚠ Este registro es de otra elección');
    expect(text).toContain(`El registro abierto es de «${y.title}» (${y.electionId}), no de «${x.title}» (${election.electionId}), la elección que usted pidió.`);
    // Before the verdict, which is the record's own: it is sound, of its election.
    expect(await warning.evaluate((w) => Boolean(w.compareDocumentPosition(document.querySelector('[data-testid="verdict"]')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    expect(await page.getByTestId('verdict').getAttribute('data-state')).toBe('valid');
    expect(await page.getByTestId('verdict-text').textContent()).toBe(y.verdict.es);
    expect(await page.getByTestId('record-sha256').textContent()).toBe(sha256(otherText));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'auditor-es-1280-other-election');

    // The HTML report offered carries the same warning.
    const htmlEvent = page.waitForEvent('download');
    await pressOn(page, page.getByTestId('download-html'));
    const pageHtml = readFileSync((await (await htmlEvent).path())!, 'utf8');
    const section = pageHtml.match(/<section class="foreign" role="alert" data-testid="foreign-record" data-kind="election">.*?<\/section>/);
    expect(section).not.toBeNull();
    expect(section![0]).toContain(`(${y.electionId}), no de «`);
    expect(pageHtml.indexOf(section![0])).toBeLessThan(pageHtml.indexOf('data-testid="verdict"'));

    // In English after switching the language.
    await pressOn(page, page.locator('#lang-switch'));
    await expect.poll(() => warning.textContent()).toContain('⚠ This record is of another election');
    expect(await warning.textContent()).toContain(`The record opened is of "${y.title}" (${y.electionId}), not of "${x.title}" (${election.electionId}), the election you asked for.`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('this election\'s record with a manifest other than the one the server publishes is verified after a warning naming both hashes (English, 360 px)', async () => {
    const served = (await t.call('GET', `/elections/${election.electionId}/manifest`)).json() as { hash: string; manifest: { title: string } };
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { events: { kind: string; payload: { manifest: { title: string } } }[] };
    record.events.find((e) => e.kind === 'manifest')!.payload.manifest.title = 'Elección con otro manifiesto';
    const changedText = JSON.stringify(record);
    const json = JSON.parse(cli(writeTo('other-manifest.json', changedText), '--json').stdout) as VerificationReport;
    expect(json.electionId).toBe(election.electionId);
    expect(json.manifestHash).not.toBe(served.hash);

    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/auditor.html?election=${election.electionId}&lang=en`);
    await page.locator('main .lead').waitFor();
    await page.locator('details summary').first().press('Enter');
    const warning = page.getByTestId('foreign-record');
    await waitForNewOutcome(page, warning, () => page.locator('#record-file').setInputFiles({ name: 'other-manifest.json', mimeType: 'application/json', buffer: Buffer.from(changedText) }), { timeout: 60_000 });
    expect(await warning.getAttribute('role')).toBe('alert');
    expect(await warning.getAttribute('data-kind')).toBe('manifest');
    const text = (await warning.textContent())!;
    expect(text).toContain('⚠ This record\'s manifest is not the one expected');
    expect(text).toContain(`The record of "Elección con otro manifiesto" (${election.electionId}) fixes the manifest ${json.manifestHash}, but the one the server publishes for "${served.manifest.title}" (${election.electionId}) is ${served.hash}.`);
    // The changed manifest breaks the chain: verified all the same, and failed.
    expect(await page.getByTestId('verdict').getAttribute('data-state')).toBe('failed');
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'auditor-en-360-other-manifest');
    await context.close();
  });
});

/** Write `text` to a file in the test's folder; its path. */
function writeTo(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
