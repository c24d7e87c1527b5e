/**
 * Threshold key ceremony: a Pedersen/Feldman distributed key generation (Pedersen 1991,
 * Gennaro–Jarecki–Krawczyk–Rabin 1999 "JF-DKG") as ElectionGuard 2.0 §3.2 runs it, on
 * ristretto255, with the election context bound into every proof.
 *
 * Trustees are numbered 1..n; any t of them (1 ≤ t ≤ n) can decrypt.
 * 1. Each trustee j publishes a long-term trustee key PK_j = sk_j·G with a Schnorr proof of
 *    possession ({@link createTrusteeKey}); shares are encrypted to it.
 * 2. Each dealer i draws f_i(x) = a_i0 + a_i1·x + … + a_i,t−1·x^(t−1), publishes
 *    C_ik = a_ik·G, each with a Schnorr proof of knowledge of a_ik (ElectionGuard 2.0 §3.2.2),
 *    and f_i(j) encrypted to every other trustee j ({@link createDealing}); anyone checks
 *    the public part with {@link checkDealing}.
 * 3. Recipient j opens f_i(j) and checks f_i(j)·G = Σ_k j^k·C_ik ({@link receiveShare});
 *    if that fails it publishes a {@link Complaint} revealing the ECDH point with a
 *    Chaum–Pedersen proof, so that anyone can open the share and judge ({@link checkComplaint}).
 * 4. Over the qualified dealers Q: joint key K = Σ_{i∈Q} C_i0, verification key
 *    X_j = Σ_{i∈Q} Σ_k j^k·C_ik, secret share x_j = Σ_{i∈Q} f_i(j) (ElectionGuard 2.0 §3.2.3).
 *
 * Known limit of JF-DKG (GJKR 1999): a dealer that sees the others' C_i0 before publishing
 * its own could bias K; this does not help decrypt (K stays uniform enough for ElGamal
 * security, GJKR 2007), and the Schnorr proofs stop rogue-key choices of C_i0.
 * @module
 */
import { mulAddUnsafe, pippenger } from '@noble/curves/abstract/curve.js';
import { randomBytes } from '@noble/hashes/utils.js';
import {
  type EqualityProof, type EqualityProofJSON, equalityProofFromJSON, equalityProofToJSON, proveEquality, verifyEquality,
} from './chaum-pedersen.js';
import { jsonArray, jsonObject } from './elgamal.js';
import {
  DecodeError, G, IDENTITY, Point, type RNG, mod, mul, pointFromHex, pointToHex, randomScalar,
} from './group.js';
import { evaluatePolynomial, powers } from './lagrange.js';
import {
  type SchnorrProof, type SchnorrProofJSON, proveSchnorr, schnorrProofFromJSON, schnorrProofToJSON, verifySchnorr,
} from './schnorr.js';
import {
  type EncryptedShare, type EncryptedShareJSON, SEALED_SHARE_BYTES, decryptShare, encryptShare, encryptedShareFromJSON,
  encryptedShareToJSON, openShareWithSharedPoint,
} from './share-encryption.js';
import { TAGS, Transcript } from './transcript.js';

/** n trustees, threshold t. */
export interface CeremonyParams {
  readonly n: number;
  readonly t: number;
}

/** A trustee's published long-term key with its proof of possession. */
export interface TrusteePublicKey {
  readonly index: number;
  readonly key: Point;
  readonly proof: SchnorrProof;
}

/** The public part of dealer i's contribution. */
export interface Dealing {
  readonly dealer: number;
  /** C_i0 … C_i,t−1. */
  readonly commitments: readonly Point[];
  /** One Schnorr proof of knowledge per commitment. */
  readonly proofs: readonly SchnorrProof[];
  /** f_i(j) sealed to each trustee j ≠ i, by ascending j. */
  readonly shares: readonly { readonly recipient: number; readonly encrypted: EncryptedShare }[];
}

/** Recipient j's public accusation that dealer i's share to j is bad. */
export interface Complaint {
  readonly dealer: number;
  readonly complainer: number;
  /** S = sk_j·E, the ECDH point of the share. */
  readonly shared: Point;
  /** log_G(PK_j) = log_E(S). */
  readonly proof: EqualityProof;
}

