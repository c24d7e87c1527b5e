/**
 * The associations' portal (issue 13): an association signs in — or arrives from
 * activating its account — and applies for accreditation in its contests, sees each
 * application's status and the committee's reasons, appeals a rejection while the
 * accreditation phase lasts, nominates candidates and sees their eligibility, files a
 * complaint in an open window, and finds the booth and the public pages. Every action is
 * the API's own route; the session (lib/session.ts) is renewed while the page is in use.
 * State and actions here, the views in view.ts, the texts in strings.ts.
 * @module
 */
import { errorText, publicApi } from '../lib/api.js';
import { type Child, h, replace, replaceKeepingTyped } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { texts } from '../lib/i18n.js';
import { fetchElection } from '../lib/public.js';
import { type FlashPage, runAction, signInFromForm } from '../lib/page-action.js';
import { type SignedInAccount, endSession, sessionApi } from '../lib/session.js';
import { installSessionDialog } from '../lib/session-dialog.js';
import { electionParam, mountShell } from '../lib/shell.js';
import type { Application, Association, Candidate, ComplaintInput, ComplaintLog, Data, Handlers, Nomination } from './model.js';
import { PORTAL_TEXTS, type PortalTexts } from './strings.js';
import { portalView, signInView } from './view.js';

const electionId = electionParam();
const state = {
  account: null as SignedInAccount | null,
  data: null as Data | null,
  loadError: null as string | null,
  flash: null as { ok: boolean; text: (t: PortalTexts) => string } | null,
  busy: false,
  /** Arrived from the activation page (`?activated=1`). */
  activated: new URLSearchParams(location.search).get('activated') === '1',
};

const shell = mountShell('portal', { es: PORTAL_TEXTS.es.title, en: PORTAL_TEXTS.en.title }, () => render());
const main = shell.main;
const path = (p: string) => `/elections/${encodeURIComponent(electionId!)}${p}`;

async function load(): Promise<void> {
  const api = sessionApi();
  const pub = publicApi();
  const [election, association, applications, candidates, complaints] = await Promise.all([
    fetchElection(electionId!),
    api.get(`/associations/${encodeURIComponent(state.account!.associationId!)}`) as Promise<Association>,
    api.get(path('/applications')) as Promise<Application[]>,
    pub.get(path('/candidates')) as Promise<Candidate[]>,
    pub.get(path('/complaints')) as Promise<ComplaintLog>,
  ]);
  state.data = { election, association, applications, candidates, complaints };
}

async function reload(): Promise<void> {
  try {
    await load();
    state.loadError = null;
  } catch (e) {
    state.loadError = errorText(e);
  }
}

const page: FlashPage<PortalTexts> = { state, main, render: () => render() };

function signIn(form: HTMLFormElement): Promise<boolean> {
  return signInFromForm(page, form, async (account) => {
    if (account.role !== 'association' || account.associationId === null) return (t) => t.notAssociation;
    state.account = account;
    state.activated = false;
    await reload();
    return null;
  });
}

/** Run an action, then show its outcome above the refreshed portal, focus on the outcome. */
const act = (run: () => Promise<(t: PortalTexts) => string>) => runAction(page, run, reload);

const contestName = (id: string) => state.data?.election.contests?.find((c) => c.id === id)?.title ?? id;

const handlers: Handlers = {
  apply: (contestId, documents) => void act(async () => {
    await sessionApi().post(path('/applications'), { contestId, documents });
    return (t) => t.applied(contestName(contestId));
  }),
  appeal: (applicationId, text) => void act(async () => {
    await sessionApi().post(`/applications/${encodeURIComponent(applicationId)}/appeal`, { text });
    return (t) => t.appealed;
  }),
  nominate: (input: Nomination) => void act(async () => {
    await sessionApi().post(path('/candidates'), input);
    return (t) => t.nominated(input.fullName);
  }),
  complain: (input: ComplaintInput) => void act(async () => {
    const filed = (await sessionApi().post(path('/complaints'), input)) as { id: string };
    const log = (await publicApi().get(path('/complaints'))) as ComplaintLog;
    const n = log.complaints.findIndex((c) => c.id === filed.id) + 1;
    return (t) => t.filed(n);
  }),
};

function signOut(): void {
  endSession();
  state.account = null;
  state.data = null;
  state.flash = null;
  render();
}

async function refresh(): Promise<void> {
  state.busy = true;
  state.flash = null;
  render();
  await reload();
  state.busy = false;
  render();
  shell.announce(texts(PORTAL_TEXTS).refreshed);
}

// A lapsed session: the sign-in form over the portal, which stays as it was (typed text too).
installSessionDialog({
  onResumed(message) {
    shell.announce(message);
    if (state.loadError !== null) void refresh();
  },
  onSignOut: signOut,
});

function flash(t: PortalTexts): Child {
  const f = state.flash;
  return h('div', {
    id: 'flash', tabindex: '-1', 'data-testid': 'flash', role: f?.ok === false ? 'alert' : 'status',
    class: f === null ? 'notice empty' : `notice ${f.ok ? 'ok' : 'error'}`,
  }, f?.text(t) ?? '');
}

function render(): void {
  const t = texts(PORTAL_TEXTS);
  if (electionId === null) {
    void renderElectionChooser(main, 'portal');
    return;
  }
  if (state.account === null) {
    replaceKeepingTyped(main, flash(t), signInView(t, state.busy, state.activated, (form) => void signIn(form)));
    return;
  }
  const d = state.data;
  replace(main,
    h('div', { class: 'bar', style: 'display:flex;flex-wrap:wrap;gap:0.75rem;align-items:center;justify-content:space-between' },
      h('p', { 'data-testid': 'signed-in' }, t.signedInAs(d?.association.legalName ?? state.account.email)),
      h('div', { class: 'actions', style: 'margin:0' },
        h('button', { type: 'button', class: 'btn small', onclick: () => void refresh(), disabled: state.busy, 'data-testid': 'refresh' }, t.refresh),
        h('button', { type: 'button', class: 'btn small', onclick: signOut, disabled: state.busy }, t.signOut))),
    flash(t),
    state.loadError !== null ? h('p', { class: 'notice error', role: 'alert' }, state.loadError) : null,
    d === null ? h('p', null, t.loading) : portalView(d, state.busy, handlers));
}

render();
