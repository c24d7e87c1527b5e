/**
 * Contest ballots (ElectionGuard 2.0 §3.3: ballot encryption and the proofs of §3.3.5 and
 * §3.3.8; Belenios' `create_ballot`/`check_ballot`). A contest with n candidates, vote for
 * up to N, blank allowed: one ElGamal ciphertext per candidate encrypting 0 or 1, each with
 * a 0-or-1 proof, and one range proof that the sum of the ciphertexts encrypts 0..N.
 *
 * Every proof's challenge hashes the ballot context ({@link ballotContext}): the election
 * manifest hash, the joint key, the contest id and the voter's Ed25519 ballot-signing
 * public key (the key that the voter's anonymous token certifies and that signs
 * {@link contestBallotDigest}). A ballot copied under another ballot key therefore fails
 * (Cortier–Smyth 2013 ballot copying), as does one moved to another contest or election.
 *
 * Benaloh cast-or-audit: {@link encryptContest} also returns the opening (choices and
 * per-candidate randomness); revealing it spoils the ballot, and anyone can re-encrypt
 * with {@link checkOpening}.
 * @module
 */
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { type Relation } from './batch.js';
import {
  type DisjunctiveProof, type DisjunctiveProofJSON, disjunctiveProofFromJSON, disjunctiveProofToJSON, proveZeroOrOne,
  verifyZeroOrOne, zeroOrOneRelations,
} from './disjunctive.js';
import {
  type Ciphertext, type CiphertextJSON, ZERO, ciphertextEquals, ciphertextFromJSON, ciphertextToJSON, encrypt, isCiphertext,
  jsonArray, jsonObject, pointBytes, sumCiphertexts, withTable,
} from './elgamal.js';
import {
  DecodeError, IDENTITY, ORDER, Point, type RNG, mod, randomScalar, scalarFromHex, scalarToHex,
} from './group.js';
import {
  MAX_RANGE_BOUND, type RangeProof, type RangeProofJSON, proveRange, rangeProofFromJSON, rangeProofToJSON, rangeRelations,
  verifyRange,
} from './range.js';
import { TAGS, Transcript } from './transcript.js';

/** The most candidates a contest may have (bounds the work an untrusted ballot causes). */
export const MAX_CANDIDATES = 1024;
/** Length of a manifest hash and of an Ed25519 public key. */
const HASH_BYTES = 32;
const BALLOT_KEY_BYTES = 32;
const MAX_ID_BYTES = 256;

/** One candidate's encrypted selection and its 0-or-1 proof. */
export interface EncryptedSelection {
  readonly ciphertext: Ciphertext;
  readonly proof: DisjunctiveProof;
}

/** An encrypted contest: per-candidate selections and the range proof of their sum. */
export interface ContestBallot {
  readonly selections: readonly EncryptedSelection[];
  readonly rangeProof: RangeProof;
}

/** The Benaloh opening of a contest ballot: the choices and each ciphertext's randomness. */
export interface ContestOpening {
  readonly choices: readonly number[];
  readonly randomness: readonly bigint[];
}

/** JSON form of {@link EncryptedSelection} (lower-case hex). */
export interface EncryptedSelectionJSON {
  readonly ciphertext: CiphertextJSON;
  readonly proof: DisjunctiveProofJSON;
}
/** JSON form of {@link ContestBallot}: what the voter's client sends and the record keeps. */
export interface ContestBallotJSON {
  readonly selections: readonly EncryptedSelectionJSON[];
  readonly rangeProof: RangeProofJSON;
}
/** JSON form of {@link ContestOpening}: choices as numbers, randomness as hex scalars. */
export interface ContestOpeningJSON {
  readonly choices: readonly number[];
  readonly randomness: readonly string[];
}

/** What a ballot context binds. */
export interface BallotContextInput {
  /** SHA-256 of the election manifest (32 bytes). */
  readonly manifestHash: Uint8Array;
  /** The joint election key K. */
  readonly publicKey: Point;
  /** The contest's id (1..256 bytes of UTF-8). */
  readonly contestId: string;
  /** The voter's Ed25519 ballot-signing public key (32 bytes), certified by the token. */
  readonly ballotPublicKey: Uint8Array;
}