/** Result of {@link checkDealing}. */
export type DealingCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'bad_dealer' | 'wrong_commitment_count' | 'bad_proof' | 'wrong_recipients' | 'malformed_share' };

/** Result of {@link receiveShare}: the share, or what to complain about. */
export type ShareReceipt =
  | { readonly ok: true; readonly share: bigint }
  | { readonly ok: false; readonly reason: 'missing' | 'undecryptable' | 'inconsistent' };

/**
 * Result of {@link checkComplaint}. `justified`: the dealer is disqualified; `unjustified`: the
 * share is fine and the complainer lied (the share is now public, which one share of one
 * dealer below the threshold allows); `invalid`: the complaint itself does not verify.
 */
export type ComplaintVerdict =
  | { readonly status: 'justified'; readonly reason: 'undecryptable' | 'inconsistent' }
  | { readonly status: 'unjustified' }
  | { readonly status: 'invalid'; readonly reason: 'bad_indices' | 'no_such_share' | 'bad_proof' };

function assertParams(p: CeremonyParams): void {
  if (!Number.isInteger(p.n) || !Number.isInteger(p.t) || p.t < 1 || p.t > p.n || p.n > 0xffff) {
    throw new RangeError(`"params" expected integers 1 <= t <= n <= 65535, got t ${p.t}, n ${p.n}`);
  }
}
function inRange(j: unknown, p: CeremonyParams): j is number {
  return typeof j === 'number' && Number.isInteger(j) && j >= 1 && j <= p.n;
}
function assertIndex(name: string, j: unknown, p: CeremonyParams): asserts j is number {
  if (!inRange(j, p)) throw new RangeError(`"${name}" expected an integer in 1..${p.n}, got ${String(j)}`);
}
function assertCtx(ctx: unknown): asserts ctx is Uint8Array {
  if (!(ctx instanceof Uint8Array)) throw new TypeError(`"ctx" expected Uint8Array, got ${typeof ctx}`);
}

/** Σ scalars[i]·points[i] for public values (Strauss–Shamir when small, Pippenger when large). */
function msm(points: Point[], scalars: bigint[]): Point {
  return points.length < 256 ? mulAddUnsafe(Point, points, scalars) : pippenger(Point, points, scalars);
}

function keyContext(ctx: Uint8Array, index: number): Uint8Array {
  return new Transcript(TAGS.trusteeKey).bytes(ctx).u32(index).digest();
}
function commitmentContext(ctx: Uint8Array, p: CeremonyParams, dealer: number, k: number): Uint8Array {
  return new Transcript(TAGS.dkgCommitment).bytes(ctx).u32(p.n).u32(p.t).u32(dealer).u32(k).digest();
}
function complaintContext(ctx: Uint8Array, p: CeremonyParams, dealer: number, complainer: number, enc: EncryptedShare): Uint8Array {
  return new Transcript(TAGS.complaint)
    .bytes(ctx).u32(p.n).u32(p.t).u32(dealer).u32(complainer).point(enc.ephemeral).bytes(enc.sealed).digest();
}

/**
 * Make trustee `index`'s long-term key with a proof of possession bound to `ctx` and `index`.
 * @example const { secret, publicKey } = createTrusteeKey(ctx, 1);
 */
export function createTrusteeKey(
  ctx: Uint8Array,
  index: number,
  rng: RNG = randomBytes,
): { readonly secret: bigint; readonly publicKey: TrusteePublicKey } {
  assertCtx(ctx);
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`"index" expected an integer ≥ 1, got ${index}`);
  const secret = randomScalar(rng);
  const key = mul(G, secret);
  const proof = proveSchnorr(keyContext(ctx, index), secret, rng);
  return { secret, publicKey: Object.freeze({ index, key, proof }) };
}

