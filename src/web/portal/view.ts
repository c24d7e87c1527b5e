/**
 * The portal's sections, rendered from its state: accreditation (apply, status, reasons,
 * appeal with its deadline), candidacies (nominate, eligibility and reasons), complaints
 * (file in the open window) and the links to the booth and the public pages.
 * @module
 */
import { COMPLAINT_WORDS } from '../lib/complaints.js';
import { type Child, h } from '../lib/dom.js';
import { PHASE_NAMES, formatTime, texts } from '../lib/i18n.js';
import { publicNav } from '../lib/public.js';
import { pageUrl } from '../lib/shell.js';
import { type Application, type Candidate, type Data, type Handlers, type Nomination, REGION_MAX, STATEMENT_MAX } from './model.js';
import { PORTAL_TEXTS, type PortalTexts } from './strings.js';

function field(id: string, label: string, control: HTMLElement, help?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), help === undefined ? null : h('p', { class: 'muted', id: `${id}-help` }, help), control);
}

function button(label: string, onclick: () => void, busy: boolean, testid: string, primary = true): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn${primary ? ' primary' : ''}`, onclick, disabled: busy, 'data-testid': testid }, label);
}

/** A textarea with its error line; `submit` gets the trimmed text or shows `required`. */
function textForm(id: string, label: string, required: string, send: string, busy: boolean, testid: string, submit: (text: string) => void): HTMLElement {
  const area = h('textarea', { id, name: id, maxlength: '5000', 'aria-describedby': `${id}-err` });
  const err = h('p', { id: `${id}-err`, class: 'error-text', 'aria-live': 'polite' });
  return h('div', { class: 'stack' }, field(id, label, area), err, h('div', { class: 'actions' }, button(send, () => {
    const text = area.value.trim();
    if (text === '') {
      err.textContent = required;
      area.focus();
      return;
    }
    submit(text);
  }, busy, testid)));
}

function contestTitle(d: Data, id: string): string {
  return d.election.contests?.find((c) => c.id === id)?.title ?? id;
}

function appealPart(d: Data, a: Application, t: PortalTexts, busy: boolean, on: Handlers): Child {
  if (a.status !== 'rejected' || a.appealText !== null) return null;
  if (d.election.phase !== 'accreditation') return h('p', { class: 'muted' }, t.appealClosed);
  const until = d.election.timeline.accreditationCloses;
  return h('div', { class: 'card explain', 'data-testid': `appeal-${a.id}` },
    h('h4', null, t.appealTitle),
    h('p', { 'data-testid': 'appeal-deadline' }, until === undefined ? t.appealUntilPhaseEnds : t.appealDeadline(formatTime(until))),
    textForm(`appeal-text-${a.id}`, t.appealLabel, t.appealRequired, t.appealSend, busy, `appeal-send-${a.id}`, (text) => on.appeal(a.id, text)));
}

function renderApplications(d: Data, t: PortalTexts, busy: boolean, on: Handlers): Child {
  const applied = new Set(d.applications.map((a) => a.contestId));
  const open = (d.election.contests ?? []).filter((c) => d.association.constituencies.includes(c.constituency) && !applied.has(c.id));
  return h('section', { 'aria-labelledby': 'apps-h' },
    h('h2', { id: 'apps-h' }, t.appsTitle),
    h('p', { class: 'muted' }, t.appsLead),
    d.applications.length === 0 ? h('p', null, t.noApps) : h('ul', { class: 'audit-rows', 'data-testid': 'applications' }, d.applications.map((a) =>
      h('li', { class: 'card', 'data-testid': `application-${a.id}` },
        h('h3', null, contestTitle(d, a.contestId)),
        h('dl', null,
          a.documents === '' ? null : [h('dt', null, t.documents), h('dd', { 'data-testid': 'documents' }, a.documents)],
          h('dt', null, t.status), h('dd', { 'data-testid': 'status' }, t.statuses[a.status] ?? a.status,
            a.appealOutcome === null ? null : ` (${t.appealOutcome[a.appealOutcome] ?? a.appealOutcome})`),
          a.reason === null ? null : [h('dt', null, t.reason), h('dd', { 'data-testid': 'reason' }, a.reason)],
          a.appealText === null ? null : [h('dt', null, t.appealText), h('dd', null, a.appealText)]),
        appealPart(d, a, t, busy, on)))),
    d.election.phase !== 'accreditation' ? h('p', { class: 'muted' }, t.applyClosed)
      : open.length === 0 ? (d.applications.length === 0 ? h('p', null, t.notYours) : null)
        : [h('h3', null, t.applyTitle), h('ul', { class: 'audit-rows' }, open.map((c) => h('li', { class: 'card', 'data-testid': `apply-form-${c.id}` },
          h('p', null, h('strong', null, c.title)),
          textForm(`documents-${c.id}`, t.documentsLabel, t.documentsRequired, t.apply, busy, `apply-${c.id}`, (text) => on.apply(c.id, text)))))]);
}

function nominationForm(d: Data, t: PortalTexts, busy: boolean, on: Handlers): Child {
  const accredited = d.applications.filter((a) => a.status === 'accredited');
  if (accredited.length === 0) return h('p', null, t.notAccredited);
  const contest = h('select', { id: 'nom-contest', name: 'contest' }, accredited.map((a) => h('option', { value: a.contestId }, contestTitle(d, a.contestId))));
  const name = h('input', { id: 'nom-name', type: 'text', maxlength: '200', autocomplete: 'off' });
  const employer = h('input', { id: 'nom-employer', type: 'text', maxlength: '200', autocomplete: 'off' });
  const region = h('input', { id: 'nom-region', type: 'text', maxlength: String(REGION_MAX), autocomplete: 'off', 'aria-describedby': 'nom-region-help' });
  const terms = h('input', { id: 'nom-terms', type: 'number', min: '0', max: '50', step: '1', value: '0', inputmode: 'numeric' });
  const statement = h('textarea', { id: 'nom-statement', maxlength: String(STATEMENT_MAX), rows: '6', 'aria-describedby': 'nom-statement-help' });
  const fund = (['yes', 'no'] as const).map((v) => h('input', { type: 'radio', id: `nom-fund-${v}`, name: 'fund', value: v, ...(v === 'no' && { checked: true }) }));
  const err = h('p', { id: 'nom-err', class: 'error-text', 'aria-live': 'polite' });
  const submit = () => {
    const n = Number(terms.value);
    // In the form's order, so that the first one missing is the one focused.
    const checks: [HTMLInputElement | HTMLTextAreaElement, string, boolean][] = [
      [name, t.fullName, name.value.trim() !== ''], [employer, t.employer, employer.value.trim() !== ''],
      [region, t.region, region.value.trim() !== ''], [terms, t.terms, Number.isInteger(n) && n >= 0 && n <= 50],
      [statement, t.statement, statement.value.trim() !== ''],
    ];
    const bad = checks.find(([, , ok]) => !ok);
    if (bad !== undefined) {
      err.textContent = t.required(bad[1]);
      bad[0].focus();
      return;
    }
    const input: Nomination = {
      contestId: contest.value, fullName: name.value.trim(), employer: employer.value.trim(),
      implementsGlobalFund: fund[0]!.checked, consecutiveTerms: n, region: region.value.trim(), statement: statement.value.trim(),
    };
    on.nominate(input);
  };
  return h('div', { class: 'card stack', 'data-testid': 'nominate-form' },
    h('h3', null, t.nominate),
    accredited.length > 1 ? field(contest.id, t.contest, contest) : h('p', null, `${t.contest}: `, h('strong', null, contestTitle(d, accredited[0]!.contestId))),
    field(name.id, t.fullName, name), field(employer.id, t.employer, employer), field(region.id, t.region, region, t.regionHelp),
    h('fieldset', null, h('legend', null, t.globalFund), h('p', { class: 'muted' }, t.globalFundHelp),
      h('ul', { class: 'candidates' }, fund.map((r, i) => h('li', null, h('label', { for: r.id, class: 'choice' }, r, h('span', null, i === 0 ? t.yes : t.no)))))),
    field(terms.id, t.terms, terms),
    field(statement.id, t.statement, statement, t.statementHelp(STATEMENT_MAX)),
    err,
    h('div', { class: 'actions' }, button(t.nominate, submit, busy, 'nominate')));
}

function renderCandidates(d: Data, t: PortalTexts, busy: boolean, on: Handlers): Child {
  const mine = d.candidates.filter((c) => c.associationId === d.association.id);
  if (mine.length === 0 && ['draft', 'accreditation'].includes(d.election.phase)) return null;
  const row = (c: Candidate) => h('li', { class: 'card', 'data-testid': `candidate-${c.id}` },
    h('h3', null, c.fullName),
    h('dl', null,
      h('dt', null, t.contest), h('dd', null, contestTitle(d, c.contestId)),
      c.region === '' ? null : [h('dt', null, t.region), h('dd', { 'data-testid': 'region' }, c.region)],
      h('dt', null, t.employer), h('dd', null, c.employer),
      h('dt', null, t.globalFund), h('dd', null, c.implementsGlobalFund ? t.yes : t.no),
      h('dt', null, t.terms), h('dd', null, String(c.consecutiveTerms)),
      c.statement === '' ? null : [h('dt', null, t.statement), h('dd', { class: 'multiline', 'data-testid': 'statement' }, c.statement)],
      h('dt', null, t.status), h('dd', { 'data-testid': 'eligibility', class: c.status === 'ineligible' ? 'error-text' : c.status === 'eligible' ? 'ok-text' : '' }, t.eligibility[c.status] ?? c.status),
      c.reason === null ? null : [h('dt', null, t.reason), h('dd', { 'data-testid': 'reason' }, c.reason)]));
  return h('section', { 'aria-labelledby': 'cands-h' },
    h('h2', { id: 'cands-h' }, t.candsTitle),
    h('p', { class: 'muted' }, t.candsLead),
    mine.length === 0 ? h('p', null, t.noCands) : h('ul', { class: 'audit-rows', 'data-testid': 'candidates' }, mine.map(row)),
    d.election.phase === 'nominations' ? nominationForm(d, t, busy, on) : h('p', { class: 'muted' }, t.candsClosed));
}

function renderComplaints(d: Data, t: PortalTexts, busy: boolean, on: Handlers): Child {
  const w = texts(COMPLAINT_WORDS);
  const open = d.complaints.open;
  let form: Child = null;
  if (open !== null) {
    const category = h('select', { id: 'complaint-category', name: 'category' },
      Object.entries(w.categories).map(([k, label]) => h('option', { value: k }, label)));
    const identity = h('input', { type: 'checkbox', id: 'complaint-identity', checked: true });
    form = h('div', { class: 'card stack', 'data-testid': 'complaint-form' },
      field(category.id, t.category, category),
      h('label', { for: identity.id, class: 'choice' }, identity, h('span', null, t.showIdentity)),
      textForm('complaint-text', t.complaintText, t.complaintRequired, t.fileComplaint, busy, 'file-complaint',
        (text) => on.complain({ category: category.value, text, showIdentity: identity.checked })));
  }
  return h('section', { 'aria-labelledby': 'complaints-h' },
    h('h2', { id: 'complaints-h' }, t.complaintsTitle),
    h('p', { 'data-testid': 'complaint-window' }, open === null ? t.noWindow : t.windowOpen(w.windows[open] ?? open)),
    form,
    h('p', { class: 'muted' }, t.publicLog));
}

function renderLinks(t: PortalTexts): Child {
  return h('section', { 'aria-labelledby': 'links-h' },
    h('h2', { id: 'links-h' }, t.linksTitle),
    h('p', null, t.boothNote),
    h('p', null, h('a', { class: 'btn', href: pageUrl('booth'), 'data-testid': 'booth-link' }, t.booth)),
    publicNav('portal'));
}

/** The signed-in portal. */
export function portalView(d: Data, busy: boolean, on: Handlers): Child[] {
  const t = texts(PORTAL_TEXTS);
  const phase = texts(PHASE_NAMES)[d.election.phase] ?? d.election.phase;
  return [
    h('p', { class: 'lead' }, d.election.title),
    h('p', { class: 'big', 'data-testid': 'phase' }, t.phaseNow(phase)),
    renderApplications(d, t, busy, on),
    renderCandidates(d, t, busy, on),
    renderComplaints(d, t, busy, on),
    renderLinks(t),
  ];
}

/** The sign-in form; `activated` when the person arrives from activating the account. */
export function signInView(t: PortalTexts, busy: boolean, activated: boolean, onSubmit: (form: HTMLFormElement) => void): Child[] {
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'signin-h', novalidate: true },
    h('h2', { id: 'signin-h' }, t.signinTitle),
    field('email', t.email, h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true })),
    field('password', t.password, h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit', class: 'btn primary', disabled: busy, 'data-testid': 'signin' }, busy ? t.signingIn : t.signin));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onSubmit(form);
  });
  return [h('p', { class: 'lead' }, t.lead), activated ? h('p', { class: 'notice ok' }, t.activated) : null, form];
}
