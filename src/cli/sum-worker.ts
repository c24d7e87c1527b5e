/**
 * A worker thread of the ballot-sum pool (sum-pool.ts): it sums the rows it is given with
 * the libsodium in-thread summer (sodium-summer.ts) and answers with its partial sums as JSON.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { type BallotRow, type BallotSummer, ballotSumsToJSON } from '../record/ballot-sums.js';
import { sodiumSummer } from './sodium-summer.js';

/** Messages from the pool. */
export type ToSumWorker =
  | { readonly type: 'init'; readonly contests: readonly (readonly [string, number])[] }
  | { readonly type: 'rows'; readonly rows: readonly BallotRow[] }
  | { readonly type: 'finish' };

/** Messages to the pool: each `rows` message is acknowledged with its row count. */
export type FromSumWorker =
  | { readonly type: 'ack'; readonly rows: number }
  | { readonly type: 'totals'; readonly sums: ReturnType<typeof ballotSumsToJSON> }
  | { readonly type: 'refused'; readonly label: string; readonly detail: string };

const port = parentPort;
if (port === null) throw new Error('sum-worker.ts runs only as a worker thread');

let summer: BallotSummer | undefined;
port.on('message', (msg: ToSumWorker) => {
  if (msg.type === 'init') {
    summer = sodiumSummer(new Map(msg.contests));
  } else if (msg.type === 'rows') {
    // Acknowledged once summed: the pool's bound on outstanding rows counts on it.
    void Promise.resolve(summer!.add(msg.rows)).then(() => port.postMessage({ type: 'ack', rows: msg.rows.length } satisfies FromSumWorker));
  } else {
    void summer!.totals().then((r) => port.postMessage((r.ok
      ? { type: 'totals', sums: ballotSumsToJSON(r.sums) }
      : { type: 'refused', label: r.label, detail: r.detail }) satisfies FromSumWorker));
  }
});
