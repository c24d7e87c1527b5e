/**
 * The signed-in session of a page (committee console, associations' portal,
 * administration): the access token in this page's memory only, renewed with
 * `POST /auth/refresh` while the page is in use, and declared lapsed when it expires
 * unused or when the API answers 401 to it (expired, or ended by a password change or a
 * deactivation). A lapse does not clear the page: session-dialog.ts shows the sign-in form
 * over it, and the page carries on from where it was once the same account signs in again.
 * @module
 */
import { ApiClient, ApiError } from '../../client/api.js';
import { publicApi } from './api.js';
import { type Bilingual, lang, texts } from './i18n.js';

/** What the API answers to a sign-in or a renewal (TokenResponse). */
export interface TokenAnswer { accessToken: string; expiresIn: number; role?: string }

/** The signed-in account as `GET /auth/me` shows it. */
export interface SignedInAccount {
  id: string; email: string; role: string; associationId: string | null; committeeMemberId: string | null;
}

interface Current { token: string; account: SignedInAccount; issuedAt: number; expiresAt: number; ttlMs: number }

const LAPSED: Bilingual<string> = {
  es: 'Su sesión terminó. Inicie sesión de nuevo para continuar.',
  en: 'Your session has ended. Sign in again to continue.',
};

let current: Current | null = null;
/** The account whose session lapsed (not ended by the person): the one that may resume it. */
let lapsedAccount: SignedInAccount | null = null;
let lastActivity = 0;
let lapseTimer: ReturnType<typeof setTimeout> | undefined;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<void> | null = null;
const lapseListeners: (() => void)[] = [];

// A token is renewed a little before it runs out; its local expiry is kept a second early,
// since the server counts whole seconds from when it signed.
const marginMs = (ttlMs: number) => Math.min(60_000, ttlMs / 3);

function schedule(c: Current): void {
  clearTimeout(lapseTimer);
  clearTimeout(renewTimer);
  lapseTimer = setTimeout(lapse, Math.max(0, c.expiresAt - Date.now()));
  // Used since this token was issued, but not in the last stretch: renew before it runs out.
  renewTimer = setTimeout(() => { if (lastActivity > c.issuedAt) void renew(); }, Math.max(0, c.expiresAt - marginMs(c.ttlMs) - Date.now()));
}

function adopt(answer: TokenAnswer, account: SignedInAccount): void {
  const now = Date.now();
  const ttlMs = Math.max(1, answer.expiresIn) * 1000;
  current = { token: answer.accessToken, account, issuedAt: now, expiresAt: now + ttlMs - 1000, ttlMs };
  lapsedAccount = null;
  schedule(current);
}

function lapse(): void {
  if (current === null) return;
  lapsedAccount = current.account;
  current = null;
  clearTimeout(lapseTimer);
  clearTimeout(renewTimer);
  for (const f of lapseListeners) f();
}

async function renew(): Promise<void> {
  if (current === null || renewing !== null) return;
  const c = current;
  renewing = (async () => {
    try {
      const answer = (await sessionApi().post('/auth/refresh', {})) as TokenAnswer;
      // A lapse or a sign-out meanwhile wins: the renewed token is dropped.
      if (current === c) adopt(answer, c.account);
    } catch (e) {
      // A 401 lapsed the session already (watchedFetch); a network failure is retried on the next activity.
      if (e instanceof ApiError && e.status === 401) lapse();
    } finally {
      renewing = null;
    }
  })();
  await renewing;
}

/**
 * Count as use of the page: the person's input, and work a page does on its own while it is
 * open on purpose (the issuers' page signing tokens), which keeps the session renewed.
 */
export function onActivity(): void {
  lastActivity = Date.now();
  const c = current;
  // Past half its life, a token in use is renewed at once.
  if (c !== null && lastActivity - c.issuedAt > c.ttlMs / 2) void renew();
}

for (const type of ['pointerdown', 'keydown', 'input']) document.addEventListener(type, onActivity, { capture: true, passive: true });

/** Fetch that notices a 401 to the current token: the session has lapsed. */
const watchedFetch: typeof fetch = async (input, init) => {
  const response = await globalThis.fetch(input, init);
  const auth = (init?.headers as Record<string, string> | undefined)?.authorization;
  if (response.status === 401 && current !== null && auth === `Bearer ${current.token}`) lapse();
  return response;
};

/**
 * Sign in with email and password; the session starts (its lapse, if any, is over) and
 * the account is returned. Refuses (and keeps the lapsed session's page as it is) when
 * another account than the lapsed one signs in: the page holds that account's work.
 * @throws ApiError
 */
export async function signInWithPassword(email: string, password: string): Promise<SignedInAccount> {
  const answer = (await publicApi().post('/auth/login', { email, password })) as TokenAnswer;
  const account = (await publicApi().withToken(answer.accessToken).get('/auth/me')) as SignedInAccount;
  if (lapsedAccount !== null && account.id !== lapsedAccount.id) throw new ApiError(403, 'another_account', texts(ANOTHER));
  adopt(answer, account);
  return account;
}

const ANOTHER: Bilingual<string> = {
  es: 'Esa es otra cuenta. Inicie sesión con la cuenta que usaba en esta página, o cierre la sesión para cambiar de cuenta.',
  en: 'That is another account. Sign in with the account you were using on this page, or sign out to change accounts.',
};

/** Start the session from a token the page already holds (an activation's answer). */
export function adoptSession(answer: TokenAnswer, account: SignedInAccount): void {
  adopt(answer, account);
}

/** A client carrying the session's token; a 401 to it lapses the session. @throws ApiError 401 when not signed in */
export function sessionApi(): ApiClient {
  if (current === null) throw new ApiError(401, 'unauthenticated', texts(LAPSED));
  return new ApiClient({ baseUrl: location.origin, lang: lang(), token: current.token, fetch: watchedFetch });
}

/** The signed-in account, or null (signed out, or lapsed). */
export function sessionAccount(): SignedInAccount | null {
  return current?.account ?? null;
}

/** The account whose session lapsed and may be resumed, if any. */
export function lapsedSessionAccount(): SignedInAccount | null {
  return lapsedAccount;
}

/** The person signs out: the session ends for good, nothing to resume. */
export function endSession(): void {
  current = null;
  lapsedAccount = null;
  clearTimeout(lapseTimer);
  clearTimeout(renewTimer);
}

/** Call `f` whenever the session lapses (expired, or refused by the API). */
export function onSessionLapse(f: () => void): void {
  lapseListeners.push(f);
}

/** The sentence for a lapsed session, in the page's language. */
export function lapsedText(): string {
  return texts(LAPSED);
}
