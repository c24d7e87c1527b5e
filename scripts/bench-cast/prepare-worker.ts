/**
 * A worker thread that prepares ballots before the timed cast: for each association it
 * obtains the voting token over HTTP (its request, signed with the association's key, to
 * the relay; the contest's issuers, run by prepare.ts `serveBenchIssuers`, sign blindly; the
 * client library collects and unblinds) and encrypts its
 * ballot with proofs (≈ 20 ms of CPU each), answering with the cast request's JSON text.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { ApiClient } from '../../src/client/api.js';
import { fetchManifest, type LoadedManifest } from '../../src/client/manifest.js';
import { beginIssuedToken, collectIssuedToken, prepareBallot } from '../../src/client/voter.js';

/**
 * One ballot to prepare: the association's id, access token and signing key (its secret
 * seed, which signs the token request as the association's own device would), and its choices.
 */
export interface PrepareJob {
  readonly associationId: string;
  readonly token: string;
  readonly secretKey: Uint8Array;
  readonly choices: readonly number[];
}

export type ToWorker =
  | { readonly type: 'start'; readonly baseUrl: string; readonly electionId: string; readonly contestId: string }
  | { readonly type: 'jobs'; readonly id: number; readonly jobs: readonly PrepareJob[] };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly bodies: readonly string[]; readonly tokenMs: number; readonly encryptMs: number }
  | { readonly type: 'error'; readonly message: string };

/**
 * Token requests in flight per worker, so that HTTP waits overlap the encryption: each
 * waits for both issuers' signatures (a batch of theirs, then the long poll's answer), so
 * with few in flight the workers idle and the issuers sign in small batches.
 */
const IN_FLIGHT = 16;

const port = parentPort;
if (port === null) throw new Error('prepare-worker.ts runs only as a worker thread');

let setup: { baseUrl: string; contestId: string; loaded: LoadedManifest } | undefined;

/** Time spent so far: waiting for tokens (request to unblinded token), and encrypting (synchronous), ms. */
const spent = { tokenMs: 0, encryptMs: 0 };

async function prepare(job: PrepareJob): Promise<string> {
  const { baseUrl, contestId, loaded } = setup!;
  const t0 = performance.now();
  const attempt = beginIssuedToken(loaded.decoded, contestId, { associationId: job.associationId, secretKey: job.secretKey });
  const got = await collectIssuedToken(new ApiClient({ baseUrl, token: job.token }), loaded.decoded, attempt, { attempts: 24 });
  if (!got.ok) throw new Error(`token refused: ${got.reason} ${got.detail}`);
  const t1 = performance.now();
  const body = JSON.stringify(prepareBallot(loaded.decoded, loaded.hash, contestId, job.choices, { token: got.token, ballotKeys: got.ballotKeys }).body);
  spent.tokenMs += t1 - t0;
  spent.encryptMs += performance.now() - t1;
  return body;
}

port.on('message', (msg: ToWorker) => {
  void (async () => {
    try {
      if (msg.type === 'start') {
        const loaded = await fetchManifest(new ApiClient({ baseUrl: msg.baseUrl }), msg.electionId);
        if (!loaded.ok) throw new Error(`manifest refused: ${loaded.reason} ${loaded.detail}`);
        setup = { baseUrl: msg.baseUrl, contestId: msg.contestId, loaded };
        port.postMessage({ type: 'ready' } satisfies FromWorker);
        return;
      }
      const bodies = new Array<string>(msg.jobs.length);
      let next = 0;
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (next < msg.jobs.length) {
          const k = next++;
          bodies[k] = await prepare(msg.jobs[k]!);
        }
      }));
      port.postMessage({ type: 'done', id: msg.id, bodies, ...spent } satisfies FromWorker);
      spent.tokenMs = 0;
      spent.encryptMs = 0;
    } catch (e) {
      port.postMessage({ type: 'error', message: e instanceof Error ? e.stack ?? e.message : String(e) } satisfies FromWorker);
    }
  })();
});
