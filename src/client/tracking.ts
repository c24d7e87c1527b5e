/**
 * The voter's ballot on the public board (docs/voting-protocol.md "Casting", "Bulletin
 * board", "A lost answer"): found by its tracking code and checked against the receipt
 * ({@link findTrackingCode}, {@link checkTrackingEvent}), or — when the answer to the cast
 * never arrived (network drop, closed tab, timeout) — found by the ballot that was sent
 * ({@link recoverCast}), so that the voter learns whether the vote counts without a receipt;
 * the file kept after such a recovery is checked later against the live board
 * ({@link checkReceiptFromBoard}).
 *
 * Recovery reads the whole board (`GET /elections/:id/board`, chain-checked by
 * {@link fetchBoard}) instead of asking the server for one ballot: the request is the one any
 * auditor makes, so the server does not learn which ballot the reader looks for, and a board
 * holds one ballot per accredited association and contest (dozens to a few hundred events).
 * Browser-safe.
 * @module
 */
import { z } from 'zod';
import { type BoardEvent, BoardEventSchema, eventHash, parsePayload } from '../record/board.js';
import { canonicalJsonString } from '../record/canonical-json.js';
import type { DecodedManifest } from '../record/manifest.js';
import { type ReceiptBody, ReceiptSchema, checkReceiptEvent } from '../record/tracking.js';
import { type ApiClient, ApiError, type Refusal, seg } from './api.js';
import { BOARD_PAGE, fetchBoard } from './board.js';
import type { CastRequest } from './voter.js';

// ---- by tracking code ----

/** Why a tracking lookup was refused. */
export type TrackingFailure = 'not_found' | 'malformed_event' | 'event_mismatch';

/** Result of {@link findTrackingCode} and {@link checkTrackingEvent}. */
export type TrackingResult = { readonly ok: true; readonly event: BoardEvent<'ballot'> } | Refusal<TrackingFailure>;

/** The board fields a cast body must equal, as canonical JSON. */
function sentFields(body: CastRequest): string {
  return canonicalJsonString({ contestId: body.contestId, token: body.token, ballot: body.ballot, signature: body.signature });
}

/**
 * Judge a board event (untrusted) as the `ballot` event of `receipt` (and, if given, of the
 * cast `body`): a well-formed ballot event whose hash recomputes, at the receipt's position,
 * equal to its board head and time, with its contest and tracking code (record's
 * `checkReceiptEvent`), carrying exactly the token, ballot and signature that were sent.
 * Never throws.
 * @example checkTrackingEvent(event, receipt, prepared.body) // { ok: true, event }
 */
export function checkTrackingEvent(event: unknown, receipt: ReceiptBody, body?: CastRequest): TrackingResult {
  const parsed = BoardEventSchema.safeParse(event);
  if (!parsed.success || parsed.data.kind !== 'ballot') return { ok: false, reason: 'malformed_event', detail: 'not a board event of kind ballot' };
  const e = parsed.data as BoardEvent<'ballot'>;
  const p = parsePayload('ballot', e.payload);
  if (!p.ok) return { ok: false, reason: 'malformed_event', detail: p.errors.join('; ') };
  let hash: string;
  try {
    hash = eventHash(e.prevHash, e.seq, e.kind, e.at, e.payload);
  } catch (err) {
    return { ok: false, reason: 'malformed_event', detail: err instanceof Error ? err.message : String(err) };
  }
  if (hash !== e.hash) return { ok: false, reason: 'event_mismatch', detail: 'the event\'s hash does not recompute' };
  const match = checkReceiptEvent(receipt, e);
  if (!match.ok) return { ok: false, reason: 'event_mismatch', detail: `the event is not the one the receipt names (${match.reason})` };
  if (body !== undefined) {
    const { trackingCode: _code, ...kept } = p.payload;
    if (canonicalJsonString(kept) !== sentFields(body)) return { ok: false, reason: 'event_mismatch', detail: 'the board holds another ballot under this tracking code' };
  }
  return { ok: true, event: e };
}

/** What a receipt for `event` would say: the board event read as its own receipt body. */
function receiptOfEvent(electionId: string, e: BoardEvent): ReceiptBody {
  const p = e.payload as { contestId?: unknown; trackingCode?: unknown } | null;
  return {
    electionId, contestId: String(p?.contestId), trackingCode: String(p?.trackingCode), position: e.seq, boardHead: e.hash, receivedAt: e.at,
  };
}

