/**
 * The encrypted tally's sums (ElectionGuard 2.0 §3.4.2): per contest, candidate by
 * candidate, the sum of the counted ballots' ciphertexts. The server's close and the
 * trustee's check before decrypting both compute it from ballots read page by page; only
 * the ciphertexts are decoded (strictly), since the sum depends on nothing else.
 *
 * A {@link BallotSummer} takes rows as they are read and gives the sums at the end, so
 * that an implementation may decode in worker threads (src/cli/sum-pool.ts) while the
 * caller reads on; {@link sumInThread} is the one that runs in the caller's thread (and
 * in each worker). Decoding a point costs an inverse square root, ≈ 10 of them a ballot:
 * the whole cost of the sum at 100,000 ballots.
 * @module
 */
import { type Ciphertext, type CiphertextJSON, ZERO, addCiphertexts, ciphertextFromJSON, ciphertextToJSON } from '../crypto/elgamal.js';

/** One counted ballot's ciphertexts (untrusted JSON: one `{ alpha, beta }` per candidate). */
export interface BallotRow {
  /** Names the row in a refusal, e.g. `board event 812`. */
  readonly label: string;
  readonly contestId: string;
  readonly ciphertexts: unknown;
}

/** Per contest: how many ballots were summed and the sum per candidate. */
export type BallotSums = Map<string, { ballots: number; tally: Ciphertext[] }>;

/** Result of {@link BallotSummer.totals}: the sums, or the first row that could not be summed. */
export type SumResult =
  | { readonly ok: true; readonly sums: BallotSums }
  | { readonly ok: false; readonly label: string; readonly detail: string };

/** Sums ballots given in any number of {@link BallotSummer.add} calls. */
export interface BallotSummer {
  /**
   * Add rows; never throws (a bad row is reported by `totals`). An implementation that
   * works in the background may return a promise that settles when it can take more.
   */
  add(rows: readonly BallotRow[]): void | Promise<void>;
  /** The sums of every row added (addition is commutative: the order of rows does not matter). */
  totals(): Promise<SumResult>;
}

/** Candidates per contest id: the shape every row must have. */
export type ContestShapes = ReadonlyMap<string, number>;

/** Makes a summer for the contests of one election. */
export type SummerFactory = (contests: ContestShapes) => BallotSummer;

/** Sums → JSON (hex), to carry partial sums between threads. */
export function ballotSumsToJSON(sums: BallotSums): { contestId: string; ballots: number; tally: CiphertextJSON[] }[] {
  return [...sums].map(([contestId, s]) => ({ contestId, ballots: s.ballots, tally: s.tally.map(ciphertextToJSON) }));
}

/**
 * JSON → sums, strictly (a sum may be the identity).
 * @throws DecodeError on a malformed point
 */
export function ballotSumsFromJSON(json: readonly { contestId: string; ballots: number; tally: readonly CiphertextJSON[] }[]): BallotSums {
  return new Map(json.map((s) => [s.contestId, { ballots: s.ballots, tally: s.tally.map((c) => ciphertextFromJSON(c, 'sum', 'sum')) }]));
}

/** Add `more` into `into` (same contests and candidates). */
export function mergeBallotSums(into: BallotSums, more: BallotSums): void {
  for (const [id, s] of more) {
    const acc = into.get(id);
    if (acc === undefined) throw new RangeError(`"more" expected contests of "into", got ${id}`);
    acc.ballots += s.ballots;
    acc.tally = acc.tally.map((c, i) => addCiphertexts(c, s.tally[i]!));
  }
}

/** Zero sums for every contest. */
export function emptyBallotSums(contests: ContestShapes): BallotSums {
  return new Map([...contests].map(([id, n]) => [id, { ballots: 0, tally: new Array<Ciphertext>(n).fill(ZERO) }]));
}

/**
 * A summer that decodes and adds each row as it is added, in this thread. After the first
 * bad row (unknown contest, wrong number of ciphertexts, a non-canonical or identity
 * point) it ignores the rest and `totals` names that row.
 * @example const s = sumInThread(new Map([[contestId, 5]])); s.add(rows); const r = await s.totals();
 */
export function sumInThread(contests: ContestShapes): BallotSummer {
  const sums = emptyBallotSums(contests);
  let failure: { ok: false; label: string; detail: string } | undefined;
  return {
    add(rows) {
      for (const row of rows) {
        if (failure) return;
        const sum = sums.get(row.contestId);
        const cts = row.ciphertexts;
        if (sum === undefined) {
          failure = { ok: false, label: row.label, detail: `unknown contest ${String(row.contestId)}` };
        } else if (!Array.isArray(cts) || cts.length !== sum.tally.length) {
          failure = { ok: false, label: row.label, detail: `expected ${sum.tally.length} ciphertexts, one per candidate` };
        } else {
          try {
            const decoded = cts.map((c, i) => ciphertextFromJSON(c as CiphertextJSON, `selections[${i}].ciphertext`));
            sum.tally = sum.tally.map((acc, i) => addCiphertexts(acc, decoded[i]!));
            sum.ballots++;
          } catch (e) {
            failure = { ok: false, label: row.label, detail: e instanceof Error ? e.message : String(e) };
          }
        }
      }
    },
    async totals() {
      return failure ?? { ok: true, sums };
    },
  };
}
