/**
 * The issuers' page's state and actions: sign-in (the session of src/web/lib/session.ts,
 * kept renewed while the page issues), the public facts it shows (election, registered
 * issuers), key generation in a one-shot Web Worker, and issuing in a long-lived one that
 * holds the opened keys (./worker.ts). The page holds the sealed key file only, never a
 * key in clear. The issuance log book (public: the signed requests answered) is kept in
 * this browser's storage, so that the log can be posted after voting closes.
 * @module
 */
import { storedAccountKeyfile } from '../lib/account-key.js';
import { publicApi } from '../lib/api.js';
import { type CommitteeSignIn, committeeSignIn } from '../lib/committee-sign-in.js';
import { download } from '../lib/dom.js';
import { lang } from '../lib/i18n.js';
import { type PublicElection, fetchElection } from '../lib/public.js';
import { endSession, lapsedText, onActivity, sessionAccount, sessionApi, signInWithPassword } from '../lib/session.js';
import { electionParam } from '../lib/shell.js';
import type { BatchReport, BookJSON, FromWorker, Refused, Stage, ToWorker } from './worker.js';

export interface RegisteredIssuer { contestId: string; memberId: string; sector: string; issuanceKey: { keyId: string } }
export interface Data { election: PublicElection; issuers: RegisteredIssuer[] }

export const electionId = electionParam();
/** Seconds between two batches while the page issues. */
export const BATCH_SECONDS = 2;

export const state = {
  fullName: '',
  data: null as Data | null,
  loadError: null as string | null,
  busy: false,
  stage: null as { stage: Stage; done?: number; of?: number } | null,
  /** The sealed key file made here (downloaded), for opening without choosing it again. */
  keyfile: null as { text: string; name: string } | null,
  registered: null as number | null,
  refused: null as Refused | null,
  formError: null as string | null,
  /** Issuing: on once the key file is open. */
  issuing: false,
  signed: 0,
  refusals: [] as Extract<BatchReport, { kind: 'issued' }>['refused'][number][],
  witnessed: null as number | null,
  last: null as BatchReport | null,
};

export const memberId = (): string | null => sessionAccount()?.committeeMemberId ?? null;
export const signedIn = (): boolean => sessionAccount() !== null;

/** My contests with a key on the board. */
export function myKeys(): RegisteredIssuer[] {
  return state.data?.issuers.filter((i) => i.memberId === memberId()) ?? [];
}

export async function reload(): Promise<void> {
  try {
    const id = electionId!;
    const [election, list] = await Promise.all([
      fetchElection(id), publicApi().get(`/elections/${encodeURIComponent(id)}/issuers`) as Promise<{ issuers: RegisteredIssuer[] }>,
    ]);
    state.data = { election, issuers: list.issuers };
    state.loadError = null;
  } catch (e) {
    state.loadError = e instanceof Error ? e.message : String(e);
  }
}

/** Sign in as a committee member (the renewed session of lib/session.ts); on failure, why. */
export function signIn(email: string, password: string): Promise<CommitteeSignIn> {
  return committeeSignIn(electionId!, email, async () => {
    const who = await signInWithPassword(email, password);
    if (who.role === 'committee' && who.committeeMemberId !== null) return { committeeMemberId: who.committeeMemberId };
    endSession();
    return null;
  }, async (_who, fullName) => {
    state.fullName = fullName;
    await reload();
  });
}

export function signOut(): void {
  stopIssuing();
  endSession();
  Object.assign(state, { data: null, keyfile: null, registered: null, refused: null, signed: 0, refusals: [], witnessed: null, last: null });
}

export const keptAccountKeyfile = (): string | null => {
  const a = sessionAccount();
  return a === null ? null : storedAccountKeyfile(a.id);
};

const bookKey = () => `anfora.issuerLog.${electionId}.${memberId()}`;
function storedBook(): BookJSON {
  try {
    return JSON.parse(localStorage.getItem(bookKey()) ?? '{}') as BookJSON;
  } catch {
    return {};
  }
}

function session(): { baseUrl: string; token: string; lang: 'es' | 'en'; electionId: string; accountId: string } {
  const api = sessionApi();
  return { baseUrl: location.origin, token: api.token!, lang: lang(), electionId: electionId!, accountId: sessionAccount()!.id };
}

