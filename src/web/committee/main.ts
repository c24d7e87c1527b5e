/**
 * The committee console (issues 6 and 7): the election's phase and what blocks the next one
 * (the API's own list of failed preconditions, a contest below the minimum roll with the
 * way to acknowledge it), pending proposals in words with the sectors that have approved
 * them, the complaints with their status and a way to propose an answer, applications to
 * accredit or reject, candidacies to vet, the key ceremony's progress and who has posted
 * decryption shares. Every decision goes through the API's
 * multi-sector proposals; the console adds no rule of its own. The access token lives in
 * this page's memory only.
 * @module
 */
import { proposeSigned, voteSigned } from '../../client/committee.js';
import { importAccountKeyfileAsync } from '../../crypto/account-keyfile.js';
import { unlockStoredAccountKey } from '../lib/account-key.js';
import { publicApi } from '../lib/api.js';
import { type Child, h, replace, replaceKeepingTyped } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { PHASE_NAMES, texts } from '../lib/i18n.js';
import { type FlashPage, runAction, signInFromForm } from '../lib/page-action.js';
import { fetchElection } from '../lib/public.js';
import { endSession } from '../lib/session.js';
import { installSessionDialog } from '../lib/session-dialog.js';
import { mountShell } from '../lib/shell.js';
import { renderCeremony } from './ceremony-view.js';
import { renderComplaints } from './complaints-view.js';
import { btn } from './controls.js';
import { issuerPageLink, myTrusteeTask } from './my-task.js';
import { renderPhase } from './phase-view.js';
import { renderProposals } from './proposals-view.js';
import { type Actions, type Member, api, electionId, path, reload, sectorName, state } from './state.js';
import { COMMITTEE_TEXTS, type CommitteeTexts } from './strings.js';
import { turnoutPanel } from './turnout.js';
import { renderApplications, renderCandidates } from './vetting-view.js';
import { againstOutcome } from './votes.js';

const shell = mountShell('committee', { es: COMMITTEE_TEXTS.es.title, en: COMMITTEE_TEXTS.en.title }, () => render());
const main = shell.main;

// ---- actions ----

const page: FlashPage<CommitteeTexts> = { state, main, render: () => render() };

function signIn(form: HTMLFormElement): Promise<boolean> {
  return signInFromForm(page, form, async (who, data) => {
    if (who.role !== 'committee') return (t) => t.notCommittee;
    // Every proposal and approval is signed with the member's own key: the key file chosen,
    // or the one this browser kept at activation, opened with its passphrase.
    const keyfile = data.get('keyfile');
    const passphrase = String(data.get('passphrase') ?? '');
    const unlocked = keyfile instanceof Blob && keyfile.size > 0
      ? await importAccountKeyfileAsync(await keyfile.text(), passphrase)
      : await unlockStoredAccountKey(who.id, passphrase);
    if (unlocked === null || !unlocked.ok || unlocked.key.accountId !== who.id) return (t) => (unlocked === null ? t.keyMissing : t.keyRefused);
    state.signingKey = unlocked.key.secretKey;
    const committee = (await publicApi().get(path('/committee'))) as Member[];
    const member = committee.find((m) => m.id === who.committeeMemberId);
    if (member === undefined) return (t) => t.notMember;
    state.me = member;
    await reload();
    return null;
  });
}

/**
 * Run a decision, then show its outcome and the refreshed console, focus on the outcome. A
 * refused phase change's detail lists the failed preconditions in the page's language.
 */
const act = (run: () => Promise<(t: CommitteeTexts) => string>) => runAction(page, run, reload, (detail) => (t) => `${t.refused}: ${detail}`);

async function refresh(): Promise<void> {
  state.busy = true;
  state.flash = null;
  render();
  await reload();
  state.busy = false;
  render();
  shell.announce(texts(COMMITTEE_TEXTS).refresh);
}

function outcome(answer: unknown, executed: (t: CommitteeTexts) => string, pending: (t: CommitteeTexts) => string): (t: CommitteeTexts) => string {
  return (answer as { status?: string }).status === 'executed' ? executed : pending;
}

const proposePhase = (to: string) => act(async () => outcome(
  await proposeSigned(api(), electionId!, { kind: 'phase_change', to }, state.signingKey!),
  (t) => t.phaseChanged(texts(PHASE_NAMES)[to] ?? to), (t) => t.proposalCreated));

const approve = (id: string) => act(async () => {
  const p = state.data?.proposals.find((x) => x.id === id);
  if (p === undefined) throw new Error(id);
  return outcome(await voteSigned(api(), electionId!, p, 'approve', state.signingKey!), (t) => t.executed, (t) => t.approved);
});

