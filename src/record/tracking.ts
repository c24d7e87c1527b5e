/**
 * Tracking codes and signed receipts (DESIGN §3 "Receipts"; docs/voting-protocol.md
 * "Casting"). Each accepted ballot gets a tracking code chained over all ballots of the
 * election in board order,
 *
 * ```
 * code = Transcript('anfora/v1/tracking-code')
 *          .bytes(previous code, or 32 zero bytes for the first ballot)
 *          .bytes(contestBallotDigest(ballot)).bytes(ballotPublicKey).digest()
 * ```
 *
 * and a receipt `{ electionId, contestId, trackingCode, position, boardHead, receivedAt,
 * signature }`, where `signature` is Ed25519 (RFC 8032) by the manifest's `receiptKey`
 * over `receiptMessage`: the tag `anfora/v1/receipt` framed with the canonical JSON of
 * the other six fields. A voter keeps the receipt and finds its
 * code on the public board; a signed receipt whose ballot is missing proves the server
 * dropped it.
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { verifyStrictSignature } from '../crypto/ballot-signature.js';
import { fromHex, toHex } from '../crypto/group.js';
import { TAGS, Transcript, framedMessage } from '../crypto/transcript.js';
import { type BoardEvent, MAX_SEQ } from './board.js';
import { canonicalJson } from './canonical-json.js';
import { IdSchema } from './ids.js';
import { Hex32Schema, Hex64Schema } from './manifest.js';

/** Length of a tracking code, a digest and an Ed25519 public key. */
const BYTES = 32;

function assertBytes(name: string, v: unknown, len: number): asserts v is Uint8Array {
  if (!(v instanceof Uint8Array)) throw new TypeError(`"${name}" expected Uint8Array, got ${typeof v}`);
  if (v.length !== len) throw new RangeError(`"${name}" expected ${len} bytes, got ${v.length}`);
}

/**
 * The tracking code of a ballot (see the module comment); `previous` is the previous
 * ballot's code in board order, or null for the election's first ballot.
 * @throws TypeError/RangeError unless each argument is 32 bytes (or previous is null)
 * @example const code = trackingCode(last, contestBallotDigest(ballot), token.ballotPublicKey);
 */
export function trackingCode(previous: Uint8Array | null, ballotDigest: Uint8Array, ballotPublicKey: Uint8Array): Uint8Array {
  if (previous !== null) assertBytes('previous', previous, BYTES);
  assertBytes('ballotDigest', ballotDigest, BYTES);
  assertBytes('ballotPublicKey', ballotPublicKey, BYTES);
  return new Transcript(TAGS.tracking).bytes(previous ?? new Uint8Array(BYTES)).bytes(ballotDigest).bytes(ballotPublicKey).digest();
}

/** zod schema of a signed receipt (strict). */
export const ReceiptSchema = z.strictObject({
  electionId: IdSchema,
  contestId: IdSchema,
  trackingCode: Hex32Schema,
  position: z.number().int().min(0).max(MAX_SEQ),
  boardHead: Hex32Schema,
  receivedAt: z.iso.datetime({ offset: true }),
  signature: Hex64Schema,
});

/** A signed receipt: hashes and signature as lower-case hex, `position` = the ballot event's seq. */
export type Receipt = z.infer<typeof ReceiptSchema>;
/** A receipt without its signature: the signed part. */
export type ReceiptBody = Omit<Receipt, 'signature'>;

/**
 * The bytes a receipt signature covers: the transcript framing of the tag
 * `anfora/v1/receipt` and the canonical JSON of exactly the six fields of the body (any
 * other field, `signature` included, is left out). The tag sets receipts apart from the
 * server's report, which the same key signs (server-report.ts).
 * @throws TypeError if a field is not a JSON value (e.g. undefined)
 * @example receiptMessage({ electionId, contestId, trackingCode, position, boardHead, receivedAt })
 */
export function receiptMessage(body: ReceiptBody): Uint8Array {
  const { electionId, contestId, trackingCode: code, position, boardHead, receivedAt } = body;
  return framedMessage(TAGS.receipt, canonicalJson({ electionId, contestId, trackingCode: code, position, boardHead, receivedAt }));
}

