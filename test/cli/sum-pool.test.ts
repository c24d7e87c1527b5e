/**
 * The ballot-sum pool (src/cli/sum-pool.ts) in real worker threads: the same sums as the
 * in-thread summer however the rows are spread, and the first bad row still named.
 */
import { describe, expect, it } from 'vitest';
import { ciphertextEquals, ciphertextToJSON, encrypt } from '../../src/crypto/elgamal.js';
import { G, mul, randomScalar } from '../../src/crypto/group.js';
import { type BallotRow, sumInThread } from '../../src/record/ballot-sums.js';
import { workerSummer } from '../../src/cli/sum-pool.js';

const K = mul(G, randomScalar());
const shapes = new Map([['a', 2], ['b', 3]]);
const rows: BallotRow[] = Array.from({ length: 40 }, (_, i) => {
  const contestId = i % 3 === 0 ? 'b' : 'a';
  return { label: `row ${i}`, contestId, ciphertexts: Array.from({ length: shapes.get(contestId)! }, (_, k) => ciphertextToJSON(encrypt(K, (i + k) % 2, randomScalar()))) };
});

describe('workerSummer', () => {
  it('gives the in-thread sums with 1 and 3 workers, and with some rows kept in this thread', async () => {
    const reference = sumInThread(shapes);
    reference.add(rows);
    const want = await reference.totals();
    if (!want.ok) throw new Error(want.detail);
    for (const [workers, here] of [[1, 0], [3, 0], [2, 14], [2, 1000]] as const) {
      const s = workerSummer(workers, here)(shapes);
      for (let i = 0; i < rows.length; i += 7) await s.add(rows.slice(i, i + 7));
      const got = await s.totals();
      if (!got.ok) throw new Error(got.detail);
      for (const [id, sum] of want.sums) {
        expect(got.sums.get(id)!.ballots).toBe(sum.ballots);
        expect(got.sums.get(id)!.tally.every((c, k) => ciphertextEquals(c, sum.tally[k]!))).toBe(true);
      }
    }
  });

  it('names a bad row summed in a worker, or in this thread before the workers start', async () => {
    for (const here of [0, 11]) {
      const s = workerSummer(2, here)(shapes);
      await s.add(rows.slice(0, 10));
      await s.add([{ label: 'the bad one', contestId: 'a', ciphertexts: [] }]);
      await s.add(rows.slice(10));
      expect(await s.totals()).toMatchObject({ ok: false, label: 'the bad one' });
    }
  });

  it('refuses a pool without workers or a negative threshold', () => {
    expect(() => workerSummer(0)).toThrow(RangeError);
    expect(() => workerSummer(1, -1)).toThrow(RangeError);
  });
});
