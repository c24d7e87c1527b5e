/**
 * The libsodium (WASM) hot path of ballot checking, for Node only (the record verifier's
 * worker threads; DESIGN §3 lets libsodium serve a measured hot path). Noble's ristretto255
 * decoding costs ≈ 80 µs a point (a bigint inverse square root) and a contest ballot has
 * ≈ 36 points; libsodium decodes, multiplies and re-encodes a point in one call for about
 * the cost of one noble decode. So this path never builds a noble point: it takes the
 * ballot's JSON, and checks the same ElectionGuard 2.0 §3.3.5 / §3.3.8 equations as
 * `contestRelations`, folded over many ballots with independent random 128-bit weights
 * (batch.ts), each term one `crypto_scalarmult_ristretto255` — which refuses non-canonical
 * encodings and the identity — and the terms added with `crypto_core_ristretto255_add`.
 *
 * It only ever says "all good": a ballot it does not accept (bad shape, bad encoding, a
 * false equation, or a folded check that fails) gets `null`, and the caller checks that
 * ballot on the noble path, which names the problem. So reports are the noble path's, by
 * construction, as long as libsodium accepts nothing that noble refuses (the tests run the
 * same good and bad ballots through both).
 *
 * Server-only: the browser keeps the noble path (test/architecture/layering.test.ts).
 * @module
 */
import sodium from 'libsodium-wrappers-sumo';
import { randomBytes } from '@noble/hashes/utils.js';
import { ballotSignatureMessage, isStrictSignatureEncoding } from './ballot-signature.js';
import type { ContestBytesResult, ContestBytesItem, ProofBackend } from './batch.js';
import { WEIGHT_BYTES } from './batch.js';
import { jsonArray, jsonObject } from './elgamal.js';
import { ORDER, type RNG, bytesToNumberLE, encodeScalar, fromHex, mod, scalarFromHex } from './group.js';
import { TAGS, Transcript } from './transcript.js';

/** Resolves once libsodium's WASM is loaded; await it before {@link sodiumProofBackend} is used. */
export const sodiumReady: Promise<void> = sodium.ready;

interface Branch { readonly a: Uint8Array; readonly b: Uint8Array; readonly c: bigint; readonly v: bigint }
interface Parsed {
  readonly alphas: Uint8Array[];
  readonly betas: Uint8Array[];
  readonly proofs: Branch[][];
  readonly range: Branch[];
}

const ZERO_POINT = new Uint8Array(32);

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  let d = 0;
  for (let i = 0; i < x.length; i++) d |= x[i]! ^ y[i]!;
  return d === 0;
}

/** The ballot's JSON as bytes and scalars; throws on anything not strictly shaped (as `contestBallotFromJSON`). */
function parse(ballot: unknown, candidateCount: number, maxSelections: number): Parsed {
  const b = jsonObject(ballot, ['selections', 'rangeProof'], 'ballot');
  const branches = (proof: unknown, n: number): Branch[] => jsonArray(jsonObject(proof, ['branches'], 'proof').branches, 'branches', n).map((x) => {
    const br = jsonObject(x, ['a', 'b', 'challenge', 'response'], 'branch') as Record<string, string>;
    return { a: fromHex(br.a!, 'a', 32), b: fromHex(br.b!, 'b', 32), c: scalarFromHex(br.challenge!), v: scalarFromHex(br.response!) };
  });
  const selections = jsonArray(b.selections, 'selections', candidateCount).map((x) => {
    const s = jsonObject(x, ['ciphertext', 'proof'], 'selection');
    const c = jsonObject(s.ciphertext, ['alpha', 'beta'], 'ciphertext') as Record<string, string>;
    return { alpha: fromHex(c.alpha!, 'alpha', 32), beta: fromHex(c.beta!, 'beta', 32), proof: branches(s.proof, 2) };
  });
  return {
    alphas: selections.map((s) => s.alpha),
    betas: selections.map((s) => s.beta),
    proofs: selections.map((s) => s.proof),
    range: branches(b.rangeProof, maxSelections + 1),
  };
}

/** `contestBallotDigest` over the bytes (same transcript, no decoding). */
function digestOf(p: Parsed): Uint8Array {
  const t = new Transcript(TAGS.contestBallot).u32(p.alphas.length);
  const proof = (branches: Branch[]) => {
    t.u32(branches.length);
    for (const br of branches) t.bytes(br.a).bytes(br.b).scalar(br.c).scalar(br.v);
  };
  p.alphas.forEach((alpha, i) => {
    t.bytes(alpha).bytes(p.betas[i]!);
    proof(p.proofs[i]!);
  });
  proof(p.range);
  return t.digest();
}

/** The folded terms of a chunk: per point encoding its coefficient, and G's and K's. */
class Fold {
  g = 0n;
  k = 0n;
  readonly terms: { point: Uint8Array; scalar: bigint }[] = [];
  /** Random bytes drawn ahead: one call to the RNG per 64 weights, not one per weight (≈ 4 % of a worker's time). */
  #pool: Uint8Array = new Uint8Array(0);
  #at = 0;
  constructor(private readonly rng: RNG) {}

