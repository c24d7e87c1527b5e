/**
 * The committee console in Chromium: a member of a second sector approves a pending
 * accreditation (and the application becomes accredited), a rejection without a reason is
 * stopped in the page, a rejection with one becomes a proposal awaiting another sector, a
 * refused phase change shows the API's failed preconditions; the key ceremony's progress
 * and who has posted decryption shares are shown as on the board. Complaints: a member
 * proposes an answer (decision and reasoning required in the page) and a member of a
 * second sector approves it, the proposal described in words. A contest below the
 * minimum roll: the blocker offers the acknowledgement (reason required), approved by a
 * second sector. Regions are shown by name. The console (signed out and in, at 360 and
 * 1280 px) and the start page are reached by Tab alone, focus visible.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { decryptTally } from '../../src/client/trustee.js';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectKeyboardReachable, expectNoSidewaysScroll, keepKeyAndTypePassphrase, launchBrowser, newContext, pressOn, screenshot } from '../helpers/browser.js';
import { type ClientElection, changePhaseWithClient, openClientElection } from '../helpers/client-election.js';
import { COMMITTEE, createModelElection, movePhase, registerAssociations, type ModelElection, proposeAs } from '../helpers/model-case.js';
import { prepareVotingElection, type VotingElection } from '../helpers/voting.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let m: ModelElection;
let applications: { id: string; name: string }[];
let voted: ClientElection;
let complaintId: string;
let small: VotingElection;

const COMPLAINT = 'Nuestro código de seguimiento no aparece en el tablero público desde ayer.';
const REASONING = 'El código figura en el tablero en la posición indicada por el recibo; se explicó a la asociación cómo buscarlo.';

const account = (i: number, tag: string) => ({
  email: COMMITTEE[i]!.accountEmail.replace('@', `+${tag}@`), password: COMMITTEE[i]!.accountPassword,
  /** The member's activated account: its signing key, kept in the browser for the console. */
  key: () => ({ console: m, cer: voted, small } as Record<string, ModelElection>)[tag]!.memberAccounts[i]!,
});

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  m = await createModelElection(t, undefined, 'console');
  await movePhase(t, m, 'accreditation');
  const associations = await registerAssociations(t, m.adminToken, 3, 'plwha', 'cons');
  applications = [];
  for (const [i, a] of associations.entries()) {
    const r = await t.call('POST', `/elections/${m.electionId}/applications`, { token: a.token, body: { contestId: m.contests.plwha } });
    expect(r.statusCode, r.body).toBe(201);
    applications.push({ id: r.json().id, name: `Asociación CONS Esperanza ${i + 1}` });
  }
  // The government member proposes to accredit the first applicant: it waits for another sector.
  const p = await proposeAs(t, m, 0, { kind: 'accreditation_decision', applicationId: applications[0]!.id, decision: 'accredit' });
  expect(p.statusCode, p.body).toBe(202);

  // A second election, voted and closed, with one trustee's decryption posted.
  voted = await openClientElection(t, baseUrl, { plwha: 5, tb: 5 }, 'cer');
  await changePhaseWithClient(baseUrl, voted, 'closed');
  const r = await decryptTally(new ApiClient({ baseUrl, token: voted.members[0]! }), voted.electionId, voted.trusteeSecrets[0]!, async () => {});
  expect(r.ok && r.posted).toBe(true);
  // After the close: an association files a complaint, showing its identity.
  const c = await t.call('POST', `/elections/${voted.electionId}/complaints`, {
    token: voted.rolls.plwha![0]!.token, body: { category: 'missing_tracking_code', text: COMPLAINT, showIdentity: true },
  });
  expect(c.statusCode, c.body).toBe(201);
  complaintId = c.json().id;

  // A third election in the key ceremony phase whose TB roll of 3 is below the minimum of 5.
  small = await prepareVotingElection(t, { plwha: 5, tb: 3 }, 'small');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, electionId: string, who: ReturnType<typeof account>): Promise<void> {
  await page.goto(`${baseUrl}/app/committee.html?election=${electionId}`);
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await keepKeyAndTypePassphrase(page, who.key());
  await page.locator('#password').press('Enter');
  await page.getByTestId('signed-in').waitFor();
}

async function applicationStatus(id: string): Promise<string> {
  const list = (await t.call('GET', `/elections/${m.electionId}/applications`, { token: m.members[0] })).json() as { id: string; status: string }[];
  return list.find((a) => a.id === id)!.status;
}

