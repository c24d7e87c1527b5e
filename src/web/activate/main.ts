/**
 * "Activate your account" (issue 11): the owner of an invitation chooses their password
 * and their browser generates their Ed25519 signing key. The code arrives in the link's
 * fragment (never sent to the server, and removed from the address bar at once) or is
 * typed. The secret key is sealed under the owner's passphrase (the account kind of the
 * key file family) and kept in this browser and offered as a file before its public half
 * is registered; it never leaves the browser. The flow and its state live here, the views
 * in view.ts, the texts in strings.ts.
 * @module
 */
import { type ActivatedAccount, type InvitationInfo, activateAccount, codeFromFragment, inspectInvitation } from '../../client/account.js';
import { exportAccountKeyfileAsync } from '../../crypto/account-keyfile.js';
import { forgetAccountKeyfile, storeAccountKeyfile } from '../lib/account-key.js';
import { errorText, publicApi } from '../lib/api.js';
import { download, nextFrame, replace } from '../lib/dom.js';
import { texts } from '../lib/i18n.js';
import { KEYFILE_COST } from '../lib/keyfile-cost.js';
import { focusHeading, mountShell } from '../lib/shell.js';
import { T } from './strings.js';
import { type Handlers, codeStep, doneStep, failure, passwordStep } from './view.js';

const MIN_PASSWORD = 12;
const MIN_PASSPHRASE = 10;

type Step =
  | { name: 'code' }
  | { name: 'password'; info: InvitationInfo }
  | { name: 'done'; info: InvitationInfo; signingKey: string; keyfile: string; stored: boolean };

let step: Step = { name: 'code' };
let code = codeFromFragment(location.hash) ?? '';
let busy = false;
let error: string | null = null;

// The code is a credential: out of the address bar and the history as soon as it is read.
if (location.hash !== '') history.replaceState(null, '', location.pathname + location.search);

const shell = mountShell('activate', { es: T.es.title, en: T.en.title }, () => render());

const normalized = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();

async function inspect(): Promise<void> {
  const t = texts(T);
  if (!/^[0-9A-Z]{26}$/.test(normalized(code))) {
    error = t.badCode;
    render();
    shell.main.querySelector<HTMLInputElement>('#code')?.focus();
    return;
  }
  busy = true;
  error = null;
  render();
  try {
    step = { name: 'password', info: await inspectInvitation(publicApi(), normalized(code)) };
  } catch (e) {
    error = errorText(e);
  }
  busy = false;
  render();
  if (step.name === 'password') focusHeading(shell.main);
  else shell.main.querySelector<HTMLElement>('[role="alert"]')?.focus();
}

async function activate(form: HTMLFormElement, info: InvitationInfo): Promise<void> {
  const t = texts(T);
  const data = new FormData(form);
  const value = (k: string) => String(data.get(k) ?? '');
  const problem = value('password').length < MIN_PASSWORD ? t.tooShort(t.passwordWord, MIN_PASSWORD)
    : value('password') !== value('password2') ? t.mismatch(t.passwordWord)
      : value('passphrase').length < MIN_PASSPHRASE ? t.tooShort(t.passphraseWord, MIN_PASSPHRASE)
        : value('passphrase') !== value('passphrase2') ? t.mismatch(t.passphraseWord) : null;
  if (problem !== null) {
    error = problem;
    render();
    shell.main.querySelector<HTMLElement>('[role="alert"]')?.focus();
    return;
  }
  busy = true;
  error = null;
  render();
  shell.announce(t.working);
  await nextFrame();
  let keyfile: string | null = null;
  let stored = false;
  try {
    // Sealed and kept before the public half is registered: no key is registered that is not kept.
    const account: ActivatedAccount = await activateAccount(publicApi(), normalized(code), value('password'), async (a) => {
      keyfile = await exportAccountKeyfileAsync(a.accountId, a.secretKey, value('passphrase'), { label: a.email, scrypt: KEYFILE_COST.seal });
      stored = storeAccountKeyfile(a.accountId, keyfile);
    });
    account.secretKey.fill(0);
    step = { name: 'done', info, signingKey: account.signingKey, keyfile: keyfile!, stored };
  } catch (e) {
    // The key was not registered: forget it, so that no page offers it later.
    if (keyfile !== null) forgetAccountKeyfile(info.accountId);
    error = errorText(e);
  }
  busy = false;
  render();
  if (step.name === 'done') focusHeading(shell.main);
  else shell.main.querySelector<HTMLElement>('[role="alert"]')?.focus();
}

const handlers: Handlers = {
  onCode(form) {
    code = String(new FormData(form).get('code') ?? '');
    void inspect();
  },
  onActivate(form) {
    if (step.name === 'password') void activate(form, step.info);
  },
  onDownload() {
    if (step.name === 'done') download(`anfora-clave-${step.info.email}.json`, step.keyfile);
  },
  onStartOver() {
    step = { name: 'code' };
    code = '';
    error = null;
    render();
    shell.main.querySelector<HTMLInputElement>('#code')?.focus();
  },
};

function render(): void {
  const t = texts(T);
  const err = error === null ? null : failure(t, error, handlers);
  if (step.name === 'code') replace(shell.main, err, codeStep(t, code, busy, error, handlers));
  else if (step.name === 'password') replace(shell.main, err, passwordStep(t, step.info, busy, handlers));
  else replace(shell.main, doneStep(t, step.info, step.signingKey, step.stored, handlers));
}

render();
if (code !== '') void inspect();