/**
 * Sign a receipt body with the server's Ed25519 receipt key (32-byte secret seed,
 * RFC 8032 §5.1.6, deterministic). `sign`, if given, signs the message with that same key
 * (a server passes node:crypto's, crypto/ballot-signature-node.ts); by default noble's.
 * @throws TypeError/RangeError on a secret key that is not 32 bytes or a body that does
 *   not fit {@link ReceiptSchema}
 * @example return signReceipt(receiptSecretKey, { electionId, contestId, trackingCode, position, boardHead, receivedAt });
 */
export function signReceipt(secretKey: Uint8Array, body: ReceiptBody, sign?: (message: Uint8Array) => Uint8Array): Receipt {
  assertBytes('secretKey', secretKey, BYTES);
  const { electionId, contestId, trackingCode: code, position, boardHead, receivedAt } = body;
  const unsigned = { electionId, contestId, trackingCode: code, position, boardHead, receivedAt };
  const message = receiptMessage(unsigned);
  const signature = toHex(sign === undefined ? ed25519.sign(message, secretKey) : sign(message));
  const receipt = { ...unsigned, signature };
  const r = ReceiptSchema.safeParse(receipt);
  if (!r.success) throw new RangeError(`"body" expected a receipt body: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return Object.freeze(receipt);
}

/**
 * An Ed25519 verifier under the record's strict, cofactorless rule: crypto's
 * `verifyStrictSignature` (noble, in the browser) or, in Node, `verifyStrictSignatureNode`
 * (crypto/ballot-signature-node.ts: node:crypto, the same verdict on every input, ≈ 6× faster).
 */
export type StrictSignatureVerifier = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

/**
 * Verify an untrusted receipt against the manifest's receipt key (hex): strict form, then
 * Ed25519 under the rule of the server's report, signed by the same key
 * (docs/election-record.md §2.5: strict encodings of the key and of R, S < ℓ, the
 * cofactorless equation), with `verify` (noble's by default; a Node client may pass
 * node:crypto's). Returns false on anything else, never throws.
 * @example verifyReceipt(manifest.receiptKey, receipt) // true
 */
export function verifyReceipt(publicKeyHex: string, receipt: unknown, verify: StrictSignatureVerifier = verifyStrictSignature): boolean {
  try {
    const r = ReceiptSchema.safeParse(receipt);
    if (!r.success) return false;
    const publicKey = fromHex(publicKeyHex, 'receiptKey', BYTES);
    return verify(publicKey, receiptMessage(r.data), fromHex(r.data.signature, 'signature', 64)) === true;
  } catch {
    return false;
  }
}

/** Why a receipt does not match the board event it names. */
export type ReceiptEventFailure = 'not_a_ballot' | 'position' | 'board_head' | 'received_at' | 'contest' | 'tracking_code';

/**
 * Does `event` (from the board, already chain-checked) record the ballot of `receipt`?
 * Compares seq with position, hash with boardHead, at with receivedAt, and the payload's
 * contestId and trackingCode. Never throws.
 * @example checkReceiptEvent(receipt, events[receipt.position]) // { ok: true }
 */
export function checkReceiptEvent(receipt: ReceiptBody, event: BoardEvent): { readonly ok: true } | { readonly ok: false; readonly reason: ReceiptEventFailure } {
  const p = (event?.payload ?? null) as { contestId?: unknown; trackingCode?: unknown } | null;
  if (event?.kind !== 'ballot' || typeof p !== 'object' || p === null) return { ok: false, reason: 'not_a_ballot' };
  if (event.seq !== receipt.position) return { ok: false, reason: 'position' };
  if (event.hash !== receipt.boardHead) return { ok: false, reason: 'board_head' };
  if (event.at !== receipt.receivedAt) return { ok: false, reason: 'received_at' };
  if (p.contestId !== receipt.contestId) return { ok: false, reason: 'contest' };
  if (p.trackingCode !== receipt.trackingCode) return { ok: false, reason: 'tracking_code' };
  return { ok: true };
}
