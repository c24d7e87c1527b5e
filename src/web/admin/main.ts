/**
 * The administration page (issue 13): the administrator signs in and prepares an election
 * — its timeline, rules, constituencies and contests — invites the committee and the
 * auditors, registers associations one by one or from a CSV file (all rows or none), and
 * prints or downloads the invitation letters, shown once. Every action is an existing API
 * route; the page adds checks that say early what the API would refuse. The session
 * (lib/session.ts) holds the access token in this page's memory only and renews it while
 * the page is in use; when it lapses the sign-in dialog comes over the page, which keeps
 * its forms and letters.
 * @module
 */
import { type ApiClient, ApiError, errorText, publicApi } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { PHASE_NAMES, lang, texts } from '../lib/i18n.js';
import { signInFromForm } from '../lib/page-action.js';
import { type SignedInAccount, endSession, sessionApi } from '../lib/session.js';
import { installSessionDialog } from '../lib/session-dialog.js';
import { mountShell } from '../lib/shell.js';
import { type ElectionDraft, electionBody, electionForm, emptyDraft } from './election-view.js';
import { type CsvState, type ServerRowProblem, importSection, readCsv } from './import-view.js';
import { type Letter, lettersSection } from './letters.js';
import { type Member, type Reference, type Saved, associationForm, committeeForms } from './people-view.js';
import { T, type Texts } from './strings.js';

interface Constituency { code: string; nameEs: string; nameEn: string }
/** `constituencies` is the election's own list where the API defines one per election. */
interface Election { id: string; title: string; phase: string; constituencies?: Constituency[] }
type Values = Record<string, string | string[]>;

const state = {
  account: null as SignedInAccount | null,
  busy: false,
  flash: null as { ok: boolean; text: (t: Texts) => string } | null,
  ref: null as Reference | null,
  /** The constituencies template, or null when the API takes no `constituencies` (the six fixed codes). */
  template: null as Constituency[] | null,
  elections: [] as Election[],
  electionId: null as string | null,
  members: [] as Member[],
  associationCount: 0,
  draft: null as ElectionDraft | null,
  draftErrors: [] as string[],
  saved: {} as Saved,
  csv: { kind: 'none' } as CsvState,
  letters: [] as Letter[],
};

document.body.classList.add('admin-page');
const shell = mountShell('admin', { es: T.es.title, en: T.en.title }, () => render());
const main = shell.main;
const api = (): ApiClient => sessionApi();

// ---- data ----

async function loadAll(): Promise<void> {
  const pub = publicApi();
  const [ref, template, elections, associations] = await Promise.all([
    pub.get('/reference') as Promise<Reference>,
    // The configurable constituencies' template; an API without it takes only the six fixed codes.
    (pub.get('/templates/constituencies') as Promise<Constituency[]>).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }),
    pub.get('/elections') as Promise<Election[]>,
    api().get('/associations') as Promise<unknown[]>,
  ]);
  state.ref = ref;
  state.template = template;
  state.elections = elections.filter((e) => e.phase === 'draft');
  state.associationCount = associations.length;
  state.draft ??= emptyDraft(template ?? ref.constituencies.map((code) => ({ code, nameEs: '', nameEn: '' })));
  state.members = state.electionId === null ? [] : (await pub.get(`/elections/${state.electionId}/committee`)) as Member[];
}

/** The constituency codes an association may name, with names: the chosen election's, else the template's, else the fixed codes. */
function constituencyChoices(): { code: string; name: string }[] {
  const chosen = state.elections.find((e) => e.id === state.electionId)?.constituencies;
  const known = chosen ?? state.template ?? state.ref?.constituencies.map((code) => ({ code, nameEs: '', nameEn: '' })) ?? [];
  return known.map((c) => {
    const name = lang() === 'en' ? c.nameEn : c.nameEs;
    return { code: c.code, name: name === '' ? c.code : `${name} (${c.code})` };
  });
}

// ---- actions ----

/**
 * Run an action; its outcome becomes the flash, focused. A 401 means the session lapsed
 * before the action was done: the sign-in dialog is over the page (session.ts noticed the
 * 401), the form keeps what was typed, and the action is to be repeated.
 */
