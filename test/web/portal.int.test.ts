/**
 * The associations' portal in Chromium: an association signs in and applies, with its
 * documents described in text (none described is stopped in the page); the
 * committee (through the API) rejects it with a reason, which the portal shows with the
 * appeal deadline; the association appeals (an empty appeal is stopped in the page); the
 * committee overturns, the association nominates a candidate (region and statement
 * required in the page), whom the committee's console shows with them and finds
 * ineligible with a reason shown in the portal; the association files a complaint in the
 * roll window (none is offered during accreditation). In English at 360 px the same portal
 * fits, with its links to the booth and the public pages. On a second election, the
 * domain's other window: the roll window still open in the key ceremony, no form while
 * voting, and after the close the association files in the post-close window, which the
 * committee's console shows; the form stays while tallied and is gone once published.
 * Every step waits for the outcome its own action causes; at the sign-in, the application
 * and the nomination steps Tab alone reaches every control, focus visible.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectKeyboardReachable, expectNoSidewaysScroll, keepKeyAndTypePassphrase, launchBrowser, pressOn, screenshot, waitForNewOutcome } from '../helpers/browser.js';
import { ApiClient } from '../../src/client/api.js';
import { decryptTally } from '../../src/client/trustee.js';
import type { TrusteeSecrets } from '../../src/crypto/trustee-keyfile.js';
import { changePhaseWithClient, runClientCeremony } from '../helpers/client-election.js';
import { COMMITTEE, type ModelElection, type RegisteredAssociation, createModelElection, decide, movePhase, registerAssociations } from '../helpers/model-case.js';
import { type VotingElection, acknowledgeSmallRoll, prepareVotingElection } from '../helpers/voting.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let m: ModelElection;
let association: RegisteredAssociation;
let contestId: string;

const DOCUMENTS = 'Ficha registral (partida 1234, 2025), estatuto vigente y padrón de 40 socios firmado por la junta.';
const REJECTION = 'Falta el acta de asamblea que acredite a la junta directiva vigente.';
const APPEAL = 'Adjuntamos el acta de asamblea del 12 de enero de 2026, inscrita en registros públicos (partida 1234).';
const INELIGIBLE = 'La candidata trabaja en el receptor principal de la subvención: conflicto de intereses.';
const REGION = 'Loreto (Iquitos)';
const STATEMENT = 'Enfermera con doce años en el programa de VIH del Hospital Regional de Loreto.\nPropongo: tratamiento sin interrupciones en la Amazonía y consejería por pares en cada red de salud.';
const COMPLAINT = 'La asociación «Sin Registro» figura en el padrón sin haber presentado solicitud.';
const AFTER_CLOSE = 'El local de votación de Iquitos cerró antes de la hora anunciada y dos socias no pudieron votar.';
const NO_WINDOW = 'No hay una ventana de reclamos abierta ahora. Se abren al publicarse el padrón y tras el cierre de la votación.';

async function api<T>(path: string, token = m.members[0]): Promise<T> {
  const r = await t.call('GET', path, { token });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

const flash = (page: Page) => page.getByTestId('flash');

/** Run an action in the page and wait for its own outcome in the flash. */
async function actAndWait(page: Page, action: () => Promise<void>): Promise<string> {
  await waitForNewOutcome(page, page.locator('[data-testid="flash"]:not(.empty)'), action);
  return (await flash(page).textContent()) ?? '';
}

async function refresh(page: Page): Promise<void> {
  const loaded = page.locator('[data-testid="phase"]');
  await waitForNewOutcome(page, loaded, () => pressOn(page, page.getByTestId('refresh')));
}

