/**
 * The server's cast pool: worker threads, one per core by default, that check batches of
 * casts' proofs (cast-worker.ts) while the event loop answers reads. It is a
 * `CastProofRunner` for domain/cast-queue.ts, which hands each free worker one batch at a
 * time. A worker that dies is replaced; the batch it held is refused (the casts get a 500
 * and may be sent again: nothing was stored).
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { CastProofRunner } from '../domain/cast-queue.js';
import type { CastProofItem, CastProofVerdict } from '../record/cast-proofs.js';
import type { CastBatchAnswer, CastBatchRequest } from './cast-worker.js';

/**
 * Start a worker on `file` (a sibling module, named without extension), through tsx's
 * loader when running from TypeScript source: worker threads do not inherit it, so the
 * worker registers it before importing the file (as verify-pool.ts does).
 */
function startWorker(name: string): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const file = new URL(`./${name}.ts`, here).href;
    const api = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
  }
  return new Worker(new URL(`./${name}.js`, here));
}

/**
 * The workers' largest batch. Their libsodium path multiplies each term on its own, so a
 * batch saves little per ballot (≈ 3 %: 8.7 ms alone, 8.45 ms in a batch of 8, 8.7 ms in
 * one of 64, on a 4-candidate ballot), while every cast of a batch waits for the whole
 * batch. At the default bound of 128, a worker freed while the other was busy could take
 * every waiting cast (up to 31 of 32 clients'): p99 899 ms; bounded at 8, 503 ms at the
 * same throughput (`npm run bench:cast -- --db postgres --ballots 2000 --clients 32
 * --no-flood`). At 4 the casts' writes grouped less and throughput fell 11 %.
 */
export const WORKER_MAX_BATCH = 8;

interface Slot {
  worker: Worker;
  job?: { id: number; resolve(v: CastProofVerdict[]): void; reject(e: unknown): void };
}

/**
 * A runner of `workers` worker threads (at least 1), started now and kept until `close`.
 * @throws RangeError if `workers` is not a positive integer
 * @example const castProofs = batchingChecker(workerCastRunner(availableParallelism()));
 */
export function workerCastRunner(workers: number): CastProofRunner {
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`"workers" expected a positive integer, got ${workers}`);
  let nextId = 0;
  let closing = false;
  const slots: Slot[] = [];

  const start = (slot: Slot) => {
    const worker = startWorker('cast-worker');
    slot.worker = worker;
    worker.on('message', (m: CastBatchAnswer) => {
      const job = slot.job;
      if (job === undefined || job.id !== m.id) return;
      slot.job = undefined;
      if ('error' in m) job.reject(new Error(`cast worker: ${m.error}`));
      else job.resolve(m.verdicts);
    });
    const lost = (why: string) => {
      if (slot.worker !== worker) return;
      const job = slot.job;
      slot.job = undefined;
      job?.reject(new Error(`cast worker ${why}`));
      if (!closing) start(slot);
    };
    worker.on('error', (e) => lost(`failed: ${e.message}`));
    worker.on('exit', (code) => lost(`exited with code ${code}`));
    // An idle worker does not keep the process alive.
    worker.unref();
  };
  for (let i = 0; i < workers; i++) {
    const slot = {} as Slot;
    start(slot);
    slots.push(slot);
  }

  return {
    slots: workers,
    maxBatch: WORKER_MAX_BATCH,
    run(items: readonly CastProofItem[], exact: boolean) {
      const slot = slots.find((s) => s.job === undefined);
      if (closing) return Promise.reject(new Error('the cast pool is closed'));
      // The queue never runs more batches than there are slots.
      if (slot === undefined) return Promise.reject(new Error('every cast worker is busy'));
      const id = nextId++;
      const { worker } = slot;
      return new Promise<CastProofVerdict[]>((resolve, reject) => {
        slot.job = { id, resolve, reject };
        worker.ref();
        worker.postMessage({ id, items, exact } satisfies CastBatchRequest);
      }).finally(() => worker.unref());
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