/** Check a trustee key's proof of possession (ElectionGuard 2.0 §3.2.2, Schnorr). */
export function checkTrusteeKey(ctx: Uint8Array, pub: TrusteePublicKey): boolean {
  assertCtx(ctx);
  if (!Number.isInteger(pub.index) || pub.index < 1 || pub.key.equals(IDENTITY)) return false;
  return verifySchnorr(keyContext(ctx, pub.index), pub.key, pub.proof);
}

function keyOf(keys: readonly TrusteePublicKey[], j: number): Point | undefined {
  return keys.find((k) => k.index === j)?.key;
}

/**
 * Dealer `dealer`'s contribution: a random polynomial of degree t−1, its commitments with
 * proofs, and a share sealed to each other trustee. The polynomial and `ownShare` = f(dealer)
 * stay with the dealer (trustee-keyfile.ts).
 * @throws RangeError if a trustee key for some j ≠ dealer is missing
 */
export function createDealing(
  ctx: Uint8Array,
  params: CeremonyParams,
  dealer: number,
  trusteeKeys: readonly TrusteePublicKey[],
  rng: RNG = randomBytes,
): { readonly dealing: Dealing; readonly polynomial: readonly bigint[]; readonly ownShare: bigint } {
  assertCtx(ctx);
  assertParams(params);
  assertIndex('dealer', dealer, params);
  const polynomial = Array.from({ length: params.t }, () => randomScalar(rng));
  const commitments = polynomial.map((a) => mul(G, a));
  const proofs = polynomial.map((a, k) => proveSchnorr(commitmentContext(ctx, params, dealer, k), a, rng));
  const shares: { recipient: number; encrypted: EncryptedShare }[] = [];
  for (let j = 1; j <= params.n; j++) {
    if (j === dealer) continue;
    const pk = keyOf(trusteeKeys, j);
    if (pk === undefined) throw new RangeError(`"trusteeKeys" expected a key for trustee ${j}, got none`);
    const share = evaluatePolynomial(polynomial, BigInt(j));
    shares.push(Object.freeze({ recipient: j, encrypted: encryptShare({ ctx, sender: dealer, recipient: j }, pk, share, rng) }));
  }
  const dealing: Dealing = Object.freeze({
    dealer, commitments: Object.freeze(commitments), proofs: Object.freeze(proofs), shares: Object.freeze(shares),
  });
  return { dealing, polynomial: Object.freeze(polynomial), ownShare: evaluatePolynomial(polynomial, BigInt(dealer)) };
}

/**
 * Check the public part of a dealing: dealer index, t commitments each with a valid proof of
 * knowledge bound to (ctx, n, t, dealer, k), and exactly one well-formed share for each j ≠ dealer
 * (whether a share is *correct* only its recipient can tell: {@link receiveShare}).
 */
export function checkDealing(ctx: Uint8Array, params: CeremonyParams, dealing: Dealing): DealingCheck {
  assertCtx(ctx);
  assertParams(params);
  if (!inRange(dealing.dealer, params)) return { ok: false, reason: 'bad_dealer' };
  if (dealing.commitments.length !== params.t || dealing.proofs.length !== params.t) {
    return { ok: false, reason: 'wrong_commitment_count' };
  }
  const recipients = dealing.shares.map((s) => s.recipient);
  const expected = Array.from({ length: params.n }, (_, i) => i + 1).filter((j) => j !== dealing.dealer);
  if (recipients.length !== expected.length || recipients.some((r, i) => r !== expected[i])) {
    return { ok: false, reason: 'wrong_recipients' };
  }
  if (dealing.shares.some((s) => s.encrypted.ephemeral.equals(IDENTITY) || s.encrypted.sealed.length !== SEALED_SHARE_BYTES)) {
    return { ok: false, reason: 'malformed_share' };
  }
  // One proof per commitment. (Folding them with batch.ts was measured slower for the
  // small t of a committee: noble's pippenger costs ~4 ms even for a handful of points.)
  for (let k = 0; k < params.t; k++) {
    const C = dealing.commitments[k]!;
    if (C.equals(IDENTITY) || !verifySchnorr(commitmentContext(ctx, params, dealing.dealer, k), C, dealing.proofs[k]!)) {
      return { ok: false, reason: 'bad_proof' };
    }
  }
  return { ok: true };
}

