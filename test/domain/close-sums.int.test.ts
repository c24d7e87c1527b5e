/**
 * The close's encrypted tally (domain/tally.service.ts): the sums read page by page from
 * the ballot box, whatever the page size, equal the sums of the ballots that were cast;
 * a failing summer gives way to summing in this thread; and a close whose ballots are
 * summed in worker threads (as the server process does) still decrypts to the plain count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateContests, contestBallotFromJSON } from '../../src/crypto/ballot.js';
import { ciphertextEquals } from '../../src/crypto/elgamal.js';
import { workerSummer } from '../../src/cli/sum-pool.js';
import { sumCountedBallots, useBallotSummer } from '../../src/domain/tally.service.js';
import type { Manifest } from '../../src/record/manifest.js';
import type { TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { type CastOutcome, type ClientElection, castWithClient, closeAndTallyWithClient, listen, openClientElection } from '../helpers/client-election.js';

let t: TestApp;
let baseUrl: string;
let election: ClientElection;
let cast: CastOutcome;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  election = await openClientElection(t, baseUrl, { plwha: 5, tb: 5 }, 'sums');
  cast = await castWithClient(baseUrl, election);
});
afterAll(async () => { await t?.close(); });

describe('close sums', () => {
  it('are the sums of the cast ballots, read in pages of 1, 3 or all', async () => {
    const manifest = cast.manifest.manifest as Manifest;
    for (const pageSize of [1, 3, 2000]) {
      const sums = await sumCountedBallots(t.store.read, election.electionId, manifest, pageSize);
      for (const c of manifest.contests) {
        const mine = cast.receipts.filter((r) => r.contestId === c.id).map((r) => contestBallotFromJSON(r.body.ballot));
        const want = aggregateContests(mine, c.candidates.length);
        expect(sums.get(c.id)!.ballots).toBe(mine.length);
        expect(sums.get(c.id)!.tally.every((x, k) => ciphertextEquals(x, want[k]!))).toBe(true);
      }
    }
  });

  it('a summer that fails (workers that cannot start) gives way to summing in this thread', async () => {
    const manifest = cast.manifest.manifest as Manifest;
    const failing = [
      () => { throw new Error('no worker threads here'); },
      () => ({ add() {}, totals: () => Promise.reject(new Error('a worker died')) }),
    ];
    for (const factory of failing) {
      const previous = useBallotSummer(factory);
      try {
        const sums = await sumCountedBallots(t.store.read, election.electionId, manifest, 3);
        expect([...sums.values()].reduce((a, s) => a + s.ballots, 0)).toBe(cast.receipts.length);
      } finally {
        useBallotSummer(previous);
      }
    }
  });

  it('summed in worker threads at the close, the tally decrypts to the plain count', async () => {
    const previous = useBallotSummer(workerSummer(2, 0));
    try {
      const results = await closeAndTallyWithClient(baseUrl, election, [1, 3], { publish: false });
      for (const c of results.contests) expect(c.counts.map((x) => x.votes)).toEqual(cast.plainCounts[c.contestId]);
    } finally {
      useBallotSummer(previous);
    }
  });
});
