/**
 * A worker thread of the server's cast pool (cast-pool.ts): it answers each batch of cast
 * items with record/cast-proofs.ts's verdicts, using node:crypto for the Ed25519 ballot
 * signatures.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { verifyBallotSignatureNode } from '../crypto/ballot-signature-node.js';
import { type CastProofItem, type CastProofVerdict, checkCastProofs } from '../record/cast-proofs.js';

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

port.on('message', ({ id, items, exact }: CastBatchRequest) => {
  let answer: CastBatchAnswer;
  try {
    answer = { id, verdicts: checkCastProofs(items, { exact, verifySignature: verifyBallotSignatureNode }) };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(answer);
});
