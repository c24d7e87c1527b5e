/**
 * The trustees' page's state and actions: sign-in (the access token in this page's memory
 * only), the public state it shows (election, ceremony, decryption shares on the board),
 * and each step run in the Web Worker (./worker.ts). The key file's text is held in memory
 * — the sealed file only, never the secret in clear — so that the next step can use the
 * version the last one saved; its passphrase is asked for each step.
 * @module
 */
import { storedAccountKeyfile } from '../lib/account-key.js';
import { publicApi } from '../lib/api.js';
import { type CommitteeSignIn, committeeSignIn } from '../lib/committee-sign-in.js';
import { download } from '../lib/dom.js';
import { lang } from '../lib/i18n.js';
import { type PublicElection, fetchElection } from '../lib/public.js';
import { electionParam } from '../lib/shell.js';
import { type CeremonyState, sharesOnBoard } from '../lib/trustee-task.js';
import type { FromWorker, Refused, Stage, Step, StepOutcome, ToWorker } from './worker.js';

export interface Data {
  election: PublicElection;
  ceremony: CeremonyState | null;
  sharesPosted: number[] | null;
}

export const electionId = electionParam();

/** How the last step ended. */
export type Outcome = { ok: true; outcome: StepOutcome } | { ok: false; refused: Refused };

export const state = {
  accessToken: null as string | null,
  accountId: null as string | null,
  memberId: null as string | null,
  fullName: '',
  data: null as Data | null,
  loadError: null as string | null,
  busy: false,
  stage: null as Stage | null,
  /** The latest sealed key file this page made or was given (and its file name). */
  keyfile: null as { text: string; name: string; index: number } | null,
  /** Names of the files downloaded during the last step. */
  saved: [] as string[],
  outcome: null as Outcome | null,
  /** A form left incomplete (the page's own check, before any work). */
  formError: null as string | null,
};

/** The trustee index of the signed-in member, once the ceremony is known. */
export function myIndex(): number | null {
  const c = state.data?.ceremony;
  const i = c?.trustees.find((tr) => tr.memberId === state.memberId)?.index;
  return i ?? null;
}

export async function load(): Promise<void> {
  const id = electionId!;
  const pub = publicApi();
  const election = await fetchElection(id);
  const [ceremony, sharesPosted] = await Promise.all([
    (pub.get(`/elections/${encodeURIComponent(id)}/ceremony`) as Promise<CeremonyState>).catch(() => null),
    sharesOnBoard(pub, id, election.phase),
  ]);
  state.data = { election, ceremony, sharesPosted };
}

export async function reload(): Promise<void> {
  try {
    await load();
    state.loadError = null;
  } catch (e) {
    state.loadError = e instanceof Error ? e.message : String(e);
  }
}

/** Sign in as a committee member (the access token in this page's memory only); on failure, why. */
export function signIn(email: string, password: string): Promise<CommitteeSignIn> {
  return committeeSignIn(electionId!, email, async () => {
    const client = await publicApi().login(email, password);
    const who = (await client.get('/auth/me')) as { id?: string; role?: string; committeeMemberId?: string | null };
    if (who.role !== 'committee' || typeof who.committeeMemberId !== 'string' || typeof who.id !== 'string') return null;
    return { token: client.token!, accountId: who.id, committeeMemberId: who.committeeMemberId };
  }, async (who, fullName) => {
    state.accessToken = who.token;
    state.accountId = who.accountId;
    state.memberId = who.committeeMemberId;
    state.fullName = fullName;
    await reload();
  });
}

export function signOut(): void {
  Object.assign(state, { accessToken: null, accountId: null, memberId: null, data: null, keyfile: null, outcome: null, saved: [] });
}

/** The account key sealed in this browser for the signed-in account, if any. */
export function keptAccountKeyfile(): string | null {
  return state.accountId === null ? null : storedAccountKeyfile(state.accountId);
}

export function keyfileName(index: number): string {
  return `anfora-custodio-${index}-${electionId!.slice(0, 8)}.json`;
}

/** What a step needs from the page's forms. */
export interface StepInput {
  passphrase: string;
  keyfile?: string;
  accountKeyfile?: string;
  accountPassphrase?: string;
}

/**
 * Run `step` in a fresh worker; `changed()` after each progress report. Every new version
 * of the key file is downloaded (and kept in memory) before the worker may post.
 */
export function runStep(step: Step, input: StepInput, changed: () => void): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    state.busy = true;
    state.stage = null;
    state.saved = [];
    state.outcome = null;
    state.formError = null;
    changed();
    const finish = (outcome: Outcome) => {
      worker.terminate();
      state.busy = false;
      state.stage = null;
      state.outcome = outcome;
      void reload().then(() => resolve());
    };
    worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      if (m.type === 'progress') {
        state.stage = m.stage;
        changed();
      } else if (m.type === 'keyfile') {
        const name = keyfileName(m.index);
        download(name, m.text);
        state.keyfile = { text: m.text, name, index: m.index };
        state.saved.push(name);
        worker.postMessage({ type: 'saved', id: m.id } satisfies ToWorker);
      } else if (m.type === 'done') {
        finish({ ok: true, outcome: m.outcome });
      } else {
        finish({ ok: false, refused: m.refused });
      }
    };
    worker.onerror = (ev) => finish({ ok: false, refused: { kind: 'unexpected', detail: ev.message } });
    const message: ToWorker = {
      type: 'run', step, baseUrl: location.origin, token: state.accessToken!, lang: lang(), electionId: electionId!,
      accountId: state.accountId ?? undefined, ...input,
    };
    worker.postMessage(message);
  });
}