/**
 * Step 5: the `ballot` event with tracking code `code` on the public board
 * (`GET /elections/:id/board/tracking/:code`). With the receipt (and the body sent), the
 * event is checked by {@link checkTrackingEvent}; without, only that it is a well-formed
 * ballot event with that code whose hash recomputes. A 404 is the result `not_found`.
 * @throws ApiError on other HTTP failures
 * @example const r = await findTrackingCode(api, electionId, receipt.trackingCode, receipt, prepared.body);
 */
export async function findTrackingCode(
  api: ApiClient, electionId: string, code: string, receipt?: ReceiptBody, body?: CastRequest,
): Promise<TrackingResult> {
  let event: unknown;
  try {
    event = await api.get(`/elections/${seg(electionId)}/board/tracking/${seg(code)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { ok: false, reason: 'not_found', detail: `no ballot with tracking code ${code}` };
    throw e;
  }
  const parsed = BoardEventSchema.safeParse(event);
  const p = parsed.success ? parsePayload('ballot', parsed.data.payload) : undefined;
  if (!parsed.success || parsed.data.kind !== 'ballot' || !p?.ok) return { ok: false, reason: 'malformed_event', detail: 'not a board event of kind ballot' };
  if (p.payload.trackingCode !== code) return { ok: false, reason: 'event_mismatch', detail: 'the event has another tracking code' };
  return checkTrackingEvent(event, receipt ?? receiptOfEvent(electionId, parsed.data), body);
}

// ---- by the ballot that was sent ----

/**
 * Why the ballot that was sent was not recovered from the board. `not_found`: no ballot of
 * this token is on the board, so the ballot was not recorded and the token is unused — the
 * same body may be sent again. `token_used_by_other`: a different ballot signed with this
 * token's key is on the board; only the holder of the ballot secret key can sign one, so
 * either the voter cast it from another tab or device, or the credentials leaked.
 * `duplicate_ballot`: the ballot is on the board more than once (the server must refuse a
 * second ballot per token). The others: the board or one of its events is unusable.
 */
export type RecoveryFailure = 'not_found' | 'token_used_by_other' | 'duplicate_ballot' | 'malformed_event' | 'event_mismatch'
  | 'malformed_board' | 'broken_chain';

/**
 * A cast recovered from the board: no signed receipt, but the ballot's event, whose hash
 * chains to every event before it (the board was read from seq 0 and chain-checked), at
 * `position` = its seq, with its tracking code.
 */
export interface RecoveredCast {
  readonly ok: true;
  readonly recovered: true;
  readonly event: BoardEvent<'ballot'>;
  readonly trackingCode: string;
  readonly position: number;
}

/** Result of {@link recoverCast} and {@link findCastEvent}. */
export type RecoveryResult = RecoveredCast | Refusal<RecoveryFailure>;

function assertBody(body: CastRequest): void {
  const key = (body as Partial<CastRequest> | null)?.token?.ballotPublicKey;
  if (typeof body?.contestId !== 'string' || typeof key !== 'string') {
    throw new TypeError('"body" expected a cast request { contestId, token, ballot, signature }');
  }
}

/**
 * Among chain-checked board `events` of election `electionId` (pure), the `ballot` event
 * that carries exactly the token, ballot and signature of `body`: every ballot event of the
 * body's contest and ballot key is judged by {@link checkTrackingEvent}, read as its own
 * receipt, then compared with the body. Never throws on the events.
 * @throws TypeError if `body` is not a cast request
 * @example const r = findCastEvent(board.events, electionId, prepared.body); if (r.ok) show(r.trackingCode);
 */
export function findCastEvent(events: readonly BoardEvent[], electionId: string, body: CastRequest): RecoveryResult {
  assertBody(body);
  const mine: BoardEvent<'ballot'>[] = [];
  const others: BoardEvent<'ballot'>[] = [];
  for (const e of events) {
    const p = (e?.kind === 'ballot' ? e.payload : null) as { contestId?: unknown; token?: { ballotPublicKey?: unknown } } | null;
    // One ballot per contest and ballot key (docs/voting-protocol.md "Casting"): this token's.
    if (p?.contestId !== body.contestId || p?.token?.ballotPublicKey !== body.token.ballotPublicKey) continue;
    const receipt = receiptOfEvent(electionId, e);
    const alone = checkTrackingEvent(e, receipt);
    if (!alone.ok) return { ok: false, reason: alone.reason === 'not_found' ? 'malformed_event' : alone.reason, detail: `event ${e.seq}: ${alone.detail}` };
    (checkTrackingEvent(e, receipt, body).ok ? mine : others).push(alone.event);
  }
  if (others.length > 0) {
    const where = others.map((e) => e.seq).join(', ');
    return {
      ok: false, reason: 'token_used_by_other',
      detail: `another ballot signed with this token's key is on the board (position ${where})${mine.length > 0 ? `, besides the one sent (position ${mine[0]!.seq})` : ''}: `
        + 'it was cast from another tab or device with these credentials, or the credentials leaked',
    };
  }
  if (mine.length > 1) {
    return { ok: false, reason: 'duplicate_ballot', detail: `the ballot is on the board ${mine.length} times (positions ${mine.map((e) => e.seq).join(', ')})` };
  }
  const event = mine[0];
  if (event === undefined) {
    return { ok: false, reason: 'not_found', detail: 'no ballot of this token is on the board: it was not recorded, and the token is unused' };
  }
  return { ok: true, recovered: true, event, trackingCode: (event.payload as { trackingCode: string }).trackingCode, position: event.seq };
}