async function signIn(page: Page, query = '', electionId = m.electionId, who = { email: association.email, password: association.account.password }): Promise<void> {
  await page.goto(`${baseUrl}/app/portal.html?election=${electionId}${query}`);
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await page.locator('#password').press('Enter');
  await page.getByTestId('phase').waitFor();
}

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  m = await createModelElection(t, [{ constituency: 'plwha', title: 'Personas que viven con VIH', seats: 1 }], 'portal', undefined,
    { accreditationCloses: '2027-03-31T23:59:00-05:00' });
  contestId = m.contests.plwha!;
  await movePhase(t, m, 'accreditation');
  association = (await registerAssociations(t, m.adminToken, 1, 'plwha', 'port'))[0]!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the associations\' portal in Chromium', () => {
  it('applies, sees the rejection and its reason, appeals, nominates, sees the eligibility and files a complaint', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/Lima' });
    const page = await context.newPage();
    await signIn(page);
    expect(await page.getByTestId('signed-in').textContent()).toBe('Sesión iniciada: Asociación PORT Esperanza 1');
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual de la elección: acreditación.');
    // No complaint window is open before the roll is published: no form is offered.
    expect(await page.getByTestId('complaint-window').textContent()).toBe(NO_WINDOW);
    expect(await page.getByTestId('complaint-form').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await expectKeyboardReachable(page);
    await screenshot(page, 'portal-es-1280-01-apply');

    // An application without its documents described is stopped in the page; nothing is sent.
    await pressOn(page, page.getByTestId(`apply-${contestId}`));
    await expect.poll(() => page.getByTestId(`apply-form-${contestId}`).textContent()).toContain('Describa los documentos que presenta.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`documents-${contestId}`);
    expect(await api<unknown[]>(`/elections/${m.electionId}/applications`)).toEqual([]);
    await page.locator(`#documents-${contestId}`).fill(DOCUMENTS);
    expect(await actAndWait(page, () => pressOn(page, page.getByTestId(`apply-${contestId}`))))
      .toBe('Solicitud enviada para «Personas que viven con VIH». El comité la revisará.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('flash');
    const [app] = await api<{ id: string; status: string; documents: string }[]>(`/elections/${m.electionId}/applications`);
    expect(app).toMatchObject({ status: 'pending', documents: DOCUMENTS });
    const card = page.getByTestId(`application-${app!.id}`);
    expect(await card.getByTestId('status').textContent()).toBe('pendiente de decisión');
    expect(await card.getByTestId('documents').textContent()).toBe(DOCUMENTS);

    // The committee rejects, with its reason: two sectors, through the API.
    await decide(t, m, { kind: 'accreditation_decision', applicationId: app!.id, decision: 'reject', reason: REJECTION });
    await refresh(page);
    // The refreshed page may draw its phase before its applications: wait for the change itself.
    await expect.poll(() => card.getByTestId('status').textContent()).toBe('rechazada');
    expect(await card.getByTestId('reason').textContent()).toBe(REJECTION);
    // The deadline in Lima's time, as Peru writes it (the spaces around "p. m." vary with ICU).
    expect(await card.getByTestId('appeal-deadline').textContent())
      .toMatch(/^Puede apelar una sola vez, hasta el 31 de marzo de 2027 a las 11:59:00\sp\.\sm\. \(fin de la fase de acreditación\)\.$/u);
    await screenshot(page, 'portal-es-1280-02-rejected');

    // An empty appeal is stopped in the page; nothing is sent.
    await pressOn(page, page.getByTestId(`appeal-send-${app!.id}`));
    await expect.poll(() => card.textContent()).toContain('Escriba sus argumentos para apelar.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`appeal-text-${app!.id}`);
    await page.locator(`#appeal-text-${app!.id}`).fill(APPEAL);
    expect(await actAndWait(page, () => pressOn(page, page.getByTestId(`appeal-send-${app!.id}`))))
      .toBe('Apelación enviada. El comité la decidirá con la aprobación de varios sectores.');
    expect(await card.getByTestId('status').textContent()).toBe('apelada: pendiente de decisión');
    expect(await card.textContent()).toContain(APPEAL);
    const appealed = await api<{ id: string; status: string; appealText: string }[]>(`/elections/${m.electionId}/applications`);
    expect(appealed[0]).toMatchObject({ status: 'appealed', appealText: APPEAL });

    // The committee overturns the rejection and opens nominations.
    await decide(t, m, { kind: 'appeal_decision', applicationId: app!.id, decision: 'overturn', reason: 'El acta presentada acredita a la junta.' });
    await movePhase(t, m, 'nominations');
    await refresh(page);
    await expect.poll(() => card.getByTestId('status').textContent()).toBe('acreditada (el comité revocó el rechazo)');
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual de la elección: candidaturas.');

    // A nomination without the employer is stopped in the page.
    await page.locator('#nom-name').fill('María Fernández Ríos');
    await pressOn(page, page.getByTestId('nominate'));
    await expect.poll(() => page.locator('#nom-err').textContent()).toBe('Complete: Empleador actual.');
    await page.locator('#nom-employer').fill('Hospital Regional de Loreto');
    await page.locator('#nom-fund-yes').check();
    await page.locator('#nom-terms').fill('1');
    // Then without the region, then without the statement: each stopped in the page, its field focused.
    await pressOn(page, page.getByTestId('nominate'));
    await expect.poll(() => page.locator('#nom-err').textContent()).toBe('Complete: Región de procedencia.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nom-region');
    await page.locator('#nom-region').fill(REGION);
    await pressOn(page, page.getByTestId('nominate'));
    await expect.poll(() => page.locator('#nom-err').textContent()).toBe('Complete: Propuesta de la persona candidata.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nom-statement');
    expect(await api<unknown[]>(`/elections/${m.electionId}/candidates`)).toEqual([]);
    await page.locator('#nom-statement').fill(STATEMENT);
    expect(await actAndWait(page, () => pressOn(page, page.getByTestId('nominate'))))
      .toBe('Candidatura de María Fernández Ríos registrada. El comité verificará su elegibilidad.');
    const [candidate] = await api<{ id: string; fullName: string; employer: string; implementsGlobalFund: boolean; consecutiveTerms: number; status: string }[]>(
      `/elections/${m.electionId}/candidates`);
    expect(candidate).toMatchObject({
      fullName: 'María Fernández Ríos', employer: 'Hospital Regional de Loreto', implementsGlobalFund: true, consecutiveTerms: 1,
      region: REGION, statement: STATEMENT, status: 'nominated',
    });
    const cand = page.getByTestId(`candidate-${candidate!.id}`);
    expect(await cand.getByTestId('eligibility').textContent()).toBe('elegibilidad en revisión');
    expect(await cand.getByTestId('region').textContent()).toBe(REGION);
    expect(await cand.getByTestId('statement').textContent()).toBe(STATEMENT);

    // The committee's console shows the nomination to vet with its region and statement (line breaks kept).
    const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const consolePage = await consoleContext.newPage();
    await consolePage.goto(`${baseUrl}/app/committee.html?election=${m.electionId}`);
    await consolePage.locator('#email').fill(COMMITTEE[2].accountEmail.replace('@', '+portal@'));
    await consolePage.locator('#password').fill(COMMITTEE[2].accountPassword);
    await keepKeyAndTypePassphrase(consolePage, m.memberAccounts[2]!);
    await consolePage.locator('#password').press('Enter');
    const vetting = consolePage.getByTestId(`candidate-${candidate!.id}`);
    await vetting.waitFor();
    expect(await vetting.getByTestId('candidate-region').textContent()).toBe(REGION);
    expect(await vetting.getByTestId('candidate-statement').textContent()).toBe(STATEMENT);
    expect(await vetting.getByTestId('candidate-statement').evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre-line');
    expect(await axeViolations(consolePage)).toEqual([]);
    await screenshot(consolePage, 'portal-committee-es-1280-vetting');
    await consoleContext.close();

    await decide(t, m, { kind: 'candidate_eligibility', candidateId: candidate!.id, eligible: false, reason: INELIGIBLE });
    await refresh(page);
    await expect.poll(() => cand.getByTestId('eligibility').textContent()).toBe('no elegible');
    expect(await cand.getByTestId('reason').textContent()).toBe(INELIGIBLE);

    // The roll window is open in nominations: the association files a complaint, showing its name.
    expect(await page.getByTestId('complaint-window').textContent()).toBe('Ventana de reclamos abierta: padrón publicado (antes de abrir la votación).');
    await page.locator('#complaint-category').selectOption('accreditation');
    await page.locator('#complaint-text').fill(COMPLAINT);
    expect(await axeViolations(page)).toEqual([]);
    await expectKeyboardReachable(page);
    await screenshot(page, 'portal-es-1280-03-nominations');
    expect(await actAndWait(page, () => pressOn(page, page.getByTestId('file-complaint'))))
      .toBe('Reclamo presentado (n.º 1 del registro público). El comité lo responderá con razones.');
    const log = await api<{ complaints: { window: string; category: string; text: string; complainant: { role: string; name: string | null } | null }[] }>(
      `/elections/${m.electionId}/complaints`);
    expect(log.complaints).toEqual([expect.objectContaining({
      window: 'roll', category: 'accreditation', text: COMPLAINT, complainant: { role: 'association', name: 'Asociación PORT Esperanza 1' },
    })]);

    // The way to the booth and the public pages, keeping the election.
    expect(await page.getByTestId('booth-link').getAttribute('href')).toBe(`./booth.html?election=${m.electionId}`);
    expect(await page.locator('nav.public-nav a', { hasText: 'Padrón' }).getAttribute('href')).toBe(`./roll.html?election=${m.electionId}`);
    expect(await page.locator('nav.public-nav a', { hasText: 'Calendario' }).getAttribute('href')).toBe(`./timeline.html?election=${m.electionId}`);
    await screenshot(page, 'portal-es-1280-04-filed');
    await context.close();
  });

  it('in English at 360 px the portal fits and says everything in English', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 }, timezoneId: 'America/Lima' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/portal.html?election=${m.electionId}&lang=en`);
    expect(await page.locator('h1').textContent()).toBe('Associations\' portal');
    expect(await axeViolations(page)).toEqual([]);
    await expectKeyboardReachable(page);
    await screenshot(page, 'portal-en-360-00-signin');
    await page.locator('#email').fill(association.email);
    await page.locator('#password').fill(association.account.password);
    await page.locator('#password').press('Enter');
    await page.getByTestId('phase').waitFor();
    expect(await page.getByTestId('phase').textContent()).toBe('The election\'s current phase: nominations.');
    const app = page.getByTestId('applications').locator('li').first();
    expect(await app.getByTestId('status').textContent()).toBe('accredited (the committee overturned the rejection)');
    expect(await page.getByTestId('candidates').getByTestId('eligibility').textContent()).toBe('not eligible');
    expect(await page.getByTestId('candidates').textContent()).toContain('Region the candidate comes fromLoreto (Iquitos)');
    expect(await page.getByTestId('candidates').textContent()).toContain('The candidate\'s statement');
    expect(await page.getByTestId('complaint-window').textContent()).toBe('Complaint window open: roll published (before voting opens).');
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await expectKeyboardReachable(page);
    await screenshot(page, 'portal-en-360-01-nominations');
    // The other two sizes and languages of the same state.
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'portal-en-1280-01-nominations');
    await pressOn(page, page.locator('#lang-switch'));
    await page.getByText('Fase actual de la elección: candidaturas.').waitFor();
    await page.setViewportSize({ width: 360, height: 900 });
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'portal-es-360-01-nominations');
    await context.close();
  });

  it('the other window: the roll window still open in the key ceremony, none while voting, a complaint after the close, none once published', async () => {
    // A second election, set up by the existing helpers (one association per contest), in its key ceremony;
    // its trustees' secrets kept as the client library keeps them, to decrypt after the close.
    let secrets: TrusteeSecrets[] = [];
    const v: VotingElection = await prepareVotingElection(t, { plwha: 1, tb: 1 }, 'portclose', async (_t, e) => {
      secrets = await runClientCeremony(baseUrl, e);
      return secrets.map((x) => x.secretShare!);
    });
    const who = v.rolls.plwha![0]!;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/Lima' });
    const page = await context.newPage();
    await signIn(page, '', v.electionId, who.account);
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual de la elección: ceremonia de claves.');
    expect(await page.getByTestId('complaint-window').textContent()).toBe('Ventana de reclamos abierta: padrón publicado (antes de abrir la votación).');
    expect(await page.getByTestId('complaint-form').count()).toBe(1);

    // Voting opens: no window, and the form is gone.
    for (const c of ['plwha', 'tb']) await acknowledgeSmallRoll(t, v, c);
    await decide(t, v, { kind: 'phase_change', to: 'voting' }, 0, 2);
    await refresh(page);
    await expect.poll(() => page.getByTestId('complaint-window').textContent()).toBe(NO_WINDOW);
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual de la elección: votación.');
    expect(await page.getByTestId('complaint-form').count()).toBe(0);

    // Voting closes: the post-close window opens and the association files, its name withheld.
    await changePhaseWithClient(baseUrl, v, 'closed');
    await refresh(page);
    await expect.poll(() => page.getByTestId('complaint-window').textContent())
      .toBe('Ventana de reclamos abierta: tras el cierre (antes de publicar los resultados).');
    await page.locator('#complaint-category').selectOption('voting_conduct');
    await page.locator('#complaint-identity').uncheck();
    await page.locator('#complaint-text').fill(AFTER_CLOSE);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'portal-es-1280-05-after-close');
    expect(await actAndWait(page, () => pressOn(page, page.getByTestId('file-complaint'))))
      .toBe('Reclamo presentado (n.º 1 del registro público). El comité lo responderá con razones.');
    const log = await api<{ open: string | null; complaints: { id: string; window: string; status: string }[] }>(`/elections/${v.electionId}/complaints`, v.members[0]);
    expect(log.open).toBe('post_close');
    expect(log.complaints).toEqual([expect.objectContaining({ window: 'post_close', category: 'voting_conduct', text: AFTER_CLOSE, complainant: null, status: 'open' })]);

    // The committee's console lists it, in its window, awaiting an answer.
    const consoleContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const consolePage = await consoleContext.newPage();
    await consolePage.goto(`${baseUrl}/app/committee.html?election=${v.electionId}`);
    await consolePage.locator('#email').fill(v.memberAccounts[2]!.email);
    await consolePage.locator('#password').fill(v.memberAccounts[2]!.password);
    await keepKeyAndTypePassphrase(consolePage, v.memberAccounts[2]!);
    await consolePage.locator('#password').press('Enter');
    const filed = consolePage.getByTestId(`complaint-${log.complaints[0]!.id}`);
    await filed.waitFor();
    expect(await consolePage.getByTestId('complaint-window').textContent()).toBe('Plazo de reclamos abierto: tras el cierre (antes de publicar los resultados).');
    expect(await filed.getByTestId('complaint-status').textContent()).toBe('sin respuesta');
    expect(await filed.textContent()).toContain(`Plazotras el cierre (antes de publicar los resultados)`);
    expect(await filed.textContent()).toContain(`Presentado poridentidad reservada (el reclamante eligió no mostrarla)`);
    expect(await filed.textContent()).toContain(AFTER_CLOSE);
    await screenshot(consolePage, 'portal-committee-es-1280-after-close');
    await consoleContext.close();

    // Trustees 1 and 3 decrypt: tallied, and the post-close window is still open.
    for (const i of [1, 3]) {
      const r = await decryptTally(new ApiClient({ baseUrl, token: v.members[i - 1]! }), v.electionId, secrets[i - 1]!, async () => {});
      expect(r.ok && r.posted).toBe(true);
    }
    await refresh(page);
    await expect.poll(() => page.getByTestId('phase').textContent()).toBe('Fase actual de la elección: escrutada.');
    expect(await page.getByTestId('complaint-window').textContent()).toBe('Ventana de reclamos abierta: tras el cierre (antes de publicar los resultados).');
    expect(await page.getByTestId('complaint-form').count()).toBe(1);

    // Answered (publishing waits for it) and published: the window is closed, no form.
    await decide(t, v, { kind: 'complaint_answer', complaintId: log.complaints[0]!.id, decision: 'dismissed', reasoning: 'El acta del local registra su apertura y cierre en el horario anunciado.' });
    await changePhaseWithClient(baseUrl, v, 'published');
    await refresh(page);
    await expect.poll(() => page.getByTestId('complaint-window').textContent()).toBe(NO_WINDOW);
    expect(await page.getByTestId('phase').textContent()).toBe('Fase actual de la elección: resultados publicados.');
    expect(await page.getByTestId('complaint-form').count()).toBe(0);
    await context.close();
  }, 300_000);

  it('a wrong password is refused in the page, and a committee account is sent to the console', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/portal.html?election=${m.electionId}&activated=1`);
    expect(await page.locator('.notice.ok').textContent()).toBe('Cuenta activada. Inicie sesión con su correo y la contraseña que eligió.');
    await page.locator('#email').fill(association.email);
    await page.locator('#password').fill('no-es-la-clave-1');
    expect(await actAndWait(page, () => page.locator('#password').press('Enter'))).toBe('El correo o la contraseña no son correctos.');
    await page.locator('#email').fill(m.memberAccounts[0]!.email);
    await page.locator('#password').fill(m.memberAccounts[0]!.password);
    expect(await actAndWait(page, () => page.locator('#password').press('Enter')))
      .toBe('Esta cuenta no es de una asociación. Los miembros del comité usan la consola del comité.');
    expect(await page.getByTestId('signed-in').count()).toBe(0);
    await context.close();
  });
});
