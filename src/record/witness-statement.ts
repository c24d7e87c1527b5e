/**
 * A witnessed board head (issue 12 item 7; docs/election-record.md §6.9): a committee
 * member (a trustee at each step of its tool, an issuer as it polls) signs, with its
 * account key, the board head it saw. The server appends the signature as a
 * `head_witnessed` event; the verifier checks that every witnessed head is a prefix of
 * the final board. A board rewritten after a witness (a ballot removed and the tracking
 * codes re-chained), or a fork shown to one witness and not to the others, then fails
 * naming the witness, because the server cannot forge the member's signature:
 *
 * ```
 * body      = { "electionId": <id>, "hash": <lower-case hex of the event hash at seq>, "seq": <integer> }
 * message   = u32be(28) ‖ "anfora/v1/board-head-witness" ‖ u32be(len) ‖ canonicalJson(body)
 * signature = Ed25519 (RFC 8032, strict and cofactorless verification) of `message`
 *             by the member's account key in force, 64 bytes, lower-case hex
 * ```
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { verifyStrictSignature } from '../crypto/ballot-signature.js';
import { fromHex, toHex } from '../crypto/group.js';
import { TAGS } from '../crypto/transcript.js';
import { statementMessage } from './account-key.js';
import { MAX_SEQ } from './board.js';
import { assertId } from './ids.js';

/** What a witness signs: the head (seq and event hash) of an election's board. */
export interface WitnessStatement {
  readonly electionId: string;
  readonly seq: number;
  /** The hash of the board event at `seq`, lower-case hex. */
  readonly hash: string;
}

/**
 * The exact bytes of a witness statement (see the module comment).
 * @throws TypeError/RangeError on a malformed id, seq or hash
 * @example witnessMessage({ electionId, seq: 41, hash: head.hash })
 */
export function witnessMessage(s: WitnessStatement): Uint8Array {
  assertId('electionId', s.electionId);
  if (!Number.isInteger(s.seq) || s.seq < 0 || s.seq > MAX_SEQ) throw new RangeError(`"seq" expected an integer 0..${MAX_SEQ}, got ${String(s.seq)}`);
  if (typeof s.hash !== 'string' || !/^[0-9a-f]{64}$/.test(s.hash)) throw new RangeError(`"hash" expected 64 lower-case hex digits, got ${JSON.stringify(s.hash)}`);
  return statementMessage(TAGS.boardHeadWitness, { electionId: s.electionId, seq: s.seq, hash: s.hash });
}

/**
 * Sign a board head with the member's account secret key (32-byte seed); hex signature.
 * @example const signature = signWitness(account.signingSecretKey, { electionId, seq, hash });
 */
export function signWitness(secretKey: Uint8Array, s: WitnessStatement): string {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('"secretKey" expected 32 bytes');
  return toHex(ed25519.sign(witnessMessage(s), secretKey));
}

/**
 * Verify an untrusted witness signature (hex) under an account key (hex), strictly.
 * False on anything malformed; never throws.
 */
export function verifyWitness(accountKeyHex: unknown, s: WitnessStatement, signatureHex: unknown): boolean {
  try {
    if (typeof accountKeyHex !== 'string' || typeof signatureHex !== 'string') return false;
    return verifyStrictSignature(fromHex(accountKeyHex, 'publicKey', 32), witnessMessage(s), fromHex(signatureHex, 'signature', 64));
  } catch {
    return false;
  }
}
