/**
 * A plain libsodium verifier of ballot events, the reference that `npm run bench` holds
 * the project's verifier to (issue 14): from the event's JSON text, as the record holds
 * it, it does what an independent verifier written from docs/election-record.md with
 * libsodium-wrappers-sumo (WASM) would do — parse, decode the hex, check each scalar is
 * below ℓ, verify the token's RSA blind signature (node:crypto, as ours: libsodium has no
 * RSA), recompute the ballot digest, verify the Ed25519 ballot signature with libsodium,
 * and check every equation of the 0-or-1 and range proofs one by one with libsodium's
 * ristretto255 (which refuses non-canonical points), the Fiat–Shamir challenges hashed by
 * our Transcript. Dev only (scripts/), never shipped.
 * @module
 */
import sodium from 'libsodium-wrappers-sumo';
import type { ContestBallotJSON } from '../src/crypto/ballot.js';
import { ballotSignatureMessage } from '../src/crypto/ballot-signature.js';
import { G, encodePoint, encodeScalar, fromHex } from '../src/crypto/group.js';
import { type IssuedToken, issuedTokenFromJSON, meetsIssuanceRule, preparedIssuedTokenMessage } from '../src/crypto/issued-token.js';
import { verifyRsaPssNode } from '../src/crypto/token-issuer.js';
import { TAGS, Transcript } from '../src/crypto/transcript.js';
import type { IssuancePublicKey } from '../src/crypto/voting-token.js';

/** libsodium is loaded (await once before use). */
export const sodiumReady: Promise<void> = sodium.ready;

interface SodiumBranch { a: Uint8Array; b: Uint8Array; c: Uint8Array; v: Uint8Array }
/** A contest ballot as bytes. */
export interface SodiumBallot {
  selections: { alpha: Uint8Array; beta: Uint8Array; branches: SodiumBranch[] }[];
  range: SodiumBranch[];
}

/** The ballot's wire bytes (hex of the JSON form), as libsodium takes them. */
export function sodiumBallot(json: ContestBallotJSON): SodiumBallot {
  const branches = (p: ContestBallotJSON['rangeProof']): SodiumBranch[] => p.branches.map((br) => ({
    a: fromHex(br.a), b: fromHex(br.b), c: fromHex(br.challenge), v: fromHex(br.response),
  }));
  return {
    selections: json.selections.map((s) => ({ alpha: fromHex(s.ciphertext.alpha), beta: fromHex(s.ciphertext.beta), branches: branches(s.proof) })),
    range: branches(json.rangeProof),
  };
}

const G_BYTES = encodePoint(G);
const ZERO_BYTES = new Uint8Array(32);
/** ℓ, little-endian. */
const L = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  let d = 0;
  for (let i = 0; i < x.length; i++) d |= x[i]! ^ y[i]!;
  return d === 0;
}

/** A canonical scalar: 32 bytes, little-endian, below ℓ. */
function canonicalScalar(s: Uint8Array): boolean {
  if (s.length !== 32) return false;
  for (let i = 31; i >= 0; i--) {
    if (s[i]! < L[i]!) return true;
    if (s[i]! > L[i]!) return false;
  }
  return false;
}

/**
 * One disjunctive proof (`verifyOneOf`): Σ c_j = H(transcript, commitments), and for each
 * branch j: v_j·G − c_j·α = a_j and v_j·K − c_j·(β − j·G) = b_j.
 */
function sodiumOneOf(t: Transcript, K: Uint8Array, alpha: Uint8Array, beta: Uint8Array, branches: SodiumBranch[], n: number): boolean {
  if (branches.length !== n) return false;
  for (const br of branches) {
    if (!canonicalScalar(br.c) || !canonicalScalar(br.v)) return false;
    t.bytes(br.a).bytes(br.b);
  }
  let sum: Uint8Array = ZERO_BYTES;
  for (const br of branches) sum = sodium.crypto_core_ristretto255_scalar_add(sum, br.c);
  if (!sameBytes(sum, encodeScalar(t.challenge()))) return false;
  let shifted = beta;
  for (let j = 0; j < n; j++) {
    const br = branches[j]!;
    if (j > 0) shifted = sodium.crypto_core_ristretto255_sub(shifted, G_BYTES);
    const a = sodium.crypto_core_ristretto255_sub(
      sodium.crypto_scalarmult_ristretto255_base(br.v), sodium.crypto_scalarmult_ristretto255(br.c, alpha));
    if (!sameBytes(a, br.a)) return false;
    const b = sodium.crypto_core_ristretto255_sub(
      sodium.crypto_scalarmult_ristretto255(br.v, K), sodium.crypto_scalarmult_ristretto255(br.c, shifted));
    if (!sameBytes(b, br.b)) return false;
  }
  return true;
}

