/**
 * One core of the side-by-side ballot bench (bench-verify-setup.ts): on request, runs
 * one side over all the record's ballots `rounds` times and answers when done.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ballotBench } from './bench-verify-setup.js';

export type BenchRequest = { readonly side: 'ours' | 'reference'; readonly rounds: number };
export type BenchAnswer = { readonly type: 'ready' } | { readonly type: 'done'; readonly passed: number };

const bench = await ballotBench((workerData as { path: string }).path);
parentPort!.on('message', async (m: BenchRequest) => {
  let passed = 0;
  for (let r = 0; r < m.rounds; r++) passed += m.side === 'ours' ? await bench.ours(bench.texts) : bench.reference(bench.texts);
  parentPort!.postMessage({ type: 'done', passed } satisfies BenchAnswer);
});
parentPort!.postMessage({ type: 'ready' } satisfies BenchAnswer);