/** Verdict on an untrusted ballot; `index` names the candidate whose proof failed. */
export type ContestVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: ContestFailure; readonly index?: number };
/** Why a contest ballot was refused. */
export type ContestFailure = 'malformed' | 'wrong_candidate_count' | 'identity_ciphertext' | 'bad_selection_proof' | 'bad_range_proof';

/** Result of {@link checkOpening}. */
export type OpeningVerdict =
  | { readonly ok: true; readonly choices: readonly number[] }
  | { readonly ok: false; readonly reason: 'malformed' | 'wrong_candidate_count' | 'bad_choice' | 'mismatch'; readonly index?: number };

function assertCtx(ctx: unknown): asserts ctx is Uint8Array {
  if (!(ctx instanceof Uint8Array)) throw new TypeError(`"ctx" expected Uint8Array, got ${typeof ctx}`);
}
function assertKey(K: unknown): asserts K is Point {
  if (!(K instanceof Point) || K.equals(IDENTITY)) throw new TypeError('"K" expected a non-identity Point');
}
function assertCount(name: string, v: unknown, min: number, max: number): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`"${name}" expected an integer in ${min}..${max}, got ${String(v)}`);
  }
}
function assertBytes(name: string, v: unknown, len: number): asserts v is Uint8Array {
  if (!(v instanceof Uint8Array)) throw new TypeError(`"${name}" expected Uint8Array, got ${typeof v}`);
  if (v.length !== len) throw new RangeError(`"${name}" expected ${len} bytes, got ${v.length}`);
}

/**
 * The context bytes every proof of a contest ballot hashes: SHA-256 over TAGS.ballotContext,
 * the manifest hash, K, the contest id and the ballot-signing key (ElectionGuard 2.0 §3.1.3
 * extended base hash, plus the ballot key against ballot copying).
 * @throws TypeError/RangeError on a malformed field
 * @example const ctx = ballotContext({ manifestHash, publicKey: K, contestId: 'board', ballotPublicKey });
 */
export function ballotContext(input: BallotContextInput): Uint8Array {
  const { manifestHash, publicKey, contestId, ballotPublicKey } = input;
  assertBytes('manifestHash', manifestHash, HASH_BYTES);
  assertKey(publicKey);
  const id = typeof contestId === 'string' ? utf8ToBytes(contestId) : undefined;
  // Lone surrogates would collide on U+FFFD: refuse strings that do not round-trip.
  if (id === undefined || id.length < 1 || id.length > MAX_ID_BYTES || new TextDecoder().decode(id) !== contestId) {
    throw new RangeError(`"contestId" expected 1..${MAX_ID_BYTES} UTF-8 bytes, got ${JSON.stringify(contestId)}`);
  }
  assertBytes('ballotPublicKey', ballotPublicKey, BALLOT_KEY_BYTES);
  // The joint key is the same for every ballot: its encoding (an inverse square root) is cached.
  return new Transcript(TAGS.ballotContext).bytes(manifestHash).bytes(pointBytes(publicKey)).bytes(id).bytes(ballotPublicKey).digest();
}

/**
 * Encrypt a contest selection on the voter's side (ElectionGuard 2.0 §3.3): `choices[i]` is
 * 1 if candidate i is chosen, else 0; at most `maxSelections` ones (blank allowed).
 * Returns the ballot and its Benaloh opening (keep it secret unless auditing).
 * @throws TypeError/RangeError on malformed arguments or too many choices
 * @example const { ballot, opening } = encryptContest(ctx, K, [1, 0, 1, 0, 0], 2);
 */
