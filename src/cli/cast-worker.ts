/**
 * A worker thread of the server's cast pool (cast-pool.ts): it answers each batch of cast
 * items with record/cast-proofs.ts's verdicts, using node:crypto for the Ed25519 ballot
 * signatures and libsodium (crypto/sodium-ballots.ts) for the proofs of the ballots it
 * accepts: it decodes a point ≈ 10× faster than noble; the ballots it does not accept are
 * checked on the noble path, which names the problem.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { verifyBallotSignatureNode } from '../crypto/ballot-signature-node.js';
import { sodiumProofBackend, sodiumReady } from '../crypto/sodium-ballots.js';
import { type CastProofItem, type CastProofVerdict, checkCastProofs } from '../record/cast-proofs.js';
import { CAST_WORKER_NICE, lowerThisThread } from './thread-priority.js';

/** A batch from the pool. */
export interface CastBatchRequest {
  readonly id: number;
  readonly items: readonly CastProofItem[];
  readonly exact: boolean;
}

/** The answer to a batch. */
export type CastBatchAnswer =
  | { readonly id: number; readonly verdicts: CastProofVerdict[] }
  | { readonly id: number; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('cast-worker.ts runs only as a worker thread');

// Below the event loop's priority (thread-priority.ts).
lowerThisThread(CAST_WORKER_NICE);

// Messages wait in the port until libsodium's WASM is loaded.
await sodiumReady;
port.on('message', ({ id, items, exact }: CastBatchRequest) => {
  let answer: CastBatchAnswer;
  try {
    answer = { id, verdicts: checkCastProofs(items, { exact, verifySignature: verifyBallotSignatureNode, proofBackend: sodiumProofBackend }) };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(answer);
});
