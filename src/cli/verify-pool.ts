/**
 * A `BallotChecker` (src/verify/ballots.ts) that spreads the ballots of a record over
 * Node worker threads (DESIGN §5: "verification spreads over worker threads"). The
 * tasks are cut into slices handed to whichever worker is free, so a slow slice does not
 * hold the others; the slices' batches are merged with `mergeBallotBatches`. Node only:
 * the browser-safe core stays in src/verify.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { type BallotBatch, type BallotCheckContext, type BallotChecker, type BallotTask, checkBallots, mergeBallotBatches } from '../verify/ballots.js';
import type { FromWorker, ToWorker } from './verify-worker.js';

/** Ballots per slice: enough for the folded proof check to pay off, small enough to balance. */
const SLICE = 100;

/** Start a worker on verify-worker.ts, through tsx's loader when running from TypeScript source. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Worker threads do not inherit tsx's loader: register it in the worker, then load the file.
    const file = new URL('./verify-worker.ts', here).href;
    const api = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
  }
  return new Worker(new URL('./verify-worker.js', here));
}

/**
 * A ballot checker running `workers` worker threads (at least 1) for each call; they
 * are stopped when the call returns.
 * @throws RangeError if `workers` is not a positive integer
 * @example await verifyRecord(record, { ballotChecker: workerBallotChecker(availableParallelism()) })
 */
export function workerBallotChecker(workers: number): BallotChecker {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`"workers" expected a positive integer, got ${workers}`);
  return async (context: BallotCheckContext, tasks: readonly BallotTask[], onProgress?: (done: number) => void): Promise<BallotBatch> => {
    const slices: BallotTask[][] = [];
    for (let i = 0; i < tasks.length; i += SLICE) slices.push(tasks.slice(i, i + SLICE));
    const pool = Array.from({ length: Math.max(1, Math.min(workers, slices.length)) }, startWorker);
    const batches: BallotBatch[] = [];
    const progress = new Map<number, number>();
    const report = () => onProgress?.([...progress.values()].reduce((a, b) => a + b, 0));
    try {
      await new Promise<void>((resolve, reject) => {
        let next = 0;
        let finished = 0;
        const give = (w: Worker) => {
          if (next >= slices.length) return;
          const id = next++;
          w.postMessage({ type: 'tasks', id, tasks: slices[id]! } satisfies ToWorker);
        };
        if (slices.length === 0) { resolve(); return; }
        for (const w of pool) {
          w.on('message', (m: FromWorker) => {
            if (m.type === 'progress') {
              progress.set(m.id, m.done);
              report();
            } else if (m.type === 'batch') {
              batches.push(m.batch);
              progress.set(m.id, slices[m.id]!.length);
              report();
              if (++finished === slices.length) resolve();
              else give(w);
            } else {
              reject(new Error(`worker: ${m.message}`));
            }
          });
          w.on('error', reject);
          w.on('exit', (code) => { if (finished < slices.length && code !== 0) reject(new Error(`worker exited with code ${code}`)); });
          w.postMessage({ type: 'context', context } satisfies ToWorker);
          give(w);
        }
      });
    } finally {
      await Promise.all(pool.map((w) => w.terminate()));
    }
    // With no ballots, the sums still name every contest (zero ciphertexts).
    return batches.length === 0 ? checkBallots(context, []) : mergeBallotBatches(batches);
  };
}