export function encryptContest(
  ctx: Uint8Array, K: Point, choices: readonly number[], maxSelections: number, rng: RNG = randomBytes,
): { ballot: ContestBallot; opening: ContestOpening } {
  assertCtx(ctx);
  assertKey(K);
  assertCount('maxSelections', maxSelections, 0, MAX_RANGE_BOUND);
  if (!Array.isArray(choices)) throw new TypeError(`"choices" expected an array, got ${typeof choices}`);
  assertCount('choices.length', choices.length, 1, MAX_CANDIDATES);
  choices.forEach((m, i) => {
    if (m !== 0 && m !== 1) throw new RangeError(`"choices[${i}]" expected 0 or 1, got ${String(m)}`);
  });
  const total = choices.reduce((a, b) => a + b, 0);
  if (total > maxSelections) throw new RangeError(`"choices" expected at most ${maxSelections} selections, got ${total}`);
  withTable(K);
  const randomness = choices.map(() => randomScalar(rng));
  const selections = choices.map((m, i) => {
    const ciphertext = encrypt(K, m, randomness[i]!);
    return Object.freeze({ ciphertext, proof: proveZeroOrOne(ctx, K, ciphertext, m, randomness[i]!, rng) });
  });
  const parts = selections.map((s) => s.ciphertext);
  const rSum = mod(randomness.reduce((a, b) => a + b, 0n));
  const rangeProof = proveRange(ctx, K, sumCiphertexts(parts), maxSelections, total, rSum, parts, rng);
  return {
    ballot: Object.freeze({ selections: Object.freeze(selections), rangeProof }),
    opening: Object.freeze({ choices: Object.freeze([...choices]), randomness: Object.freeze(randomness) }),
  };
}

/** Shape checks shared by {@link checkContest} and {@link contestRelations}. */
function checkShape(ballot: unknown, candidateCount: number): ContestVerdict {
  const b = ballot as Partial<ContestBallot> | null;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.selections)) return { ok: false, reason: 'malformed' };
  if (b.selections.length !== candidateCount) return { ok: false, reason: 'wrong_candidate_count' };
  for (let i = 0; i < b.selections.length; i++) {
    const s = b.selections[i] as Partial<EncryptedSelection> | null;
    if (typeof s !== 'object' || s === null || !isCiphertext(s.ciphertext)) return { ok: false, reason: 'malformed', index: i };
    // α = r·G with r ≠ 0 and β are never the identity in an honest ballot (see elgamal.ts).
    if (s.ciphertext.alpha.equals(IDENTITY) || s.ciphertext.beta.equals(IDENTITY)) return { ok: false, reason: 'identity_ciphertext', index: i };
  }
  return { ok: true };
}

function assertStatement(ctx: unknown, K: unknown, maxSelections: unknown, candidateCount: unknown): void {
  assertCtx(ctx);
  assertKey(K);
  assertCount('maxSelections', maxSelections, 0, MAX_RANGE_BOUND);
  assertCount('candidateCount', candidateCount, 1, MAX_CANDIDATES);
}

/**
 * Check a contest ballot exactly (ElectionGuard 2.0 §3.3.5 and §3.3.8): shape, one 0-or-1
 * proof per candidate, and the range proof of the sum over 0..maxSelections. Untrusted
 * `ballot`: returns a verdict naming the failure, never throws.
 * @throws TypeError/RangeError only on the caller's own ctx, K or counts
 * @example checkContest(ctx, K, 2, 5, ballot) // { ok: true }
 */
export function checkContest(ctx: Uint8Array, K: Point, maxSelections: number, candidateCount: number, ballot: ContestBallot): ContestVerdict {
  assertStatement(ctx, K, maxSelections, candidateCount);
  const shape = checkShape(ballot, candidateCount);
  if (!shape.ok) return shape;
  withTable(K);
  const parts = ballot.selections.map((s) => s.ciphertext);
  for (let i = 0; i < parts.length; i++) {
    if (!verifyZeroOrOne(ctx, K, parts[i]!, ballot.selections[i]!.proof)) return { ok: false, reason: 'bad_selection_proof', index: i };
  }
  if (!verifyRange(ctx, K, sumCiphertexts(parts), maxSelections, parts, ballot.rangeProof)) return { ok: false, reason: 'bad_range_proof' };
  return { ok: true };
}

/**
 * The ballot's proof equations as relations for `batch.ts`, after the checks that are not
 * linear (shape, recomputed challenges and challenge sums); on failure, the same verdict
 * {@link checkContest} would give, as far as those checks decide it.
 */
