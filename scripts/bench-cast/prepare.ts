/**
 * Before the cast benchmark's timed phase, untimed: every association's ballot prepared
 * (its token over HTTP, then its encryption) in worker threads (./prepare-worker.ts),
 * while the contest's two issuers sign in the background.
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ApiClient } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { type IssuerLogBook, issueOnce, issuerView, postIssuerLog, signedIssuerLog } from '../../src/client/issuer.js';
import { fetchManifest } from '../../src/client/manifest.js';
import { bar } from './load.js';
import type { FromWorker, PrepareJob, ToWorker } from './prepare-worker.js';
import type { BenchElection } from './setup.js';

/** Jobs per message to a worker: small enough to balance and to move the progress bar. */
const SLICE = 25;

function startWorker(): Worker {
  const here = import.meta.url;
  // Worker threads do not inherit tsx's loader: register it in the worker, then load the file.
  const file = new URL('./prepare-worker.ts', here).href;
  const api = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
}

/** Prepared ballots: the cast requests' JSON texts in job order, and where the workers' time went. */
export interface Prepared {
  readonly bodies: string[];
  /** Summed over ballots, ms: waiting for the tokens (requests overlap, several per worker), and encrypting. */
  readonly tokenWaitMs: number;
  readonly encryptMs: number;
}

/** Obtain every association's token and encrypt its ballot in one worker per core. */
export async function prepareBallots(baseUrl: string, e: BenchElection, jobs: readonly PrepareJob[]): Promise<Prepared> {
  const slices: PrepareJob[][] = [];
  for (let i = 0; i < jobs.length; i += SLICE) slices.push(jobs.slice(i, i + SLICE));
  const out = new Array<string[]>(slices.length);
  const pool = Array.from({ length: Math.max(1, Math.min(availableParallelism(), slices.length)) }, startWorker);
  const progress = bar('tokens + encryption', jobs.length);
  let tokenWaitMs = 0;
  let encryptMs = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      const give = (w: Worker) => {
        if (next < slices.length) {
          const id = next++;
          w.postMessage({ type: 'jobs', id, jobs: slices[id]! } satisfies ToWorker);
        }
      };
      for (const w of pool) {
        w.on('message', (m: FromWorker) => {
          if (m.type === 'ready') give(w);
          else if (m.type === 'done') {
            out[m.id] = [...m.bodies];
            tokenWaitMs += m.tokenMs;
            encryptMs += m.encryptMs;
            progress.increment(m.bodies.length);
            if (++finished === slices.length) resolve();
            else give(w);
          } else reject(new Error(`prepare worker: ${m.message}`));
        });
        w.on('error', reject);
        w.postMessage({ type: 'start', baseUrl, electionId: e.electionId, contestId: e.contestId } satisfies ToWorker);
      }
    });
  } finally {
    progress.stop();
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return { bodies: out.flat(), tokenWaitMs, encryptMs };
}

/**
 * The contest's two issuers (members 0 and 1) answering the relay in the background, as
 * `npm run issuer -- serve` would, each with its own key and log book, until `stop` is
 * called; then each posts its signed log (the close waits for them). Returns `stop`.
 * Each issuer runs its own loop, the two side by side: sign what waits (up to 500 a
 * batch, posted together), and when nothing does, a long poll that answers as soon as a
 * request arrives (or after `waitS`), as the CLI's does.
 */
export function serveBenchIssuers(baseUrl: string, e: BenchElection, waitS = 1): () => Promise<void> {
  let stopped = false;
  const books: IssuerLogBook[] = e.issuers.map(() => new Map());
  const running = (async () => {
    const loaded = await fetchManifest(new ApiClient({ baseUrl }), e.electionId);
    if (!loaded.ok) throw new Error(`manifest refused: ${loaded.reason} ${loaded.detail}`);
    const board = await fetchBoard(new ApiClient({ baseUrl }), e.electionId);
    if (!board.ok) throw new Error(`board refused: ${board.reason}`);
    const view = issuerView(loaded.decoded, board.events);
    await Promise.all(e.issuers.map(async (x, j) => {
      const api = new ApiClient({ baseUrl, token: e.members[j]! });
      for (;;) {
        const finishing = stopped;
        const b = await issueOnce(api, view, x.memberId, new Map([[e.contestId, x.key]]), books[j]!, 500);
        if (b.refused.length > 0) throw new Error(`issuer ${x.memberId} refused ${b.refused.length} requests: ${b.refused[0]!.reason}`);
        if (b.signed > 0) continue;
        // Nothing was waiting when the last pass began after `stop`: every request is answered.
        if (finishing) break;
        if (!stopped) await api.post('/issuance/pending', { electionId: e.electionId, limit: 1, wait: waitS, seen: 0 });
      }
    }));
  })();
  return async () => {
    stopped = true;
    await running;
    for (const [j, x] of e.issuers.entries()) {
      const log = signedIssuerLog(e.electionId, e.contestId, x.memberId, x.key, books[j]!, e.memberKeys[j]!);
      await postIssuerLog(new ApiClient({ baseUrl, token: e.members[j]! }), log);
    }
  };
}
