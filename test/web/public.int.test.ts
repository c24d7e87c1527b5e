/**
 * The public pages and the running of an election in Chromium (issue 13), on one small
 * election driven through its phases over the API:
 * - while voting is open (3 of 6 PLWHA and 3 of 5 TB associations voted): the timeline
 *   with its countdown, the roll from the manifest, the board browser (every link checked,
 *   and a tampered board page served through request interception flagged at its event),
 *   the auditor page's "in progress" verdict (and a failure for a tampered record), the
 *   committee's live turnout and the confirmation before proposing to close, which shows
 *   how many have not voted;
 * - once closed, decrypted and published: the booth says voting is closed before anyone
 *   chooses, and the results page shows the verifier's counts and seats (the TB contest
 *   tied, decided by lot, with one blank ballot), equal to the in-process verifier's; and
 *   when the server serves another election's record, or this one's with another manifest
 *   (request interception: an operator is not trusted), a warning naming both elections
 *   comes before the results.
 * Every new page in Spanish and English at 360 and 1280 px: axe-clean, no sideways
 * scroll, screenshots under test-results/web/; each reached by Tab alone with a visible
 * focus ring, and the timeline, roll, board and results printed at an A4 page's width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { decryptTally } from '../../src/client/trustee.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import type { TrusteeSecrets } from '../../src/crypto/trustee-keyfile.js';
import { CONSTITUENCY_TEMPLATE, constituencyName } from '../../src/record/constituencies.js';
import { type VerificationReport, verifyRecordText } from '../../src/verify/index.js';
import type { TestApp } from '../helpers/app.js';
import {
  axeViolations, createWebApp, expectKeyboardReachable, expectNoScrollInside, expectNoSidewaysScroll, expectPrintable, keepKeyAndTypePassphrase,
  launchBrowser, newContext, pressOn, screenshot, waitForNewOutcome,
} from '../helpers/browser.js';
import { type ClientElection, castWithClient, changePhaseWithClient, fetchRecordText, runClientCeremony } from '../helpers/client-election.js';
import { postTestIssuerLogs } from '../helpers/issuance.js';
import { voteOnId } from '../helpers/model-case.js';
import { prepareVotingElection } from '../helpers/voting.js';
import { syntheticRecord } from '../verify/synthetic-record.js';

const TAG = 'pub';
let t: TestApp;
let baseUrl: string;
let browser: Browser;
let election: ClientElection;
const VOTING_CLOSES = new Date(Date.now() + 2 * 86_400_000 + 3 * 3_600_000).toISOString();
/** The election's own names: PLWHA's are not the template's, so a page showing them took them from the election. */
const CONSTITUENCIES = CONSTITUENCY_TEMPLATE.map((c) => (c.code === 'plwha' ? { code: 'plwha', nameEs: 'Personas con VIH (nombre del comité)', nameEn: 'People with HIV (the committee\'s name)' } : c));
const constituencyOf = (code: string, lang: 'es' | 'en') => constituencyName(code, lang, CONSTITUENCIES);

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  let secrets: TrusteeSecrets[] = [];
  const v = await prepareVotingElection(t, { plwha: 6, tb: 5 }, TAG, async (_t, m) => {
    secrets = await runClientCeremony(baseUrl, m);
    return secrets.map((s) => s.secretShare!);
  });
  // A planned close two days ahead (the timeline is the administration's, set at creation).
  // Its constituencies as a committee named them (set at creation too; the manifest takes them when voting opens).
  await t.database.db.updateTable('elections').set({ timeline: JSON.stringify({ votingCloses: VOTING_CLOSES }), constituencies: JSON.stringify(CONSTITUENCIES) })
    .where('id', '=', v.electionId).execute();
  election = { ...v, trusteeSecrets: secrets };
  await changePhaseWithClient(baseUrl, election, 'voting');
  // Half of each roll votes; in TB (vote for one of two) one each and a blank ballot: a tie.
  const some = { ...election, rolls: { plwha: v.rolls.plwha!.slice(0, 3), tb: v.rolls.tb!.slice(0, 3) } };
  await castWithClient(baseUrl, some, (contestId, i, { candidates }) => {
    const choices = new Array<number>(candidates).fill(0);
    if (contestId === v.contests.tb) { if (i < 2) choices[i] = 1; } else choices[i % candidates] = 1;
    return choices;
  });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const url = (page: string, lang: 'es' | 'en', extra = '') => `${baseUrl}/app/${page}.html?election=${election.electionId}&lang=${lang}${extra}`;
