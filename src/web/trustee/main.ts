/**
 * The trustees' page (issue 13): a committee member signs in and does their part of the key
 * ceremony (init, deal, verify with complaints) and, after the close, the partial
 * decryption — each step in a Web Worker with the trustee CLI's own code. The secret stays
 * in the member's key file: made and re-sealed here, downloaded by the member, opened here
 * with its passphrase, and never sent.
 * @module
 */
import { MIN_KEYFILE_PASSPHRASE } from '../../client/trustee.js';
import { h, replace, replaceKeepingTyped } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { texts } from '../lib/i18n.js';
import { focusHeading, mountShell } from '../lib/shell.js';
import { type StepInput, electionId, keptAccountKeyfile, myIndex, reload, runStep, signIn, signOut, state } from './state.js';
import { TRUSTEE_TEXTS } from './strings.js';
import { type Handlers, renderSignIn, renderTrustee } from './view.js';
import type { Step } from './worker.js';

const shell = mountShell('trustee', { es: TRUSTEE_TEXTS.es.title, en: TRUSTEE_TEXTS.en.title }, () => render());
const main = shell.main;
let signInError: string | null = null;

async function fileText(form: HTMLFormElement, name: string): Promise<string | null> {
  const f = new FormData(form).get(name);
  return f instanceof Blob && f.size > 0 ? f.text() : null;
}

/** The step's input from its form, or the reason it is incomplete. */
async function stepInput(step: Step, form: HTMLFormElement): Promise<StepInput | string> {
  const t = texts(TRUSTEE_TEXTS);
  const value = (name: string) => String(new FormData(form).get(name) ?? '');
  if (step === 'init') {
    const passphrase = value('new-passphrase');
    if (passphrase.length < MIN_KEYFILE_PASSPHRASE) return t.passphraseShort(MIN_KEYFILE_PASSPHRASE);
    if (value('new-passphrase2') !== passphrase) return t.passphraseMismatch;
    const accountKeyfile = (await fileText(form, 'account-keyfile')) ?? keptAccountKeyfile();
    if (accountKeyfile === null) return t.accountKeyMissing;
    return { passphrase, accountKeyfile, accountPassphrase: value('account-passphrase') };
  }
  const keyfile = (await fileText(form, 'keyfile')) ?? state.keyfile?.text ?? null;
  if (keyfile === null) return t.keyfileNeeded;
  return { passphrase: value('keyfile-passphrase'), keyfile };
}

const handlers: Handlers = {
  signIn(form) {
    const data = new FormData(form);
    state.busy = true;
    render();
    void signIn(String(data.get('email') ?? '').trim(), String(data.get('password') ?? '')).then((r) => {
      state.busy = false;
      const t = texts(TRUSTEE_TEXTS);
      signInError = r === 'ok' ? null : r === 'not_committee' ? t.notCommittee : r.detail;
      render();
      if (r === 'ok') focusHeading(main);
      else main.querySelector<HTMLElement>('#flash')?.focus();
    });
  },
  run(step, form) {
    void stepInput(step, form).then(async (input) => {
      if (typeof Worker === 'undefined') input = texts(TRUSTEE_TEXTS).noWorker;
      if (typeof input === 'string') {
        state.outcome = null;
        state.formError = input;
      } else {
        await runStep(step, input, render);
      }
      render();
      main.querySelector<HTMLElement>('#outcome')?.focus();
      const o = main.querySelector('#outcome');
      if (o !== null) shell.announce(o.textContent ?? '');
    });
  },
};

/** Read the state again; the page is busy (its buttons disabled) until it is shown. */
function refresh(): void {
  state.busy = true;
  render();
  void reload().then(() => {
    state.busy = false;
    render();
    shell.announce(texts(TRUSTEE_TEXTS).refreshed);
  });
}

function btn(label: string, onclick: () => void): HTMLElement {
  return h('button', { type: 'button', class: 'btn small', disabled: state.busy, onclick }, label);
}

function render(): void {
  const t = texts(TRUSTEE_TEXTS);
  if (electionId === null) {
    void renderElectionChooser(main, 'trustee');
    return;
  }
  if (state.accessToken === null) {
    replaceKeepingTyped(main, renderSignIn(t, handlers, signInError));
    return;
  }
  const me = myIndex();
  replace(main,
    h('div', { class: 'bar', style: 'display:flex;flex-wrap:wrap;gap:0.75rem;align-items:center;justify-content:space-between' },
      h('p', { 'data-testid': 'signed-in' }, t.signedInAs(state.fullName, me)),
      h('div', { class: 'actions', style: 'margin:0' },
        btn(t.refresh, refresh),
        btn(t.signOut, () => { signOut(); render(); }))),
    state.loadError !== null ? h('p', { class: 'notice error', role: 'alert' }, state.loadError) : null,
    state.data === null ? h('p', null, t.loading) : renderTrustee(state.data, t, me, handlers));
}

render();
