/**
 * The issuers' page (issue 13): a committee member signs in, generates and registers the
 * issuing keys of the election's contests, and during the token window keeps signing the
 * pending token requests while the page is open — all key work in a Web Worker with the
 * issuer CLI's code. The keys stay in the member's key file: made here, downloaded, opened
 * here with its passphrase, and never sent.
 * @module
 */
import { MIN_KEYFILE_PASSPHRASE } from '../../client/trustee.js';
import { h, replace, replaceKeepingTyped } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { texts } from '../lib/i18n.js';
import { sessionAccount } from '../lib/session.js';
import { focusHeading, mountShell } from '../lib/shell.js';
import {
  type AccountInput, electionId, generate, keptAccountKeyfile, reload, signIn, signOut, endIssuance, startIssuing, state, stopIssuing,
} from './state.js';
import { ISSUER_TEXTS } from './strings.js';
import { type Handlers, renderIssuer, renderSignIn } from './view.js';

const shell = mountShell('issuer', { es: ISSUER_TEXTS.es.title, en: ISSUER_TEXTS.en.title }, () => render());
const main = shell.main;
let signInError: string | null = null;

async function fileText(f: HTMLFormElement, name: string): Promise<string | null> {
  const file = new FormData(f).get(name);
  return file instanceof Blob && file.size > 0 ? file.text() : null;
}

const value = (f: HTMLFormElement, name: string) => String(new FormData(f).get(name) ?? '');

/** The account key (kept in this browser, or chosen) and its passphrase, or why not. */
async function account(f: HTMLFormElement): Promise<AccountInput | string> {
  const accountKeyfile = (await fileText(f, 'account-keyfile')) ?? keptAccountKeyfile();
  if (accountKeyfile === null) return texts(ISSUER_TEXTS).accountKeyMissing;
  return { accountKeyfile, accountPassphrase: value(f, 'account-passphrase') };
}

/** Show a form's own refusal, before any work. */
function refuse(why: string): void {
  state.refused = null;
  state.registered = null;
  state.formError = why;
  after();
}

/** Render, then move focus to the outcome (or progress) and say it. */
function after(): void {
  render();
  const o = main.querySelector<HTMLElement>('#outcome');
  o?.focus();
  if (o !== null) shell.announce(o.textContent ?? '');
}

const handlers: Handlers = {
  signIn(f) {
    state.busy = true;
    render();
    void signIn(value(f, 'email').trim(), value(f, 'password')).then((r) => {
      state.busy = false;
      const t = texts(ISSUER_TEXTS);
      signInError = r === 'ok' ? null : r === 'not_committee' ? t.notCommittee : r.detail;
      render();
      if (r === 'ok') focusHeading(main);
      else main.querySelector<HTMLElement>('#flash')?.focus();
    });
  },
  generate(f) {
    const t = texts(ISSUER_TEXTS);
    const passphrase = value(f, 'new-passphrase');
    if (typeof Worker === 'undefined') return refuse(t.noWorker);
    if (passphrase.length < MIN_KEYFILE_PASSPHRASE) return refuse(t.passphraseShort(MIN_KEYFILE_PASSPHRASE));
    if (value(f, 'new-passphrase2') !== passphrase) return refuse(t.passphraseMismatch);
    void account(f).then(async (a) => {
      if (typeof a === 'string') return refuse(a);
      await generate(passphrase, a, render);
      after();
    });
  },
  issue(f) {
    const t = texts(ISSUER_TEXTS);
    if (typeof Worker === 'undefined') return refuse(t.noWorker);
    void Promise.all([fileText(f, 'keyfile'), account(f)]).then(([chosen, a]) => {
      const keyfile = chosen ?? state.keyfile?.text ?? null;
      if (keyfile === null) return refuse(t.keyfileNeeded);
      if (typeof a === 'string') return refuse(a);
      state.registered = null;
      startIssuing(keyfile, value(f, 'keyfile-passphrase'), a, render);
    });
  },
  stop() {
    stopIssuing();
    render();
  },
  end() {
    endIssuance();
    render();
  },
};

function btn(label: string, onclick: () => void): HTMLElement {
  return h('button', { type: 'button', class: 'btn small', disabled: state.busy, onclick }, label);
}

function render(): void {
  const t = texts(ISSUER_TEXTS);
  if (electionId === null) {
    void renderElectionChooser(main, 'issuer');
    return;
  }
  if (sessionAccount() === null) {
    replaceKeepingTyped(main, renderSignIn(t, handlers, signInError));
    return;
  }
  replace(main,
    h('div', { class: 'bar', style: 'display:flex;flex-wrap:wrap;gap:0.75rem;align-items:center;justify-content:space-between' },
      h('p', { 'data-testid': 'signed-in' }, t.signedInAs(state.fullName)),
      h('div', { class: 'actions', style: 'margin:0' },
        btn(t.refresh, () => { void reload().then(render); }),
        btn(t.signOut, () => { signOut(); render(); }))),
    state.loadError !== null ? h('p', { class: 'notice error', role: 'alert' }, state.loadError) : null,
    state.data === null ? h('p', null, t.loading) : renderIssuer(state.data, t, handlers));
}

render();
