/**
 * The context bytes that bind proofs and signatures to one election (docs/voting-protocol.md
 * "Contexts"), each a transcript digest (src/crypto/transcript.ts framing: every item is
 * its 4-byte big-endian length then its bytes, after the tag):
 *
 * - ceremony context: `Transcript('anfora/v1/ceremony-context').string(electionId).u32(n).u32(t).digest()`,
 *   the `ctx` of every key-ceremony function;
 * - manifest hash: `Transcript('anfora/v1/manifest').bytes(canonicalJson(manifest)).digest()`;
 * - ballot context: crypto's `ballotContext({ manifestHash, publicKey, contestId, ballotPublicKey })`;
 * - decryption context: `Transcript('anfora/v1/decryption-context').bytes(manifestHash).string(contestId).digest()`,
 *   the `ctx` of `computeShare`/`checkShare` for that contest's tally.
 *
 * All arguments are the caller's own (already decoded) values: a wrong shape throws.
 * @module
 */
import { TAGS, Transcript } from '../crypto/transcript.js';
import { canonicalJson } from './canonical-json.js';
import { assertId } from './ids.js';

/** crypto's ballot context (src/crypto/ballot.ts), re-exported so the record names every context. */
export { ballotContext, type BallotContextInput } from '../crypto/ballot.js';

/** Length of every context and hash here (SHA-256). */
export const HASH_BYTES = 32;

function assertCount(name: string, v: unknown, min: number): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 0xffff) {
    throw new RangeError(`"${name}" expected an integer in ${min}..65535, got ${String(v)}`);
  }
}

function assertHash(name: string, v: unknown): asserts v is Uint8Array {
  if (!(v instanceof Uint8Array)) throw new TypeError(`"${name}" expected Uint8Array, got ${typeof v}`);
  if (v.length !== HASH_BYTES) throw new RangeError(`"${name}" expected ${HASH_BYTES} bytes, got ${v.length}`);
}

/**
 * The key ceremony's context for election `electionId` with n trustees and threshold t
 * (the `ctx` of createTrusteeKey, createDealing, checkDealing, raiseComplaint, …).
 * @throws TypeError/RangeError unless electionId is an id and 1 ≤ t ≤ n ≤ 65535
 * @example const ctx = ceremonyContext(election.id, 5, 3);
 */
export function ceremonyContext(electionId: string, n: number, t: number): Uint8Array {
  assertId('electionId', electionId);
  assertCount('n', n, 1);
  assertCount('t', t, 1);
  if (t > n) throw new RangeError(`"t" expected at most n = ${n}, got ${t}`);
  return new Transcript(TAGS.ceremonyContext).string(electionId).u32(n).u32(t).digest();
}

/**
 * The manifest hash: SHA-256 transcript of the manifest's canonical JSON. Hash the
 * manifest exactly as published (a zod-parsed manifest is the same value: its schema is
 * strict and adds no defaults).
 * @throws TypeError if `manifest` is not a canonical-JSON value (floats, undefined, …)
 * @example const h = manifestHash(manifest); // 32 bytes; toHex(h) is the published `hash`
 */
export function manifestHash(manifest: unknown): Uint8Array {
  return new Transcript(TAGS.manifest).bytes(canonicalJson(manifest)).digest();
}

/**
 * The decryption context of one contest's tally: the `ctx` of threshold-decryption's
 * computeShare/checkShare for that contest.
 * @throws TypeError/RangeError unless manifestHash is 32 bytes and contestId an id
 * @example computeShares(decryptionContext(h, 'board'), j, x, tally)
 */
export function decryptionContext(manifestHash: Uint8Array, contestId: string): Uint8Array {
  assertHash('manifestHash', manifestHash);
  assertId('contestId', contestId);
  return new Transcript(TAGS.decryptionContext).bytes(manifestHash).string(contestId).digest();
}
