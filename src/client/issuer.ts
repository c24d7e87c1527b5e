/**
 * The issuer's side (issue 12; docs/voting-protocol.md §Tokens): a committee member's
 * issuing keys, generated on their machine (`npm run issuer -- keygen`, or the issuers'
 * page), are registered on the board with a proof of possession and the member's account
 * signature. Browser-safe: a key is an {@link IssuingKey}, node:crypto's for the CLI
 * (`token-issuer.ts`), bigint's for the page (`issuing-key.ts`).
 * @module
 */
import { fromHex, toHex } from '../crypto/group.js';
import type { IssuingKey } from '../crypto/issuing-key.js';
import { issuanceKeyToJSON, type IssuanceKeyJSON } from '../crypto/voting-token.js';
import type { BoardEvent } from '../record/board.js';
import {
  type IssuerLog, type IssuerLogEntry, issuerKeyPossessionMessage, signIssuerKey, signIssuerLog,
} from '../record/issuer-statements.js';
import type { DecodedManifest } from '../record/manifest.js';
import { blindedMessageHash, IssuedTokenRequestSchema, verifyIssuedTokenRequest } from '../record/statements.js';
import { type ApiClient, ApiError, seg } from './api.js';

/** The body of `POST /elections/:id/issuers`. */
export interface IssuerRegistration {
  readonly contestId: string;
  readonly issuanceKey: IssuanceKeyJSON;
  readonly pop: string;
  readonly signature: string;
}

/**
 * The registration of one contest's issuing key: the key, its proof of possession and the
 * member's signature with its account secret key (32-byte seed, never sent).
 * @example const body = issuerRegistration(electionId, contestId, memberId, key, account.secretKey);
 */
export function issuerRegistration(electionId: string, contestId: string, memberId: string, key: IssuingKey, accountSecretKey: Uint8Array): IssuerRegistration {
  const body = { electionId, contestId, memberId, keyId: toHex(key.publicKey.keyId) };
  return {
    contestId, issuanceKey: issuanceKeyToJSON(key.publicKey),
    pop: toHex(key.signPss(issuerKeyPossessionMessage(body))), signature: signIssuerKey(accountSecretKey, body),
  };
}

/**
 * Register one contest's issuing key, signed in as the member.
 * @throws ApiError on an HTTP failure (409 `issuer_key_registered` when already done)
 */
export async function registerIssuer(
  api: ApiClient, electionId: string, contestId: string, memberId: string, key: IssuingKey, accountSecretKey: Uint8Array,
): Promise<void> {
  await api.post(`/elections/${seg(electionId)}/issuers`, issuerRegistration(electionId, contestId, memberId, key, accountSecretKey));
}

// ---- issuing ----

/**
 * Whether tokens are issued now, from the election as `GET /elections/:id` describes it:
 * in the token window (`tokens`) under the rule `tokenWindow`, else while voting (the
 * server's rule, domain/phases.ts `issuanceOpen`).
 */
export function issuingNow(e: { readonly phase: string; readonly rules?: { readonly tokenWindow?: boolean } }): boolean {
  return e.phase === (e.rules?.tokenWindow === true ? 'tokens' : 'voting');
}

/** The election as {@link logsDue} reads it (`GET /elections/:id`). */
export interface IssuanceElection {
  readonly phase: string;
  readonly rules?: { readonly tokenWindow?: boolean };
  readonly timeline?: { readonly votingCloses?: string };
}

/**
 * Whether this issuer's signing is over and its signed logs are due (docs/voting-protocol.md
 * §Tokens): the server takes logs only while voting is open, refuses this issuer's blind
 * signatures once its log is posted, and the close waits for every log. Under the token
 * window the logs are due as soon as voting opens (the window has closed). Without it,
 * tokens are issued while voting, so the logs are due at the end of voting the timeline
 * announces (`votingCloses`, by this machine's clock `now`); before that, or with no such
 * date, only when the member ends its issuance itself (`npm run issuer -- logs`, or the
 * issuers' page's button).
 */
export function logsDue(e: IssuanceElection, now: number): boolean {
  if (e.phase !== 'voting') return false;
  if (e.rules?.tokenWindow === true) return true;
  const closes = e.timeline?.votingCloses;
  return closes !== undefined && Date.parse(closes) <= now;
}

/** A request the relay holds, as `POST /issuance/pending` lists it. */
interface PendingRequest {
  readonly contestId: string;
  readonly associationId: string;
  readonly keyId: string;
  readonly request: unknown;
  readonly publicKey: string;
  readonly signature: string;
  readonly blinded: Readonly<Record<string, string>>;
}

