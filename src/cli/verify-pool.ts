/**
 * A `BallotChecker` (src/verify/ballots.ts) that spreads ballots over Node worker threads
 * (DESIGN §5: "verification spreads over worker threads"). The verifier hands it the
 * ballots chunk by chunk as the record streams in, several chunks at a time; each chunk is
 * cut into slices queued for whichever worker is free, so a slow slice does not hold the
 * others, and the slices' batches are merged with `mergeBallotBatches`. The workers start
 * with the first chunk and stay for the whole record; {@link PoolChecker.close} stops
 * them. Node only: the browser-safe core stays in src/verify.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { type BallotBatch, type BallotCheckContext, type BallotChecker, type BallotTask, checkBallots, mergeBallotBatches } from '../verify/ballots.js';
import type { FromWorker, ToWorker } from './verify-worker.js';

/** Ballots per slice: enough for the folded proof check to pay off, small enough to balance. */
const SLICE = 128;

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

/** A ballot checker on worker threads that stay up across calls until closed. */
export type PoolChecker = BallotChecker & {
  /** Stop the workers (pending calls reject). */
  close(): Promise<void>;
};

interface Job {
  readonly context: BallotCheckContext;
  readonly tasks: readonly BallotTask[];
  readonly done: (batch: BallotBatch) => void;
  readonly progress: (n: number) => void;
  readonly fail: (e: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  context: BallotCheckContext | undefined;
  job: Job | undefined;
}

/**
 * A ballot checker running up to `workers` worker threads (at least 1), started at the
 * first call and kept until {@link PoolChecker.close}.
 * @throws RangeError if `workers` is not a positive integer
 * @example const checker = workerBallotChecker(2); try { await verifyRecordStream(src, { ballotChecker: checker }); } finally { await checker.close(); }
 */
export function workerBallotChecker(workers: number): PoolChecker {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`"workers" expected a positive integer, got ${workers}`);
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let broken: Error | undefined;

  const failAll = (e: Error) => {
    broken ??= e;
    for (const s of slots) { s.job?.fail(e); s.job = undefined; }
    for (const j of queue.splice(0)) j.fail(e);
  };
  const pump = () => {
    for (const s of slots) {
      if (s.job !== undefined || queue.length === 0) continue;
      const job = queue.shift()!;
      s.job = job;
      if (s.context !== job.context) {
        s.context = job.context;
        s.worker.postMessage({ type: 'context', context: job.context } satisfies ToWorker);
      }
      s.worker.postMessage({ type: 'tasks', id: 0, tasks: job.tasks } satisfies ToWorker);
    }
  };
  const start = () => {
    while (slots.length < workers) {
      const slot: Slot = { worker: startWorker(), context: undefined, job: undefined };
      slot.worker.on('message', (m: FromWorker) => {
        const job = slot.job;
        if (job === undefined) return;
        if (m.type === 'progress') job.progress(m.done);
        else if (m.type === 'batch') {
          slot.job = undefined;
          job.done(m.batch);
          pump();
        } else {
          slot.job = undefined;
          job.fail(new Error(`worker: ${m.message}`));
          pump();
        }
      });
      slot.worker.on('error', failAll);
      slot.worker.on('exit', (code) => { if (code !== 0) failAll(new Error(`worker exited with code ${code}`)); });
      slots.push(slot);
    }
  };

  const checker = async (context: BallotCheckContext, tasks: readonly BallotTask[], onProgress?: (done: number) => void): Promise<BallotBatch> => {
    if (broken !== undefined) throw broken;
    // With no ballots, the sums still name every contest (zero ciphertexts).
    if (tasks.length === 0) return checkBallots(context, []);
    start();
    const slices: BallotTask[][] = [];
    for (let i = 0; i < tasks.length; i += SLICE) slices.push(tasks.slice(i, i + SLICE));
    const progress = new Array<number>(slices.length).fill(0);
    const report = () => onProgress?.(progress.reduce((a, b) => a + b, 0));
    const batches = await Promise.all(slices.map((slice, k) => new Promise<BallotBatch>((resolve, reject) => {
      queue.push({
        context, tasks: slice, fail: reject,
        progress: (n) => { progress[k] = n; report(); },
        done: (batch) => { progress[k] = slice.length; report(); resolve(batch); },
      });
      pump();
    })));
    return mergeBallotBatches(batches);
  };
  return Object.assign(checker, {
    close: async () => {
      failAll(new Error('the worker pool is closed'));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  });
}
