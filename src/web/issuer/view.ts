/**
 * The issuers' page's rendering: the sign-in form, the member's registered keys, the form
 * that generates and registers them (key ceremony phase), the form that opens the key file
 * and starts signing, and the issuing status: signed and refused counts, each refusal with
 * its reason, the last board head witnessed, the logs posted.
 * @module
 */
import { KEYFILE_FAILURES } from '../../client/trustee-texts.js';
import { MIN_KEYFILE_PASSPHRASE } from '../../client/trustee.js';
import { type Child, h } from '../lib/dom.js';
import { PHASE_NAMES, lang, texts } from '../lib/i18n.js';
import { BATCH_SECONDS, type Data, electionId, myKeys, state } from './state.js';
import type { IssuerTexts } from './strings.js';
import type { Refused } from './worker.js';

/** What the page's forms call back. */
export interface Handlers {
  signIn(form: HTMLFormElement): void;
  generate(form: HTMLFormElement): void;
  issue(form: HTMLFormElement): void;
  stop(): void;
  /** End this member's issuance and post its logs (no token window, voting open). */
  end(): void;
}

function field(id: string, label: string, props: Record<string, unknown>): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name: id, ...props }));
}

function form(id: string, title: string, submit: (f: HTMLFormElement) => void, ...children: Child[]): HTMLFormElement {
  const f = h('form', { class: 'card stack', 'aria-labelledby': `${id}-h`, novalidate: true, 'data-testid': id }, h('h3', { id: `${id}-h` }, title), ...children);
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit(f);
  });
  return f;
}

export function renderSignIn(t: IssuerTexts, on: Handlers, error: string | null): Child[] {
  return [h('p', { class: 'lead' }, t.lead),
    h('div', { id: 'flash', tabindex: '-1', role: 'alert', class: error === null ? 'notice empty' : 'notice error' }, error ?? ''),
    form('signin', t.signinTitle, (f) => on.signIn(f),
      field('email', t.email, { type: 'email', autocomplete: 'username', required: true }),
      field('password', t.password, { type: 'password', autocomplete: 'current-password', required: true }),
      h('button', { type: 'submit', class: 'btn primary', disabled: state.busy }, state.busy ? t.signingIn : t.signin))];
}

const accountFields = (t: IssuerTexts): Child[] => [
  field('account-passphrase', t.accountPassphrase, { type: 'password', autocomplete: 'off', required: true }),
  field('account-keyfile', t.accountKeyfile, { type: 'file', accept: '.json,application/json' }),
];

const cli = (t: IssuerTexts, step: string): Child => h('p', { class: 'muted' }, t.cli, ' ',
  h('code', { class: 'cli' }, `npm run issuer -- ${step} --api ${location.origin} --election ${electionId} --email … --keyfile emisor.json${step === 'keygen' ? ' --account-key cuenta.json' : ''}`));

function refusalText(r: Refused, t: IssuerTexts): string {
  switch (r.kind) {
    case 'keyfile': return KEYFILE_FAILURES[lang()][r.reason];
    case 'manifest': return t.refused.manifest(r.detail);
    case 'board': return t.refused.board(r.detail);
    case 'api': return t.refused.api(r.status, r.detail);
    case 'unexpected': return t.refused.unexpected(r.detail);
    default: return t.refused[r.kind];
  }
}

/** The progress of the work at hand, or its outcome: a new element each time (tests wait for it). */
function renderOutcome(t: IssuerTexts): Child {
  if (state.busy) {
    const s = state.stage;
    const label = s === null ? t.loading : s.of === undefined ? t.stages[s.stage] : t.progress(t.stages[s.stage], s.done ?? 0, s.of);
    return h('div', { class: 'notice', role: 'status', 'aria-busy': 'true', 'data-testid': 'progress' }, h('progress', { 'aria-label': label }), h('p', null, label));
  }
  const error = state.formError ?? (state.refused === null ? null : refusalText(state.refused, t));
  if (error !== null) return h('div', { id: 'outcome', tabindex: '-1', role: 'alert', class: 'notice error', 'data-testid': 'refused' }, error);
  if (state.registered !== null) {
    return h('div', { id: 'outcome', tabindex: '-1', role: 'status', class: 'notice ok', 'data-testid': 'registered' }, t.registered(state.registered, state.keyfile?.name ?? ''));
  }
  return null;
}

function renderKeys(d: Data, t: IssuerTexts): Child {
  const contests = d.election.contests ?? [];
  const mine = myKeys();
  const title = (id: string) => contests.find((c) => c.id === id)?.title ?? id;
  return h('section', { 'aria-labelledby': 'keys-h' },
    h('h2', { id: 'keys-h' }, t.keysTitle),
    mine.length === 0 ? h('p', { 'data-testid': 'keys' }, t.keysNone) : [
      h('p', { 'data-testid': 'keys', 'data-count': String(mine.length) }, t.keysMine(mine.length, contests.length)),
      h('ul', null, mine.map((k) => h('li', null, t.keyRow(title(k.contestId), `${k.issuanceKey.keyId.slice(0, 16)}…`)))),
    ]);
}

