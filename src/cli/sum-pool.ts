/**
 * A {@link SummerFactory} that adds ballots' ciphertexts in Node worker threads, with
 * libsodium (sodium-summer.ts), for the server's close and the trustee's check of a large
 * board: the points' decoding (≈ 10 a ballot) is most of the cost of the sum, and it
 * divides over the cores while the caller reads and parses the next page. Rows go to the worker
 * with the fewest outstanding; `add` waits while too many are outstanding, so memory stays
 * bounded. A small election is summed in the caller's thread. Node only: the browser-safe summer is record/ballot-sums.ts's `sumInThread`.
 * @module
 */
import { Worker } from 'node:worker_threads';
import {
  type BallotRow, type BallotSummer, type ContestShapes, type SumResult, type SummerFactory, ballotSumsFromJSON, emptyBallotSums,
  mergeBallotSums,
} from '../record/ballot-sums.js';
import { sodiumSummer } from './sodium-summer.js';
import type { FromSumWorker, ToSumWorker } from './sum-worker.js';

/** Rows outstanding (sent, not yet summed) per worker before `add` waits. */
const OUTSTANDING = 4000;

/** Start a worker on sum-worker.ts, through tsx's loader when running from TypeScript source. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Worker threads do not inherit tsx's loader: register it in the worker, then load the file.
    const file = new URL('./sum-worker.ts', here).href;
    const api = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
  }
  return new Worker(new URL('./sum-worker.js', here));
}

interface Pool {
  add(rows: readonly BallotRow[]): Promise<void>;
  totals(): Promise<SumResult>;
}

function startPool(contests: ContestShapes, workers: number): Pool {
  const pool = Array.from({ length: workers }, () => ({ worker: startWorker(), outstanding: 0 }));
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  const results: Promise<SumResult>[] = pool.map((w) => new Promise<SumResult>((resolve, reject) => {
    w.worker.on('message', (m: FromSumWorker) => {
      if (m.type === 'ack') {
        w.outstanding -= m.rows;
        wake?.();
      } else if (m.type === 'totals') resolve({ ok: true, sums: ballotSumsFromJSON(m.sums) });
      else resolve({ ok: false, label: m.label, detail: m.detail });
    });
    w.worker.on('error', (e) => { failed = e; wake?.(); reject(e); });
    w.worker.postMessage({ type: 'init', contests: [...contests] } satisfies ToSumWorker);
  }));
  // A rejection is reported by `totals`; until then it must not count as unhandled.
  for (const r of results) r.catch(() => {});
  const total = () => pool.reduce((a, w) => a + w.outstanding, 0);
  return {
    async add(rows) {
      while (failed === undefined && total() >= OUTSTANDING * pool.length) await new Promise<void>((r) => { wake = r; });
      if (failed !== undefined || rows.length === 0) return;
      const w = pool.reduce((a, b) => (b.outstanding < a.outstanding ? b : a));
      w.outstanding += rows.length;
      w.worker.postMessage({ type: 'rows', rows } satisfies ToSumWorker);
    },
    async totals() {
      try {
        for (const w of pool) w.worker.postMessage({ type: 'finish' } satisfies ToSumWorker);
        const parts = await Promise.all(results);
        const sums = emptyBallotSums(contests);
        for (const p of parts) {
          if (!p.ok) return p;
          mergeBallotSums(sums, p.sums);
        }
        return { ok: true, sums };
      } finally {
        await Promise.all(pool.map((w) => w.worker.terminate()));
      }
    },
  };
}

/**
 * A summer factory whose summers sum their first `inThreadUpTo` rows in this thread
 * (starting workers costs more than a small election's sum) and the rest in `workers`
 * worker threads (at least 1), stopped when `totals` has answered.
 * @throws RangeError if `workers` is not a positive integer or `inThreadUpTo` is negative
 * @example useBallotSummer(workerSummer(availableParallelism()))
 */
export function workerSummer(workers: number, inThreadUpTo = 2000): SummerFactory {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`"workers" expected a positive integer, got ${workers}`);
  if (!Number.isInteger(inThreadUpTo) || inThreadUpTo < 0) throw new RangeError(`"inThreadUpTo" expected a non-negative integer, got ${inThreadUpTo}`);
  return (contests: ContestShapes): BallotSummer => {
    const local = sodiumSummer(contests);
    let kept = 0;
    let pool: Pool | undefined;
    return {
      async add(rows) {
        if (pool === undefined && kept + rows.length <= inThreadUpTo) {
          kept += rows.length;
          return local.add(rows);
        }
        pool ??= startPool(contests, workers);
        return pool.add(rows);
      },
      async totals() {
        const [mine, theirs] = await Promise.all([local.totals(), pool?.totals()]);
        // The rows summed here came first: a failure among them is the first one.
        if (!mine.ok || theirs === undefined) return mine;
        if (!theirs.ok) return theirs;
        mergeBallotSums(mine.sums, theirs.sums);
        return mine;
      },
    };
  };
}