  #draw(): Uint8Array {
    if (this.#at + WEIGHT_BYTES > this.#pool.length) {
      const pool = this.rng(WEIGHT_BYTES * 64);
      // An RNG that gives fewer bytes than asked is asked weight by weight.
      if (pool.length !== WEIGHT_BYTES * 64) return this.rng(WEIGHT_BYTES);
      this.#pool = pool;
      this.#at = 0;
    }
    this.#at += WEIGHT_BYTES;
    return this.#pool.subarray(this.#at - WEIGHT_BYTES, this.#at);
  }

  weight(): bigint {
    for (;;) {
      const w = bytesToNumberLE(this.#draw());
      if (w !== 0n) return w;
    }
  }

  /**
   * One disjunctive proof on (α, β): returns false if the challenges do not add up; else
   * adds, per branch j with weight w, w·(v·G − c·α − a) and w'·(v·K − c·β + j·c·G − b);
   * the α and β coefficients are returned for the caller to place (a range proof's α, β
   * are sums of the selections').
   */
  oneOf(t: Transcript, branches: Branch[]): { alpha: bigint; beta: bigint } | null {
    for (const br of branches) t.bytes(br.a).bytes(br.b);
    let sum = 0n;
    for (const br of branches) sum += br.c;
    if (mod(sum) !== t.challenge()) return null;
    let alpha = 0n;
    let beta = 0n;
    branches.forEach((br, j) => {
      const w1 = this.weight();
      const w2 = this.weight();
      this.g += w1 * br.v + w2 * BigInt(j) * br.c;
      this.k += w2 * br.v;
      alpha -= w1 * br.c;
      beta -= w2 * br.c;
      this.terms.push({ point: br.a, scalar: ORDER - w1 }, { point: br.b, scalar: ORDER - w2 });
    });
    return { alpha, beta };
  }

  /** Σ of all terms is the identity (libsodium refuses a bad encoding: a throw, caught by the caller). */
  holds(K: Uint8Array): boolean {
    const raw = wasm();
    const heap = raw.HEAPU8;
    const { scalar, point, term, acc } = scratch(raw);
    heap.fill(0, acc, acc + 32); // the identity
    const add = (s: bigint, P?: Uint8Array) => {
      const m = mod(s);
      if (m === 0n) return;
      heap.set(encodeScalar(m), scalar);
      if (P === undefined) raw._crypto_scalarmult_ristretto255_base(term, scalar);
      else {
        heap.set(P, point);
        if (raw._crypto_scalarmult_ristretto255(term, scalar, point) !== 0) throw new RangeError('not a valid point, or an identity product');
      }
      if (raw._crypto_core_ristretto255_add(acc, acc, term) !== 0) throw new RangeError('not a valid sum');
    };
    add(this.g);
    add(this.k, K);
    for (const t of this.terms) add(t.scalar, t.point);
    return sameBytes(heap.subarray(acc, acc + 32), ZERO_POINT);
  }
}

/** libsodium's C exports: called on its own heap, without the wrappers' copies and allocations. */
interface Raw {
  readonly HEAPU8: Uint8Array;
  _malloc(n: number): number;
  _crypto_scalarmult_ristretto255(q: number, n: number, p: number): number;
  _crypto_scalarmult_ristretto255_base(q: number, n: number): number;
  _crypto_core_ristretto255_add(r: number, p: number, q: number): number;
}
function wasm(): Raw {
  return (sodium as unknown as { libsodium: Raw }).libsodium;
}

/** libsodium's raw exports and heap, for the other libsodium hot paths of crypto/ (sodium-sums.ts); after `await sodiumReady`. */
export function sodiumRaw(): Pick<Raw, 'HEAPU8' | '_malloc' | '_crypto_core_ristretto255_add'> {
  return wasm();
}
let slots: { scalar: number; point: number; term: number; acc: number } | undefined;
function scratch(raw: Raw): { scalar: number; point: number; term: number; acc: number } {
  if (slots === undefined) {
    const base = raw._malloc(128);
    slots = { scalar: base, point: base + 32, term: base + 64, acc: base + 96 };
  }
  return slots;
}

