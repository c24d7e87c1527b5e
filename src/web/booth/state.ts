/**
 * The booth's state (what the page knows between steps) and the plain questions asked of
 * it; no DOM here. The page's rendering is in ./page.ts and the *-view.ts modules, its
 * actions in ./token-flow.ts and ./ballot-flow.ts.
 * @module
 */
import type { CastRequest, PreparedBallot, ReceiptFromBoard } from '../../client/voter.js';
import type { LoadedManifest } from '../../client/manifest.js';
import type { ManifestContest } from '../../record/manifest.js';
import type { Receipt } from '../../record/tracking.js';
import { electionParam } from '../lib/shell.js';
import type { BoothTexts } from './strings.js';
import { type BoothMemory, saveMemory } from './storage.js';
import type { Recheck } from './recheck.js';

export type Step = 'loading' | 'fatal' | 'closed' | 'start' | 'token' | 'choose' | 'review' | 'sealed' | 'audit' | 'receipt' | 'lost';

/** A text of the page: a function of the language, so that a switch re-renders it. */
export type Text = (t: BoothTexts) => string;

/**
 * A ballot sent without a usable answer: being looked for on the board, not on it (not
 * recorded), of unknown fate (the board could not be read either), or refused by what the
 * board shows (another ballot of the token, a broken board).
 */
export interface Lost {
  contestId: string;
  body: CastRequest;
  status: 'checking' | 'not_found' | { unknown: string } | { refused: 'other' | 'board'; detail: string };
}

export interface AuditRow { candidate: string; choice: number; r: string; published: string[]; recomputed: string[]; same: boolean }

export const state = {
  step: 'loading' as Step,
  electionId: electionParam(),
  manifest: null as LoadedManifest | null,
  fatal: null as Text | null,
  /** The association's access token, held only until its voting tokens are obtained. */
  accessToken: null as string | null,
  /** The association's signing key, unlocked from its key file for the token requests only; never stored. */
  signingKey: null as Uint8Array | null,
  memory: null as BoothMemory | null,
  contestId: null as string | null,
  chosen: new Set<string>(),
  prepared: null as PreparedBallot | null,
  audits: 0,
  audit: null as { ok: boolean; detail: string; rows: AuditRow[]; json: string } | null,
  receipt: null as Receipt | ReceiptFromBoard | null,
  lost: null as Lost | null,
  board: 'pending' as 'pending' | 'ok' | { detail: string },
  message: null as Text | null,
  busy: null as Text | null,
  tokenJustObtained: false,
  /** After the close: each receipt this browser kept, re-checked against the board. */
  rechecks: [] as Recheck[],
};

/** The contests of the manifest whose roll holds the association this browser votes for. */
export function myContests(): ManifestContest[] {
  const m = state.manifest;
  const mem = state.memory;
  if (m === null || mem === null) return [];
  return m.manifest.contests.filter((c) => c.roll.some((r) => r.associationId === mem.associationId));
}

export function currentContest(): ManifestContest {
  const c = state.manifest?.manifest.contests.find((x) => x.id === state.contestId);
  if (c === undefined) throw new Error('no contest selected');
  return c;
}

/** The next contest this browser can vote in: credentials held, no receipt yet. */
export function nextVotable(): ManifestContest | undefined {
  const mem = state.memory;
  return myContests().find((c) => mem !== null && mem.credentials[c.id] !== undefined && mem.receipts[c.id] === undefined);
}

/** Keep the association's memory (credentials, ballots sent, receipts) in the browser's storage. */
export function remember(): void {
  if (state.electionId !== null && state.memory !== null) saveMemory(state.electionId, state.memory);
}

/** The manifest's minimum roll (rules.minRollSize; 5, the default, when a version 1 manifest has none). */
export function minRollSize(): number {
  const min = state.manifest?.manifest.rules.minRollSize;
  return typeof min === 'number' && Number.isSafeInteger(min) && min >= 1 ? min : 5;
}
