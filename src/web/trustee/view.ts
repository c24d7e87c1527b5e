/**
 * The trustees' page's rendering: the sign-in form, the member's next task (the rule the
 * console shares, src/web/lib/trustee-task.ts), the ceremony's progress, and the form of
 * the step at hand — with the key file chosen and opened in the page — and its progress
 * and outcome.
 * @module
 */
import { KEYFILE_FAILURES, TRUSTEE_FAILURES } from '../../client/trustee-texts.js';
import { MIN_KEYFILE_PASSPHRASE } from '../../client/trustee.js';
import { type Child, h } from '../lib/dom.js';
import { PHASE_NAMES, SECTOR_NAMES, lang, texts } from '../lib/i18n.js';
import { RUNNABLE, TASK_TEXTS, type TrusteeTask, cliCommand, trusteeTask } from '../lib/trustee-task.js';
import { type Data, electionId, state } from './state.js';
import type { TrusteeTexts } from './strings.js';
import type { Refused, Step, StepOutcome } from './worker.js';

/** What the page's forms call back. */
export interface Handlers {
  signIn(form: HTMLFormElement): void;
  run(step: Step, form: HTMLFormElement): void;
}

function field(id: string, label: string, props: Record<string, unknown>): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name: id, ...props }));
}

export function renderSignIn(t: TrusteeTexts, on: Handlers, error: string | null): Child[] {
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'signin-h', novalidate: true },
    h('h2', { id: 'signin-h' }, t.signinTitle),
    field('email', t.email, { type: 'email', autocomplete: 'username', required: true }),
    field('password', t.password, { type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit', class: 'btn primary', disabled: state.busy, 'data-testid': 'signin' }, state.busy ? t.signingIn : t.signin));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    on.signIn(form);
  });
  return [h('p', { class: 'lead' }, t.lead),
    h('div', { id: 'flash', tabindex: '-1', role: 'alert', class: error === null ? 'notice empty' : 'notice error' }, error ?? ''), form];
}

function mark(ok: boolean, t: TrusteeTexts): Child {
  return h('span', { class: ok ? 'ok-text' : 'muted' }, ok ? t.yes : t.no);
}

function renderCeremony(d: Data, t: TrusteeTexts, me: number | null): Child {
  const c = d.ceremony;
  if (c === null) return null;
  const dealt = new Set(c.dealings.map((x) => x.dealer));
  const shares = new Set(d.sharesPosted ?? []);
  return h('section', { 'aria-labelledby': 'ceremony-h' },
    h('h2', { id: 'ceremony-h' }, t.ceremonyTitle),
    h('p', null, t.params(c.n, c.t)),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'ceremony-h' },
      h('table', { 'data-testid': 'ceremony' },
        h('thead', null, h('tr', null, [t.cols.trustee, t.cols.key, t.cols.dealing, t.cols.verification, t.cols.share].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, c.trustees.map((tr) => h('tr', null,
          h('th', { scope: 'row' }, `${tr.index}. ${tr.fullName} (${texts(SECTOR_NAMES)[tr.sector] ?? tr.sector})`, tr.index === me ? ` ${t.you}` : '',
            c.disqualified.includes(tr.index) ? h('span', { class: 'error-text' }, ` — ${t.disqualified}`) : null),
          h('td', null, mark(tr.publicKey !== null, t)),
          h('td', null, mark(dealt.has(tr.index), t)),
          h('td', null, mark(c.verified.includes(tr.index), t)),
          h('td', null, d.sharesPosted === null ? '—' : mark(shares.has(tr.index), t))))))),
    h('p', { class: c.jointPublicKey === null ? 'muted' : 'ok-text' }, c.jointPublicKey === null ? t.jointKeyMissing : `✓ ${t.jointKey}`));
}

function keyfileFields(t: TrusteeTexts): Child[] {
  return [
    h('p', null, state.keyfile === null ? t.keyfileHelp : t.keyfileHeld(state.keyfile.index)),
    field('keyfile', t.keyfileChoose, { type: 'file', accept: '.json,application/json' }),
    field('keyfile-passphrase', t.keyfilePassphrase, { type: 'password', autocomplete: 'off', required: true }),
  ];
}

