/**
 * The trustee's check before decrypting (docs/voting-protocol.md "Close, tally, results"):
 * is the tally the server asks it to decrypt exactly the sum of the ballots on the board?
 * Fed the board page by page, so that a 100,000-ballot board is checked in bounded memory.
 * Browser-safe.
 * @module
 */
import { type Ciphertext, ciphertextEquals } from '../crypto/elgamal.js';
import { toHex } from '../crypto/group.js';
import { type BallotRow, type SummerFactory, sumInThread } from '../record/ballot-sums.js';
import { type BoardEvent, parsePayload } from '../record/board.js';
import type { Refusal } from './api.js';
import type { LoadedManifest } from './manifest.js';

/**
 * The running check behind {@link checkTallyAgainstBoard}, fed the board one page at a
 * time ({@link walkBoard}) so that nothing but per-candidate sums is kept. Only each
 * ballot's ciphertexts are decoded (strictly, by record/ballot-sums.ts): the sum is a
 * function of them alone, and checking the ballots' proofs is the verifier's work on the
 * record, not a condition of this one — what the trustee must refuse is decrypting
 * anything but the sum of what the board shows.
 */
export interface BoardTally {
  /** Add a chain-checked page; a refusal names the first event that is not a ballot of this election. */
  visit(page: readonly BoardEvent[]): Promise<Refusal<'tally_mismatch'> | undefined>;
  /** Trustees whose `decryption_share` events were seen. */
  readonly sharesPosted: ReadonlySet<number>;
  /** After the last page: is `tally` the sum, and was the board's first manifest the loaded one? */
  finish(tally: ReadonlyMap<string, readonly Ciphertext[]>): Promise<{ readonly ok: true } | Refusal<'tally_mismatch'>>;
}

/**
 * A {@link BoardTally} for the loaded manifest, summing with `summer` (default in this
 * thread; the CLI passes worker threads). Never throws.
 */
export function boardTally(election: LoadedManifest, summer: SummerFactory = sumInThread): BoardTally {
  const sums = summer(new Map([...election.decoded.contests].map(([id, c]) => [id, c.candidateIds.length])));
  const sharesPosted = new Set<number>();
  let manifestHash: string | undefined;
  const mismatch = (detail: string): Refusal<'tally_mismatch'> => ({ ok: false, reason: 'tally_mismatch', detail });
  return {
    sharesPosted,
    async visit(page) {
      const rows: BallotRow[] = [];
      for (const e of page) {
        if (e.kind === 'manifest' && manifestHash === undefined) {
          const m = parsePayload('manifest', e.payload);
          manifestHash = m.ok ? m.payload.hash : '';
        } else if (e.kind === 'decryption_share') {
          const index = (e.payload as { trustee?: unknown } | null)?.trustee;
          if (typeof index === 'number') sharesPosted.add(index);
        } else if (e.kind === 'ballot') {
          const p = parsePayload('ballot', e.payload);
          if (!p.ok || !election.decoded.contests.has(p.payload.contestId)) return mismatch(`board event ${e.seq} is not a ballot of this election`);
          const selections = (p.payload.ballot as { selections?: unknown }).selections;
          rows.push({
            label: `board event ${e.seq}`, contestId: p.payload.contestId,
            ciphertexts: Array.isArray(selections) ? selections.map((x) => (x as { ciphertext?: unknown } | null)?.ciphertext) : selections,
          });
        }
      }
      await sums.add(rows);
      return undefined;
    },
    async finish(tally) {
      const summed = await sums.totals();
      if (!summed.ok) return mismatch(`${summed.label}: ${summed.detail}`);
      if (manifestHash !== toHex(election.hash)) return mismatch('the board does not carry this manifest');
      for (const [id, sum] of summed.sums) {
        const got = tally.get(id);
        if (got === undefined || got.length !== sum.tally.length || got.some((c, k) => !ciphertextEquals(c, sum.tally[k]!))) {
          return mismatch(`contest ${id}: the tally is not the sum of the ${sum.ballots} ballots on the board`);
        }
      }
      return { ok: true };
    },
  };
}

/**
 * Is `tally` the per-candidate sum of the `ballot` events on the board, and is the board's
 * manifest the one loaded? A trustee decrypts nothing else: a server that presented one
 * ballot as a "tally" would otherwise learn that ballot's choices. The board must already
 * be chain-checked. Never throws.
 */
export async function checkTallyAgainstBoard(
  election: LoadedManifest, events: readonly BoardEvent[], tally: ReadonlyMap<string, readonly Ciphertext[]>, summer?: SummerFactory,
): Promise<{ readonly ok: true } | Refusal<'tally_mismatch'>> {
  const check = boardTally(election, summer);
  return (await check.visit(events)) ?? check.finish(tally);
}