/**
 * After a cast whose answer was lost (or refused with 409 `token_used`): read the public
 * board (anonymously, whatever client is passed, in pages of `pageSize`, chain-checked) and
 * find the `ballot` event that carries exactly what `body` sent ({@link findCastEvent}).
 * `not_found` means the ballot was not recorded: the voter may send the same body again with
 * the same credentials, since the token is unused. A request still in flight may be
 * recorded after this read; sending again is then answered 409 and recovers it.
 * @throws ApiError when the board cannot be read; TypeError if `body` is not a cast request
 * @example const r = await recoverCast(publicApi, m.decoded, prepared.body); if (r.ok) show(r.trackingCode, r.position);
 */
export async function recoverCast(
  publicApi: ApiClient, manifest: DecodedManifest, body: CastRequest, pageSize: number = BOARD_PAGE,
): Promise<RecoveryResult> {
  assertBody(body);
  const electionId = manifest.manifest.electionId;
  const board = await fetchBoard(publicApi.anonymous(), electionId, pageSize);
  if (!board.ok) return board;
  return findCastEvent(board.events, electionId, body);
}

// ---- the voter's proof without a receipt ----

/**
 * What the voter keeps after a recovered cast, in place of the signed receipt: the
 * receipt's fields read from the board event (boardHead = the event's hash, receivedAt =
 * its time) and the event itself. It carries no server signature; its worth is the event,
 * whose hash chains into the public board at `position`.
 */
export interface ReceiptFromBoard extends ReceiptBody {
  readonly format: 'anfora-receipt-from-board';
  readonly version: 1;
  readonly event: BoardEvent<'ballot'>;
}

/**
 * The {@link ReceiptFromBoard} of a recovered cast.
 * @example download('recibo-tablero.json', JSON.stringify(receiptFromBoard(electionId, r)));
 */
export function receiptFromBoard(electionId: string, recovered: RecoveredCast): ReceiptFromBoard {
  const e = recovered.event;
  return {
    format: 'anfora-receipt-from-board', version: 1, ...receiptOfEvent(electionId, e), event: e,
  };
}

/** zod schema of a {@link ReceiptFromBoard} file (strict): the receipt's fields but the signature, and the event. */
export const ReceiptFromBoardSchema = ReceiptSchema.omit({ signature: true }).extend({
  format: z.literal('anfora-receipt-from-board'),
  version: z.literal(1),
  event: BoardEventSchema,
});

/**
 * Why a receipt from the board does not hold: `malformed_proof` (not such a file),
 * `malformed_event`/`event_mismatch` (its event, or the board's, is not a ballot event whose
 * hash recomputes and that the file's fields name, or the two differ), `not_found` (no ballot
 * with its tracking code on the board), `malformed_board`/`broken_chain` (the board is unusable).
 */
export type ReceiptFromBoardFailure = TrackingFailure | 'malformed_proof' | 'malformed_board' | 'broken_chain';

/** Result of {@link parseReceiptFromBoard}. */
export type ReceiptFromBoardParse =
  | { readonly ok: true; readonly proof: ReceiptFromBoard }
  | Refusal<'malformed_proof' | 'malformed_event' | 'event_mismatch'>;

/**
 * Read an untrusted receipt-from-board file (parsed JSON) on its own: the strict form, and
 * its fields those of its event ({@link checkTrackingEvent}: a ballot event whose hash
 * recomputes, at `position`, equal to `boardHead` and `receivedAt`, with its contest and
 * tracking code). This says nothing of the board yet; see {@link checkReceiptFromBoard}.
 * Never throws.
 * @example const r = parseReceiptFromBoard(JSON.parse(text)); if (r.ok && r.proof.electionId === id) …
 */
