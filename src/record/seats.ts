/**
 * Seat allocation (docs/voting-protocol.md "Close, tally, results"). Candidates are ranked
 * by votes, descending; ties are broken by a public lot,
 *
 * ```
 * seed           = Transcript('anfora/v1/tie-break-seed')
 *                    .bytes(manifestHash).string(contestId).u32(k).point(D_1)…point(D_k).digest()
 * lot(candidate) = Transcript('anfora/v1/tie-break')
 *                    .bytes(seed).string(contestId).string(candidateId).digest()
 * ```
 *
 * ascending (bytes compared lexicographically), where D_j = s·α_j is the trustees' joint
 * decryption value of candidate j's tally ciphertext (α_j, β_j): the joint secret s applied
 * to the ciphertext's first component. D_j is the same whichever t trustees decrypted
 * (Lagrange interpolation at 0 gives s exactly), nobody knows it before t trustees act,
 * and it is fixed by the ballots at the close; the server writes none of it (unlike the
 * close event's hash, which covers a timestamp the server spells). Anyone recomputes it
 * from the record as D_j = β_j − votes_j·G ({@link decryptionValues}). Titulars are the first `seats` of the ranking, alternates the next
 * `alternates`; with fewer candidates, the lists are shorter. The rule does not exclude
 * candidates with zero votes.
 * @module
 */
import type { Ciphertext } from '../crypto/elgamal.js';
import { G, IDENTITY, type Point, fromHex, mulPublic, toHex } from '../crypto/group.js';
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
  /** The contest's tie-break seed ({@link tieBreakSeed}): 32 bytes, or their lower-case hex. */
  readonly seed: string | Uint8Array;
}

/** The result of one contest, as in the `result` board event and `GET /results`. */
export interface SeatAllocation {
  /** Per candidate, in manifest order. */
  readonly counts: readonly { readonly candidateId: string; readonly votes: number }[];
  /** All candidates, best first. */
  readonly ranking: readonly string[];
  readonly titulars: readonly string[];
  readonly alternates: readonly string[];
  /** The seed of the lots (hex, {@link tieBreakSeed}). */
  readonly tieBreak: string;
  /** Each candidate's lot (hex), in manifest order. */
  readonly lots: readonly { readonly candidateId: string; readonly lot: string }[];
}

function assertCount(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new RangeError(`"${name}" expected a non-negative integer, got ${String(v)}`);
}

function seedBytes(seed: string | Uint8Array, what: string): Uint8Array {
  if (typeof seed === 'string' && !/^[0-9a-f]{64}$/.test(seed)) throw new RangeError(`"${what}" expected 32 bytes of lower-case hex, got ${seed}`);
  const h = typeof seed === 'string' ? fromHex(seed) : seed;
  if (!(h instanceof Uint8Array)) throw new TypeError(`"${what}" expected hex or Uint8Array, got ${typeof seed}`);
  if (h.length !== 32) throw new RangeError(`"${what}" expected 32 bytes, got ${h.length}`);
  return h;
}

/**
 * The joint decryption values D_j = s·α_j of a contest's tally, from public values only:
 * D_j = β_j − votes_j·G. When `votes` are the decrypted counts this is exactly
 * Σ λ_i·M_i over any t valid partial decryptions M_i = x_i·α_j (threshold-decryption.ts).
 * @throws RangeError when the lengths differ or a count is not a non-negative safe integer
 * @example tieBreakSeed(manifestHash, 'board', decryptionValues(tally, [3, 5, 3]))
 */
export function decryptionValues(tally: readonly Ciphertext[], votes: readonly number[]): Point[] {
  if (tally.length !== votes.length) throw new RangeError(`"votes" expected ${tally.length} counts, got ${votes.length}`);
  return tally.map((ct, j) => {
    assertCount(`votes[${j}]`, votes[j]);
    return ct.beta.subtract(votes[j] === 0 ? IDENTITY : mulPublic(G, BigInt(votes[j]!)));
  });
}

/**
 * A contest's tie-break seed (see the module comment) from the manifest hash and the
 * joint decryption values of its tally, in candidate order.
 * @throws TypeError/RangeError on a hash that is not 32 bytes, a bad id or no values
 * @example tieBreakSeed(manifestHash, 'board', decryptionValues(tally, votes))
 */
export function tieBreakSeed(manifestHash: string | Uint8Array, contestId: string, values: readonly Point[]): Uint8Array {
  const h = seedBytes(manifestHash, 'manifestHash');
  assertId('contestId', contestId);
  if (!Array.isArray(values) || values.length === 0) throw new RangeError('"values" expected one decryption value per candidate');
  return new Transcript(TAGS.tieBreakSeed).bytes(h).string(contestId).u32(values.length).points(values).digest();
}

/**
 * Candidate `candidateId`'s tie-break lot in `contestId` (see the module comment).
 * @throws TypeError/RangeError on a seed that is not 32 bytes or a bad id
 * @example tieBreakLot(seed, 'board', 'cand-1')
 */
export function tieBreakLot(seed: string | Uint8Array, contestId: string, candidateId: string): Uint8Array {
  const h = seedBytes(seed, 'seed');
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
 * comment). Deterministic: anyone with the counts and the seed gets the same.
 * @throws TypeError/RangeError on inputs of the wrong shape (lengths differ, negative or
 *   non-integer votes, repeated candidate ids, a bad hash) — they are the caller's own
 * @example allocateSeats({ contestId: 'board', candidates, votes: [3, 5, 3], seats: 1, alternates: 1, seed })
 */
export function allocateSeats(input: SeatInput): SeatAllocation {
  const { contestId, candidates, votes, seats, alternates, seed } = input;
  if (!Array.isArray(candidates) || !Array.isArray(votes)) throw new TypeError('"candidates" and "votes" expected arrays');
  if (votes.length !== candidates.length) {
    throw new RangeError(`"votes" expected ${candidates.length} counts (one per candidate), got ${votes.length}`);
  }
  votes.forEach((v, i) => assertCount(`votes[${i}]`, v));
  assertCount('seats', seats);
  assertCount('alternates', alternates);
  const ids = candidates.map((c) => c.id);
  if (new Set(ids).size !== ids.length) throw new RangeError('"candidates" expected distinct ids');
  const lots = ids.map((id) => tieBreakLot(seed, contestId, id));
  const order = ids.map((_, i) => i).sort((i, j) => votes[j]! - votes[i]! || compareBytes(lots[i]!, lots[j]!));
  const ranking = order.map((i) => ids[i]!);
  return Object.freeze({
    counts: Object.freeze(ids.map((candidateId, i) => Object.freeze({ candidateId, votes: votes[i]! }))),
    ranking: Object.freeze(ranking),
    titulars: Object.freeze(ranking.slice(0, seats)),
    alternates: Object.freeze(ranking.slice(seats, seats + alternates)),
    tieBreak: typeof seed === 'string' ? seed : toHex(seed),
    lots: Object.freeze(ids.map((candidateId, i) => Object.freeze({ candidateId, lot: toHex(lots[i]!) }))),
  });
}
