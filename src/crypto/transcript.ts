/**
 * The one hashing construction of the project. A transcript is a domain-separation tag
 * followed by a sequence of items; each item (and the tag) is written as its length
 * (4 bytes, big-endian) followed by its bytes, so that no two different sequences hash
 * the same. Challenges are SHA-512 reduced mod ℓ (wide reduction, no modulo bias);
 * digests are SHA-256. `docs/election-record.md` specifies this byte for byte.
 * @module
 */
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { bytesToNumberLE, encodePoint, encodeScalar, mod, type Point } from './group.js';

/** Prefix of every domain-separation tag; the version changes with any encoding change. */
export const TAG_PREFIX = 'anfora/v1/';

/** Domain-separation tags, one per use. Frozen: a tag is part of the record format. */
export const TAGS = Object.freeze({
  schnorr: `${TAG_PREFIX}schnorr`,
  disjunctive: `${TAG_PREFIX}disjunctive-0-1`,
  range: `${TAG_PREFIX}range`,
  equality: `${TAG_PREFIX}chaum-pedersen`,
  ballotContext: `${TAG_PREFIX}ballot-context`,
  shareKey: `${TAG_PREFIX}dkg-share-key`,
  complaint: `${TAG_PREFIX}dkg-complaint`,
  batchWeights: `${TAG_PREFIX}batch-weights`,
  token: `${TAG_PREFIX}voting-token`,
  ballotSignature: `${TAG_PREFIX}ballot-signature`,
  event: `${TAG_PREFIX}board-event`,
  tracking: `${TAG_PREFIX}tracking-code`,
  manifest: `${TAG_PREFIX}manifest`,
  tieBreak: `${TAG_PREFIX}tie-break`,
  tieBreakSeed: `${TAG_PREFIX}tie-break-seed`,
  receipt: `${TAG_PREFIX}receipt`,
  serverReport: `${TAG_PREFIX}server-report`,
  trusteeKey: `${TAG_PREFIX}dkg-trustee-key`,
  dkgCommitment: `${TAG_PREFIX}dkg-commitment`,
  partialDecryption: `${TAG_PREFIX}partial-decryption`,
  keyfile: `${TAG_PREFIX}trustee-keyfile`,
  contestBallot: `${TAG_PREFIX}contest-ballot`,
  ceremonyContext: `${TAG_PREFIX}ceremony-context`,
  decryptionContext: `${TAG_PREFIX}decryption-context`,
  accountKey: `${TAG_PREFIX}account-key`,
  accountKeyfile: `${TAG_PREFIX}account-keyfile`,
  trusteeKeyRegistration: `${TAG_PREFIX}trustee-key-registration`,
  issuerKeyRegistration: `${TAG_PREFIX}issuer-key-registration`,
  issuerKeyPossession: `${TAG_PREFIX}issuer-key-possession`,
  issuerLog: `${TAG_PREFIX}issuer-log`,
  boardHeadWitness: `${TAG_PREFIX}board-head-witness`,
});

function u32be(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`"length" expected u32, got ${n}`);
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, false);
  return b;
}

/**
 * The transcript framing of `tag` and one item, not hashed: u32be(len(tag)) ‖ tag ‖
 * u32be(len(body)) ‖ body. What a signature covers when its input must be told apart from
 * any other signed input under the same key (receipts, the server's report).
 * @example ed25519.sign(framedMessage(TAGS.receipt, canonicalJson(body)), sk)
 */
export function framedMessage(tag: string, body: Uint8Array | readonly Uint8Array[]): Uint8Array {
  return joined(framedParts(tag, body instanceof Uint8Array ? [body] : body));
}

/**
 * {@link framedMessage} as consecutive parts, the body's chunks (record/canonical-json.ts
 * canonicalJsonChunks) not copied: what a signature over a large body is checked on
 * (ballot-signature.ts `verifyStrictSignatureParts`).
 */
