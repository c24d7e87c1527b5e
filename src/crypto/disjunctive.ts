/**
 * Disjunctive Chaum–Pedersen proofs (Cramer–Damgård–Schoenmakers 1994): a ciphertext
 * (α, β) under K encrypts one of the values 0, 1, …, n−1, without saying which.
 * ElectionGuard 2.0 §3.3.5 (selection: 0 or 1) and §3.3.8 (range 0..N, in `range.ts`),
 * the construction of Belenios' `iprove`.
 *
 * Branch j claims β − j·G = r·K with α = r·G, i.e. log_G(α) = log_K(β − j·G). Each branch
 * carries its commitments (a_j, b_j), its challenge c_j and its response v_j. The prover
 * answers the true branch m honestly (a_m = u·G, b_m = u·K, v_m = u + c_m·r) and simulates
 * every other one (pick c_j, v_j; a_j = v_j·G − c_j·α, b_j = v_j·K − c_j·(β − j·G)). The
 * challenges must add up to c = H(tag; ctx, statement, a_0, b_0, …, a_{n−1}, b_{n−1}), so
 * only one branch can be chosen after the hash: that is the derived one,
 * c_m = c − Σ_{j≠m} c_j.
 *
 * Verification (for each j): v_j·G = a_j + c_j·α and v_j·K = b_j + c_j·(β − j·G), and
 * Σ c_j = c. The equations are linear ({@link oneOfRelations}) and fold into one
 * multi-scalar multiplication in `batch.ts`; the challenge sum is checked per proof.
 *
 * The prover computes the simulated commitments from its witness (see {@link proveOneOf}):
 * the same points as the formulas above, by fixed-base multiplications only, all constant
 * time since their scalars involve r and m.
 * @module
 */
import { randomBytes } from '@noble/hashes/utils.js';
import type { Relation } from './batch.js';
import { type Ciphertext, isCiphertext, jsonArray, jsonObject, pointBytes, pointFromJSON, withTable } from './elgamal.js';
import {
  G, ORDER, Point, type RNG, baseMul, mod, mul, pointToHex, randomScalar, scalarFromHex, scalarToHex,
} from './group.js';
import { TAGS, Transcript } from './transcript.js';

/** One branch "the ciphertext encrypts j": commitments, challenge and response. */
export interface DisjunctiveBranch {
  readonly a: Point;
  readonly b: Point;
  readonly challenge: bigint;
  readonly response: bigint;
}

/** A disjunctive proof: branch j for the value j. */
export interface DisjunctiveProof {
  readonly branches: readonly DisjunctiveBranch[];
}

/** JSON form of one branch (lower-case hex). */
export interface DisjunctiveBranchJSON {
  readonly a: string;
  readonly b: string;
  readonly challenge: string;
  readonly response: string;
}

/** JSON form of {@link DisjunctiveProof}. */
export interface DisjunctiveProofJSON {
  readonly branches: readonly DisjunctiveBranchJSON[];
}

/** The most branches a proof may have (bounds the work an untrusted proof can cause). */
export const MAX_BRANCHES = 1025;

function assertCtx(ctx: unknown): asserts ctx is Uint8Array {
  if (!(ctx instanceof Uint8Array)) throw new TypeError(`"ctx" expected Uint8Array, got ${typeof ctx}`);
}

function isScalar(s: unknown): s is bigint {
  return typeof s === 'bigint' && s >= 0n && s < ORDER;
}

/** β − j·G for j = 0 … n−1, by repeated subtraction (public values). */
function shifted(beta: Point, n: number): Point[] {
  const out: Point[] = [beta];
  for (let j = 1; j < n; j++) out.push(out[j - 1]!.subtract(G));
  return out;
}

function wellFormed(proof: unknown, n: number): proof is DisjunctiveProof {
  const p = proof as Partial<DisjunctiveProof> | null;
  if (typeof p !== 'object' || p === null || !Array.isArray(p.branches) || p.branches.length !== n) return false;
  return p.branches.every((br: Partial<DisjunctiveBranch> | null) => typeof br === 'object' && br !== null
    && br.a instanceof Point && br.b instanceof Point && isScalar(br.challenge) && isScalar(br.response));
}

