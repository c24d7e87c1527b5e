/**
 * Seat allocation (docs/voting-protocol.md "Close, tally, results"). Candidates are ranked
 * by votes, descending; ties are broken by a public lot,
 *
 * ```
 * lot(candidate) = Transcript('anfora/v1/tie-break')
 *                    .bytes(closeEventHash).string(contestId).string(candidateId).digest()
 * ```
 *
 * ascending (bytes compared lexicographically), where `closeEventHash` is the hash of the
 * board's `close` event: fixed before anyone can see the counts, and recomputable by
 * anyone. Titulars are the first `seats` of the ranking, alternates the next
 * `alternates`; with fewer candidates, the lists are shorter. The rule does not exclude
 * candidates with zero votes.
 * @module
 */
import { fromHex, toHex } from '../crypto/group.js';
import { TAGS, Transcript } from '../crypto/transcript.js';
import { assertId } from './ids.js';

/** What {@link allocateSeats} needs for one contest (candidates in ciphertext order). */
export interface SeatInput {
  readonly contestId: string;
  readonly candidates: readonly { readonly id: string }[];
  /** votes[i] is candidate i's count (the decrypted tally). */
  readonly votes: readonly number[];
  readonly seats: number;
  readonly alternates: number;
  /** Hash of the board's `close` event: 32 bytes, or their lower-case hex. */
  readonly closeEventHash: string | Uint8Array;
}

/** The result of one contest, as in the `result` board event and `GET /results`. */
export interface SeatAllocation {
  /** Per candidate, in manifest order. */
  readonly counts: readonly { readonly candidateId: string; readonly votes: number }[];
  /** All candidates, best first. */
  readonly ranking: readonly string[];
  readonly titulars: readonly string[];
  readonly alternates: readonly string[];
  /** The close event hash that seeded the lots (hex). */
  readonly tieBreak: string;
  /** Each candidate's lot (hex), in manifest order. */
  readonly lots: readonly { readonly candidateId: string; readonly lot: string }[];
}

function assertCount(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new RangeError(`"${name}" expected a non-negative integer, got ${String(v)}`);
}

/**
 * Candidate `candidateId`'s tie-break lot in `contestId` (see the module comment).
 * @throws TypeError/RangeError on a hash that is not 32 bytes or a bad id
 * @example tieBreakLot(closeEvent.hash, 'board', 'cand-1')
 */
export function tieBreakLot(closeEventHash: string | Uint8Array, contestId: string, candidateId: string): Uint8Array {
  if (typeof closeEventHash === 'string' && !/^[0-9a-f]{64}$/.test(closeEventHash)) {
    throw new RangeError(`"closeEventHash" expected 32 bytes of lower-case hex, got ${closeEventHash}`);
  }
  const h = typeof closeEventHash === 'string' ? fromHex(closeEventHash) : closeEventHash;
  if (!(h instanceof Uint8Array)) throw new TypeError(`"closeEventHash" expected hex or Uint8Array, got ${typeof closeEventHash}`);
  if (h.length !== 32) throw new RangeError(`"closeEventHash" expected 32 bytes, got ${h.length}`);
  assertId('contestId', contestId);
  assertId('candidateId', candidateId);
  return new Transcript(TAGS.tieBreak).bytes(h).string(contestId).string(candidateId).digest();
}

/** Lexicographic byte order. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Rank a contest's candidates and allocate titular and alternate seats (see the module
 * comment). Deterministic: anyone with the counts and the close event hash gets the same.
 * @throws TypeError/RangeError on inputs of the wrong shape (lengths differ, negative or
 *   non-integer votes, repeated candidate ids, a bad hash) — they are the caller's own
 * @example allocateSeats({ contestId: 'board', candidates, votes: [3, 5, 3], seats: 1, alternates: 1, closeEventHash })
 */
export function allocateSeats(input: SeatInput): SeatAllocation {
  const { contestId, candidates, votes, seats, alternates, closeEventHash } = input;
  if (!Array.isArray(candidates) || !Array.isArray(votes)) throw new TypeError('"candidates" and "votes" expected arrays');
  if (votes.length !== candidates.length) {
    throw new RangeError(`"votes" expected ${candidates.length} counts (one per candidate), got ${votes.length}`);
  }
  votes.forEach((v, i) => assertCount(`votes[${i}]`, v));
  assertCount('seats', seats);
  assertCount('alternates', alternates);
  const ids = candidates.map((c) => c.id);
  if (new Set(ids).size !== ids.length) throw new RangeError('"candidates" expected distinct ids');
  const lots = ids.map((id) => tieBreakLot(closeEventHash, contestId, id));
  const order = ids.map((_, i) => i).sort((i, j) => votes[j]! - votes[i]! || compareBytes(lots[i]!, lots[j]!));
  const ranking = order.map((i) => ids[i]!);
  return Object.freeze({
    counts: Object.freeze(ids.map((candidateId, i) => Object.freeze({ candidateId, votes: votes[i]! }))),
    ranking: Object.freeze(ranking),
    titulars: Object.freeze(ranking.slice(0, seats)),
    alternates: Object.freeze(ranking.slice(seats, seats + alternates)),
    tieBreak: typeof closeEventHash === 'string' ? closeEventHash : toHex(closeEventHash),
    lots: Object.freeze(ids.map((candidateId, i) => Object.freeze({ candidateId, lot: toHex(lots[i]!) }))),
  });
}