function renderGenerate(t: IssuerTexts, on: Handlers): Child {
  return form('generate', t.genTitle, (f) => on.generate(f),
    h('p', null, t.genHelp),
    accountFields(t),
    field('new-passphrase', t.newPassphrase(MIN_KEYFILE_PASSPHRASE), { type: 'password', autocomplete: 'new-password', minlength: MIN_KEYFILE_PASSPHRASE, required: true }),
    field('new-passphrase2', t.newPassphrase2, { type: 'password', autocomplete: 'new-password', required: true }),
    h('p', { class: 'muted' }, t.neverUploaded),
    h('button', { type: 'submit', class: 'btn primary', disabled: state.busy, 'data-testid': 'run-generate' }, t.genRun),
    cli(t, 'keygen'));
}

function renderIssue(d: Data, t: IssuerTexts, on: Handlers): Child {
  if (state.issuing) {
    // Without the token window tokens are issued while voting: the member ends its issuance
    // (its logs posted) when voting ends, unless the timeline's end of voting does it first.
    const canEnd = d.election.rules?.tokenWindow !== true && d.election.phase === 'voting';
    return [
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', 'data-testid': 'stop', onclick: () => on.stop() }, t.issueStop),
        canEnd ? h('button', { type: 'button', class: 'btn', 'data-testid': 'end-issuance', 'aria-describedby': 'end-help', onclick: () => on.end() }, t.endIssuance) : null),
      canEnd ? h('p', { class: 'muted', id: 'end-help' }, t.endIssuanceHelp) : null,
    ];
  }
  return form('issue', t.issueTitle, (f) => on.issue(f),
    h('p', null, t.issueHelp),
    state.keyfile === null ? null : h('p', null, t.keyfileHeld),
    field('keyfile', t.keyfileChoose, { type: 'file', accept: '.json,application/json' }),
    field('keyfile-passphrase', t.keyfilePassphrase, { type: 'password', autocomplete: 'off', required: true }),
    accountFields(t),
    h('p', { class: 'muted' }, t.neverUploaded),
    h('button', { type: 'submit', class: 'btn primary', disabled: state.busy, 'data-testid': 'run-issue' }, t.issueRun),
    cli(t, 'serve'));
}

function renderStatus(d: Data, t: IssuerTexts): Child {
  const last = state.last;
  if (last === null && state.signed === 0 && state.refusals.length === 0) return null;
  const title = (id: string) => d.election.contests?.find((c) => c.id === id)?.title ?? id;
  return h('section', { 'aria-labelledby': 'status-h', 'data-testid': 'status' },
    h('h2', { id: 'status-h', class: 'visually-hidden' }, t.issueTitle),
    state.issuing ? h('p', null, t.issuing(BATCH_SECONDS)) : null,
    h('p', { 'data-testid': 'counts', 'data-signed': String(state.signed), 'data-refused': String(state.refusals.length) }, t.counts(state.signed, state.refusals.length)),
    state.witnessed === null ? null : h('p', { 'data-testid': 'witnessed' }, t.witnessed(state.witnessed)),
    last?.kind === 'waiting' ? h('p', { class: 'muted', 'data-testid': 'waiting' }, t.waiting(texts(PHASE_NAMES)[last.phase] ?? last.phase)) : null,
    last?.kind === 'logs' ? h('p', { class: 'notice ok', 'data-testid': 'logs' }, (d.election.rules?.tokenWindow === true ? t.logsPosted : t.logsPostedEnded)(last.posted, last.already)) : null,
    state.refusals.length === 0 ? null : [
      h('h3', null, t.refusedTitle),
      h('ul', { 'data-testid': 'refusals' }, state.refusals.map((r) => h('li', null, t.refusedRow(r.associationId, title(r.contestId), t.reasons[r.reason])))),
    ]);
}

export function renderIssuer(d: Data, t: IssuerTexts, on: Handlers): Child[] {
  const contests = d.election.contests ?? [];
  const canRegister = d.election.phase === 'key_ceremony' && myKeys().length < contests.length;
  return [
    h('p', { class: 'lead' }, d.election.title),
    h('p', { 'data-testid': 'phase' }, t.phase(texts(PHASE_NAMES)[d.election.phase] ?? d.election.phase)),
    renderOutcome(t),
    renderKeys(d, t),
    canRegister && myKeys().length === 0 ? renderGenerate(t, on) : null,
    myKeys().length > 0 ? renderIssue(d, t, on) : null,
    renderStatus(d, t),
  ];
}
