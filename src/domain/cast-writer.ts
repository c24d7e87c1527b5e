/**
 * Casts whose checks passed are written together (group commit). Each cast needs the
 * election lock for its insert and its board append, so casts would queue on that lock
 * one transaction after another, each with its own round trips for the lock, the last
 * tracking code, the board head, the insert, the append and the commit. Instead, the casts
 * of an election that are ready while a write is under way wait for it, and then go in the
 * next transaction together: the lock is taken once, the last tracking code and the board
 * head are read once (in one statement), the tracking codes and board events are chained
 * in memory, and the ballots and their events are written in one statement each.
 *
 * Each cast stays all-or-nothing: its ballot row and its board event are written in the
 * same transaction, or neither is. A cast whose ballot key was counted since its lookup
 * (or that appears twice in the batch) is refused `token_used` and the batch is written
 * again without it, so the chain never holds a ballot that is not stored. If a batch of
 * several casts fails for another reason than the phase, its casts are written again one
 * by one, so that one cast cannot make the others fail. A receipt is given only after the
 * commit of its cast.
 * @module
 */
import { fromHex, toHex } from '../crypto/group.js';
import { type BoardEvent, appendEvent, ballotPayload, boardTime } from '../record/board.js';
import type { CheckedCastBallot } from '../record/cast-ballot.js';
import { type ReceiptBody, trackingCode } from '../record/tracking.js';
import { requireElectionPhase } from './elections.service.js';
import { DomainError } from './errors.js';
import { requireCastingPhase } from './phases.js';
import type { Repos, Store } from './ports.js';

/** A cast whose token and ballot were checked, ready to be counted. */
export interface CheckedCast {
  /** The body as sent, shape-checked (record/cast-ballot.ts): the board does not check it again. */
  readonly cast: CheckedCastBallot;
  /** The token's ballot key (hex). */
  readonly ballotPublicKey: string;
  /** `contestBallotDigest` of the ballot (hex). */
  readonly digest: string;
}

/** The largest batch written in one transaction (7 parameters a board row: far below PostgreSQL's 65,535). */
export const MAX_WRITE_BATCH = 128;

interface Pending {
  readonly item: CheckedCast;
  resolve(r: ReceiptBody): void;
  reject(e: unknown): void;
}

/** The casts of one election waiting to be written, and whether a write is under way. */
interface Lane {
  readonly waiting: Pending[];
  busy: boolean;
}

// One lane per store and election: a store is one database (one per process, several in tests).
const lanes = new WeakMap<Store, Map<string, Lane>>();

/** Thrown inside a batch's transaction to roll it back when some ballot keys were already used. */
class UsedKeys extends Error {
  constructor(readonly keys: ReadonlySet<string>) {
    super('ballot keys already used');
  }
}

const keyOf = (c: CheckedCast) => `${c.cast.contestId} ${c.ballotPublicKey}`;

/** Write the batch in one transaction; the receipt bodies in order. @throws UsedKeys, DomainError, or a database error */
async function writeBatch(r: Repos, electionId: string, batch: readonly CheckedCast[]): Promise<ReceiptBody[]> {
  requireCastingPhase({ phase: await requireElectionPhase(r, electionId, true) });
  const { lastTrackingCode, head } = await r.ballots.chainEnds(electionId);
  let code = lastTrackingCode === undefined ? null : fromHex(lastTrackingCode);
  let prev: Pick<BoardEvent, 'seq' | 'hash' | 'at'> | null = head ?? null;
  const at = boardTime(head?.at, new Date());
  const rows: Parameters<Repos['ballots']['insertMany']>[0][number][] = [];
  const events: BoardEvent[] = [];
  for (const { cast, ballotPublicKey, digest } of batch) {
    code = trackingCode(code, fromHex(digest), fromHex(ballotPublicKey));
    const trackingHex = toHex(code);
    const event = appendEvent(prev, 'ballot', at, ballotPayload(cast, trackingHex));
    rows.push({ electionId, contestId: cast.contestId, ballotPublicKey, trackingCode: trackingHex, boardSeq: event.seq, body: cast });
    events.push(event);
    prev = event;
  }
  const stored = new Set((await r.ballots.insertMany(rows)).map((s) => `${s.contestId} ${s.ballotPublicKey}`));
  if (stored.size !== batch.length) throw new UsedKeys(new Set(batch.map(keyOf).filter((k) => !stored.has(k))));
  await r.board.insertMany(electionId, events);
  return events.map((e, i) => ({
    electionId, contestId: batch[i]!.cast.contestId, trackingCode: rows[i]!.trackingCode, position: e.seq, boardHead: e.hash, receivedAt: e.at,
  }));
}

/** Write `batch`, settling each of its casts: a receipt body after the commit, or its refusal. */
async function settle(store: Store, electionId: string, batch: Pending[]): Promise<void> {
  let live = batch;
  // The same ballot key twice in one batch: the first is written, the others refused.
  const seen = new Set<string>();
  live = live.filter((p) => {
    const k = keyOf(p.item);
    if (!seen.has(k)) return seen.add(k);
    p.reject(new DomainError('token_used'));
    return false;
  });
  while (live.length > 0) {
    try {
      const receipts = await store.transaction((r) => writeBatch(r, electionId, live.map((p) => p.item)));
      live.forEach((p, i) => p.resolve(receipts[i]!));
      return;
    } catch (e) {
      if (e instanceof UsedKeys) {
        live = live.filter((p) => {
          if (!e.keys.has(keyOf(p.item))) return true;
          p.reject(new DomainError('token_used'));
          return false;
        });
        continue;
      }
      if (live.length > 1 && !(e instanceof DomainError)) {
        for (const p of live) await settle(store, electionId, [p]);
        return;
      }
      for (const p of live) p.reject(e);
      return;
    }
  }
}

async function drain(store: Store, electionId: string, lane: Lane): Promise<void> {
  lane.busy = true;
  try {
    while (lane.waiting.length > 0) await settle(store, electionId, lane.waiting.splice(0, MAX_WRITE_BATCH));
  } finally {
    lane.busy = false;
    lanes.get(store)?.delete(electionId);
  }
}

/**
 * Count a checked cast: it is written with the casts of the same election that are ready
 * at the same time, in one transaction that holds the election lock. Resolves after the
 * commit with the receipt's body (unsigned).
 * @throws DomainError `token_used` (its ballot key was counted meanwhile), `wrong_phase`
 *   (voting closed meanwhile), or a database error (nothing of it was stored)
 * @example const body = await countCast(store, electionId, { cast, ballotPublicKey, digest });
 */
export function countCast(store: Store, electionId: string, item: CheckedCast): Promise<ReceiptBody> {
  let byElection = lanes.get(store);
  if (byElection === undefined) {
    byElection = new Map();
    lanes.set(store, byElection);
  }
  let lane = byElection.get(electionId);
  if (lane === undefined) {
    lane = { waiting: [], busy: false };
    byElection.set(electionId, lane);
  }
  const promise = new Promise<ReceiptBody>((resolve, reject) => lane.waiting.push({ item, resolve, reject }));
  if (!lane.busy) void drain(store, electionId, lane);
  return promise;
}
