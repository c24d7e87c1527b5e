/**
 * A worker thread of the server's cast pool (cast-pool.ts): it answers each batch of cast
 * items with record/cast-proofs.ts's verdicts, using libsodium (crypto/sodium-ballots.ts)
 * for the Ed25519 ballot signatures (same verdicts as noble's strict verifier; 0.1 ms
 * where node:crypto, importing the key for each one, took 0.45 ms: 3.6 % of a ballot's
 * check) and for the proofs of the ballots it accepts: it decodes a point ≈ 10× faster
 * than noble; the ballots it does not accept are checked on the noble path, which names
 * the problem.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { sodiumProofBackend, sodiumReady, verifyBallotSignatureSodium } from '../crypto/sodium-ballots.js';
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
    answer = { id, verdicts: checkCastProofs(items, { exact, verifySignature: verifyBallotSignatureSodium, proofBackend: sodiumProofBackend }) };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(answer);
});
