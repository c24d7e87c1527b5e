/**
 * Cast items for the proof checker's tests (record/cast-proofs.ts): honest ones from the
 * record fixtures' election, and tampered ones signed again by the token's key, so that
 * only the proof is wrong.
 */
import { contestBallotDigest, contestBallotFromJSON } from '../../src/crypto/ballot.js';
import { type BallotKeys, signBallot } from '../../src/crypto/ballot-signature.js';
import { ORDER, scalarFromHex, scalarToHex, toHex } from '../../src/crypto/group.js';
import type { CastProofItem } from '../../src/record/cast-proofs.js';
import { type CastBody, election, honestCast } from '../record/fixtures.js';

export const queueElection = election('election-queue');
const contest = queueElection.decoded.contests.get('board')!;

/** The part of a cast the proof checker gets (as castBallot builds it). */
export function itemOf(b: CastBody): CastProofItem {
  return {
    manifestHash: toHex(queueElection.hash), jointPublicKey: queueElection.manifest.jointPublicKey, contestId: b.contestId,
    maxSelections: contest.contest.maxSelections, candidateCount: contest.candidateIds.length, ballotPublicKey: b.token.ballotPublicKey,
    ballot: b.ballot, signature: b.signature,
  };
}

interface Branch { a: string; b: string; challenge: string; response: string }
/** A ballot's JSON, to edit. */
export interface EditableBallot {
  selections: { ciphertext: { alpha: string; beta: string }; proof: { branches: Branch[] } }[];
  rangeProof: { branches: Branch[] };
}

/** `body` with its ballot changed by `edit` and signed again by the token's key. */
export function tampered(body: CastBody, keys: BallotKeys, edit: (ballot: EditableBallot) => void): CastBody {
  const ballot = structuredClone(body.ballot) as EditableBallot;
  edit(ballot);
  return { ...body, ballot, signature: toHex(signBallot(keys.secretKey, contestBallotDigest(contestBallotFromJSON(ballot)))) };
}

/** Add one to a scalar (hex), modulo the group order. */
export const nextScalar = (hex: string): string => scalarToHex((scalarFromHex(hex) + 1n) % ORDER);

/**
 * An honest cast whose 0-or-1 proof of candidate 1 has another response: its challenges
 * still add up, so only the folded equation fails.
 */
export async function foldBreakingCast(): Promise<CastBody> {
  const { body, keys } = await honestCast(queueElection, 'board', [0, 1, 0, 0]);
  return tampered(body, keys, (b) => {
    const branch = b.selections[1]!.proof.branches[0]!;
    branch.response = nextScalar(branch.response);
  });
}
