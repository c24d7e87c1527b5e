/**
 * The side-by-side ballot-verification bench (issue 14): the project's verifier and the
 * plain libsodium reference (sodium-reference.ts), each starting from the ballot events'
 * JSON text as the record holds them, token and signature included. Shared by
 * scripts/bench.ts (one thread) and scripts/bench-verify-worker.ts (one per core).
 * @module
 */
import { readFileSync } from 'node:fs';
import { verifyBallotSignatureNode } from '../src/crypto/ballot-signature-node.js';
import { ballotContext } from '../src/crypto/ballot.js';
import { fromHex, pointFromHex } from '../src/crypto/group.js';
import { sodiumProofBackend, sodiumReady as sodiumBackendReady } from '../src/crypto/sodium-ballots.js';
import { verifyRsaPssNode } from '../src/crypto/token-issuer.js';
import { issuanceKeyFromJSON } from '../src/crypto/voting-token.js';
import type { Manifest } from '../src/record/manifest.js';
import { type BallotTask, checkBallots } from '../src/verify/ballots.js';
import { ballotCheckContext } from '../src/verify/ceremony.js';
import { type ReferenceContext, sodiumReady, sodiumVerifyBallotEvent } from './sodium-reference.js';

/** Both verifiers over the same ballot events. */
export interface BallotBench {
  /** The ballot events' JSON text. */
  readonly texts: readonly string[];
  /** The project's verifier (`checkBallots` with node:crypto's RSA and Ed25519, as the CLI): how many passed. */
  readonly ours: (texts: readonly string[]) => Promise<number>;
  /** The libsodium reference: how many passed. */
  readonly reference: (texts: readonly string[]) => number;
}

/** Set both verifiers up on the first `limit` ballots of the record at `path` (scripts/make-record.ts writes one). */
export async function ballotBench(path: string, limit = 256): Promise<BallotBench> {
  await sodiumReady;
  await sodiumBackendReady;
  const record = JSON.parse(readFileSync(path, 'utf8')) as { events: { kind: string; payload: unknown }[] };
  const manifestEvent = record.events.find((e) => e.kind === 'manifest')!;
  const context = ballotCheckContext(manifestEvent.payload);
  if (context === null) throw new Error('bench: the record\'s manifest does not decode');
  const manifest = (manifestEvent.payload as { manifest: Manifest }).manifest;
  const contest = manifest.contests[0]!;
  const K = pointFromHex(manifest.jointPublicKey, 'jointPublicKey');
  const manifestHash = fromHex(context.manifestHash);
  const ref: ReferenceContext = {
    electionId: manifest.electionId, contestId: contest.id, K: fromHex(manifest.jointPublicKey),
    issuers: (contest.issuers ?? []).map((i) => ({ memberId: i.memberId, sector: i.sector, key: issuanceKeyFromJSON(i.issuanceKey) })),
    issuerThreshold: typeof manifest.rules.issuerThreshold === 'number' ? manifest.rules.issuerThreshold : 2,
    ballotContext: (ballotPublicKey) => ballotContext({ manifestHash, publicKey: K, contestId: contest.id, ballotPublicKey }),
    maxSelections: contest.maxSelections, candidateCount: contest.candidates.length,
  };
  const texts = record.events.filter((e) => e.kind === 'ballot').slice(0, limit).map((e) => JSON.stringify(e));
  return {
    texts,
    ours: async (list) => {
      const tasks: BallotTask[] = list.map((t, i) => {
        const e = JSON.parse(t) as { seq: number; payload: unknown };
        return { number: i + 1, seq: e.seq, payload: e.payload };
      });
      const batch = await checkBallots(context, tasks, {
        tokenVerifier: verifyRsaPssNode, signatureVerifier: verifyBallotSignatureNode, proofBackend: process.env.ANFORA_NOBLE_PROOFS === '1' ? undefined : sodiumProofBackend,
      });
      return batch.outcomes.filter((o) => o.ok).length;
    },
    reference: (list) => list.filter((t) => sodiumVerifyBallotEvent(t, ref)).length,
  };
}