describe('the committee console in Chromium', () => {
  it('a member of another sector approves a pending accreditation, which then takes effect', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, m.electionId, account(2, 'console'));
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual: acreditación.');
    expect(await page.getByTestId('blockers').textContent()).toContain('3 solicitudes de acreditación sin decidir');
    const card = page.getByTestId('proposals').locator('li').first();
    expect(await card.locator('h3').textContent()).toBe(`Acreditar a ${applications[0]!.name} en «Personas que viven con VIH»`);
    expect(await card.textContent()).toContain('✓ gobierno (Rosa Quispe)');
    // Regions by name (registration spreads them: Amazonas, Áncash, Apurímac), never by id.
    const second = (await page.getByTestId(`application-${applications[1]!.id}`).textContent())!;
    expect(second).toContain('RegiónÁncash');
    expect(second).not.toContain('ancash');
    expect(await page.getByTestId(`application-${applications[2]!.id}`).textContent()).toContain('RegiónApurímac');
    expect(await axeViolations(page)).toEqual([]);
    await expectKeyboardReachable(page);
    await screenshot(page, 'committee-es-1280-01-pending');

    await pressOn(page, card.getByRole('button', { name: 'Aprobar' }));
    await expect.poll(() => page.getByTestId('flash').textContent(), { timeout: 15_000 }).toBe('Aprobación registrada: la decisión se ejecutó.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('flash');
    expect(await applicationStatus(applications[0]!.id)).toBe('accredited');
    expect(await page.getByTestId(`application-${applications[0]!.id}`).count()).toBe(0);
    expect(await page.getByTestId('blockers').textContent()).toContain('2 solicitudes de acreditación sin decidir');
    await screenshot(page, 'committee-es-1280-02-approved');
    await context.close();
  });

  it('a rejection needs a reason in the page; with one it becomes a proposal awaiting another sector (English, 360 px)', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/committee.html?election=${m.electionId}&lang=en`);
    await page.locator('#email').waitFor();
    await expectKeyboardReachable(page);
    await page.locator('#email').fill(account(1, 'console').email);
    await page.locator('#password').fill(account(1, 'console').password);
    await keepKeyAndTypePassphrase(page, account(1, 'console').key());
    await page.locator('#password').press('Enter');
    await page.getByTestId('signed-in').waitFor();
    const app = applications[1]!;
    await pressOn(page, page.getByTestId(`reject-${app.id}`));
    expect(await page.getByTestId(`application-${app.id}`).textContent()).toContain('Write the reason.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`reason-${app.id}`);
    expect(await applicationStatus(app.id)).toBe('pending');

    await page.locator(`#reason-${app.id}`).fill('Registro vencido');
    await pressOn(page, page.getByTestId(`reject-${app.id}`));
    await expect.poll(() => page.getByTestId('flash').textContent(), { timeout: 15_000 }).toContain('It needs the approval of a member of another sector.');
    const card = page.getByTestId('proposals').locator('li').filter({ hasText: `Reject the accreditation of ${app.name}` });
    expect(await card.textContent()).toContain('✓ civil society (Carlos Huamán)');
    expect(await card.textContent()).toContain('You have approved it.');
    expect(await applicationStatus(app.id)).toBe('pending');
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await expectKeyboardReachable(page);
    await screenshot(page, 'committee-en-360-03-rejection-proposed');
    await context.close();
  });

  it('a refused phase change shows the preconditions that failed, as the API lists them', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, m.electionId, account(0, 'console'));
    await pressOn(page, page.getByTestId('propose-phase'));
    await expect.poll(() => page.getByTestId('flash').getAttribute('role'), { timeout: 15_000 }).toBe('alert');
    const text = await page.getByTestId('flash').textContent();
    expect(text).toContain('No se puede pasar a «candidaturas (nominations)»');
    expect(text).toContain('2 solicitudes de acreditación sin decidir');
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual: acreditación.');
    await screenshot(page, 'committee-es-1280-04-phase-refused');
    await context.close();
  });

  it('the start page shows the page for each role and the public pages, and lists the elections with their phase and a way into each page', async () => {
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(`${baseUrl}/app/`);
    const card = page.locator('li.card').filter({ has: page.locator('h3', { hasText: 'Elección CONAMUSA 2026' }) });
    await expect.poll(() => card.count()).toBeGreaterThan(0);
    const links = await page.locator('li.card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain(`./committee.html?election=${m.electionId}`);
    expect(links).toContain(`./auditor.html?election=${voted.electionId}`);
    // Only an election in the voting phase offers the booth; the closed one does not.
    expect(links).not.toContain(`./booth.html?election=${voted.electionId}`);
    expect(links).toContain(`./portal.html?election=${m.electionId}`);
    expect(links).toContain(`./trustee.html?election=${m.electionId}`);
    expect(links).toContain(`./timeline.html?election=${voted.electionId}`);
    // Only a published election offers its results and acta.
    expect(links).not.toContain(`./acta.html?election=${voted.electionId}`);
    // A newcomer finds the page for each role, and the public pages, without knowing an election.
    const hrefs = (testId: string) => page.getByTestId(testId).locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(await hrefs('role-pages')).toEqual(['./admin.html', './portal.html', './committee.html', './trustee.html', './issuer.html', './auditor.html', './timeline.html', './roll.html', './board.html', './results.html', './acta.html']);
    expect(await hrefs('public-pages')).toEqual(['./timeline.html', './roll.html', './board.html', './results.html', './acta.html']);
    expect(await page.getByTestId('role-pages').textContent()).toContain('Administración — Preparar una elección');
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await expectKeyboardReachable(page);
    await screenshot(page, 'home-es-360');
    await context.close();
  });

  it('shows the key ceremony\'s progress and which trustees have posted decryption shares', async () => {
    const context = await newContext(browser, 1280);
    const page = await context.newPage();
    await signIn(page, voted.electionId, account(1, 'cer'));
    const rows = page.getByTestId('ceremony').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    for (let i = 0; i < 3; i++) expect((await rows.nth(i).locator('td').allTextContents())).toEqual(['✓ publicado', '✓ publicado', '✓ publicado']);
    expect(await page.getByText('La clave conjunta de la elección está lista.').count()).toBe(1);
    expect(await page.getByTestId('shares-progress').textContent()).toBe('1 de los 2 descifrados parciales necesarios publicados.');
    const shares = await page.getByTestId('shares').locator('li').allTextContents();
    expect(shares[0]).toContain('✓ publicó su descifrado parcial');
    expect(shares[1]).toContain('no ha publicado');
    expect(shares[2]).toContain('no ha publicado');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-es-1280-05-ceremony');
    await context.close();
  });

  it('a member proposes an answer to a complaint (decision and reasoning required) and a member of a second sector approves it', async () => {
    const context = await newContext(browser, 1280);
    let page = await context.newPage();
    await signIn(page, voted.electionId, account(0, 'cer'));
    expect(await page.getByTestId('complaint-window').textContent()).toBe('Plazo de reclamos abierto: tras el cierre (antes de publicar los resultados).');
    const card = page.getByTestId(`complaint-${complaintId}`);
    expect(await card.locator('h3').textContent()).toBe('Reclamo 1: código de seguimiento que no aparece sin respuesta');
    expect(await card.textContent()).toContain(COMPLAINT);
    expect(await card.textContent()).toContain('Asociación plwha 1 (asociación)');

    // Neither a decision nor a reasoning: stopped in the page, focus where it is missing.
    await pressOn(page, page.getByTestId(`answer-${complaintId}`));
    expect(await card.textContent()).toContain('Elija si el reclamo es fundado o infundado.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`decision-upheld-${complaintId}`);
    await pressOn(page, page.getByRole('radio', { name: 'Infundado: no se da la razón a quien reclama' }), 'Space');
    await pressOn(page, page.getByTestId(`answer-${complaintId}`));
    expect(await card.textContent()).toContain('Escriba el razonamiento de la respuesta.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`reasoning-${complaintId}`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-es-1280-06-complaint-form');

    await page.locator(`#reasoning-${complaintId}`).fill(REASONING);
    await pressOn(page, page.getByTestId(`answer-${complaintId}`));
    await expect.poll(() => page.getByTestId('flash').textContent(), { timeout: 15_000 }).toContain('Falta la aprobación de un miembro de otro sector.');
    const proposal = page.getByTestId('proposals').locator('> li').filter({ hasText: 'Responder el reclamo 1' });
    expect(await proposal.locator('h3').textContent()).toBe('Responder el reclamo 1 (código de seguimiento que no aparece): declararlo infundado');
    expect(await proposal.textContent()).toContain(`Razonamiento: ${REASONING}`);
    expect(await proposal.textContent()).toContain(`Reclamo: ${COMPLAINT}`);
    expect(await proposal.textContent()).not.toContain('Decisión:');
    expect(await card.textContent()).toContain('Ya hay una propuesta pendiente sobre esto');
    const open = (await t.call('GET', `/elections/${voted.electionId}/complaints`)).json();
    expect(open.complaints[0].status).toBe('open');
    await context.close();

    // A member of civil society approves it: the answer takes effect and is shown.
    const second = await newContext(browser, 360);
    page = await second.newPage();
    await page.goto(`${baseUrl}/app/committee.html?election=${voted.electionId}&lang=en`);
    await page.locator('#email').fill(account(1, 'cer').email);
    await page.locator('#password').fill(account(1, 'cer').password);
    await keepKeyAndTypePassphrase(page, account(1, 'cer').key());
    await page.locator('#password').press('Enter');
    await page.getByTestId('signed-in').waitFor();
    const pending = page.getByTestId('proposals').locator('> li').filter({ hasText: 'Answer complaint 1' });
    expect(await pending.locator('h3').textContent()).toBe('Answer complaint 1 (missing tracking code): dismissed');
    expect(await pending.textContent()).toContain('✓ government (Rosa Quispe)');
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-en-360-07-answer-pending');
    await pressOn(page, pending.getByRole('button', { name: 'Approve' }));
    await expect.poll(() => page.getByTestId('flash').textContent(), { timeout: 15_000 }).toBe('Approval recorded: the decision took effect.');
    const answered = page.getByTestId(`complaint-${complaintId}`);
    expect(await answered.getByTestId('complaint-status').textContent()).toBe('answered');
    expect(await answered.getByTestId('complaint-answer').textContent()).toContain('Committee\'s answer: complaint dismissed');
    expect(await answered.getByTestId('complaint-answer').textContent()).toContain(REASONING);
    expect(await answered.getByTestId(`answer-form-${complaintId}`).count()).toBe(0);
    await screenshot(page, 'committee-en-360-08-answered');
    const log = (await t.call('GET', `/elections/${voted.electionId}/complaints`)).json();
    expect(log.complaints[0]).toMatchObject({ status: 'answered', answer: { decision: 'dismissed', reasoning: REASONING } });
    await second.close();
  });

  it('the small-roll blocker offers the acknowledgement (reason required); a second sector approves it and the blocker goes', async () => {
    const tb = small.contests.tb!;
    const context = await newContext(browser, 1280);
    let page = await context.newPage();
    await signIn(page, small.electionId, account(0, 'small'));
    const blocker = page.getByTestId(`blocker-small-roll-${tb}`);
    expect(await blocker.textContent()).toContain('la contienda «Personas afectadas por TB» tiene 3 asociaciones acreditadas (mínimo 5)');
    await pressOn(page, page.getByTestId(`acknowledge-${tb}`));
    expect(await blocker.textContent()).toContain('Escriba el motivo.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`reason-small-${tb}`);
    const acks = async () => ((await t.call('GET', `/elections/${small.electionId}/proposals`, { token: small.members[0] })).json() as { kind: string }[])
      .filter((p) => p.kind === 'small_roll_acknowledgement').length;
    expect(await acks()).toBe(0);
    await page.locator(`#reason-small-${tb}`).fill('Solo tres asociaciones de TB existen en el país; el comité asume el riesgo.');
    await pressOn(page, page.getByTestId(`acknowledge-${tb}`));
    await expect.poll(() => page.getByTestId('flash').textContent(), { timeout: 15_000 }).toContain('Falta la aprobación de un miembro de otro sector.');
    const proposal = page.getByTestId('proposals').locator('> li').first();
    expect(await proposal.locator('h3').textContent()).toBe('Reconocer el riesgo para el secreto del voto en «Personas afectadas por TB», con un padrón de 3 (mínimo 5) — Motivo: Solo tres asociaciones de TB existen en el país; el comité asume el riesgo.');
    expect(await blocker.textContent()).toContain('Ya hay una propuesta pendiente sobre esto');
    expect(await acks()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-es-1280-09-small-roll-proposed');
    await context.close();

    const second = await newContext(browser, 1280);
    page = await second.newPage();
    await signIn(page, small.electionId, account(1, 'small'));
    await pressOn(page, page.getByTestId('proposals').locator('> li').first().getByRole('button', { name: 'Aprobar' }));
    await expect.poll(() => page.getByTestId('flash').textContent(), { timeout: 15_000 }).toBe('Aprobación registrada: la decisión se ejecutó.');
    expect(await page.getByTestId(`blocker-small-roll-${tb}`).count()).toBe(0);
    expect(await page.getByTestId(`small-roll-${tb}`).textContent()).toContain('✓ Riesgo reconocido por el comité');
    const phase = (await t.call('GET', `/elections/${small.electionId}/phase`)).json();
    expect(phase.blockers.map((b: { code: string }) => b.code)).not.toContain('small_roll_unacknowledged');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'committee-es-1280-10-small-roll-acknowledged');
    await second.close();
  });
});