/**
 * Feldman's check of a share against a dealer's commitments, in one multi-scalar
 * multiplication: Σ_k j^k·C_k − f(j)·G = O.
 */
export function checkShare(commitments: readonly Point[], recipient: number, share: bigint): boolean {
  if (commitments.length === 0 || !Number.isInteger(recipient) || recipient < 1) return false;
  if (typeof share !== 'bigint' || share < 0n) return false;
  const scalars = powers(recipient, commitments.length);
  return msm([G, ...commitments], [mod(-share), ...scalars]).equals(IDENTITY);
}

/**
 * Recipient `recipient` opens its share of `dealing` (which should have passed
 * {@link checkDealing}) and checks it; a failure is what {@link raiseComplaint} is for.
 */
export function receiveShare(
  ctx: Uint8Array,
  params: CeremonyParams,
  recipient: number,
  recipientSecret: bigint,
  dealing: Dealing,
): ShareReceipt {
  assertCtx(ctx);
  assertParams(params);
  assertIndex('recipient', recipient, params);
  const entry = dealing.shares.find((s) => s.recipient === recipient);
  if (entry === undefined || dealing.dealer === recipient) return { ok: false, reason: 'missing' };
  const opened = decryptShare({ ctx, sender: dealing.dealer, recipient }, recipientSecret, entry.encrypted);
  if (!opened.ok) return { ok: false, reason: 'undecryptable' };
  if (dealing.commitments.length !== params.t || !checkShare(dealing.commitments, recipient, opened.share)) {
    return { ok: false, reason: 'inconsistent' };
  }
  return { ok: true, share: opened.share };
}

/**
 * Complain publicly about dealer `dealing.dealer`'s share: reveal S = sk·E with a
 * Chaum–Pedersen proof that log_G(PK) = log_E(S), bound to ctx, both indices and the sealed share.
 * @throws RangeError if the dealing holds no share for `complainer` (checkDealing already rejects that)
 */
export function raiseComplaint(
  ctx: Uint8Array,
  params: CeremonyParams,
  complainer: number,
  complainerSecret: bigint,
  dealing: Dealing,
  rng: RNG = randomBytes,
): Complaint {
  assertCtx(ctx);
  assertParams(params);
  assertIndex('complainer', complainer, params);
  const entry = dealing.shares.find((s) => s.recipient === complainer);
  if (entry === undefined) throw new RangeError(`"dealing" expected a share for trustee ${complainer}, got none`);
  const E = entry.encrypted.ephemeral;
  const shared = mul(E, complainerSecret);
  const statement = { g1: G, h1: mul(G, complainerSecret), g2: E, h2: shared };
  const proof = proveEquality(complaintContext(ctx, params, dealing.dealer, complainer, entry.encrypted), statement, complainerSecret, rng);
  return Object.freeze({ dealer: dealing.dealer, complainer, shared, proof });
}

/**
 * Judge a complaint without any secret: verify the proof on S, derive the AEAD key from S,
 * open the share and run {@link checkShare}. `trusteeKeys` are the published (checked) keys.
 */
export function checkComplaint(
  ctx: Uint8Array,
  params: CeremonyParams,
  trusteeKeys: readonly TrusteePublicKey[],
  dealing: Dealing,
  complaint: Complaint,
): ComplaintVerdict {
  assertCtx(ctx);
  assertParams(params);
  const { dealer, complainer } = complaint;
  if (!inRange(dealer, params) || !inRange(complainer, params) || dealer === complainer || dealer !== dealing.dealer) {
    return { status: 'invalid', reason: 'bad_indices' };
  }
  const pk = keyOf(trusteeKeys, complainer);
  if (pk === undefined) return { status: 'invalid', reason: 'bad_indices' };
  const entry = dealing.shares.find((s) => s.recipient === complainer);
  if (entry === undefined) return { status: 'invalid', reason: 'no_such_share' };
  const E = entry.encrypted.ephemeral;
  const statement = { g1: G, h1: pk, g2: E, h2: complaint.shared };
  if (complaint.shared.equals(IDENTITY)
    || !verifyEquality(complaintContext(ctx, params, dealer, complainer, entry.encrypted), statement, complaint.proof)) {
    return { status: 'invalid', reason: 'bad_proof' };
  }
  const opened = openShareWithSharedPoint({ ctx, sender: dealer, recipient: complainer }, pk, entry.encrypted, complaint.shared);
  if (!opened.ok) return { status: 'justified', reason: 'undecryptable' };
  if (dealing.commitments.length !== params.t || !checkShare(dealing.commitments, complainer, opened.share)) {
    return { status: 'justified', reason: 'inconsistent' };
  }
  return { status: 'unjustified' };
}