export const keyfileName = () => `anfora-emisor-${electionId!.slice(0, 8)}.json`;

export interface AccountInput { accountKeyfile: string; accountPassphrase: string }

/** Generate, save and register the keys in a fresh worker; `changed()` after each report. */
export function generate(passphrase: string, account: AccountInput, changed: () => void): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    Object.assign(state, { busy: true, stage: null, refused: null, formError: null, registered: null });
    changed();
    const finish = () => {
      worker.terminate();
      state.busy = false;
      state.stage = null;
      void reload().then(() => resolve());
    };
    worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.type === 'progress') {
        state.stage = m;
        changed();
      } else if (m.type === 'keyfile') {
        download(keyfileName(), m.text);
        state.keyfile = { text: m.text, name: keyfileName() };
        worker.postMessage({ type: 'saved', id: m.id } satisfies ToWorker);
      } else if (m.type === 'registered') {
        state.registered = m.contests;
        finish();
      } else if (m.type === 'refused') {
        state.refused = m.refused;
        finish();
      }
    };
    worker.onerror = (ev) => { state.refused = { kind: 'unexpected', detail: ev.message }; finish(); };
    worker.postMessage({ type: 'keygen', passphrase, ...account, ...session() } satisfies ToWorker);
  });
}

let issuer: Worker | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
/** The member asked to end its issuance: the next batch posts the logs (one batch only). */
let ending = false;

/**
 * End this member's issuance now (an election without the token window, voting open): the
 * next batch, run at once, posts the signed logs; the relay takes no signature after them.
 */
export function endIssuance(): void {
  if (issuer === null) return;
  ending = true;
  // A batch in flight may be signing: the logs go in the one after it, so that none of its
  // signatures is left out of them (the relay would refuse it once the log is posted).
  if (inFlight) return;
  clearTimeout(timer);
  runBatch?.();
}
let runBatch: (() => void) | null = null;
let inFlight = false;

export function stopIssuing(): void {
  clearTimeout(timer);
  issuer?.terminate();
  issuer = null;
  runBatch = null;
  inFlight = false;
  state.issuing = false;
}

/**
 * Open the key file in a long-lived worker and sign in batches every {@link BATCH_SECONDS}
 * seconds while the page is open: `changed()` after each batch. A refusal stops it.
 */
export function startIssuing(keyfile: string, passphrase: string, account: AccountInput, changed: () => void): void {
  stopIssuing();
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  issuer = worker;
  Object.assign(state, { busy: true, stage: null, refused: null, formError: null, last: null });
  changed();
  // Each batch carries the session's token as it is now (renewed while the page issues).
  const batch = () => {
    try {
      const end = ending;
      ending = false;
      inFlight = true;
      worker.postMessage({ type: 'batch', token: sessionApi().token!, ...(end && { end }) } satisfies ToWorker);
    } catch {
      stopIssuing();
      state.refused = { kind: 'api', status: 401, code: 'unauthenticated', detail: lapsedText() };
      changed();
    }
  };
  const next = () => { timer = setTimeout(batch, ending ? 0 : BATCH_SECONDS * 1000); };
  runBatch = batch;
  ending = false;
  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const m = ev.data;
    if (m.type === 'progress') {
      state.stage = m;
    } else if (m.type === 'opened') {
      Object.assign(state, { busy: false, stage: null, issuing: true });
      batch();
    } else if (m.type === 'batch') {
      inFlight = false;
      onActivity(); // a page that issues is in use: its session is renewed
      state.last = m.report;
      if (m.report.kind === 'issued') {
        state.signed += m.report.signed;
        state.refusals.push(...m.report.refused);
        state.witnessed = m.report.witnessed ?? state.witnessed;
        localStorage.setItem(bookKey(), JSON.stringify(m.report.book));
      }
      if (m.report.kind === 'logs') stopIssuing();
      else next();
    } else if (m.type === 'refused') {
      stopIssuing();
      Object.assign(state, { busy: false, stage: null, refused: m.refused });
    }
    changed();
  };
  worker.onerror = (ev) => { stopIssuing(); Object.assign(state, { busy: false, refused: { kind: 'unexpected', detail: ev.message } }); changed(); };
  worker.postMessage({ type: 'open', keyfile, passphrase, book: storedBook(), ...account, ...session() } satisfies ToWorker);
}
