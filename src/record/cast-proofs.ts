/**
 * The costly half of a cast check (record/cast-ballot.ts steps 1's ballot decoding, 5 and
 * 6), for many casts at once and anywhere: the items and verdicts are plain JSON, so a
 * server can hand them to worker threads. The validity proofs of all the items are folded
 * into one multi-scalar multiplication (crypto/batch.ts); a failing fold is bisected until
 * the bad items are named, and the others pass. A bad item found by the fold is refused
 * `bad_ballot` without saying which proof failed; {@link checkCastProofs} with `exact`
 * checks it alone with `checkContest` to name the proof, the same verdict as
 * `checkCastBallot`'s. With a `proofBackend` (libsodium in the server's workers) the
 * ballots it accepts skip noble's decoding; the others take the noble path, so every
 * refusal is still the noble path's.
 * @module
 */
import { type ContestBallot, type ContestBallotJSON, ballotContext, checkContest, contestBallotDigest, contestBallotFromJSON, contestRelations } from '../crypto/ballot.js';
import { verifyBallotSignature } from '../crypto/ballot-signature.js';
import { type ContestBytesItem, type ProofBackend, type Relation, batchCheckGroups } from '../crypto/batch.js';
import { type Point, type RNG, fromHex, pointFromHex, toHex } from '../crypto/group.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { type BallotSignatureVerifier, type CastFailure, badBallot, decodeFailure } from './cast-ballot.js';

/** One cast's ballot to check, with its statement; plain JSON (hex strings). */
export interface CastProofItem {
  /** The manifest hash (hex, 32 bytes). */
  readonly manifestHash: string;
  /** The joint election key K (hex point). */
  readonly jointPublicKey: string;
  readonly contestId: string;
  readonly maxSelections: number;
  readonly candidateCount: number;
  /** The token's ballot key (hex, 32 bytes). */
  readonly ballotPublicKey: string;
  /** The ballot as sent (already shape-checked by `CastBallotSchema`; decoded here, strictly). */
  readonly ballot: unknown;
  /** The Ed25519 ballot signature (hex, 64 bytes). */
  readonly signature: string;
}

/** The verdict on one {@link CastProofItem}. */
export type CastProofVerdict =
  | {
    readonly ok: true;
    /** `contestBallotDigest(ballot)` (hex), which the tracking code hashes. */
    readonly digest: string;
  }
  | {
    readonly ok: false;
    readonly code: Extract<CastFailure, 'malformed' | 'bad_ballot_signature' | 'bad_ballot'>;
    readonly detail: string;
    readonly reason?: string;
    readonly index?: number;
    /** True when the fold found the ballot bad without naming the proof: check it alone with `exact`. */
    readonly unexplained?: boolean;
  };

/** Options of {@link checkCastProofs}. */
export interface CastProofOptions {
  /** Check each proof on its own (`checkContest`), naming the one that fails; default false (folded). */
  readonly exact?: boolean;
  /** Ed25519 verifier; default crypto's `verifyBallotSignature` (node:crypto's is faster on a server). */
  readonly verifySignature?: BallotSignatureVerifier;
  /** Randomness of the fold's weights (last, defaulting to the secure source). */
  readonly rng?: RNG;
  /**
   * A faster engine that works on the ballots' encodings (crypto/sodium-ballots.ts, in the
   * server's cast workers). It only accepts: a ballot it accepts has canonical encodings
   * and holding proofs, so its verdict rests on the signature alone; every other ballot
   * is checked on the noble path, which names the problem. Not used with `exact`.
   */
  readonly proofBackend?: ProofBackend;
}

// Terms on one point object merge in the fold: the joint key of every item of an election
// is decoded once and shared. A handful of elections at most are open at once.
const keys = new Map<string, Point>();
function jointKey(hex: string): Point {
  let K = keys.get(hex);
  if (K === undefined) {
    K = pointFromHex(hex, 'jointPublicKey');
    if (keys.size >= 16) keys.clear();
    keys.set(hex, K);
  }
  return K;
}

const SIGNATURE_REFUSED: Extract<CastProofVerdict, { ok: false }> = { ok: false, code: 'bad_ballot_signature', detail: 'signature: not by the token\'s ballot key over this ballot' };

interface Decoded {
  readonly ctx: Uint8Array;
  readonly K: Point;
  readonly ballot: ContestBallot;
  readonly digest: Uint8Array;
}

/** Decoding, then the ballot signature: a verdict, or what the proofs are checked on. */
function prepare(item: CastProofItem, verifySignature: BallotSignatureVerifier): Decoded | Extract<CastProofVerdict, { ok: false }> {
  let ballot: ContestBallot;
  let signature: Uint8Array;
  let ballotPublicKey: Uint8Array;
  try {
    ballot = contestBallotFromJSON(item.ballot as ContestBallotJSON);
    signature = fromHex(item.signature, 'signature', 64);
    ballotPublicKey = fromHex(item.ballotPublicKey, 'token.ballotPublicKey', 32);
  } catch (e) {
    return decodeFailure(e) as Extract<CastProofVerdict, { ok: false }>;
  }
  const digest = contestBallotDigest(ballot);
  let signed = false;
  try {
    signed = verifySignature(ballotPublicKey, digest, signature);
  } catch {
    signed = false;
  }
  if (!signed) return SIGNATURE_REFUSED;
  const K = jointKey(item.jointPublicKey);
  const ctx = ballotContext({ manifestHash: fromHex(item.manifestHash, 'manifestHash', 32), publicKey: K, contestId: item.contestId, ballotPublicKey });
  return { ctx, K, ballot, digest };
}