/** The challenge: `t` (tag, ctx and statement already absorbed) followed by all commitments. */
function totalChallenge(t: Transcript, branches: readonly { a: Point; b: Point }[]): bigint {
  for (const br of branches) t.bytes(pointBytes(br.a)).bytes(pointBytes(br.b));
  return t.challenge();
}

/**
 * Prove that `c` encrypts `m` ∈ 0..n−1 with randomness `r` (generic core of §3.3.5 and
 * §3.3.8). `t` is a fresh transcript holding the tag, the context and the statement; the
 * commitments are appended here. The witness is not checked: a false one (a dishonest
 * prover) yields a proof that fails verification.
 * @throws RangeError on n outside 1..MAX_BRANCHES, m outside 0..n−1, r outside 1..ℓ−1
 */
export function proveOneOf(t: Transcript, K: Point, c: Ciphertext, n: number, m: number, r: bigint, rng: RNG = randomBytes): DisjunctiveProof {
  if (!Number.isInteger(n) || n < 1 || n > MAX_BRANCHES) throw new RangeError(`"n" expected 1..${MAX_BRANCHES}, got ${n}`);
  if (!Number.isInteger(m) || m < 0 || m >= n) throw new RangeError(`"m" expected an integer in 0..${n - 1}, got ${m}`);
  if (typeof r !== 'bigint' || r <= 0n || r >= ORDER) throw new RangeError(`"r" expected 0 < r < ℓ, got ${String(r)}`);
  if (!isCiphertext(c) || !(K instanceof Point)) throw new TypeError('"K" and "c" expected a Point and a Ciphertext');
  withTable(K);
  const u = randomScalar(rng);
  const draft = Array.from({ length: n }, (_, j) => {
    if (j === m) return { a: baseMul(u), b: mul(K, u), challenge: 0n, response: 0n };
    const challenge = randomScalar(rng);
    const response = randomScalar(rng);
    // The simulated commitments v·G − c·α and v·K − c·(β − j·G), rewritten with the
    // witness (α = r·G, β = m·G + r·K) as w·G and w·K − c·(m − j)·G, w = v − c·r: the same
    // points, by multiplications of the fixed bases G and K only (≈ 4× cheaper than by α
    // and β). Their scalars hold r and m, so the multiplications are the constant-time ones.
    const w = mod(response - challenge * r);
    return { a: baseMul(w), b: mul(K, w).subtract(baseMul(mod(challenge * BigInt(m - j)))), challenge, response };
  });
  const total = totalChallenge(t, draft);
  const cm = mod(draft.reduce((acc, br, j) => (j === m ? acc : acc - br.challenge), total));
  draft[m] = { ...draft[m]!, challenge: cm, response: mod(u + cm * r) };
  return Object.freeze({ branches: Object.freeze(draft.map((br) => Object.freeze(br))) });
}

/**
 * Verify a proof from {@link proveOneOf} exactly: every branch's two equations and the
 * challenge sum. `t` as for proving. Untrusted proof: returns false, never throws.
 */
export function verifyOneOf(t: Transcript, K: Point, c: Ciphertext, n: number, proof: DisjunctiveProof): boolean {
  if (!isCiphertext(c) || !(K instanceof Point) || !wellFormed(proof, n)) return false;
  const { branches } = proof;
  const sum = mod(branches.reduce((acc, br) => acc + br.challenge, 0n));
  if (sum !== totalChallenge(t, branches)) return false;
  const betas = shifted(c.beta, n);
  return branches.every((br, j) =>
    G.multiplyUnsafe(br.response).subtract(c.alpha.multiplyUnsafe(br.challenge)).equals(br.a)
    && K.multiplyUnsafe(br.response).subtract(betas[j]!.multiplyUnsafe(br.challenge)).equals(br.b));
}

/**
 * The verification equations of a proof from {@link proveOneOf} as relations summing to the
 * identity, after checking the challenge sum (which is not linear): per branch j,
 * v_j·G − c_j·α − a_j = 0 and v_j·K − c_j·β + (j·c_j)·G − b_j = 0. Null if the proof is
 * malformed or its challenges do not add up.
 */