function initFields(t: TrusteeTexts): Child[] {
  return [
    h('p', null, t.initHelp),
    field('account-passphrase', t.accountPassphrase, { type: 'password', autocomplete: 'off', required: true }),
    field('account-keyfile', t.accountKeyfile, { type: 'file', accept: '.json,application/json' }),
    field('new-passphrase', t.newPassphrase(MIN_KEYFILE_PASSPHRASE), { type: 'password', autocomplete: 'new-password', minlength: MIN_KEYFILE_PASSPHRASE, required: true }),
    field('new-passphrase2', t.newPassphrase2, { type: 'password', autocomplete: 'new-password', required: true }),
  ];
}

function renderStep(task: TrusteeTask, t: TrusteeTexts, on: Handlers): Child {
  if (!RUNNABLE.has(task)) return null;
  const step = task as Step;
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'step-h', novalidate: true, 'data-testid': `step-${step}` },
    h('h3', { id: 'step-h' }, step === 'init' ? t.initTitle : t.keyfileTitle),
    step === 'init' ? initFields(t) : keyfileFields(t),
    h('p', { class: 'muted' }, t.neverUploaded),
    h('button', { type: 'submit', class: 'btn primary', disabled: state.busy, 'data-testid': 'run' }, t.run[step]));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    on.run(step, form);
  });
  return form;
}

function refusalText(r: Refused, t: TrusteeTexts): string {
  switch (r.kind) {
    case 'step': return t.refused(`${TRUSTEE_FAILURES[lang()][r.reason]} (${r.detail})`);
    case 'keyfile': return KEYFILE_FAILURES[lang()][r.reason];
    case 'account_key': return t.accountKeyOther;
    case 'other_member': return t.otherMember(r.file, r.me);
    case 'api': return t.apiError(r.status, r.detail);
    default: return t.unexpected(r.detail);
  }
}

function outcomeLines(o: StepOutcome, t: TrusteeTexts): string[] {
  switch (o.step) {
    case 'init': return [t.outcome.init(o.index)];
    case 'deal': return [t.outcome.dealt(o.posted)];
    case 'verify': return [
      ...(o.bad ?? []).map((b) => t.outcome.bad(b.dealer, b.reason)),
      t.outcome.verified(o.posted, o.complaints ?? 0), ...(o.final === true ? [t.outcome.final] : [])];
    default: return [t.outcome.decrypted(o.posted, o.combined === true)];
  }
}

/** The last step's outcome, a new element each time (tests wait for it), or the progress. */
export function renderOutcome(t: TrusteeTexts): Child {
  if (state.busy) {
    return h('div', { class: 'notice', role: 'status', 'aria-busy': 'true', 'data-testid': 'progress' },
      h('progress', { 'aria-label': t.stages[state.stage ?? 'working'] }),
      h('p', null, t.stages[state.stage ?? 'working']));
  }
  if (state.formError !== null) return h('div', { id: 'outcome', tabindex: '-1', role: 'alert', class: 'notice error', 'data-testid': 'refused' }, state.formError);
  const o = state.outcome;
  if (o === null) return null;
  return h('div', { id: 'outcome', tabindex: '-1', role: o.ok ? 'status' : 'alert', class: `notice ${o.ok ? 'ok' : 'error'}`, 'data-testid': o.ok ? 'outcome' : 'refused' },
    o.ok ? outcomeLines(o.outcome, t).map((line) => h('p', null, line)) : h('p', null, refusalText(o.refused, t)),
    state.saved.map((name) => h('p', { 'data-testid': 'saved' }, t.saved(name))));
}

export function renderTrustee(d: Data, t: TrusteeTexts, me: number | null, on: Handlers): Child[] {
  const task = me === null ? null : trusteeTask(d.election.phase, d.ceremony, me, d.sharesPosted);
  const how = texts(TASK_TEXTS);
  return [
    h('p', { class: 'lead' }, d.election.title),
    h('p', { 'data-testid': 'phase' }, t.phase(texts(PHASE_NAMES)[d.election.phase] ?? d.election.phase)),
    h('section', { 'aria-labelledby': 'next-h' },
      h('h2', { id: 'next-h' }, t.nextTitle),
      task === null ? h('p', { class: 'notice warn' }, t.notTrustee) : [
        h('p', { 'data-testid': 'task', 'data-task': task }, how.tasks[task]),
        RUNNABLE.has(task) ? h('p', { class: 'muted' }, how.orCli, ' ', h('code', { class: 'cli' }, cliCommand(task, electionId!))) : null,
      ],
      renderOutcome(t),
      task === null ? null : renderStep(task, t, on)),
    renderCeremony(d, t, me),
  ];
}
