/**
 * Casts arriving together are checked together. Each cast's costly part (a
 * `CastProofItem`, record/cast-proofs.ts) waits in a queue; whenever a runner slot is free
 * (one per worker thread, or one in this thread) the waiting items go out as one batch,
 * split evenly over the free slots, at most `maxBatch` each. Under no load a cast goes
 * out alone at once; under load the batches grow up to the runner's `maxBatch`: as large
 * as its engine gains from (the noble fold, crypto/batch.ts: ≈ 4.6 ms per ballot in a
 * batch of 128 against 26 ms alone), and no larger, since every cast of a batch waits for
 * the whole batch.
 *
 * A batch whose fold fails is bisected inside the runner, so its good ballots pass in the
 * same answer; each ballot found bad is then checked alone (`exact`) to name its failing
 * proof, after the good ones were answered.
 * @module
 */
import { verifyBallotSignatureNode } from '../crypto/ballot-signature-node.js';
import { type CastProofItem, type CastProofVerdict, checkCastProofs } from '../record/cast-proofs.js';
import type { CastProofChecker } from './ports.js';

/** Runs batches: in this thread, or in worker threads (src/cli/cast-pool.ts). */
export interface CastProofRunner {
  /** How many batches may run at once. */
  readonly slots: number;
  /** The largest batch worth making for this runner's engine; default {@link MAX_BATCH}. */
  readonly maxBatch?: number;
  run(items: readonly CastProofItem[], exact: boolean): Promise<CastProofVerdict[]>;
  close(): Promise<void>;
}

/** The default largest batch: where the noble fold's cost per ballot levels off. */
export const MAX_BATCH = 128;

interface Waiting {
  readonly item: CastProofItem;
  readonly exact: boolean;
  resolve(v: CastProofVerdict): void;
  reject(e: unknown): void;
}

/**
 * A checker that batches the casts waiting for `runner`, at most `maxBatch` a batch
 * (default: the runner's own, else {@link MAX_BATCH}).
 * @throws RangeError if `maxBatch` is not a positive integer
 * @example const checker = batchingChecker(inThreadRunner()); const v = await checker.check(item);
 */
export function batchingChecker(runner: CastProofRunner, maxBatch = runner.maxBatch ?? MAX_BATCH): CastProofChecker {
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`"maxBatch" expected a positive integer, got ${maxBatch}`);
  const queue: Waiting[] = [];
  let running = 0;
  let scheduled = false;
  let closed = false;

  const dispatch = (batch: Waiting[], exact: boolean) => {
    running++;
    runner.run(batch.map((w) => w.item), exact).then((verdicts) => {
      batch.forEach((w, i) => {
        const v = verdicts[i];
        if (v === undefined) w.reject(new Error('the proof runner answered fewer verdicts than items'));
        // Found bad by the fold: checked again alone, to name the proof, at the head of the queue.
        else if (!v.ok && v.unexplained && !exact) queue.unshift({ ...w, exact: true });
        else w.resolve(v);
      });
    }, (e: unknown) => {
      for (const w of batch) w.reject(e);
    }).finally(() => {
      running--;
      pump();
    });
  };

  // Take what waits, split over the free slots: exact checks one by one, the others folded.
  function pump(): void {
    scheduled = false;
    while (running < runner.slots && queue.length > 0) {
      if (queue[0]!.exact) {
        dispatch([queue.shift()!], true);
        continue;
      }
      const end = queue.findIndex((w) => w.exact);
      const folded = end === -1 ? queue.length : end;
      const size = Math.min(maxBatch, Math.ceil(folded / (runner.slots - running)));
      dispatch(queue.splice(0, size), false);
    }
  }

  return {
    check(item) {
      if (closed) return Promise.reject(new Error('the cast checker is closed'));
      return new Promise<CastProofVerdict>((resolve, reject) => {
        queue.push({ item, exact: false, resolve, reject });
        // Casts parsed in the same turn of the event loop go out in one batch.
        if (!scheduled) {
          scheduled = true;
          setImmediate(pump);
        }
      });
    },
    async close() {
      closed = true;
      for (const w of queue.splice(0)) w.reject(new Error('the cast checker is closed'));
      await runner.close();
    },
  };
}

/**
 * A runner in this thread (one slot): no workers, for tests and small installations. The
 * event loop is busy while a batch is checked.
 * @example const checker = batchingChecker(inThreadRunner());
 */
export function inThreadRunner(): CastProofRunner {
  return {
    slots: 1,
    async run(items, exact) {
      return checkCastProofs(items, { exact, verifySignature: verifyBallotSignatureNode });
    },
    async close() {},
  };
}
