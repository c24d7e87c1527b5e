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
 * How a summer adds rows into its running sums: `S` is the sums of one contest, `add`
 * returns `sum` plus one row's ciphertexts (untrusted JSON, one per candidate) and throws
 * (naming the ciphertext) on any it refuses, leaving `sum` as it was. {@link nobleAdder}
 * decodes with noble; the server's and the trustee CLI's adder works on encodings with
 * libsodium (crypto/sodium-sums.ts), refusing the same inputs with the same errors.
 */
export interface CiphertextAdder<S> {
  /** The sums of no ciphertexts, for `n` candidates. */
  zero(n: number): S;
  add(sum: S, cts: readonly unknown[]): S;
  /** The sums as ciphertexts. */
  result(sum: S): Ciphertext[];
}

/** The browser-safe adder: each ciphertext decoded strictly by noble (identity refused), then added. */
export const nobleAdder: CiphertextAdder<Ciphertext[]> = {
  zero: (n) => new Array<Ciphertext>(n).fill(ZERO),
  add(sum, cts) {
    // Array.from visits a sparse array's holes (as undefined, refused), where map would skip them.
    const decoded = Array.from(cts, (c, i) => ciphertextFromJSON(c as CiphertextJSON, `selections[${i}].ciphertext`));
    return sum.map((acc, i) => addCiphertexts(acc, decoded[i]!));
  },
  result: (sum) => sum,
};

/**
 * A summer factory whose summers add each row as it is added, in this thread, with `adder`
 * (once `ready` has settled, if given: `add` then returns a promise, and rows are still
 * added in the order given). After the first bad row (unknown contest, wrong number of
 * ciphertexts, a ciphertext the adder refuses) a summer ignores the rest and `totals` names
 * that row.
 * @example const sodiumSummer = summerWith(sodiumAdder, sodiumReady);
 */
export function summerWith<S>(adder: CiphertextAdder<S>, ready?: Promise<unknown>): SummerFactory {
  return (contests) => {
    const sums = new Map([...contests].map(([id, n]) => [id, { ballots: 0, n, sum: adder.zero(n) }]));
    let failure: { ok: false; label: string; detail: string } | undefined;
    const addRows = (rows: readonly BallotRow[]): void => {
      for (const row of rows) {
        if (failure) return;
        const s = sums.get(row.contestId);
        const cts = row.ciphertexts;
        if (s === undefined) {
          failure = { ok: false, label: row.label, detail: `unknown contest ${String(row.contestId)}` };
        } else if (!Array.isArray(cts) || cts.length !== s.n) {
          failure = { ok: false, label: row.label, detail: `expected ${s.n} ciphertexts, one per candidate` };
        } else {
          try {
            s.sum = adder.add(s.sum, cts);
            s.ballots++;
          } catch (e) {
            failure = { ok: false, label: row.label, detail: e instanceof Error ? e.message : String(e) };
          }
        }
      }
    };
    const totals = (): SumResult => failure
      ?? { ok: true, sums: new Map([...sums].map(([id, s]) => [id, { ballots: s.ballots, tally: adder.result(s.sum) }])) };
    if (ready === undefined) return { add: addRows, totals: async () => totals() };
    // Each call waits for the one before: rows are added in order, and totals after them.
    let queue: Promise<unknown> = ready;
    return {
      add: (rows) => (queue = queue.then(() => addRows(rows))) as Promise<void>,
      totals: async () => { await queue; return totals(); },
    };
  };
}

/**
 * A summer that decodes (noble) and adds each row as it is added, in this thread. After
 * the first bad row (unknown contest, wrong number of ciphertexts, a non-canonical or
 * identity point) it ignores the rest and `totals` names that row.
 * @example const s = sumInThread(new Map([[contestId, 5]])); s.add(rows); const r = await s.totals();
 */
export const sumInThread: SummerFactory = summerWith(nobleAdder);