/** What an issuer checks requests against, read from the board and the manifest on its own machine. */
export interface IssuerView {
  readonly manifest: DecodedManifest;
  /** Each association's account key in force, from the board's `key_registered` events (the last one counts). */
  readonly associationKeys: ReadonlyMap<string, string>;
}

/**
 * Build an {@link IssuerView} from the frozen manifest and the chain-checked board, in
 * board order: an accreditation (or overturning appeal) decision publishes the
 * association's key, `key_registered` a new one after a reset, and a credential reset
 * revokes the key it names.
 */
export function issuerView(manifest: DecodedManifest, events: readonly BoardEvent[]): IssuerView {
  const associationKeys = new Map<string, string>();
  for (const e of events) {
    if (e.kind === 'key_registered') {
      const p = e.payload as { holder?: string; holderId?: string; publicKey?: string };
      if (p.holder === 'association' && typeof p.holderId === 'string' && typeof p.publicKey === 'string') associationKeys.set(p.holderId, p.publicKey);
    } else if (e.kind === 'decision') {
      const s = (e.payload as { statement?: Record<string, unknown> }).statement;
      const a = s?.association as { associationId?: string; publicKey?: string } | undefined;
      const accredits = (s?.kind === 'accreditation_decision' && s.decision === 'accredit') || (s?.kind === 'appeal_decision' && s.decision === 'overturn');
      if (accredits && a && typeof a.associationId === 'string' && typeof a.publicKey === 'string' && !associationKeys.has(a.associationId)) {
        associationKeys.set(a.associationId, a.publicKey);
      }
      if (s?.kind === 'credential_reset' && s.holder === 'association' && typeof s.holderId === 'string' && associationKeys.get(s.holderId) === s.revokedKey) {
        associationKeys.delete(s.holderId);
      }
    }
  }
  return { manifest, associationKeys };
}

/** The issuer's own record of what it signed, per contest: one entry per association. */
export type IssuerLogBook = Map<string, Map<string, IssuerLogEntry>>;

/** Why the issuer refused a request (it is then left unsigned). */
export type IssuerRefusal = 'not_my_key' | 'not_on_roll' | 'unknown_key' | 'bad_request' | 'bad_signature' | 'hash_mismatch' | 'second_request';

/**
 * Check one pending request on the issuer's side: the contest's key is one of ours, the
 * association is on the contest's roll, the request is signed by its key in force, names
 * this election, contest and association, its blinded message for our key hashes as
 * signed, and it is the only request of that association in that contest we answer.
 */
export function checkPending(view: IssuerView, memberId: string, book: IssuerLogBook, p: PendingRequest): { ok: true; blinded: Uint8Array; entry: IssuerLogEntry } | { ok: false; reason: IssuerRefusal } {
  const contest = view.manifest.contests.get(p.contestId);
  const mine = contest?.issuers.find((i) => i.memberId === memberId && toHex(i.key.keyId) === p.keyId);
  if (!contest || !mine) return { ok: false, reason: 'not_my_key' };
  if (!contest.contest.roll.some((a) => a.associationId === p.associationId)) return { ok: false, reason: 'not_on_roll' };
  const key = view.associationKeys.get(p.associationId);
  if (!key || key !== p.publicKey) return { ok: false, reason: 'unknown_key' };
  const parsed = IssuedTokenRequestSchema.safeParse(p.request);
  if (!parsed.success) return { ok: false, reason: 'bad_request' };
  const r = parsed.data;
  if (r.electionId !== view.manifest.manifest.electionId || r.contestId !== p.contestId || r.associationId !== p.associationId) return { ok: false, reason: 'bad_request' };
  if (!verifyIssuedTokenRequest(key, r, p.signature)) return { ok: false, reason: 'bad_signature' };
  const named = r.blindedMessages.find((b) => b.keyId === p.keyId);
  const hex = p.blinded[p.keyId];
  if (!named || typeof hex !== 'string') return { ok: false, reason: 'hash_mismatch' };
  let blinded: Uint8Array;
  try {
    blinded = fromHex(hex, 'blindedMessage', mine.key.modulusBytes);
  } catch {
    return { ok: false, reason: 'hash_mismatch' };
  }
  if (blindedMessageHash(blinded) !== named.blindedMessageHash) return { ok: false, reason: 'hash_mismatch' };
  const entry: IssuerLogEntry = { request: r, publicKey: key, signature: p.signature };
  const earlier = book.get(p.contestId)?.get(p.associationId);
  if (earlier && JSON.stringify(earlier) !== JSON.stringify(entry)) return { ok: false, reason: 'second_request' };
  return { ok: true, blinded, entry };
}

/** What one batch did. */
export interface IssuerBatch {
  readonly signed: number;
  readonly refused: readonly { associationId: string; contestId: string; reason: IssuerRefusal }[];
}

