/**
 * The model election through the pages only (issue 13's acceptance), in Chromium, from an
 * empty database. The test reads the API to assert and never writes to it: every change
 * is made by a page. The administrator signs in, creates the election with its six
 * constituencies by the form and imports 100 associations by CSV; the committee (three
 * sectors) and 12 associations activate from the letters; the associations apply in the
 * portal and the committee accredits, rejects one and hears its appeal; they nominate and
 * the committee vets; the trustees run the ceremony and the issuers register keys in their
 * pages; in the token window 10 associations get tokens in the booth (the issuers' pages
 * sign) and vote once voting opens; the committee closes (the issuers' pages have posted
 * their logs), two trustees decrypt in their pages, the committee publishes, and the
 * results page shows the verifier's figures. Screenshots of each page at 360 and 1280 px,
 * es and en, go to test-results/web/whole-*.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGIONS } from '../../src/domain/reference.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { type VerificationReport, verifyRecordText } from '../../src/verify/index.js';
import { ADMIN, type TestApp } from '../helpers/app.js';
import { createWebApp, launchBrowser, pressOn } from '../helpers/browser.js';
import { fetchRecordText } from '../helpers/client-election.js';
import { COMMITTEE } from '../helpers/model-case.js';
import { activate, openInvitation } from '../helpers/pages/activate.js';
import { createElection, importCsv, inviteMember, type Letter, readLetters, signInAdmin } from '../helpers/pages/admin.js';
import { getToken, voteFromFile } from '../helpers/pages/booth.js';
import { type Person, newPerson, shootAll } from '../helpers/pages/common.js';
import { applicationCard, approveAll, moveToNextPhase, openConsole, proposeOnCard, refreshConsole } from '../helpers/pages/committee.js';
import { openIssuer, registerIssuerKeys, startIssuing } from '../helpers/pages/issuer.js';
import { applyForAccreditation, appeal, nominate, openPortal, refreshPortal } from '../helpers/pages/portal.js';
import { openTrustee, trusteeTask } from '../helpers/pages/trustee.js';

const CODES = ['plwha', 'tb', 'malaria', 'sex_workers', 'gay_men', 'transgender'] as const;
const ROLL = 100;
/** Associations that activate (two per constituency: rows i and i + 6 share one). */
const ACTIVE = 12;
/** Associations that vote (the last two stay on the roll without voting). */
const VOTERS = 10;
const REJECTED = 1;

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let electionId: string;
let letters: Letter[];
const members: Person[] = [];
const assocs: Person[] = [];
const trustees: Page[] = [];
const issuers: Page[] = [];
const times: Record<string, number> = {};
/** The voters' tracking codes, as their booths showed them. */
const codes: string[] = [];
let started = Date.now();

const legalName = (i: number) => `Asociación Padrón ${String(i + 1).padStart(3, '0')}`;
const candidateName = (i: number) => `Candidata ${String(i + 1).padStart(3, '0')} ${CODES[i % 6]}`;
const csvRow = (i: number) => [`"${legalName(i)}"`, `PAD-${1000 + i}`, REGIONS[i % REGIONS.length], CODES[i % 6], `Contacto ${i + 1}`, `contacto-${i}@padron.test`, '', `asoc-${i}@padron.test`].join(',');
const lap = (step: string) => { times[step] = Math.round((Date.now() - started) / 1000); started = Date.now(); };

/** The test's only way to the API: it reads (GET, no token), and never writes. */
async function read<T = unknown>(path: string): Promise<T> {
  const r = await t.call('GET', path);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

const election = () => read<{ phase: string; contests: { id: string; constituency: string; title: string }[] }>(`/elections/${electionId}`);

/** Run `f` over the items, `n` at a time (each in its own browser context). */
async function inBatches<T>(items: T[], n: number, f: (x: T, i: number) => Promise<void>): Promise<void> {
  for (let k = 0; k < items.length; k += n) await Promise.all(items.slice(k, k + n).map((x, j) => f(x, k + j)));
}

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp({ testBuild: true }));
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  console.log(`[whole-election] seconds per step: ${JSON.stringify(times)}`);
  await browser?.close();
  await t?.close();
});