/**
 * The qualified dealers: those whose dealing passes {@link checkDealing} and against which no
 * complaint is justified (ElectionGuard 2.0 §3.2.2; GJKR's set QUAL). Invalid and
 * unjustified complaints do not disqualify the dealer.
 */
export function qualifiedDealers(
  ctx: Uint8Array,
  params: CeremonyParams,
  trusteeKeys: readonly TrusteePublicKey[],
  dealings: readonly Dealing[],
  complaints: readonly Complaint[],
): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const d of dealings) {
    if (seen.has(d.dealer) || !checkDealing(ctx, params, d).ok) continue;
    seen.add(d.dealer);
    const against = complaints.filter((c) => c.dealer === d.dealer);
    if (against.some((c) => checkComplaint(ctx, params, trusteeKeys, d, c).status === 'justified')) continue;
    out.push(d.dealer);
  }
  return out.sort((a, b) => a - b);
}

/** A_k = Σ_i C_ik over the given (qualified) dealings: the commitments to the joint polynomial. */
export function jointCommitments(dealings: readonly Pick<Dealing, 'commitments'>[]): Point[] {
  if (dealings.length === 0) throw new RangeError('"dealings" expected at least one dealing, got none');
  const t = dealings[0]!.commitments.length;
  const out: Point[] = Array.from({ length: t }, () => IDENTITY);
  for (const d of dealings) {
    if (d.commitments.length !== t) throw new RangeError(`"dealings" expected ${t} commitments each, got ${d.commitments.length}`);
    d.commitments.forEach((C, k) => { out[k] = out[k]!.add(C); });
  }
  return out;
}

/** The joint election key K = Σ_{i∈Q} C_i0 (ElectionGuard 2.0 §3.2.3). */
export function jointPublicKey(dealings: readonly Pick<Dealing, 'commitments'>[]): Point {
  return jointCommitments(dealings)[0]!;
}

/**
 * Trustee j's verification key X_j = Σ_{i∈Q} Σ_k j^k·C_ik = x_j·G, computable by anyone
 * from the public commitments; partial decryptions are proved against it.
 */
export function verificationKey(dealings: readonly Pick<Dealing, 'commitments'>[], j: number): Point {
  const A = jointCommitments(dealings);
  return msm(A, powers(j, A.length));
}

/**
 * Trustee j's secret share x_j = Σ_{i∈Q} f_i(j), from the shares it received from the
 * qualified dealers (its own f_j(j) included).
 * @throws RangeError on a repeated dealer
 */
export function combineSecretShare(received: readonly { readonly dealer: number; readonly share: bigint }[]): bigint {
  const dealers = new Set(received.map((r) => r.dealer));
  if (dealers.size !== received.length) throw new RangeError('"received" expected one share per dealer, got a repeated dealer');
  return received.reduce((acc, r) => mod(acc + r.share), 0n);
}

// ---- JSON forms (lower-case hex; strict decoding) ----

/** JSON form of {@link TrusteePublicKey}. */
export interface TrusteePublicKeyJSON { readonly index: number; readonly key: string; readonly proof: SchnorrProofJSON }
/** JSON form of {@link Dealing}. */
export interface DealingJSON {
  readonly dealer: number;
  readonly commitments: readonly string[];
  readonly proofs: readonly SchnorrProofJSON[];
  readonly shares: readonly ({ readonly recipient: number } & EncryptedShareJSON)[];
}
/** JSON form of {@link Complaint}. */
export interface ComplaintJSON { readonly dealer: number; readonly complainer: number; readonly shared: string; readonly proof: EqualityProofJSON }