const voteAgainst = (id: string) => act(async () => {
  const p = state.data?.proposals.find((x) => x.id === id);
  if (p === undefined) throw new Error(id);
  return againstOutcome(await voteSigned(api(), electionId!, p, 'against', state.signingKey!), state.data!.election.rules.approvalSectors);
});

const withdraw = (id: string) => act(async () => {
  const p = state.data?.proposals.find((x) => x.id === id);
  if (p === undefined) throw new Error(id);
  await voteSigned(api(), electionId!, p, 'withdraw', state.signingKey!);
  return (t) => t.withdrawnOutcome;
});

function signOut(): void {
  endSession();
  state.signingKey?.fill(0);
  state.signingKey = null;
  state.me = null;
  state.data = null;
  render();
}

// A lapsed session: the sign-in form over the console, which stays as it was (the key too).
installSessionDialog({
  onResumed(message) {
    shell.announce(message);
    if (state.loadError !== null) void refresh();
  },
  onSignOut: signOut,
});

const propose = (body: Record<string, unknown> & { kind: string }) => act(async () => outcome(
  await proposeSigned(api(), electionId!, body, state.signingKey!), (t) => t.executed, (t) => t.proposalCreated));

const actions: Actions = {
  propose: (body) => void propose(body),
  proposePhase: (to) => void proposePhase(to),
  approve: (id) => void approve(id),
  voteAgainst: (id) => void voteAgainst(id),
  withdraw: (id) => void withdraw(id),
};

// ---- rendering ----

function renderSignIn(t: CommitteeTexts): Child[] {
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'signin-h', novalidate: true },
    h('h2', { id: 'signin-h' }, t.signinTitle),
    h('div', { class: 'field' }, h('label', { for: 'email' }, t.email),
      h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t.password),
      h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'passphrase' }, t.passphrase),
      h('input', { id: 'passphrase', name: 'passphrase', type: 'password', autocomplete: 'off', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'keyfile' }, t.keyfile),
      h('input', { id: 'keyfile', name: 'keyfile', type: 'file', accept: '.json,application/json' })),
    h('button', { type: 'submit', class: 'btn primary', disabled: state.busy, 'data-testid': 'signin' }, state.busy ? t.signingIn : t.signin));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void signIn(form);
  });
  return [
    state.electionTitle === null ? null : h('p', { class: 'lead', 'data-testid': 'election-title' }, state.electionTitle),
    h('p', { class: 'lead' }, t.lead), flash(), form];
}

function flash(): Child {
  const f = state.flash;
  const t = texts(COMMITTEE_TEXTS);
  return h('div', { id: 'flash', tabindex: '-1', 'data-testid': 'flash', role: f?.ok === false ? 'alert' : 'status', class: f === null ? 'notice empty' : `notice ${f.ok ? 'ok' : 'error'}` }, f?.text(t) ?? '');
}

function render(): void {
  const t = texts(COMMITTEE_TEXTS);
  if (electionId === null) {
    void renderElectionChooser(main, 'committee');
    return;
  }
  if (state.me === null) {
    replaceKeepingTyped(main, renderSignIn(t));
    return;
  }
  const d = state.data;
  const me = state.me;
  replace(main,
    h('div', { class: 'bar', style: 'display:flex;flex-wrap:wrap;gap:0.75rem;align-items:center;justify-content:space-between' },
      h('p', { 'data-testid': 'signed-in' }, t.signedInAs(me.fullName, sectorName(me.sector))),
      h('div', { class: 'actions', style: 'margin:0' },
        btn(t.refresh, () => void refresh()),
        btn(t.signOut, signOut))),
    flash(),
    state.loadError !== null ? h('p', { class: 'notice error', role: 'alert' }, state.loadError) : null,
    d === null ? h('p', null, t.loading) : [
      h('p', { class: 'lead' }, d.election.title),
      renderPhase(d, t, actions),
      myTrusteeTask(electionId, d.election.phase, d.ceremony, me.id, d.sharesPosted),
      issuerPageLink(),
      turnoutPanel(electionId, d.election.phase),
      renderProposals(d, t, actions),
      renderComplaints(d, t, actions),
      renderApplications(d, t, actions),
      renderCandidates(d, t, actions),
      renderCeremony(d, t),
    ]);
}

render();
// The election through the public pages' loader: the console, like them, opens in the
// election's first language for a member who chose none (the switch re-renders it), and
// the sign-in form says which election it is for. A failure here is left to the load
// after sign-in, which shows it.
if (electionId !== null) {
  void fetchElection(electionId).then((e) => {
    state.electionTitle = e.title;
    render();
  }, () => undefined);
}