/** `checkContest` on libsodium: shape, each 0-or-1 proof, the range proof of the sum. */
export function sodiumCheckContest(ctx: Uint8Array, K: Uint8Array, maxSelections: number, candidateCount: number, ballot: SodiumBallot): boolean {
  try {
    if (ballot.selections.length !== candidateCount) return false;
    for (const s of ballot.selections) {
      if (sameBytes(s.alpha, ZERO_BYTES) || sameBytes(s.beta, ZERO_BYTES)) return false; // identity
      if (!sodium.crypto_core_ristretto255_is_valid_point(s.alpha) || !sodium.crypto_core_ristretto255_is_valid_point(s.beta)) return false;
      const t = new Transcript(TAGS.disjunctive).bytes(ctx).bytes(K).bytes(s.alpha).bytes(s.beta);
      if (!sodiumOneOf(t, K, s.alpha, s.beta, s.branches, 2)) return false;
    }
    let alpha = ballot.selections[0]!.alpha;
    let beta = ballot.selections[0]!.beta;
    for (const s of ballot.selections.slice(1)) {
      alpha = sodium.crypto_core_ristretto255_add(alpha, s.alpha);
      beta = sodium.crypto_core_ristretto255_add(beta, s.beta);
    }
    const t = new Transcript(TAGS.range).bytes(ctx).bytes(K).u32(maxSelections).u32(candidateCount);
    for (const s of ballot.selections) t.bytes(s.alpha).bytes(s.beta);
    t.bytes(alpha).bytes(beta);
    return sodiumOneOf(t, K, alpha, beta, ballot.range, maxSelections + 1);
  } catch {
    return false; // libsodium refuses a non-canonical encoding or an identity result
  }
}

/** The ballot digest (crypto/ballot.ts `contestBallotDigest`) from the bytes. */
function digestOf(b: SodiumBallot): Uint8Array {
  const t = new Transcript(TAGS.contestBallot).u32(b.selections.length);
  const proof = (branches: SodiumBranch[]) => {
    t.u32(branches.length);
    for (const br of branches) t.bytes(br.a).bytes(br.b).bytes(br.c).bytes(br.v);
  };
  for (const s of b.selections) {
    t.bytes(s.alpha).bytes(s.beta);
    proof(s.branches);
  }
  proof(b.range);
  return t.digest();
}

/** What every ballot of a contest is checked against. */
export interface ReferenceContext {
  readonly electionId: string;
  readonly contestId: string;
  /** The contest's issuers (manifest `contests[].issuers`) and the rule's k (`rules.issuerThreshold`). */
  readonly issuers: readonly { readonly memberId: string; readonly sector: string; readonly key: IssuancePublicKey }[];
  readonly issuerThreshold: number;
  /** The joint key, encoded. */
  readonly K: Uint8Array;
  /** `ballotContext` for a ballot key (hashing only: the reference's own Transcript use). */
  readonly ballotContext: (ballotPublicKey: Uint8Array) => Uint8Array;
  readonly maxSelections: number;
  readonly candidateCount: number;
}

const sameHex = (a: Uint8Array, b: Uint8Array) => sodium.to_hex(a) === sodium.to_hex(b);

/** The token names this election and contest, k distinct issuers of ≥ 2 sectors sign it, and every signature verifies (node:crypto RSA-PSS). */
function tokenValid(token: IssuedToken, ctx: ReferenceContext): boolean {
  if (token.electionId !== ctx.electionId || token.contestId !== ctx.contestId) return false;
  const named = token.signatures.map((s) => ctx.issuers.find((i) => sameHex(i.key.keyId, s.keyId)));
  if (named.some((i) => i === undefined) || new Set(named.map((i) => i!.memberId)).size !== named.length) return false;
  if (!meetsIssuanceRule(named as ReferenceContext['issuers'][number][], { threshold: ctx.issuerThreshold, sectors: 2 }).ok) return false;
  const message = preparedIssuedTokenMessage(token);
  return token.signatures.every((s, i) => verifyRsaPssNode(named[i]!.key, message, s.signature));
}

/**
 * Verify one ballot event from its JSON text: token, signature and proofs. True iff all hold.
 * @example sodiumVerifyBallotEvent(text, ctx) // true
 */
export function sodiumVerifyBallotEvent(text: string, ctx: ReferenceContext): boolean {
  try {
    const p = (JSON.parse(text) as { payload: { contestId: string; token: unknown; ballot: ContestBallotJSON; signature: string } }).payload;
    if (p.contestId !== ctx.contestId) return false;
    const token = issuedTokenFromJSON(p.token);
    if (!tokenValid(token, ctx)) return false;
    const ballot = sodiumBallot(p.ballot);
    const digest = digestOf(ballot);
    if (!sodium.crypto_sign_verify_detached(fromHex(p.signature, 'signature', 64), ballotSignatureMessage(digest), token.ballotPublicKey)) return false;
    return sodiumCheckContest(ctx.ballotContext(token.ballotPublicKey), ctx.K, ctx.maxSelections, ctx.candidateCount, ballot);
  } catch {
    return false;
  }
}