export function contestRelations(
  ctx: Uint8Array, K: Point, maxSelections: number, candidateCount: number, ballot: ContestBallot,
): { readonly ok: true; readonly relations: Relation[] } | Extract<ContestVerdict, { ok: false }> {
  assertStatement(ctx, K, maxSelections, candidateCount);
  const shape = checkShape(ballot, candidateCount);
  if (!shape.ok) return shape;
  const parts = ballot.selections.map((s) => s.ciphertext);
  const relations: Relation[] = [];
  for (let i = 0; i < parts.length; i++) {
    const r = zeroOrOneRelations(ctx, K, parts[i]!, ballot.selections[i]!.proof);
    if (r === null) return { ok: false, reason: 'bad_selection_proof', index: i };
    relations.push(...r);
  }
  const r = rangeRelations(ctx, K, sumCiphertexts(parts), maxSelections, parts, ballot.rangeProof);
  if (r === null) return { ok: false, reason: 'bad_range_proof' };
  relations.push(...r);
  return { ok: true, relations };
}

function absorbProof(t: Transcript, p: DisjunctiveProof): void {
  t.u32(p.branches.length);
  for (const br of p.branches) t.bytes(pointBytes(br.a)).bytes(pointBytes(br.b)).scalar(br.challenge).scalar(br.response);
}

/**
 * The canonical 32-byte digest of a contest ballot, which the voter signs with the token's
 * Ed25519 key: SHA-256 over TAGS.contestBallot, the number of selections, each ciphertext
 * (α, β) and 0-or-1 proof (branch count, then a, b, challenge, response per branch), then
 * the range proof in the same way. Equal ballots have equal digests and any changed byte
 * of the JSON form changes it (the encodings are canonical). Takes a decoded (well-formed)
 * ballot; run it after `contestBallotFromJSON`, not on arbitrary objects.
 * @example signBallot(keys.secretKey, contestBallotDigest(ballot))
 */
export function contestBallotDigest(ballot: ContestBallot): Uint8Array {
  const t = new Transcript(TAGS.contestBallot).u32(ballot.selections.length);
  for (const s of ballot.selections) {
    t.bytes(pointBytes(s.ciphertext.alpha)).bytes(pointBytes(s.ciphertext.beta));
    absorbProof(t, s.proof);
  }
  absorbProof(t, ballot.rangeProof);
  return t.digest();
}

/**
 * Per-candidate sums of contest ballots (ElectionGuard 2.0 §3.4.2, the encrypted tally):
 * ciphertext i of the result encrypts the number of votes for candidate i. With no
 * ballots, `candidateCount` ZERO ciphertexts.
 * @throws RangeError if a ballot has another number of selections
 * @example aggregateContests(validBallots, 5)
 */
export function aggregateContests(ballots: readonly ContestBallot[], candidateCount = ballots[0]?.selections.length ?? 0): Ciphertext[] {
  assertCount('candidateCount', candidateCount, 0, MAX_CANDIDATES);
  const columns: Ciphertext[][] = Array.from({ length: candidateCount }, () => []);
  ballots.forEach((b, k) => {
    if (b.selections.length !== candidateCount) {
      throw new RangeError(`"ballots[${k}]" expected ${candidateCount} selections, got ${b.selections.length}`);
    }
    b.selections.forEach((s, i) => columns[i]!.push(s.ciphertext));
  });
  return columns.map((col) => (col.length === 0 ? ZERO : sumCiphertexts(col)));
}

/**
 * Benaloh audit (ElectionGuard 2.0 §3.3.9, spoiled ballots): re-encrypt each choice with the
 * revealed randomness and compare with the ballot. Choices must be 0 or 1. Untrusted
 * `ballot`/`opening`: returns a verdict, never throws.
 * @example checkOpening(K, ballot, opening) // { ok: true, choices: [1, 0, 1, 0, 0] }
 */