/**
 * `issuer once`: fetch the requests pending for this member's keys, check each
 * ({@link checkPending}), sign the good ones blindly with the contest's key and post the
 * blind signatures; record each answered request in `book`.
 *
 * Each request enters `book`, and `persist(entries)` of the post's entries completes, before its blind
 * signature is posted (`postEvery` at a time, the whole batch by default, in one request): an issuer killed mid-batch has logged every signature the relay
 * holds (a logged request whose answer was lost is still pending, and is signed again,
 * identically: RSA blind signatures are deterministic).
 * @throws ApiError on an HTTP failure
 */
export async function issueOnce(
  api: ApiClient, view: IssuerView, memberId: string, keys: ReadonlyMap<string, IssuingKey>, book: IssuerLogBook, limit = 200,
  persist: (entries: readonly { contestId: string; entry: IssuerLogEntry }[]) => Promise<void> = async () => {},
  postEvery = limit,
): Promise<IssuerBatch> {
  const electionId = view.manifest.manifest.electionId;
  const answer = (await api.post('/issuance/pending', { electionId, limit })) as { requests: PendingRequest[] };
  const refused: { associationId: string; contestId: string; reason: IssuerRefusal }[] = [];
  let signatures: { contestId: string; associationId: string; keyId: string; blindSignature: string }[] = [];
  let entries: { contestId: string; entry: IssuerLogEntry }[] = [];
  let signed = 0;
  // Every signature of a post is in `book` and persisted before the post (the post's entries
  // together: one flush to disk, not one each); a post carries `postEvery` of them (the
  // whole batch by default), checked by the relay each as it would alone.
  const flush = async () => {
    if (signatures.length === 0) return;
    await persist(entries);
    await api.post('/issuance/signatures/batch', { electionId, signatures });
    signed += signatures.length;
    signatures = [];
    entries = [];
  };
  for (const p of answer.requests) {
    const key = keys.get(p.contestId);
    const c = checkPending(view, memberId, book, p);
    if (!c.ok || !key || toHex(key.publicKey.keyId) !== p.keyId) {
      refused.push({ associationId: p.associationId, contestId: p.contestId, reason: c.ok ? 'not_my_key' : c.reason });
      continue;
    }
    const s = key.blindSign(c.blinded);
    if (!s.ok) { refused.push({ associationId: p.associationId, contestId: p.contestId, reason: 'hash_mismatch' }); continue; }
    let contestBook = book.get(p.contestId);
    if (!contestBook) book.set(p.contestId, (contestBook = new Map()));
    contestBook.set(p.associationId, c.entry);
    entries.push({ contestId: p.contestId, entry: c.entry });
    signatures.push({ contestId: p.contestId, associationId: p.associationId, keyId: p.keyId, blindSignature: toHex(s.blindSignature) });
    if (signatures.length >= postEvery) await flush();
  }
  await flush();
  return { signed, refused };
}

/** The issuer's signed log of one contest, entries in association order. */
export function signedIssuerLog(electionId: string, contestId: string, memberId: string, key: IssuingKey, book: IssuerLogBook, accountSecretKey: Uint8Array): { log: IssuerLog; signature: string } {
  const entries = [...(book.get(contestId)?.values() ?? [])].sort((a, b) => (a.request.associationId < b.request.associationId ? -1 : 1));
  const log: IssuerLog = { electionId, contestId, memberId, keyId: toHex(key.publicKey.keyId), entries };
  return { log, signature: signIssuerLog(accountSecretKey, log) };
}

/**
 * Post the signed issuance log of one contest (after casting closes, before the tally).
 * @throws ApiError on an HTTP failure (409 when already posted)
 */
export async function postIssuerLog(api: ApiClient, signed: { log: IssuerLog; signature: string }): Promise<void> {
  await api.post(`/elections/${seg(signed.log.electionId)}/issuer-logs`, signed);
}

/**
 * Post this issuer's signed logs, one per contest it holds a key for (`keys`), from what
 * `book` holds. A log already on the board (409) is counted as `already`, so a retried
 * post after a lost answer, or a second run, is harmless.
 * @throws ApiError on any other HTTP failure
 */
export async function postIssuerLogs(
  api: ApiClient, electionId: string, memberId: string, keys: readonly { readonly contestId: string; readonly key: IssuingKey }[],
  book: IssuerLogBook, accountSecretKey: Uint8Array,
): Promise<{ posted: number; already: number }> {
  let posted = 0;
  let already = 0;
  for (const { contestId, key } of keys) {
    try {
      await postIssuerLog(api, signedIssuerLog(electionId, contestId, memberId, key, book, accountSecretKey));
      posted++;
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409)) throw e;
      already++;
    }
  }
  return { posted, already };
}
