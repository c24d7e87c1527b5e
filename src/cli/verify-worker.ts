/**
 * A worker thread of the record verifier's ballot pool (verify-pool.ts): it receives the
 * ballot context once, then slices of ballot tasks, and answers each slice with the
 * verifier's own `checkBallots`, using node:crypto for the RSA token signatures (several
 * times faster than WebCrypto) and libsodium for the Ed25519 ballot signatures (after the
 * same strict checks; ≈ 2× node:crypto, which imports each key) and the ballots' proofs
 * (crypto/sodium-ballots.ts).
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { sodiumProofBackend, sodiumReady, verifyBallotSignatureSodium } from '../crypto/sodium-ballots.js';
import { verifyRsaPssNode } from '../crypto/token-issuer.js';
import { type BallotCheckContext, type BallotTask, checkBallots } from '../verify/ballots.js';

/** Messages from the pool. */
export type ToWorker =
  | { readonly type: 'context'; readonly context: BallotCheckContext }
  | { readonly type: 'tasks'; readonly id: number; readonly tasks: readonly BallotTask[] };

/** Messages to the pool. */
export type FromWorker =
  | { readonly type: 'progress'; readonly id: number; readonly done: number }
  | { readonly type: 'batch'; readonly id: number; readonly batch: Awaited<ReturnType<typeof checkBallots>> }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

const port = parentPort;
if (port === null) throw new Error('verify-worker.ts runs only as a worker thread');

await sodiumReady;

let context: BallotCheckContext | undefined;
port.on('message', (msg: ToWorker) => {
  if (msg.type === 'context') {
    context = msg.context;
    return;
  }
  const { id, tasks } = msg;
  const reply = (m: FromWorker) => port.postMessage(m);
  if (context === undefined) {
    reply({ type: 'error', id, message: 'no context' });
    return;
  }
  checkBallots(context, tasks, {
    tokenVerifier: verifyRsaPssNode,
    signatureVerifier: verifyBallotSignatureSodium,
    proofBackend: sodiumProofBackend,
    onProgress: (done) => reply({ type: 'progress', id, done }),
  }).then(
    (batch) => reply({ type: 'batch', id, batch }),
    (e: unknown) => reply({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }),
  );
});
