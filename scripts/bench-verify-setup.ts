/**
 * The side-by-side ballot-verification bench (issue 14): the project's verifier and the
 * plain libsodium reference (sodium-reference.ts), each starting from the bytes of the
 * ballot events as the record holds them (UTF-8 JSON), token and signature included:
 * each side decodes and parses every event itself. Shared by scripts/bench.ts (one
 * thread, and the CLI's worker pool for our side on every core) and
 * scripts/bench-verify-worker.ts (the reference, one worker per core).
 * @module
 */
import { readFileSync } from 'node:fs';
import { ballotContext } from '../src/crypto/ballot.js';
import { fromHex, pointFromHex } from '../src/crypto/group.js';
import { sodiumProofBackend, sodiumReady as sodiumBackendReady, verifyBallotSignatureSodium } from '../src/crypto/sodium-ballots.js';
import { verifyRsaPssNode } from '../src/crypto/token-issuer.js';
import { issuanceKeyFromJSON } from '../src/crypto/voting-token.js';
import type { Manifest } from '../src/record/manifest.js';
import { type BallotCheckContext, type BallotTask, checkBallots } from '../src/verify/ballots.js';
import { ballotCheckContext } from '../src/verify/ceremony.js';
import { type ReferenceContext, sodiumReady, sodiumVerifyBallotEvent } from './sodium-reference.js';

/** Both verifiers over the same ballot events. */
export interface BallotBench {
  /** The ballot events' bytes (UTF-8 JSON, one event each). */
  readonly events: readonly Uint8Array[];
  /** What our checker takes (the CLI's pool gets the same). */
  readonly context: BallotCheckContext;
  /** The project's verifier (`checkBallots` with node:crypto's RSA and Ed25519 and the libsodium proof backend, as the CLI's workers): how many passed. */
  readonly ours: (events: readonly Uint8Array[]) => Promise<number>;
  /** The libsodium reference: how many passed. */
  readonly reference: (events: readonly Uint8Array[]) => number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Our side's tasks from the events' bytes, as the CLI's record reader hands them to the checker (decode, parse, number). */
export function ballotTasks(events: readonly Uint8Array[]): BallotTask[] {
  return events.map((bytes, i) => {
    const e = JSON.parse(utf8.decode(bytes)) as { seq: number; payload: unknown };
    return { number: i + 1, seq: e.seq, payload: e.payload };
  });
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
  const encoder = new TextEncoder();
  const events = record.events.filter((e) => e.kind === 'ballot').slice(0, limit).map((e) => encoder.encode(JSON.stringify(e)));
  return {
    events,
    context,
    ours: async (list) => {
      const batch = await checkBallots(context, ballotTasks(list), {
        tokenVerifier: verifyRsaPssNode, signatureVerifier: verifyBallotSignatureSodium, proofBackend: process.env.ANFORA_NOBLE_PROOFS === '1' ? undefined : sodiumProofBackend,
      });
      return batch.outcomes.filter((o) => o.ok).length;
    },
    reference: (list) => list.filter((bytes) => {
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        return false;
      }
      return sodiumVerifyBallotEvent(text, ref);
    }).length,
  };
}