export function framedParts(tag: string, chunks: readonly Uint8Array[]): Uint8Array[] {
  if (!tag.startsWith(TAG_PREFIX)) throw new RangeError(`"tag" expected ${TAG_PREFIX}…, got ${tag}`);
  if (!Array.isArray(chunks) || !chunks.every((c) => c instanceof Uint8Array)) throw new TypeError(`"body" expected Uint8Array or an array of them, got ${typeof chunks}`);
  const t = utf8ToBytes(tag);
  return [u32be(t.length), t, u32be(lengthOf(chunks)), ...chunks];
}

function lengthOf(chunks: readonly Uint8Array[]): number {
  let n = 0;
  for (const c of chunks) n += c.length;
  return n;
}

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(lengthOf(chunks));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** A hash being computed: noble's `sha256.create()`, or node:crypto's `createHash('sha256')`. */
export interface IncrementalHash {
  update(bytes: Uint8Array): unknown;
  digest(): Uint8Array;
}

/** Above this many bytes a transcript is hashed piece by piece rather than joined first. */
const JOIN_LIMIT = 1 << 20;

/**
 * Length-prefixed hashing of a tagged item sequence.
 * @example
 * const c = new Transcript(TAGS.schnorr).bytes(ctx).point(X).point(R).challenge();
 */
export class Transcript {
  private readonly chunks: Uint8Array[] = [];

  constructor(readonly tag: string) {
    if (!tag.startsWith(TAG_PREFIX)) throw new RangeError(`"tag" expected ${TAG_PREFIX}…, got ${tag}`);
    this.bytes(utf8ToBytes(tag));
  }

  /** Append raw bytes as one item. */
  bytes(b: Uint8Array): this {
    this.chunks.push(u32be(b.length), b);
    return this;
  }

  /**
   * Append the concatenation of `chunks` as one item, without joining them: a transcript
   * over a large item (an issuer log's 70 MB of canonical JSON) then never holds a second
   * copy of it. The same digest as `bytes` of the joined chunks.
   */
  pieces(chunks: readonly Uint8Array[]): this {
    this.chunks.push(u32be(lengthOf(chunks)), ...chunks);
    return this;
  }

  /** Append a UTF-8 string as one item. */
  string(s: string): this {
    return this.bytes(utf8ToBytes(s));
  }

  /** Append an unsigned 32-bit integer (4 bytes, big-endian) as one item. */
  u32(n: number): this {
    return this.bytes(u32be(n));
  }

  /** Append a point's canonical encoding as one item. */
  point(p: Point): this {
    return this.bytes(encodePoint(p));
  }

  /** Append each point as its own item. */
  points(ps: readonly Point[]): this {
    for (const p of ps) this.point(p);
    return this;
  }

  /** Append a scalar's canonical encoding as one item. */
  scalar(s: bigint): this {
    return this.bytes(encodeScalar(s));
  }

  /** `hash` over the transcript's bytes: joined first when they are few (one update is faster), else piece by piece. */
  private hashWith(hash: IncrementalHash): Uint8Array {
    if (lengthOf(this.chunks) > JOIN_LIMIT) for (const c of this.chunks) hash.update(c);
    else hash.update(joined(this.chunks));
    return hash.digest();
  }

  /** The Fiat–Shamir challenge: SHA-512 of the transcript, read little-endian, mod ℓ. */
  challenge(): bigint {
    return mod(bytesToNumberLE(this.wideDigest()));
  }

  /**
   * SHA-256 of the transcript by `create`, another implementation of SHA-256 (the record
   * verifier passes node:crypto's for the chain of a large record; the same digest).
   */
  digestWith(create: () => IncrementalHash): Uint8Array {
    return this.hashWith(create());
  }

  /** SHA-256 of the transcript. */
  digest(): Uint8Array {
    return this.hashWith(sha256.create());
  }

  /** SHA-512 of the transcript (for expanding into several values). */
  wideDigest(): Uint8Array {
    return this.hashWith(sha512.create());
  }
}

/** SHA-256 digest of `parts` under `tag`. */
export function hashBytes(tag: string, ...parts: Uint8Array[]): Uint8Array {
  const t = new Transcript(tag);
  for (const p of parts) t.bytes(p);
  return t.digest();
}