export function checkOpening(K: Point, ballot: ContestBallot, opening: ContestOpening): OpeningVerdict {
  if (!(K instanceof Point)) return { ok: false, reason: 'malformed' };
  const o = opening as Partial<ContestOpening> | null;
  const b = ballot as Partial<ContestBallot> | null;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.choices) || !Array.isArray(o.randomness)
    || typeof b !== 'object' || b === null || !Array.isArray(b.selections)) return { ok: false, reason: 'malformed' };
  const n = b.selections.length;
  if (o.choices.length !== n || o.randomness.length !== n) return { ok: false, reason: 'wrong_candidate_count' };
  for (let i = 0; i < n; i++) {
    const m = o.choices[i];
    const r = o.randomness[i];
    if (m !== 0 && m !== 1) return { ok: false, reason: 'bad_choice', index: i };
    if (typeof r !== 'bigint' || r <= 0n || r >= ORDER) return { ok: false, reason: 'malformed', index: i };
    const c = (b.selections[i] as Partial<EncryptedSelection> | null)?.ciphertext;
    if (!isCiphertext(c) || !ciphertextEquals(encrypt(K, m, r), c)) return { ok: false, reason: 'mismatch', index: i };
  }
  return { ok: true, choices: [...o.choices] };
}

// ---- JSON forms ----

/** Contest ballot → JSON (lower-case hex). */
export function contestBallotToJSON(b: ContestBallot): ContestBallotJSON {
  return {
    selections: b.selections.map((s) => ({ ciphertext: ciphertextToJSON(s.ciphertext), proof: disjunctiveProofToJSON(s.proof) })),
    rangeProof: rangeProofToJSON(b.rangeProof),
  };
}

/**
 * JSON → contest ballot, strictly: exactly the fields above, 1..MAX_CANDIDATES selections
 * (exactly `candidateCount` if given), ciphertexts without the identity, 0-or-1 proofs of
 * two branches, a range proof of 1..1025 branches (exactly maxSelections + 1 if given).
 * @throws DecodeError naming the field
 */
export function contestBallotFromJSON(json: ContestBallotJSON, expected?: { candidateCount?: number; maxSelections?: number }): ContestBallot {
  const j = jsonObject(json, ['selections', 'rangeProof'], 'contestBallot');
  const list = jsonArray(j.selections, 'contestBallot.selections', expected?.candidateCount);
  if (list.length < 1 || list.length > MAX_CANDIDATES) throw new DecodeError('wrong_length', 'contestBallot.selections');
  const selections = list.map((item, i) => {
    const w = `contestBallot.selections[${i}]`;
    const s = jsonObject(item, ['ciphertext', 'proof'], w);
    return Object.freeze({
      ciphertext: ciphertextFromJSON(s.ciphertext as CiphertextJSON, `${w}.ciphertext`),
      proof: disjunctiveProofFromJSON(s.proof as DisjunctiveProofJSON, 2, `${w}.proof`),
    });
  });
  return Object.freeze({
    selections: Object.freeze(selections),
    rangeProof: rangeProofFromJSON(j.rangeProof as RangeProofJSON, expected?.maxSelections),
  });
}

/** Opening → JSON: choices as numbers, randomness as lower-case hex scalars. */
export function openingToJSON(o: ContestOpening): ContestOpeningJSON {
  return { choices: [...o.choices], randomness: o.randomness.map(scalarToHex) };
}

/**
 * JSON → opening, strictly: equal-length arrays (1..MAX_CANDIDATES), choices 0 or 1,
 * non-zero canonical scalars.
 * @throws DecodeError naming the field
 */
export function openingFromJSON(json: ContestOpeningJSON): ContestOpening {
  const j = jsonObject(json, ['choices', 'randomness'], 'opening');
  const choices = jsonArray(j.choices, 'opening.choices');
  if (choices.length < 1 || choices.length > MAX_CANDIDATES) throw new DecodeError('wrong_length', 'opening.choices');
  const randomness = jsonArray(j.randomness, 'opening.randomness', choices.length);
  choices.forEach((m, i) => {
    if (m !== 0 && m !== 1) throw new DecodeError('scalar_out_of_range', `opening.choices[${i}]`);
  });
  return Object.freeze({
    choices: Object.freeze(choices as number[]),
    randomness: Object.freeze(randomness.map((r, i) => scalarFromHex(r as string, `opening.randomness[${i}]`, false))),
  });
}
