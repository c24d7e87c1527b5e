/**
 * One core of the libsodium reference in the side-by-side ballot bench
 * (bench-verify-setup.ts): on request, verifies its share of the record's ballot events
 * (every `of`-th from `share`) from their bytes `rounds` times and answers when done.
 * Our side on every core is the CLI's own worker pool (src/cli/verify-pool.ts).
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ballotBench } from './bench-verify-setup.js';

export interface BenchWorkerData { readonly path: string; readonly limit: number; readonly share: number; readonly of: number }
export type BenchRequest = { readonly rounds: number };
export type BenchAnswer = { readonly type: 'ready' } | { readonly type: 'done'; readonly passed: number };

const d = workerData as BenchWorkerData;
const bench = await ballotBench(d.path, d.limit);
const mine = bench.events.filter((_, i) => i % d.of === d.share);
parentPort!.on('message', (m: BenchRequest) => {
  let passed = 0;
  for (let r = 0; r < m.rounds; r++) passed += bench.reference(mine);
  parentPort!.postMessage({ type: 'done', passed } satisfies BenchAnswer);
});
parentPort!.postMessage({ type: 'ready' } satisfies BenchAnswer);