/** Add one ballot's equations to `fold`; false if its challenges do not add up. */
function foldBallot(fold: Fold, item: ContestBytesItem, p: Parsed): boolean {
  const { ctx, K, maxSelections, candidateCount } = item;
  const alphaCoef: bigint[] = [];
  const betaCoef: bigint[] = [];
  for (let i = 0; i < candidateCount; i++) {
    const t = new Transcript(TAGS.disjunctive).bytes(ctx).bytes(K).bytes(p.alphas[i]!).bytes(p.betas[i]!);
    const r = fold.oneOf(t, p.proofs[i]!);
    if (r === null) return false;
    alphaCoef.push(r.alpha);
    betaCoef.push(r.beta);
  }
  let A = p.alphas[0]!;
  let B = p.betas[0]!;
  for (let i = 1; i < candidateCount; i++) {
    A = sodium.crypto_core_ristretto255_add(A, p.alphas[i]!);
    B = sodium.crypto_core_ristretto255_add(B, p.betas[i]!);
  }
  const t = new Transcript(TAGS.range).bytes(ctx).bytes(K).u32(maxSelections).u32(candidateCount);
  for (let i = 0; i < candidateCount; i++) t.bytes(p.alphas[i]!).bytes(p.betas[i]!);
  t.bytes(A).bytes(B);
  const r = fold.oneOf(t, p.range);
  if (r === null) return false;
  // The range proof's α = Σ αᵢ: its coefficient goes to each αᵢ (one multiplication each, not two).
  for (let i = 0; i < candidateCount; i++) {
    fold.terms.push({ point: p.alphas[i]!, scalar: alphaCoef[i]! + r.alpha }, { point: p.betas[i]!, scalar: betaCoef[i]! + r.beta });
  }
  return true;
}

function checkAll(items: readonly ContestBytesItem[], rng: RNG): (ContestBytesResult | null)[] {
  if (items.length === 0) return [];
  const K = items[0]!.K;
  const parsed = items.map((item) => {
    try {
      if (!sameBytes(item.K, K)) return null;
      const p = parse(item.ballot, item.candidateCount, item.maxSelections);
      // The identity is refused as a ciphertext component (noble's decoding does so too).
      if ([...p.alphas, ...p.betas].some((x) => sameBytes(x, ZERO_POINT))) return null;
      return p;
    } catch {
      return null;
    }
  });
  const verdict = (idx: number[]): boolean => {
    const fold = new Fold(rng);
    try {
      for (const i of idx) if (!foldBallot(fold, items[i]!, parsed[i]!)) return false;
      return fold.holds(K);
    } catch {
      return false;
    }
  };
  const live = parsed.flatMap((p, i) => (p === null ? [] : [i]));
  const good = new Set<number>();
  // A failing chunk is rare (a tampered record): then each ballot is folded on its own.
  if (live.length > 0 && verdict(live)) live.forEach((i) => good.add(i));
  else for (const i of live) if (verdict([i])) good.add(i);
  return items.map((_, i) => {
    const p = parsed[i];
    if (p === null || p === undefined || !good.has(i)) return null;
    return { digest: digestOf(p), ciphertexts: p.alphas.map((alpha, k) => ({ alpha, beta: p.betas[k]! })) };
  });
}

/**
 * The libsodium {@link ProofBackend}: `checkContests` accepts a ballot iff its encodings are
 * canonical and every 0-or-1 and range proof equation holds (folded; ≤ 2^−128 error per
 * chunk), else null; `addPoints` is ristretto255 addition on encodings.
 * @example checkBallots(context, tasks, { proofBackend: sodiumProofBackend }) // after `await sodiumReady`
 */
export const sodiumProofBackend: ProofBackend = {
  checkContests: (items, rng = randomBytes) => checkAll(items, rng),
  addPoints: (p, q) => sodium.crypto_core_ristretto255_add(p, q),
};

/**
 * Verify a ballot signature with libsodium (`crypto_sign_verify_detached`) after the same
 * strict encoding checks as {@link verifyBallotSignature} (canonical key not of small
 * order, R not of small order, S < ℓ): libsodium then accepts iff encode([S]B − [k]A) == R,
 * the same cofactorless rule, so the verdict is the noble verifier's on every input
 * (test/crypto/ballot-signature.test.ts runs all three). ≈ 0.09 ms against ≈ 0.2 ms for
 * node:crypto, which imports the key for each signature. Untrusted `publicKey`/`signature`:
 * returns false, never throws. After `await sodiumReady`.
 * @throws TypeError/RangeError only if `ballotDigest` is not 32 bytes
 * @example verifyBallotSignatureSodium(token.ballotPublicKey, digest, sig) // true
 */
export function verifyBallotSignatureSodium(publicKey: Uint8Array, ballotDigest: Uint8Array, signature: Uint8Array): boolean {
  return verifyStrictSignatureSodium(publicKey, ballotSignatureMessage(ballotDigest), signature);
}

/**
 * `verifyStrictSignature` (ballot-signature.ts) over any message with libsodium: the same
 * strict encoding checks, then the same cofactorless equation, so the same verdict on every
 * input. The record verifier checks the committee's decisions, the associations' token
 * requests and the issuers' logs with it (hundreds of thousands of signatures in a large
 * record; noble's ≈ 1 ms each would dominate). Untrusted arguments: returns false, never
 * throws. After `await sodiumReady`.
 * @example verifyStrictSignatureSodium(accountKey, issuedTokenRequestMessage(r), sig) // true
 */
export function verifyStrictSignatureSodium(publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array): boolean {
  if (!(msg instanceof Uint8Array) || !isStrictSignatureEncoding(publicKey, signature)) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, msg, publicKey);
  } catch {
    return false;
  }
}