const RUNS = [{ lang: 'es', width: 360 }, { lang: 'en', width: 360 }, { lang: 'es', width: 1280 }, { lang: 'en', width: 1280 }] as const;

/** axe clean, nothing wider than the viewport, and a screenshot. */
async function checkPage(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page), name).toEqual([]);
  await expectNoSidewaysScroll(page);
  await screenshot(page, name);
}

async function openPage(width: number): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await newContext(browser, width);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, close: () => context.close() };
}

/** Member `i` signs in to the committee console: password, and the signing key kept in this browser unlocked by its passphrase. */
async function signInToConsole(page: Page, lang: 'es' | 'en', i: number): Promise<void> {
  const who = election.memberAccounts[i]!;
  await page.goto(url('committee', lang));
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await keepKeyAndTypePassphrase(page, who);
  await page.locator('#password').press('Enter');
}

describe('while voting is open', () => {
  it('the timeline shows the stages, the planned close and a countdown that ticks', async () => {
    for (const run of RUNS) {
      const { page, errors, close } = await openPage(run.width);
      await page.goto(url('timeline', run.lang));
      const countdown = page.getByTestId('countdown');
      await countdown.waitFor();
      const first = await countdown.textContent();
      expect(first).toMatch(run.lang === 'es' ? /^Quedan 2 d (0[23]) h \d\d min \d\d s para el cierre previsto/ : /^2 d (0[23]) h \d\d min \d\d s left until voting/);
      // The countdown ticks in place.
      await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(first);
      expect(await page.locator('[data-phase="voting"]').getAttribute('aria-current')).toBe('step');
      expect(await page.locator('[data-phase="voting"]').textContent()).toContain(run.lang === 'es' ? 'Votación abierta (manifiesto publicado)' : 'Voting opened (manifest published)');
      await checkPage(page, `timeline-${run.lang}-${run.width}`);
      if (run.width === 360) await expectKeyboardReachable(page);
      if (run.width === 1280) await expectPrintable(page, page.getByTestId('steps'));
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('the booth shows the planned close while voting is open', async () => {
    for (const lang of ['es', 'en'] as const) {
      const { page, errors, close } = await openPage(360);
      await page.goto(url('booth', lang));
      const deadline = page.getByTestId('deadline');
      await deadline.waitFor();
      const when = new Date(VOTING_CLOSES).toLocaleString(lang === 'es' ? 'es-PE' : 'en-GB', { dateStyle: 'long', timeStyle: 'medium' });
      expect(await deadline.textContent()).toBe(lang === 'es' ? `Cierre previsto de la votación: ${when}` : `Planned close of voting: ${when}`);
      expect(await page.locator('#email').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `booth-deadline-${lang}-360`);
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('the roll page lists each contest\'s roll from the manifest', async () => {
    const manifest = (await t.call('GET', `/elections/${election.electionId}/manifest`)).json().manifest as { contests: { id: string; constituency: string; roll: { legalName: string }[] }[] };
    for (const run of RUNS) {
      const { page, errors, close } = await openPage(run.width);
      await page.goto(url('roll', run.lang));
      await page.getByTestId('roll-status').waitFor();
      expect(await page.getByTestId('roll-status').textContent()).toMatch(run.lang === 'es' ? /^Este es el padrón publicado en el manifiesto/ : /^This is the roll published in the manifest/);
      for (const c of manifest.contests) {
        const section = page.getByTestId(`roll-${c.id}`);
        expect(await section.locator('tbody tr').count()).toBe(c.roll.length);
        expect((await section.locator('tbody td:nth-child(2)').allTextContents()).sort()).toEqual(c.roll.map((a) => a.legalName).sort());
        expect(await section.getByTestId('roll-count').textContent()).toBe(run.lang === 'es' ? `${c.roll.length} asociaciones` : `${c.roll.length} associations`);
        expect(await section.getByTestId('roll-constituency').textContent()).toBe(constituencyOf(c.constituency, run.lang));
      }
      await checkPage(page, `roll-${run.lang}-${run.width}`);
      if (run.width === 360) await expectKeyboardReachable(page);
      if (run.width === 1280) await expectPrintable(page, page.locator('[data-testid^="roll-"] tbody'));
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('the board browser checks every link, pages by kind, and is keyboard operable', async () => {
    const board = (await t.call('GET', `/elections/${election.electionId}/board?limit=500`)).json() as { events: { kind: string }[] };
    const total = board.events.length;
    for (const run of RUNS) {
      const { page, errors, close } = await openPage(run.width);
      await page.goto(url('board', run.lang));
      const summary = page.getByTestId('board-summary');
      await summary.waitFor();
      expect(await summary.textContent()).toBe(run.lang === 'es'
        ? `✓ Los ${total} eventos están bien encadenados: cada huella y cada enlace coinciden.`
        : `✓ All ${total} events are properly chained: every fingerprint and every link match.`);
      expect(await page.locator('[data-broken="true"]').count()).toBe(0);
      expect(total).toBeGreaterThan(10);
      expect(await page.locator('.events > li').count()).toBe(10);
      await checkPage(page, `board-${run.lang}-${run.width}`);
      if (run.width === 360) await expectKeyboardReachable(page);
      if (run.width === 1280) {
        await expectPrintable(page, page.locator('.events > li'));
        // The next page, by keyboard: the heading names the new range.
        const heading = page.locator('#events-h');
        const before = await heading.textContent();
        await pressOn(page, page.getByTestId('next'));
        await expect.poll(() => heading.textContent()).not.toBe(before);
        expect(await page.locator('.events > li').first().getAttribute('data-seq')).toBe('10');
        expect(await page.locator('.events > li').count()).toBe(Math.min(10, total - 10));
        // Only ballots: as many as were cast, every one checked.
        await page.locator('#kind').focus();
        await page.locator('#kind').selectOption('ballot');
        await expect.poll(() => page.locator('.events > li').count()).toBe(6);
        expect(new Set(await page.locator('.events h3').allTextContents()).size).toBe(6);
        expect((await page.locator('.events h3').allTextContents()).every((x) => x.endsWith(run.lang === 'es' ? 'papeleta' : 'ballot'))).toBe(true);
      }
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('a board page with a tampered event is flagged at that event', async () => {
    const { page, close } = await openPage(1280);
    let tamperedSeq = -1;
    await page.route((u) => u.pathname.endsWith('/board'), async (route) => {
      const res = await route.fetch();
      const body = await res.json() as { events: { seq: number; kind: string; payload: Record<string, unknown> }[] };
      const ballot = body.events.find((e) => e.kind === 'ballot');
      if (ballot !== undefined) {
        // One byte of a ballot changed: its hash no longer matches; the links before and after still do.
        ballot.payload.contestId = election.contests.tb === ballot.payload.contestId ? election.contests.plwha : election.contests.tb;
        tamperedSeq = ballot.seq;
      }
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    });
    await page.goto(url('board', 'es'));
    const summary = page.getByTestId('board-summary');
    await summary.waitFor();
    expect(tamperedSeq).toBeGreaterThan(0);
    expect(await summary.textContent()).toMatch(/^✗ 1 de \d+ eventos NO tienen una huella o un enlace válidos/);
    const broken = page.locator('[data-broken="true"]');
    expect(await broken.count()).toBe(tamperedSeq < 10 ? 1 : 0);
    await page.locator('#kind').selectOption('ballot');
    await expect.poll(() => page.locator('.events > li').count()).toBe(6);
    expect(await broken.count()).toBe(1);
    expect(await broken.getAttribute('data-seq')).toBe(String(tamperedSeq));
    expect(await broken.getByTestId('link').textContent()).toBe('✗ NO válido: la huella no corresponde al contenido del evento');
    await screenshot(page, 'board-es-1280-tampered');
    await close();
  });

  it('the auditor page verifies the record in progress as such, and a tampered record as a failure', async () => {
    // What the verifier itself says of the record so far, read as a record in progress.
    const expected = await verifyRecordText(await fetchRecordText(baseUrl, election.electionId), { tokenVerifier: verifyRsaPssNode, partial: true });
    const pending = expected.checks.filter((c) => c.pending === true).length;
    expect(expected.ok).toBe(true);
    // Some checks wait for the close, the tally and the publication; the rest already apply.
    expect(pending).toBeGreaterThan(0);
    expect(pending).toBeLessThan(expected.checks.length);
    for (const lang of ['es', 'en'] as const) {
      const { page, errors, close } = await openPage(1280);
      await page.goto(url('auditor', lang));
      await page.locator('main .lead').waitFor();
      await waitForNewOutcome(page, page.getByTestId('verdict'), () => pressOn(page, page.getByTestId('verify')));
      expect(await page.getByTestId('verdict').getAttribute('data-state')).toBe('in-progress');
      expect(await page.getByTestId('verdict-text').textContent()).toBe(expected.verdict[lang]);
      expect(expected.verdict.es.startsWith(`En curso: las ${expected.checks.length - pending} comprobaciones que el registro alcanza pasan hasta ahora; ${pending} quedan pendientes`)).toBe(true);
      expect(await page.locator('[data-pending="true"]').count()).toBe(pending);
      expect(await page.locator('[data-ok="false"]').count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `auditor-${lang}-1280-in-progress`);
      expect(errors).toEqual([]);
      await close();
    }
    const { page, close } = await openPage(360);
    await page.route((u) => u.pathname.endsWith('/record'), async (route) => {
      const res = await route.fetch();
      const record = JSON.parse(await res.text()) as { events: { kind: string; payload: Record<string, unknown> }[] };
      const ballot = record.events.find((e) => e.kind === 'ballot')!;
      ballot.payload.contestId = election.contests.tb === ballot.payload.contestId ? election.contests.plwha : election.contests.tb;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(record) });
    });
    await page.goto(url('auditor', 'es'));
    await page.locator('main .lead').waitFor();
    await waitForNewOutcome(page, page.getByTestId('verdict'), () => pressOn(page, page.getByTestId('verify')));
    expect(await page.getByTestId('verdict').getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId('verdict-text').textContent()).toMatch(/^El registro NO es válido/);
    expect(await page.locator('[data-check="chain"]').getAttribute('data-ok')).toBe('false');
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'auditor-es-360-tampered-in-progress');
    await close();
  });

  it('the committee console shows live turnout and asks before proposing to close, with who has not voted as a count', async () => {
    for (const run of RUNS) {
      const { page, errors, close } = await openPage(run.width);
      await signInToConsole(page, run.lang, 1);
      const row = (contestId: string) => page.locator(`[data-testid="turnout"] tr[data-contest="${contestId}"]`);
      await row(election.contests.plwha!).waitFor();
      expect(await row(election.contests.plwha!).getAttribute('data-tokens')).toBe('3');
      expect(await row(election.contests.plwha!).getAttribute('data-ballots')).toBe('3');
      expect(await row(election.contests.tb!).getAttribute('data-ballots')).toBe('3');
      expect(await row(election.contests.plwha!).locator('td').nth(2).textContent()).toBe(run.lang === 'es' ? '3 (50,0\u00a0%)' : '3 (50.0%)');
      expect(await row(election.contests.tb!).locator('td').nth(2).textContent()).toBe(run.lang === 'es' ? '3 (60,0\u00a0%)' : '3 (60.0%)');
      await checkPage(page, `committee-turnout-${run.lang}-${run.width}`);
      // The confirmation: 5 of 11 have not voted; cancelling proposes nothing.
      await waitForNewOutcome(page, page.getByTestId('not-voted'), () => pressOn(page, page.getByTestId('propose-phase')));
      expect(await page.getByTestId('not-voted').textContent()).toBe(run.lang === 'es'
        ? '5 de 11 asociaciones del padrón todavía no emitieron su papeleta.' : '5 of 11 associations on the roll have not cast their ballot yet.');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-close-h');
      await checkPage(page, `committee-close-confirmation-${run.lang}-${run.width}`);
      await pressOn(page, page.getByTestId('cancel-close'));
      await expect.poll(() => page.getByTestId('not-voted').count()).toBe(0);
      expect(errors).toEqual([]);
      await close();
    }
    const proposals = (await t.call('GET', `/elections/${election.electionId}/proposals`, { token: election.members[0] })).json() as { kind: string; status: string }[];
    expect(proposals.filter((p) => p.kind === 'phase_change' && p.status === 'pending')).toEqual([]);
  });
});

describe('once voting is closed and the results published', () => {
  let report: VerificationReport;

  beforeAll(async () => {
    // The issuers' signed logs first: the close waits for them (checks 44–45).
    await postTestIssuerLogs(undefined, election, baseUrl);
    // The close proposed from the console's confirmation, approved by another sector over the API.
    const { page, close } = await openPage(1280);
    await signInToConsole(page, 'es', 1);
    await page.getByTestId('propose-phase').waitFor();
    await waitForNewOutcome(page, page.getByTestId('not-voted'), () => pressOn(page, page.getByTestId('propose-phase')));
    await waitForNewOutcome(page, page.locator('[data-testid="flash"].notice.ok'), () => pressOn(page, page.getByTestId('confirm-close')));
    await close();
    const pending = ((await t.call('GET', `/elections/${election.electionId}/proposals`, { token: election.members[0] })).json() as { id: string; kind: string; status: string }[])
      .find((p) => p.kind === 'phase_change' && p.status === 'pending')!;
    // Signed with the approving member's own key, as every committee decision is.
    const ok = await voteOnId(t, election, 2, pending.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('executed');
    for (const index of [1, 3]) {
      const api = new ApiClient({ baseUrl, token: election.members[index - 1]! });
      const r = await decryptTally(api, election.electionId, election.trusteeSecrets[index - 1]!, async () => {});
      expect(r.ok).toBe(true);
    }
    await changePhaseWithClient(baseUrl, election, 'published');
    report = await verifyRecordText(await fetchRecordText(baseUrl, election.electionId), { tokenVerifier: verifyRsaPssNode });
    expect(report.ok).toBe(true);
  }, 300_000);

  it('the booth says voting is closed before anyone chooses', async () => {
    for (const run of RUNS) {
      const { page, errors, close } = await openPage(run.width);
      await page.goto(url('booth', run.lang));
      const closed = page.getByTestId('voting-closed');
      await closed.waitFor();
      expect(await closed.textContent()).toMatch(run.lang === 'es' ? /^Ya no se pueden emitir votos en esta elección \(etapa actual: resultados publicados\)/ : /^Ballots can no longer be cast in this election \(current stage: results published\)/);
      expect(await page.locator('#email').count()).toBe(0);
      expect(await page.locator('input[type="checkbox"]').count()).toBe(0);
      await checkPage(page, `booth-closed-${run.lang}-${run.width}`);
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('the results page shows the verifier\'s counts and seats, the tie decided by lot and the blank ballot', async () => {
    const server = (await t.call('GET', `/elections/${election.electionId}/results`)).json() as { contests: { contestId: string; titulars: string[]; alternates: string[]; counts: { candidateId: string; votes: number }[] }[] };
    for (const run of RUNS) {
      const { page, errors, close } = await openPage(run.width);
      await page.goto(url('results', run.lang));
      await page.getByTestId('verified').waitFor({ timeout: 60_000 });
      const n = report.checks.length;
      expect(await page.getByTestId('verified').textContent()).toBe(run.lang === 'es' ? `✓ Resultados verificados: las ${n} comprobaciones del registro pasan.` : `✓ Results verified: all ${n} checks of the record pass.`);
      for (const r of report.results!) {
        const section = page.getByTestId(`result-${r.contestId}`);
        const rows = await section.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
          candidateId: tr.getAttribute('data-candidate'), votes: Number(tr.getAttribute('data-votes')), rank: Number(tr.getAttribute('data-rank')),
          seat: tr.getAttribute('data-seat'),
        })));
        expect(rows).toEqual(r.candidates.map((c) => ({ candidateId: c.candidateId, votes: c.votes, rank: c.rank, seat: c.seat ?? 'none' })));
        expect(await section.getByTestId('result-constituency').textContent()).toBe(constituencyOf(r.constituency, run.lang));
        // And the server's published results say the same.
        const s = server.contests.find((x) => x.contestId === r.contestId)!;
        expect(rows.filter((x) => x.seat === 'titular').map((x) => x.candidateId)).toEqual(s.titulars);
        expect(rows.filter((x) => x.seat === 'alternate').map((x) => x.candidateId)).toEqual(s.alternates);
      }
      const tb = page.getByTestId(`result-${election.contests.tb}`);
      expect(await tb.getByTestId('tie').count()).toBe(2);
      expect(await tb.getByTestId('blank').textContent()).toBe(run.lang === 'es' ? 'Papeletas en blanco: 1 (33,3\u00a0%).' : 'Blank ballots: 1 (33.3%).');
      expect(await tb.getByTestId('ballots').textContent()).toBe(run.lang === 'es'
        ? '3 papeletas contadas de 5 asociaciones del padrón (participación: 60,0\u00a0%).' : '3 ballots counted of 5 associations on the roll (turnout: 60.0%).');
      expect(await page.getByTestId(`result-${election.contests.plwha}`).getByTestId('tie').count()).toBe(3);
      expect(await page.getByTestId('report-link').getAttribute('href')).toBe(`/elections/${election.electionId}/report`);
      expect(await page.getByTestId('auditor-link').getAttribute('href')).toBe(`./auditor.html?election=${election.electionId}`);
      await checkPage(page, `results-${run.lang}-${run.width}`);
      if (run.width === 360) {
        // The results table stacks under 480 px: nothing scrolls inside its wrapper either.
        expect(await page.locator('.results-table').count()).toBe(report.results!.length);
        await expectNoScrollInside(page);
        await expectKeyboardReachable(page);
      }
      if (run.width === 1280) await expectPrintable(page, page.locator('.results-table tbody tr'));
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('the results page warns before the results when the server serves another election\'s record, or another manifest', async () => {
    const x = (await t.call('GET', `/elections/${election.electionId}`)).json() as { title: string };
    const served = (await t.call('GET', `/elections/${election.electionId}/manifest`)).json() as { hash: string };
    const other = (await syntheticRecord()).record;
    const otherTitle = (other.events.find((e) => e.kind === 'manifest')!.payload as { manifest: { title: string } }).manifest.title;
    const own = JSON.parse(await fetchRecordText(baseUrl, election.electionId)) as { events: { kind: string; payload: { manifest: { title: string } } }[] };
    own.events.find((e) => e.kind === 'manifest')!.payload.manifest.title = 'Elección con otro manifiesto';
    const changed = await verifyRecordText(JSON.stringify(own), { tokenVerifier: verifyRsaPssNode });
    expect(changed.manifestHash).not.toBe(served.hash);
    const cases = [
      { record: other, kind: 'election', lang: 'es', width: 1280,
        says: `El registro abierto es de «${otherTitle}» (${other.electionId}), no de «${x.title}» (${election.electionId}), la elección que usted pidió.` },
      { record: own, kind: 'manifest', lang: 'en', width: 360,
        says: `The record of "Elección con otro manifiesto" (${election.electionId}) fixes the manifest ${changed.manifestHash}, but the one the server publishes for "${x.title}" (${election.electionId}) is ${served.hash}.` },
    ] as const;
    for (const c of cases) {
      const { page, errors, close } = await openPage(c.width);
      // The server's answer for this election's record replaced: what a dishonest operator could serve.
      await page.route((u) => u.pathname === `/elections/${election.electionId}/record`, (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(c.record) }));
      const warning = page.getByTestId('foreign-record');
      await waitForNewOutcome(page, warning, async () => { await page.goto(url('results', c.lang)); }, { timeout: 60_000 });
      expect(await warning.getAttribute('role')).toBe('alert');
      expect(await warning.getAttribute('data-kind')).toBe(c.kind);
      expect(await warning.textContent()).toContain(c.says);
      // Before the verdict and the results it qualifies.
      expect(await warning.evaluate((w) => Boolean(w.compareDocumentPosition(document.querySelector('[data-testid="verified"]')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await expectNoSidewaysScroll(page);
      await screenshot(page, `results-${c.lang}-${c.width}-${c.kind === 'election' ? 'other-election' : 'other-manifest'}`);
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('the timeline records the close and the publication; the roll and the board stay readable', async () => {
    for (const run of RUNS) {
      const { page, close } = await openPage(run.width);
      await page.goto(url('timeline', run.lang));
      await page.getByTestId('steps').waitFor();
      expect(await page.getByTestId('countdown').count()).toBe(0);
      expect(await page.locator('[data-phase="published"]').getAttribute('aria-current')).toBe('step');
      expect(await page.locator('[data-phase="closed"]').textContent()).toContain(run.lang === 'es' ? 'Votación cerrada' : 'Voting closed');
      await checkPage(page, `timeline-published-${run.lang}-${run.width}`);
      await close();
    }
  });
});
