/**
 * Tampering with an election record as an attacker who controls the server would: flip
 * one hex digit, drop or insert events, and — the stronger attacker — re-hash the whole
 * chain afterwards, recomputing what the server derives from it (seqs, prevHash/hash,
 * tracking codes, the tie-break seed, lots and seats, the publication's reference), so
 * that only the semantic checks can catch the change.
 */
import { contestBallotDigest, contestBallotFromJSON } from '../../src/crypto/ballot.js';
import { fromHex, toHex } from '../../src/crypto/group.js';
import { GENESIS_HASH, eventHash, isCanonicalTime } from '../../src/record/board.js';
import { ciphertextFromJSON } from '../../src/crypto/elgamal.js';
import { allocateSeats, decryptionValues, tieBreakSeed } from '../../src/record/seats.js';
import { buildServerReport, signServerReport } from '../../src/record/server-report.js';
import { trackingCode } from '../../src/record/tracking.js';

export type AnyRecord = { events: any[]; [k: string]: any };

/** A deep copy. */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** `hex` with the digit at `at` replaced by another hex digit. */
export function flipHex(hex: string, at = 0): string {
  const d = parseInt(hex[at]!, 16);
  return hex.slice(0, at) + ((d ^ 1).toString(16)) + hex.slice(at + 1);
}

/** Index in `events` of the `nth` (0-based) event of `kind`. */
export function indexOf(record: AnyRecord, kind: string, nth = 0): number {
  const idx = record.events.map((e, i) => (e.kind === kind ? i : -1)).filter((i) => i >= 0);
  if (idx[nth] === undefined) throw new Error(`no ${kind} #${nth}`);
  return idx[nth]!;
}

/** The 1-based ballot number of the event at `index`. */
export function ballotNumber(record: AnyRecord, index: number): number {
  return record.events.slice(0, index + 1).filter((e) => e.kind === 'ballot').length;
}

/**
 * Make the chain consistent again after a change: seq = position, prevHash and hash
 * recomputed, tracking codes rechained, the result's seats re-derived from its published
 * counts and the tally's joint decryption values (unless `seats: false`), and the publication pointed at
 * the new result (unless `publication: false`), and a time earlier than the one before it
 * raised to it (unless `keepTimes`). With `receiptSecret` (the server's key: a
 * test of a board the server itself wrote), the server's report is rebuilt from the board
 * and signed again; without it the report stays as it was, covering the old board.
 */
export function rehash(record: AnyRecord, opts: { seats?: boolean; publication?: boolean; receiptSecret?: Uint8Array; keepTimes?: boolean } = {}): AnyRecord {
  const manifest = record.events.find((e) => e.kind === 'manifest')?.payload.manifest;
  let prev = GENESIS_HASH;
  let code: Uint8Array | null = null;
  let tally: any;
  let resultHash: string | undefined;
  let lastAt: string | undefined;
  record.events.forEach((e, i) => {
    e.seq = i;
    e.prevHash = prev;
    // A forger keeps board times from going back (check 40), as the server's append does.
    if (opts.keepTimes !== true && isCanonicalTime(e.at) && lastAt !== undefined && e.at < lastAt) e.at = lastAt;
    if (isCanonicalTime(e.at)) lastAt = e.at;
    if (e.kind === 'ballot') {
      try {
        const digest = contestBallotDigest(contestBallotFromJSON(e.payload.ballot));
        code = trackingCode(code, digest, fromHex(e.payload.token.ballotPublicKey));
        e.payload.trackingCode = toHex(code);
      } catch {
        code = fromHex(e.payload.trackingCode);
      }
    }
    if (e.kind === 'result' && tally !== undefined && manifest !== undefined && opts.seats !== false) {
      const manifestHashHex = record.events.find((x) => x.kind === 'manifest').payload.hash as string;
      e.payload.contests = e.payload.contests.map((r: any) => {
        const c = manifest.contests.find((x: any) => x.id === r.contestId);
        const cts = tally!.contests.find((x: any) => x.contestId === r.contestId)?.tally;
        if (!c || !cts) return r;
        const votes = r.counts.map((x: any) => x.votes);
        let seed: Uint8Array;
        try {
          seed = tieBreakSeed(manifestHashHex, c.id, decryptionValues(cts.map((x: any) => ciphertextFromJSON(x, 'tally', 'sum')), votes));
        } catch {
          return r;
        }
        return { contestId: r.contestId, ...allocateSeats({ contestId: c.id, candidates: c.candidates, votes, seats: c.seats, alternates: c.alternates, seed }) };
      });
      e.payload = clone(e.payload);
    }
    if (e.kind === 'published' && resultHash !== undefined && opts.publication !== false) e.payload.resultEvent = resultHash;
    if (e.kind === 'report' && opts.receiptSecret !== undefined && manifest !== undefined) {
      const hash = record.events.find((x) => x.kind === 'manifest').payload.hash as string;
      e.payload = clone(signServerReport(opts.receiptSecret, buildServerReport(manifest, hash, record.events.slice(0, i))));
    }
    e.hash = eventHash(e.prevHash, e.seq, e.kind, e.at, e.payload);
    if (e.kind === 'encrypted_tally') tally = e.payload;
    if (e.kind === 'result') resultHash = e.hash;
    prev = e.hash;
  });
  return record;
}