async function act(run: () => Promise<((t: Texts) => string) | null>): Promise<void> {
  state.busy = true;
  state.flash = null;
  render();
  try {
    const ok = await run();
    if (ok !== null) state.flash = { ok: true, text: ok };
    await loadAll();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) state.flash = { ok: false, text: (t) => t.expired };
    else if (!(e instanceof ApiError && e.code === 'import_rejected')) {
      const text = errorText(e);
      state.flash = { ok: false, text: () => text };
    }
  }
  state.busy = false;
  render();
  const target = state.account === null ? '#flash' : state.csv.kind === 'rows' && state.csv.server.length > 0 ? '[data-testid="csv-summary"]' : '#flash';
  main.querySelector<HTMLElement>(target)?.focus();
}

function signIn(form: HTMLFormElement): Promise<boolean> {
  return signInFromForm({ state, main, render: () => render() }, form, async (account) => {
    if (account.role !== 'admin') return (t) => t.notAdmin;
    state.account = account;
    try {
      await loadAll();
    } catch (e) {
      const text = errorText(e);
      state.flash = { ok: false, text: () => text };
    }
    return null;
  });
}

const keep = (inv: Letter) => state.letters.push({ addressee: inv.addressee, email: inv.email, role: inv.role, humanCode: inv.humanCode, letter: inv.letter });
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? v[k] : '');
const list = (v: Values, k: string) => (Array.isArray(v[k]) ? v[k] : typeof v[k] === 'string' ? [v[k]] : []);

function createElection(): void {
  const t = texts(T);
  const out = electionBody(state.draft!, t, state.template !== null);
  if (!out.ok) {
    state.draftErrors = out.errors;
    render();
    main.querySelector<HTMLElement>('#election-errors')?.focus();
    return;
  }
  state.draftErrors = [];
  void act(async () => {
    const e = (await api().post('/elections', out.body)) as Election;
    state.electionId = e.id;
    state.draft = null;
    return (tt) => tt.created(e.title);
  });
}

const inviteMember = (v: Values) => act(async () => {
  const r = (await api().post(`/elections/${state.electionId}/committee`, {
    fullName: str(v, 'fullName'), sector: str(v, 'sector'), organisation: str(v, 'organisation'), role: str(v, 'role'), accountEmail: str(v, 'accountEmail'),
  })) as { fullName: string; invitation: Letter };
  keep(r.invitation);
  delete state.saved['member-form'];
  return (t) => t.invited(r.fullName);
});

const inviteAuditor = (v: Values) => act(async () => {
  const r = (await api().post('/accounts', { email: str(v, 'email'), role: 'auditor' })) as { invitation: Letter };
  keep(r.invitation);
  delete state.saved['auditor-form'];
  return (t) => t.invited(r.invitation.email);
});

const registerOne = (v: Values) => act(async () => {
  const phone = str(v, 'contactPhone');
  const r = (await api().post('/associations', {
    legalName: str(v, 'legalName'), registrationNumber: str(v, 'registrationNumber'), region: str(v, 'region'),
    constituencies: list(v, 'constituencies'), contactName: str(v, 'contactName'), contactEmail: str(v, 'contactEmail'),
    contactPhone: phone === '' ? null : phone, accountEmail: str(v, 'accountEmail'),
  })) as { legalName: string; invitation: Letter };
  keep(r.invitation);
  delete state.saved['association-form'];
  return (t) => t.registered(r.legalName);
});

async function chooseFile(f: File): Promise<void> {
  const text = await f.text();
  state.csv = readCsv(f.name, text, state.ref?.regions ?? [], state.template === null ? state.ref?.constituencies ?? [] : null);
  render();
  main.querySelector<HTMLElement>('[data-testid="csv-summary"]')?.focus();
}

const importRows = () => act(async () => {
  const csv = state.csv;
  if (csv.kind !== 'rows') return null;
  try {
    const r = (await api().post('/associations/import', { rows: csv.rows.map((x) => x.value) })) as { associations: { invitation: Letter }[] };
    for (const a of r.associations) keep(a.invitation);
    state.csv = { kind: 'none' };
    return (t) => t.imported(r.associations.length);
  } catch (e) {
    // Nothing was registered: the server's reasons are shown against the file's rows.
    if (e instanceof ApiError && e.code === 'import_rejected') state.csv = { ...csv, server: (e.problem?.rows ?? []) as ServerRowProblem[] };
    throw e;
  }
});