function refusal(check: { readonly reason: string; readonly index?: number }): Extract<CastProofVerdict, { ok: false }> {
  return badBallot(check) as Extract<CastProofVerdict, { ok: false }>;
}

/**
 * Check the ballots of many casts: the same verdicts as `checkCastBallot`'s steps 1
 * (ballot and signature decoding), 5 and 6, except that a ballot whose proof fails only in
 * the fold is refused `bad_ballot` with `unexplained: true` (check it again with `exact` to
 * name the proof). Folding is sound up to 2^−128 per fold. Untrusted content never throws.
 * @throws RangeError/TypeError only on a malformed statement (a manifest hash or joint key
 *   that does not decode, counts out of range): the caller's own data
 * @example const verdicts = checkCastProofs(items, { verifySignature: verifyBallotSignatureNode });
 */
export function checkCastProofs(items: readonly CastProofItem[], options: CastProofOptions = {}): CastProofVerdict[] {
  const verifySignature = options.verifySignature ?? verifyBallotSignature;
  const verdicts: (CastProofVerdict | undefined)[] = new Array(items.length);
  const rest = options.proofBackend && !options.exact ? fastPath(items, options.proofBackend, verifySignature, verdicts, options.rng) : items.map((_, i) => i);
  if (rest.length > 0) {
    const slow = checkOnNoble(rest.map((i) => items[i]!), options);
    rest.forEach((i, k) => { verdicts[i] = slow[k]; });
  }
  return verdicts as CastProofVerdict[];
}

/**
 * The ballots `backend` accepts get their verdict from the signature alone (written into
 * `verdicts`); returns the indices of the others, for the noble path.
 */
function fastPath(items: readonly CastProofItem[], backend: ProofBackend, verifySignature: BallotSignatureVerifier, verdicts: (CastProofVerdict | undefined)[], rng?: RNG): number[] {
  const rest: number[] = [];
  const tried: number[] = [];
  const bytes: ContestBytesItem[] = [];
  const signatures: Uint8Array[] = [];
  const keysOf: Uint8Array[] = [];
  items.forEach((item, i) => {
    try {
      const ballotPublicKey = fromHex(item.ballotPublicKey, 'token.ballotPublicKey', 32);
      const signature = fromHex(item.signature, 'signature', 64);
      const K = jointKey(item.jointPublicKey);
      const ctx = ballotContext({ manifestHash: fromHex(item.manifestHash, 'manifestHash', 32), publicKey: K, contestId: item.contestId, ballotPublicKey });
      bytes.push({ ctx, K: fromHex(item.jointPublicKey, 'jointPublicKey', 32), maxSelections: item.maxSelections, candidateCount: item.candidateCount, ballot: item.ballot });
      signatures.push(signature);
      keysOf.push(ballotPublicKey);
      tried.push(i);
    } catch {
      // Undecodable parts: the noble path names them.
      rest.push(i);
    }
  });
  const accepted = bytes.length === 0 ? [] : backend.checkContests(bytes, rng);
  tried.forEach((i, k) => {
    const result = accepted[k];
    if (result === null || result === undefined) {
      rest.push(i);
      return;
    }
    let signed = false;
    try {
      signed = verifySignature(keysOf[k]!, result.digest, signatures[k]!);
    } catch {
      signed = false;
    }
    verdicts[i] = signed ? { ok: true, digest: toHex(result.digest) } : SIGNATURE_REFUSED;
  });
  return rest.sort((a, b) => a - b);
}

/** The noble path: decoding, signature, then the folded (or exact) proofs. */
function checkOnNoble(items: readonly CastProofItem[], options: CastProofOptions): CastProofVerdict[] {
  const verifySignature = options.verifySignature ?? verifyBallotSignature;
  const rng = options.rng ?? randomBytes;
  const verdicts: (CastProofVerdict | undefined)[] = new Array(items.length);
  const groups: (readonly Relation[] | null)[] = [];
  const folded: number[] = [];
  const digests: string[] = new Array(items.length);
  items.forEach((item, i) => {
    const d = prepare(item, verifySignature);
    if (!('ctx' in d)) {
      verdicts[i] = d;
      return;
    }
    digests[i] = toHex(d.digest);
    if (options.exact) {
      const check = checkContest(d.ctx, d.K, item.maxSelections, item.candidateCount, d.ballot);
      verdicts[i] = check.ok ? { ok: true, digest: digests[i]! } : refusal(check);
      return;
    }
    // The checks that are not linear (shape, challenges) fail here, naming the proof.
    const r = contestRelations(d.ctx, d.K, item.maxSelections, item.candidateCount, d.ballot);
    if (!r.ok) {
      verdicts[i] = refusal(r);
      return;
    }
    folded.push(i);
    groups.push(r.relations);
  });
  const { bad } = batchCheckGroups(groups, rng);
  const failed = new Set(bad.map((k) => folded[k]!));
  for (const i of folded) {
    verdicts[i] = failed.has(i)
      ? { ok: false, code: 'bad_ballot', detail: 'ballot: a validity proof does not hold', unexplained: true }
      : { ok: true, digest: digests[i]! };
  }
  return verdicts as CastProofVerdict[];
}