describe('the model election through the pages only', () => {
  it('1. the administrator creates the election with six constituencies, invites the committee and imports 100 associations by CSV', async () => {
    expect(await read('/elections')).toEqual([]);
    const admin = await newPerson(browser, 'admin');
    await signInAdmin(admin.page, baseUrl, ADMIN);
    electionId = await createElection(admin.page, {
      title: 'Elección CONAMUSA 2027',
      dates: { accreditationOpens: '2027-01-10T09:00', accreditationCloses: '2027-02-15T18:00', nominationsClose: '2027-02-20T18:00',
        tokensOpen: '2027-02-25T08:00', votingOpens: '2027-03-01T08:00', votingCloses: '2027-03-02T20:00' },
      // Two associations per contest accredit here: the minimum roll is lowered to 1 by the form.
      rules: { minRollSize: 1 },
      contests: CODES.map((code) => ({ constituency: code, title: `Representación ${code}` })),
    });
    const e = await election();
    expect(e.contests.map((c) => c.constituency)).toEqual([...CODES]);
    for (const m of COMMITTEE) await inviteMember(admin.page, { fullName: m.fullName, sector: m.sector, organisation: m.organisation, role: m.role, accountEmail: m.accountEmail });
    expect((await read<{ fullName: string; sector: string }[]>(`/elections/${electionId}/committee`)).map((m) => [m.fullName, m.sector]))
      .toEqual(COMMITTEE.map((m) => [m.fullName, m.sector]));
    await importCsv(admin.page, Array.from({ length: ROLL }, (_, i) => csvRow(i)));
    expect(await admin.page.getByTestId('association-count').textContent()).toContain(String(ROLL));
    letters = await readLetters(admin.page);
    expect(letters).toHaveLength(COMMITTEE.length + ROLL);
    await shootAll(admin.page, 'whole-admin');
    await admin.context.close();
    lap('admin');
  }, 300_000);

  it('2. the committee and 12 associations activate from their letters', async () => {
    const letterOf = (email: string) => letters.find((l) => l.email === email)!;
    const people = [...COMMITTEE.map((m) => ({ name: m.fullName, email: m.accountEmail })),
      ...Array.from({ length: ACTIVE }, (_, i) => ({ name: legalName(i), email: `asoc-${i}@padron.test` }))];
    await inBatches(people, 5, async (who, k) => {
      const p = { ...(await newPerson(browser, who.name)), email: who.email };
      await openInvitation(p.page, baseUrl, letterOf(who.email).link);
      if (k === 0) await shootAll(p.page, 'whole-activate-password');
      await activate(p.page, who.email);
      if (k === 0) await shootAll(p.page, 'whole-activate-done');
      (k < COMMITTEE.length ? members : assocs)[k < COMMITTEE.length ? k : k - COMMITTEE.length] = p;
    });
    lap('activate');
  }, 300_000);

  it('3. associations apply; the committee accredits, rejects one and hears its appeal', async () => {
    const [gov, civil] = members as [Person, Person];
    await Promise.all([openConsole(gov, baseUrl, electionId), openConsole(civil, baseUrl, electionId)]);
    await moveToNextPhase(gov.page, civil.page, 'acreditación');
    await inBatches(assocs, 4, async (a, i) => {
      await openPortal(a, baseUrl, electionId);
      expect(await applyForAccreditation(a.page, `Ficha registral ${i + 1}, estatuto y padrón de socios.`)).toContain('Solicitud enviada');
    });
    await shootAll(assocs[0]!.page, 'whole-portal-applied');
    await refreshConsole(gov.page);
    await shootAll(gov.page, 'whole-committee-applications');
    for (const [i, a] of assocs.entries()) {
      const card = applicationCard(gov.page, a.name);
      if (i === REJECTED) await proposeOnCard(gov.page, card, 'reject-', 'Falta el acta de asamblea de la junta vigente.');
      else await proposeOnCard(gov.page, card, 'accredit-');
    }
    expect(await approveAll(civil.page)).toBe(ACTIVE);
    const rejected = assocs[REJECTED]!;
    await refreshPortal(rejected.page);
    expect(await appeal(rejected.page, 'Adjuntamos el acta de asamblea inscrita (partida 1234).')).toContain('Apelación enviada');
    await refreshConsole(gov.page);
    await proposeOnCard(gov.page, applicationCard(gov.page, rejected.name), 'overturn-', 'El acta presentada acredita a la junta.');
    expect(await approveAll(civil.page)).toBe(1);
    await refreshPortal(rejected.page);
    await expect.poll(() => rejected.page.getByTestId('applications').getByTestId('status').first().textContent()).toContain('revocó');
    // Every contest's public roll: its two associations, the one whose appeal was heard included.
    for (const [k, c] of (await election()).contests.entries()) {
      const roll = await read<{ legalName: string }[]>(`/elections/${electionId}/contests/${c.id}/roll`);
      expect(roll.map((r) => r.legalName).sort()).toEqual([legalName(k), legalName(k + 6)]);
    }
    await moveToNextPhase(gov.page, civil.page, 'candidaturas');
    lap('accreditation');
  }, 600_000);

  it('4. associations nominate; the committee vets', async () => {
    const [gov, civil] = members as [Person, Person];
    await inBatches(assocs, 4, async (a, i) => {
      await refreshPortal(a.page);
      const candidate = {
        fullName: candidateName(i), employer: `Empleador ${i + 1}`, region: 'Lima',
        statement: `Propuesta de ${candidateName(i)}: acceso a tratamiento y defensa de derechos.`,
      };
      expect(await nominate(a.page, candidate)).toContain('registrada');
    });
    await shootAll(assocs[0]!.page, 'whole-portal-nominated');
    await refreshConsole(gov.page);
    for (;;) {
      const eligible = gov.page.locator('[data-testid^="eligible-"]').first();
      if (await eligible.count() === 0) break;
      await proposeOnCard(gov.page, gov.page.locator('[data-testid^="candidate-"]').filter({ has: eligible }).first(), 'eligible-');
    }
    expect(await approveAll(civil.page)).toBe(ACTIVE);
    const candidates = await read<{ fullName: string; status: string }[]>(`/elections/${electionId}/candidates`);
    expect(candidates.map((c) => [c.fullName, c.status]).sort()).toEqual(assocs.map((_, i) => [candidateName(i), 'eligible']).sort());
    await moveToNextPhase(gov.page, civil.page, 'ceremonia');
    lap('nominations');
  }, 600_000);

  it('5. trustees run the key ceremony in their pages; issuers register keys in theirs', async () => {
    trustees.push(...await Promise.all(members.map((m) => openTrustee(m, baseUrl, electionId))));
    issuers.push(...await Promise.all(members.slice(0, 2).map((m) => openIssuer(m, baseUrl, electionId))));
    await Promise.all([
      ...issuers.map((page, i) => registerIssuerKeys(page, i)),
      (async () => {
        for (const task of ['init', 'deal', 'verify'] as const) await Promise.all(trustees.map((page, i) => trusteeTask(page, i, task)));
      })(),
    ]);
    const ceremony = await read<{ jointPublicKey: unknown }>(`/elections/${electionId}/ceremony`);
    expect(ceremony.jointPublicKey).toBeTypeOf('string');
    await shootAll(trustees[0]!, 'whole-trustee-ceremony');
    await shootAll(issuers[0]!, 'whole-issuer-registered');
    lap('ceremony');
  }, 600_000);

  it('6. in the token window the issuers\' pages sign and 10 associations get tokens in the booth; they vote once voting opens', async () => {
    const [gov, civil] = members as [Person, Person];
    await moveToNextPhase(gov.page, civil.page, 'fichas');
    await Promise.all(issuers.map((page, i) => startIssuing(page, i)));
    const files: string[] = [];
    await inBatches(assocs.slice(0, VOTERS), 5, async (a, i) => { files[i] = await getToken(a, baseUrl, electionId); });
    await shootAll(assocs[0]!.page, 'whole-booth-token');
    await shootAll(issuers[0]!, 'whole-issuer-signing');
    for (const page of issuers) await expect.poll(() => page.getByTestId('counts').getAttribute('data-signed'), { timeout: 60_000 }).toBe(String(VOTERS));
    await moveToNextPhase(gov.page, civil.page, 'votación');
    // Association i votes for the first candidate of its contest (i % 6); the tenth leaves its ballot blank.
    await inBatches(assocs.slice(0, VOTERS), 5, async (a, i) => {
      codes[i] = await voteFromFile(a.page, baseUrl, electionId, files[i]!, i === VOTERS - 1 ? null : candidateName(i % 6));
    });
    await shootAll(assocs[0]!.page, 'whole-booth-cast');
    const board = await read<{ events: { kind: string; payload: { trackingCode?: string } }[] }>(`/elections/${electionId}/board?from=0&limit=500`);
    expect(board.events.filter((e) => e.kind === 'ballot').map((e) => e.payload.trackingCode).sort()).toEqual([...codes].sort());
    lap('voting');
  }, 600_000);

  it('7. the issuers\' pages post their logs, voting closes, two trustees decrypt, the committee publishes, and the results page shows the verifier\'s results', async () => {
    const [gov, civil] = members as [Person, Person];
    for (const page of issuers) await page.getByTestId('logs').waitFor({ timeout: 60_000 });
    await moveToNextPhase(gov.page, civil.page, 'cerrada');
    for (const i of [0, 1]) await trusteeTask(trustees[i]!, i, 'decrypt');
    expect((await election()).phase).toBe('tallied');
    await shootAll(trustees[0]!, 'whole-trustee-decrypted');
    await moveToNextPhase(gov.page, civil.page, 'publicad');
    await shootAll(gov.page, 'whole-committee-published');

    const report: VerificationReport = await verifyRecordText(await fetchRecordText(baseUrl, electionId), { tokenVerifier: verifyRsaPssNode });
    expect(report.ok).toBe(true);
    const page = assocs[0]!.page;
    await page.goto(`${baseUrl}/app/results.html?election=${electionId}`);
    await page.getByTestId('verified').waitFor({ timeout: 60_000 });
    const votes: number[] = [];
    for (const r of report.results!) {
      const rows = await page.getByTestId(`result-${r.contestId}`).locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-candidate'), tr.getAttribute('data-votes'), tr.getAttribute('data-seat')]));
      expect(rows).toEqual(r.candidates.map((c) => [c.candidateId, String(c.votes), c.seat ?? 'none']));
      votes.push(r.candidates.reduce((s, c) => s + c.votes, 0));
    }
    // Contests 0–3 had two voters each (one of them blank in contest 3), contests 4–5 one.
    expect(votes).toEqual([2, 2, 2, 1, 1, 1]);
    await shootAll(page, 'whole-results');
    // The public pages, each once it has drawn what it loads (the auditor once it has verified).
    for (const [name, loaded] of [['timeline', 'steps'], ['roll', 'roll-count'], ['board', 'events'], ['auditor', 'verdict'], ['acta', 'verified']] as const) {
      await page.goto(`${baseUrl}/app/${name}.html?election=${electionId}`);
      if (name === 'auditor') await pressOn(page, page.getByTestId('verify'));
      await page.getByTestId(loaded).first().waitFor({ timeout: 60_000 });
      if (name === 'auditor') expect(await page.getByTestId('verdict-text').textContent()).not.toContain('NO');
      await shootAll(page, `whole-${name}`);
    }
    // A voter checks its tracking code in the check page; and the start page.
    await page.goto(`${baseUrl}/app/check.html?election=${electionId}`);
    await page.locator('#code').fill(codes[0]!);
    await pressOn(page, page.getByTestId('check-search'));
    await page.getByTestId('check-found').waitFor({ timeout: 60_000 });
    await shootAll(page, 'whole-check');
    await page.goto(`${baseUrl}/app/`);
    await page.getByTestId('role-pages').waitFor();
    await shootAll(page, 'whole-home');
    lap('close-publish');
  }, 600_000);
});
