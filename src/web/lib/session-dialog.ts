/**
 * The sign-in form shown again when a page's session lapses (session.ts): a modal dialog
 * over the page, which stays as it was — lists, the text typed in a form, an unlocked
 * signing key — until the same account signs in again. Or the person signs out, and the
 * page goes back to its own sign-in.
 * @module
 */
import { errorText } from './api.js';
import { h } from './dom.js';
import { type Bilingual, texts } from './i18n.js';
import { lapsedSessionAccount, lapsedText, onSessionLapse, signInWithPassword } from './session.js';

const T: Bilingual<{ title: string; email: string; password: string; signin: string; signingIn: string; signOut: string; kept: string; resumed: string }> = {
  es: {
    title: 'Inicie sesión de nuevo', email: 'Correo electrónico', password: 'Contraseña', signin: 'Iniciar sesión', signingIn: 'Iniciando sesión…',
    signOut: 'Cerrar sesión', kept: 'Lo que tenía en la página se conserva.', resumed: 'Sesión renovada: puede continuar.',
  },
  en: {
    title: 'Sign in again', email: 'Email', password: 'Password', signin: 'Sign in', signingIn: 'Signing in…',
    signOut: 'Sign out', kept: 'What you had on the page is kept.', resumed: 'Session renewed: you can continue.',
  },
};

export interface SessionDialogHandlers {
  /** The same account signed in again: the page reloads what it shows (its form inputs stay). */
  onResumed(message: string): void;
  /** The person chose to sign out instead: the page shows its own sign-in. */
  onSignOut(): void;
}

/** Show the sign-in dialog whenever the page's session lapses. */
export function installSessionDialog(handlers: SessionDialogHandlers): void {
  onSessionLapse(() => open(handlers));
}

function open(handlers: SessionDialogHandlers): void {
  if (document.getElementById('session-dialog') !== null) return;
  const t = texts(T);
  const account = lapsedSessionAccount();
  const error = h('p', { id: 'session-error', class: 'error-text', role: 'alert' });
  const email = h('input', { id: 'session-email', name: 'email', type: 'email', autocomplete: 'username', required: true, value: account?.email ?? '' });
  const password = h('input', { id: 'session-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, 'aria-describedby': 'session-error' });
  const submit = h('button', { type: 'submit', class: 'btn primary', 'data-testid': 'session-signin' }, t.signin);
  const dialog = h('dialog', { id: 'session-dialog', class: 'card', 'aria-labelledby': 'session-h', 'data-testid': 'session-dialog' });
  const finish = () => {
    dialog.close();
    dialog.remove();
  };
  const form = h('form', { class: 'stack', novalidate: true },
    h('h2', { id: 'session-h' }, t.title),
    h('p', { 'data-testid': 'session-lapsed' }, lapsedText(), ' ', t.kept),
    h('div', { class: 'field' }, h('label', { for: email.id }, t.email), email),
    h('div', { class: 'field' }, h('label', { for: password.id }, t.password), password),
    error,
    h('div', { class: 'actions' }, submit,
      h('button', { type: 'button', class: 'btn', onclick: () => { finish(); handlers.onSignOut(); } }, t.signOut)));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    submit.textContent = t.signingIn;
    error.textContent = '';
    signInWithPassword(email.value.trim(), password.value).then(() => {
      finish();
      handlers.onResumed(t.resumed);
    }, (e: unknown) => {
      error.textContent = errorText(e);
      submit.disabled = false;
      submit.textContent = t.signin;
      password.focus();
    });
  });
  // Escape would close the dialog and leave a page whose session is gone.
  dialog.addEventListener('cancel', (ev) => ev.preventDefault());
  dialog.append(form);
  document.body.append(dialog);
  dialog.showModal();
  (account === null ? email : password).focus();
}