export function parseReceiptFromBoard(value: unknown): ReceiptFromBoardParse {
  const parsed = ReceiptFromBoardSchema.safeParse(value);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { ok: false, reason: 'malformed_proof', detail: `${i.path.join('.') || 'file'}: ${i.message}` };
  }
  const own = checkTrackingEvent(parsed.data.event, parsed.data);
  if (!own.ok) return { ok: false, reason: own.reason === 'not_found' ? 'malformed_event' : own.reason, detail: `the file's event: ${own.detail}` };
  return { ok: true, proof: parsed.data as ReceiptFromBoard };
}

/** Result of {@link checkReceiptFromBoard}: the board's event, identical to the file's. */
export type ReceiptFromBoardCheck =
  | { readonly ok: true; readonly proof: ReceiptFromBoard; readonly event: BoardEvent<'ballot'> }
  | Refusal<ReceiptFromBoardFailure>;

/**
 * Re-check a receipt from the board (untrusted, parsed JSON) against the live board of its
 * election, since it carries no server signature and its worth is the event alone: the file
 * read by {@link parseReceiptFromBoard}; the ballot with its tracking code found on the board
 * and checked against the file's fields ({@link findTrackingCode}: its hash, recomputed,
 * is the file's `boardHead`, so it is the file's event); then the whole board read
 * anonymously and chain-checked ({@link fetchBoard}), holding that same event (canonical
 * JSON) at `position`, so that the event's hash is a link of the chain every auditor
 * checks, not only a hash that recomputes — the tracking route alone could serve an event
 * that is on no chain.
 * @throws ApiError when the board cannot be read
 * @example const r = await checkReceiptFromBoard(publicApi, JSON.parse(text)); if (r.ok) show(r.event.seq);
 */
export async function checkReceiptFromBoard(publicApi: ApiClient, proof: unknown, pageSize: number = BOARD_PAGE): Promise<ReceiptFromBoardCheck> {
  const read = parseReceiptFromBoard(proof);
  if (!read.ok) return read;
  const p = read.proof;
  // Both hashes recompute and equal boardHead, so the board's event is the file's, byte for byte.
  const found = await findTrackingCode(publicApi.anonymous(), p.electionId, p.trackingCode, p);
  if (!found.ok) return found;
  // The chain-checked board's event at `position` hashes to boardHead too: the file's event is a link of the chain.
  const onBoard = await checkReceiptOnBoard(publicApi, p, pageSize);
  if (!onBoard.ok) {
    return onBoard.reason === 'malformed_board' || onBoard.reason === 'broken_chain' ? onBoard
      : { ok: false, reason: 'event_mismatch', detail: `the chain-checked board does not hold the file's event at position ${p.position} (${onBoard.detail})` };
  }
  return { ok: true, proof: p, event: found.event };
}

// ---- the receipt after the close ----

/** Result of {@link checkReceiptOnBoard}: the receipt's event in the chain-checked board, and whether the board is closed. */
export type ReceiptOnBoard =
  | { readonly ok: true; readonly event: BoardEvent<'ballot'>; readonly closed: boolean }
  | Refusal<TrackingFailure | 'malformed_board' | 'broken_chain'>;

/**
 * Re-check a kept receipt (signed, or from the board) against the whole live board, read
 * anonymously and chain-checked ({@link fetchBoard}): the event at the receipt's
 * `position` is its ballot ({@link checkTrackingEvent}: tracking code, contest, time, and
 * hash equal to the receipt's `boardHead`), so the board the receipt saw is still a prefix
 * of this one. A ballot removed or the board rewritten before it fails here, even if every
 * hash of the new board recomputes. `closed`: the board holds a `close` event after it, so
 * the ballot can no longer be dropped without this check failing for good.
 * @throws ApiError when the board cannot be read
 * @example const r = await checkReceiptOnBoard(publicApi, receipt); if (!r.ok) warn(r.reason);
 */
export async function checkReceiptOnBoard(publicApi: ApiClient, receipt: ReceiptBody, pageSize: number = BOARD_PAGE): Promise<ReceiptOnBoard> {
  const board = await fetchBoard(publicApi.anonymous(), receipt.electionId, pageSize);
  if (!board.ok) return board;
  const at = board.events[receipt.position];
  if (at === undefined) return { ok: false, reason: 'not_found', detail: `the board has no event at position ${receipt.position}` };
  const r = checkTrackingEvent(at, receipt);
  if (!r.ok) return r;
  return { ok: true, event: r.event, closed: board.events.some((e) => e.kind === 'close' && e.seq > receipt.position) };
}
