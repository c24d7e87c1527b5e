/**
 * What the signed-in pages (committee console, associations' portal, administration)
 * share around an action and around their sign-in form: the page is busy (its buttons
 * disabled) while it runs, its outcome becomes the page's flash — a text in the page's
 * language, so a language switch renders it anew — and focus moves to the flash, or to
 * the page's heading once signed in.
 * @module
 */
import { errorText } from './api.js';
import { type SignedInAccount, endSession, signInWithPassword } from './session.js';
import { focusHeading } from './shell.js';

/** A page's flash: an outcome in the page's texts `T`. */
export interface Flash<T> { readonly ok: boolean; readonly text: (t: T) => string }

/** The page as these helpers see it. */
export interface FlashPage<T> {
  readonly state: { busy: boolean; flash: Flash<T> | null };
  readonly main: HTMLElement;
  render(): void;
}

function start<T>(page: FlashPage<T>): void {
  page.state.busy = true;
  page.state.flash = null;
  page.render();
}

/**
 * Run an action: its outcome (or the error's text, through `failed`) as the flash, then
 * `reload()` (the page's data again), then render and focus the flash.
 * @example await runAction(page, async () => { await api.post(…); return (t) => t.done; }, reload);
 */
export async function runAction<T>(
  page: FlashPage<T>, run: () => Promise<(t: T) => string>, reload: () => Promise<void>,
  failed: (detail: string) => (t: T) => string = (detail) => () => detail,
): Promise<void> {
  start(page);
  try {
    page.state.flash = { ok: true, text: await run() };
  } catch (e) {
    page.state.flash = { ok: false, text: failed(errorText(e)) };
  }
  await reload();
  page.state.busy = false;
  page.render();
  page.main.querySelector<HTMLElement>('#flash')?.focus();
}

/**
 * Sign in with the form's `email` and `password`, then `admit(account, form data)`: null
 * once the page has taken the account (and loaded what it shows), or the flash saying why
 * this account may not use the page. A refused account's session ends at once. Focus goes
 * to the page's heading when admitted, else to the flash. Resolves to whether it was.
 */
export async function signInFromForm<T>(
  page: FlashPage<T>, form: HTMLFormElement, admit: (account: SignedInAccount, data: FormData) => Promise<((t: T) => string) | null>,
): Promise<boolean> {
  const data = new FormData(form);
  start(page);
  let started = false;
  let admitted = false;
  try {
    const account = await signInWithPassword(String(data.get('email') ?? '').trim(), String(data.get('password') ?? ''));
    started = true;
    const refused = await admit(account, data);
    if (refused !== null) page.state.flash = { ok: false, text: refused };
    admitted = refused === null;
  } catch (e) {
    const text = errorText(e);
    page.state.flash = { ok: false, text: () => text };
  }
  if (started && !admitted) endSession();
  page.state.busy = false;
  page.render();
  if (admitted) focusHeading(page.main);
  else page.main.querySelector<HTMLElement>('#flash')?.focus();
  return admitted;
}