export function oneOfRelations(t: Transcript, K: Point, c: Ciphertext, n: number, proof: DisjunctiveProof): Relation[] | null {
  if (!isCiphertext(c) || !(K instanceof Point) || !wellFormed(proof, n)) return null;
  const { branches } = proof;
  const sum = mod(branches.reduce((acc, br) => acc + br.challenge, 0n));
  if (sum !== totalChallenge(t, branches)) return null;
  const minusOne = ORDER - 1n;
  return branches.flatMap((br, j) => {
    const nc = mod(-br.challenge);
    return [
      { points: [G, c.alpha, br.a], scalars: [br.response, nc, minusOne] },
      { points: [K, c.beta, G, br.b], scalars: [br.response, nc, mod(BigInt(j) * br.challenge), minusOne] },
    ];
  });
}

function selectionTranscript(ctx: Uint8Array, K: Point, c: Ciphertext): Transcript {
  assertCtx(ctx);
  return new Transcript(TAGS.disjunctive).bytes(ctx).bytes(pointBytes(K)).bytes(pointBytes(c.alpha)).bytes(pointBytes(c.beta));
}

/**
 * Prove that `c` = encrypt(K, m, r) encrypts 0 or 1 (ElectionGuard 2.0 §3.3.5): challenge
 * over TAGS.disjunctive, ctx, K, α, β and the four commitments.
 * @throws TypeError/RangeError on a malformed argument or m ∉ {0, 1}
 * @example const proof = proveZeroOrOne(ctx, K, encrypt(K, 1, r), 1, r);
 */
export function proveZeroOrOne(ctx: Uint8Array, K: Point, c: Ciphertext, m: number, r: bigint, rng: RNG = randomBytes): DisjunctiveProof {
  if (m !== 0 && m !== 1) throw new RangeError(`"m" expected 0 or 1, got ${m}`);
  return proveOneOf(selectionTranscript(ctx, K, c), K, c, 2, m, r, rng);
}

/**
 * Verify a 0-or-1 proof (ElectionGuard 2.0 §3.3.5). Untrusted `c`/`proof`: returns false,
 * never throws.
 * @throws TypeError only if `ctx` is not a Uint8Array
 * @example verifyZeroOrOne(ctx, K, c, proof) // true
 */
export function verifyZeroOrOne(ctx: Uint8Array, K: Point, c: Ciphertext, proof: DisjunctiveProof): boolean {
  if (!isCiphertext(c) || !(K instanceof Point)) return false;
  return verifyOneOf(selectionTranscript(ctx, K, c), K, c, 2, proof);
}

/** {@link oneOfRelations} for a 0-or-1 proof (for `batch.ts`). */
export function zeroOrOneRelations(ctx: Uint8Array, K: Point, c: Ciphertext, proof: DisjunctiveProof): Relation[] | null {
  if (!isCiphertext(c) || !(K instanceof Point)) return null;
  return oneOfRelations(selectionTranscript(ctx, K, c), K, c, 2, proof);
}

/** Proof → JSON (lower-case hex). */
export function disjunctiveProofToJSON(p: DisjunctiveProof): DisjunctiveProofJSON {
  return {
    branches: p.branches.map((br) => ({
      a: pointToHex(br.a), b: pointToHex(br.b), challenge: scalarToHex(br.challenge), response: scalarToHex(br.response),
    })),
  };
}

/**
 * JSON → proof, strictly: `{ branches: [...] }` with exactly `branches` items (2 for a
 * 0-or-1 proof) if given, else 1..MAX_BRANCHES; each with exactly a, b, challenge and
 * response; canonical non-identity points (an honest commitment is never the identity)
 * and canonical scalars.
 * @throws DecodeError naming the field
 */
export function disjunctiveProofFromJSON(json: DisjunctiveProofJSON, branches?: number, what = 'disjunctiveProof'): DisjunctiveProof {
  const j = jsonObject(json, ['branches'], what);
  const list = jsonArray(j.branches, `${what}.branches`, branches);
  if (list.length < 1 || list.length > MAX_BRANCHES) jsonArray(null, `${what}.branches`);
  return Object.freeze({
    branches: Object.freeze(list.map((item, i) => {
      const w = `${what}.branches[${i}]`;
      const br = jsonObject(item, ['a', 'b', 'challenge', 'response'], w);
      return Object.freeze({
        a: pointFromJSON(br.a as string, `${w}.a`),
        b: pointFromJSON(br.b as string, `${w}.b`),
        challenge: scalarFromHex(br.challenge as string, `${w}.challenge`),
        response: scalarFromHex(br.response as string, `${w}.response`),
      });
    })),
  });
}