function indexFromJSON(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 0xffffffff) throw new DecodeError('scalar_out_of_range', what);
  return v;
}
function arrayFromJSON<T>(v: unknown, what: string): readonly T[] {
  return jsonArray(v, what) as readonly T[];
}
function objectFromJSON<T>(v: unknown, keys: readonly string[], what: string): T {
  return jsonObject(v, keys, what) as T;
}

/** Trustee key → JSON (lower-case hex). */
export function trusteePublicKeyToJSON(k: TrusteePublicKey): TrusteePublicKeyJSON {
  return { index: k.index, key: pointToHex(k.key), proof: schnorrProofToJSON(k.proof) };
}
/** JSON → trustee key, strictly (exact fields, canonical non-identity key). @throws DecodeError */
export function trusteePublicKeyFromJSON(json: TrusteePublicKeyJSON): TrusteePublicKey {
  const j = objectFromJSON<TrusteePublicKeyJSON>(json, ['index', 'key', 'proof'], 'trusteeKey');
  return Object.freeze({
    index: indexFromJSON(j.index, 'trusteeKey.index'),
    key: pointFromHex(j.key, 'trusteeKey.key'),
    proof: schnorrProofFromJSON(j.proof),
  });
}

/** Dealing → JSON: commitments, proofs and sealed shares as lower-case hex. */
export function dealingToJSON(d: Dealing): DealingJSON {
  return {
    dealer: d.dealer,
    commitments: d.commitments.map(pointToHex),
    proofs: d.proofs.map(schnorrProofToJSON),
    shares: d.shares.map((s) => ({ recipient: s.recipient, ...encryptedShareToJSON(s.encrypted) })),
  };
}
/** JSON → dealing, strictly (exact fields, canonical non-identity points, 48-byte sealed shares). @throws DecodeError */
export function dealingFromJSON(json: DealingJSON): Dealing {
  const j = objectFromJSON<DealingJSON>(json, ['dealer', 'commitments', 'proofs', 'shares'], 'dealing');
  return Object.freeze({
    dealer: indexFromJSON(j.dealer, 'dealing.dealer'),
    commitments: Object.freeze(arrayFromJSON<string>(j.commitments, 'dealing.commitments').map((c) => pointFromHex(c, 'dealing.commitment'))),
    proofs: Object.freeze(arrayFromJSON<SchnorrProofJSON>(j.proofs, 'dealing.proofs').map((p) => schnorrProofFromJSON(p))),
    shares: Object.freeze(arrayFromJSON<{ recipient: number } & EncryptedShareJSON>(j.shares, 'dealing.shares').map((s) => {
      objectFromJSON(s, ['recipient', 'ephemeral', 'sealed'], 'dealing.share');
      return Object.freeze({ recipient: indexFromJSON(s.recipient, 'dealing.share.recipient'), encrypted: encryptedShareFromJSON(s) });
    })),
  });
}

/** Complaint → JSON (lower-case hex). */
export function complaintToJSON(c: Complaint): ComplaintJSON {
  return { dealer: c.dealer, complainer: c.complainer, shared: pointToHex(c.shared), proof: equalityProofToJSON(c.proof) };
}
/** JSON → complaint, strictly (exact fields, canonical non-identity S). @throws DecodeError */
export function complaintFromJSON(json: ComplaintJSON): Complaint {
  const j = objectFromJSON<ComplaintJSON>(json, ['dealer', 'complainer', 'shared', 'proof'], 'complaint');
  return Object.freeze({
    dealer: indexFromJSON(j.dealer, 'complaint.dealer'),
    complainer: indexFromJSON(j.complainer, 'complaint.complainer'),
    shared: pointFromHex(j.shared, 'complaint.shared'),
    proof: equalityProofFromJSON(j.proof),
  });
}
