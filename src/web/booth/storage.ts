/**
 * What the booth keeps between steps and reloads: the association's anonymous voting
 * credentials (token and ballot secret key) per contest, the ballot sent while its answer
 * is awaited, and receipts. Only in this tab's sessionStorage, never sent: the token itself
 * leaves the browser with the ballot at cast time, the ballot secret key never does.
 * Credentials of a contest are deleted once its ballot is cast. The receipts are also kept
 * in this browser's localStorage (no credential there), so that the booth opened again
 * after the close re-checks them against the board (recheck.ts).
 * @module
 */
import {
  type CastRequest, type ReceiptFromBoard, type VotingCredentials, type VotingCredentialsJSON, credentialsFromJSON, credentialsToJSON,
} from '../../client/voter.js';
import { type IssuanceAttemptJSON, issuanceAttemptFromJSON } from '../../client/issuance-json.js';
import type { Receipt } from '../../record/tracking.js';

export interface BoothMemory {
  associationId: string;
  legalName: string;
  credentials: Record<string, VotingCredentialsJSON>;
  /** The signed receipt, or, when the cast's answer was lost, the ballot's event as read on the board. */
  receipts: Record<string, Receipt | ReceiptFromBoard>;
  /**
   * The body of a cast whose answer has not arrived, by contest: kept before sending so that,
   * after a lost answer or a closed tab, this same ballot is looked for on the board (or sent
   * again) rather than a new one, which the server would refuse as a second use of the token.
   * It holds nothing secret beyond what the board shows once it is cast.
   */
  sent?: Record<string, CastRequest>;
  /**
   * The token request sent to the contest's issuers, by contest, kept BEFORE it is sent and
   * until the token is assembled: a reload, a lost answer or a later day sends this same
   * request again (the relay answers it with the same signatures) instead of a new one,
   * which the relay refuses. Holds the ballot secret key and the unblinding inverses.
   */
  requests?: Record<string, IssuanceAttemptJSON>;
}

const key = (electionId: string) => `anfora.booth.${electionId}`;

/** The remembered state, or null when there is none or it is unreadable. */
export function loadMemory(electionId: string): BoothMemory | null {
  try {
    const raw = sessionStorage.getItem(key(electionId));
    if (raw === null) return null;
    const m = JSON.parse(raw) as BoothMemory;
    if (typeof m?.associationId !== 'string' || typeof m.credentials !== 'object' || typeof m.receipts !== 'object') return null;
    return m;
  } catch {
    return null;
  }
}

export function saveMemory(electionId: string, m: BoothMemory): void {
  try {
    sessionStorage.setItem(key(electionId), JSON.stringify(m));
    if (Object.keys(m.receipts).length > 0) localStorage.setItem(receiptsKey(electionId), JSON.stringify(m.receipts));
  } catch {
    // Storage full or disabled: the page's memory still holds everything until it closes.
  }
}

const receiptsKey = (electionId: string) => `anfora.booth.receipts.${electionId}`;

/** The receipts this browser kept for `electionId` (this tab's, else the ones saved before), by contest. */
export function loadReceipts(electionId: string): Record<string, Receipt | ReceiptFromBoard> {
  const fromTab = loadMemory(electionId)?.receipts;
  if (fromTab !== undefined && Object.keys(fromTab).length > 0) return fromTab;
  try {
    const raw = localStorage.getItem(receiptsKey(electionId));
    const r = raw === null ? null : JSON.parse(raw) as unknown;
    return typeof r === 'object' && r !== null && !Array.isArray(r) ? r as Record<string, Receipt | ReceiptFromBoard> : {};
  } catch {
    return {};
  }
}

/** Credentials of one contest, decoded; null when absent or malformed. */
export function credentialsOf(m: BoothMemory, contestId: string): VotingCredentials | null {
  const json = m.credentials[contestId];
  if (json === undefined) return null;
  try {
    return credentialsFromJSON(json);
  } catch {
    return null;
  }
}

export function putCredentials(m: BoothMemory, contestId: string, c: VotingCredentials): void {
  m.credentials[contestId] = credentialsToJSON(c);
}

/** The file a voter may save to vote later on another day or device. */
export interface TokenFile {
  format: 'anfora-voting-credentials';
  version: 1;
  electionId: string;
  associationId: string;
  legalName: string;
  credentials: Record<string, VotingCredentialsJSON>;
  /** Requests to the issuers still waiting for their signatures: with the file, the association comes back later for the same token. */
  requests?: Record<string, IssuanceAttemptJSON>;
}

export function tokenFile(electionId: string, m: BoothMemory): TokenFile {
  return {
    format: 'anfora-voting-credentials', version: 1, electionId, associationId: m.associationId, legalName: m.legalName, credentials: m.credentials,
    ...(m.requests !== undefined && Object.keys(m.requests).length > 0 && { requests: m.requests }),
  };
}

/**
 * Read a saved token file for `electionId`; only contests of `contestIds` whose credentials
 * decode are kept. Null when the file is not one of ours for this election.
 */
export function readTokenFile(electionId: string, contestIds: readonly string[], text: string): BoothMemory | null {
  let f: Partial<TokenFile>;
  try {
    f = JSON.parse(text) as Partial<TokenFile>;
  } catch {
    return null;
  }
  if (f?.format !== 'anfora-voting-credentials' || f.electionId !== electionId || typeof f.associationId !== 'string'
    || typeof f.credentials !== 'object' || f.credentials === null) return null;
  const m: BoothMemory = { associationId: f.associationId, legalName: String(f.legalName ?? ''), credentials: {}, receipts: {}, requests: {} };
  const entry = <T>(field: 'credentials' | 'requests', id: string): T | undefined => {
    const all = f[field];
    return typeof all === 'object' && all !== null ? (all as Record<string, T>)[id] : undefined;
  };
  for (const id of contestIds) {
    // A damaged entry is left out.
    const json = entry<VotingCredentialsJSON>('credentials', id);
    if (json !== undefined) {
      try {
        const c = credentialsFromJSON(json);
        if (c.token.electionId === electionId && c.token.contestId === id) m.credentials[id] = json;
      } catch { /* left out */ }
    }
    const request = entry<IssuanceAttemptJSON>('requests', id);
    if (request !== undefined) {
      try {
        const a = issuanceAttemptFromJSON(request);
        if (a.request.electionId === electionId && a.request.contestId === id && a.body.request.associationId === f.associationId) m.requests![id] = request;
      } catch { /* left out */ }
    }
  }
  const held = Object.keys(m.credentials).length + Object.keys(m.requests!).length;
  return held === 0 ? null : m;
}