function signOut(): void {
  endSession();
  state.account = null;
  state.flash = null;
  state.letters = [];
  render();
}

/** The same account signed in again: the lists are read afresh; forms, draft and letters stay. */
async function resume(message: string): Promise<void> {
  try {
    await loadAll();
  } catch (e) {
    const text = errorText(e);
    state.flash = { ok: false, text: () => text };
  }
  render();
  shell.announce(message);
}

// A lapsed session: the sign-in form over the page, which stays as it was (typed text too).
installSessionDialog({ onResumed: (message) => void resume(message), onSignOut: signOut });

// ---- rendering ----

function flash(): HTMLElement {
  const f = state.flash;
  return h('div', { id: 'flash', tabindex: '-1', 'data-testid': 'flash', role: f?.ok === false ? 'alert' : 'status', class: f === null ? 'notice empty' : `notice ${f.ok ? 'ok' : 'error'}` }, f?.text(texts(T)) ?? '');
}

function renderSignIn(t: Texts): void {
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'signin-h', novalidate: true, 'data-testid': 'signin-form' },
    h('h2', { id: 'signin-h' }, t.signinTitle),
    h('div', { class: 'field' }, h('label', { for: 'email' }, t.email), h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t.password), h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { type: 'submit', class: 'btn primary', disabled: state.busy, 'data-testid': 'signin' }, state.busy ? t.signingIn : t.signin));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); void signIn(form); });
  replace(main, h('p', { class: 'lead' }, t.lead), flash(), form);
}

function electionSection(t: Texts): HTMLElement {
  const chooser = h('select', { id: 'election-choice', 'data-testid': 'election-choice', disabled: state.busy }, h('option', { value: '' }, t.noneChosen),
    state.elections.map((e) => h('option', { value: e.id, ...(e.id === state.electionId && { selected: true }) }, `${e.title} · ${texts(PHASE_NAMES)[e.phase] ?? e.phase}`)));
  chooser.addEventListener('change', () => { state.electionId = chooser.value === '' ? null : chooser.value; void act(async () => null); });
  const handlers = {
    changed: () => {},
    relist: (focusId?: string) => { render(); if (focusId !== undefined) document.getElementById(focusId)?.focus(); },
    submit: createElection,
  };
  return h('section', { class: 'stack', 'aria-labelledby': 'election-h' },
    h('h2', { id: 'election-h' }, state.electionId === null ? t.electionTitle : t.sections.election),
    h('div', { class: 'field' }, h('label', { for: 'election-choice' }, t.chooseExisting), chooser),
    state.electionId === null && state.draft !== null ? electionForm(state.draft, t, state.template !== null, state.busy, state.draftErrors, handlers) : null);
}

function render(): void {
  const t = texts(T);
  if (state.account === null) return renderSignIn(t);
  replace(main,
    h('div', { class: 'actions no-print', style: 'justify-content:space-between;align-items:center' },
      h('p', { 'data-testid': 'signed-in' }, t.signedInAs(state.account.email)),
      h('button', { type: 'button', class: 'btn small', onclick: signOut }, t.signOut)),
    flash(),
    state.ref === null ? h('p', null, t.loading) : [
      electionSection(t),
      h('section', { class: 'stack', 'aria-labelledby': 'committee-h' }, h('h2', { id: 'committee-h' }, t.sections.committee),
        state.electionId === null ? h('p', { class: 'muted' }, t.needElection)
          : committeeForms(state.members, state.ref, state.saved, t, state.busy, { member: (v) => void inviteMember(v), auditor: (v) => void inviteAuditor(v) })),
      h('section', { class: 'stack', 'aria-labelledby': 'assoc-h' }, h('h2', { id: 'assoc-h' }, t.assocTitle),
        h('p', null, t.assocLead), h('p', { 'data-testid': 'association-count' }, `${t.assocTitle}: ${state.associationCount}`),
        associationForm(state.ref, constituencyChoices(), state.saved, t, state.busy, (v) => void registerOne(v)),
        importSection(state.csv, t, state.busy, { file: (f) => void chooseFile(f), importRows: () => void importRows() })),
    ],
    lettersSection(state.letters, t));
}

render();
