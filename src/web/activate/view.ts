/**
 * The activation page's views: pure functions from the page's state to elements; the
 * flow (src/web/activate/main.ts) passes the handlers.
 * @module
 */
import type { InvitationInfo } from '../../client/account.js';
import { type Child, groupHex, h } from '../lib/dom.js';
import { formatTime } from '../lib/i18n.js';
import type { Texts } from './strings.js';

export interface Handlers {
  onCode(form: HTMLFormElement): void;
  onActivate(form: HTMLFormElement): void;
  onDownload(): void;
  onStartOver(): void;
}

const field = (id: string, label: string, input: HTMLElement, help?: string) =>
  h('div', { class: 'field' }, h('label', { for: id }, label), input, help === undefined ? null : h('p', { id: `${id}-help`, class: 'muted' }, help));

/** Step 1: the invitation code. */
export function codeStep(t: Texts, code: string, busy: boolean, error: string | null, on: Handlers): Child {
  const form = h('form', { class: 'card stack', novalidate: true, 'data-testid': 'activate-code' },
    field('code', t.code, h('input', {
      id: 'code', name: 'code', type: 'text', value: code, autocomplete: 'off', spellcheck: 'false', required: true,
      'aria-describedby': 'code-help', ...(error !== null && { 'aria-invalid': 'true' }),
    }), t.codeHelp),
    h('button', { type: 'submit', class: 'btn primary', disabled: busy }, busy ? t.checking : t.next));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    on.onCode(form);
  });
  return [h('h2', null, t.title), h('p', null, t.lead), form];
}

function accountSummary(t: Texts, info: InvitationInfo): Child {
  return h('div', { class: 'card' },
    h('p', null, t.forAccount),
    h('dl', null,
      h('dt', null, t.email), h('dd', { 'data-testid': 'activate-email' }, info.email),
      h('dt', null, t.role), h('dd', null, t.roles[info.role] ?? info.role),
      h('dt', null, t.expires), h('dd', null, formatTime(info.expiresAt))));
}

/** Step 2: the password, the passphrase, and the button that generates the key and activates. */
export function passwordStep(t: Texts, info: InvitationInfo, busy: boolean, on: Handlers): Child {
  const secret = (id: string, label: string, help?: string) => field(id, label, h('input', {
    id, name: id, type: 'password', required: true, autocomplete: id.startsWith('password') ? 'new-password' : 'off',
    ...(help !== undefined && { 'aria-describedby': `${id}-help` }),
  }), help);
  const form = h('form', { class: 'card stack', novalidate: true, 'data-testid': 'activate-password' },
    h('p', null, t.passwordLead),
    h('input', { type: 'text', name: 'username', autocomplete: 'username', value: info.email, hidden: true, readonly: true }),
    secret('password', t.password, t.passwordHelp),
    secret('password2', t.passwordAgain),
    secret('passphrase', t.passphrase, t.passphraseHelp),
    secret('passphrase2', t.passphraseAgain),
    h('button', { type: 'submit', class: 'btn primary', disabled: busy }, busy ? t.working : t.activate));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    on.onActivate(form);
  });
  return [h('h2', null, t.passwordStep), accountSummary(t, info), form];
}

/** Step 3: done; the public key, where the secret is kept, and the key file to download. */
export function doneStep(t: Texts, info: InvitationInfo, signingKey: string, stored: boolean, on: Handlers): Child {
  return [
    h('h2', null, t.doneTitle),
    h('div', { class: 'notice ok', role: 'status', 'data-testid': 'activate-done' },
      h('p', null, h('strong', null, `✓ ${t.doneTitle}: ${info.email}`)),
      h('p', null, t.doneLead),
      h('dl', null, h('dt', null, t.publicKey), h('dd', { class: 'hex', 'data-testid': 'activate-public-key' }, groupHex(signingKey)))),
    h('p', { class: stored ? 'notice' : 'notice error' }, stored ? t.stored : t.storedNot),
    h('div', { class: 'card stack' },
      h('button', { type: 'button', class: 'btn primary', 'data-testid': 'activate-download', onclick: () => on.onDownload() }, t.download),
      h('p', { class: 'muted' }, t.downloadHelp),
      // An association goes on to its portal, where it signs in and applies.
      info.role === 'association' ? h('p', null, h('a', { href: './portal.html?activated=1', 'data-testid': 'activate-portal' }, t.goToPortal)) : null,
      h('p', null, h('a', { href: './' }, t.goTo))),
  ];
}

/** An error above the step, with the way back to the code. */
export function failure(t: Texts, message: string, on: Handlers): Child {
  return h('div', { class: 'notice error', role: 'alert', 'data-testid': 'activate-error' },
    h('p', null, h('strong', null, `${t.failed}: `), message),
    h('button', { type: 'button', class: 'btn', onclick: () => on.onStartOver() }, t.startOver));
}
