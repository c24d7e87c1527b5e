/**
 * The encrypted tally's sums (record/ballot-sums.ts): the in-thread summer gives the sum of
 * the ballots' ciphertexts however the rows are cut, decodes strictly, and names the first
 * row it cannot sum; partial sums survive their JSON form and merge to the whole.
 */
import { describe, expect, it } from 'vitest';
import { ZERO, ciphertextEquals, ciphertextToJSON, encrypt, sumCiphertexts, type Ciphertext } from '../../src/crypto/elgamal.js';
import { G, IDENTITY, mul, pointToHex, randomScalar } from '../../src/crypto/group.js';
import {
  type BallotRow, ballotSumsFromJSON, ballotSumsToJSON, emptyBallotSums, mergeBallotSums, sumInThread,
} from '../../src/record/ballot-sums.js';

const K = mul(G, randomScalar());
const shapes = new Map([['a', 3], ['b', 2]]);

function ballot(contestId: string, choices: number[], i: number): { row: BallotRow; cts: Ciphertext[] } {
  const cts = choices.map((m) => encrypt(K, m, randomScalar()));
  return { row: { label: `row ${i}`, contestId, ciphertexts: cts.map(ciphertextToJSON) }, cts };
}

const ballots = [
  ballot('a', [1, 0, 1], 0), ballot('a', [0, 1, 0], 1), ballot('b', [1, 0], 2), ballot('a', [0, 0, 0], 3), ballot('b', [0, 1], 4),
];

function expected(contestId: string): Ciphertext[] {
  const mine = ballots.filter((b) => b.row.contestId === contestId);
  return Array.from({ length: shapes.get(contestId)! }, (_, k) => sumCiphertexts(mine.map((b) => b.cts[k]!)));
}

describe('sumInThread', () => {
  it('sums each contest candidate by candidate, in one call or row by row', async () => {
    for (const cut of [ballots.length, 1, 2]) {
      const s = sumInThread(shapes);
      for (let i = 0; i < ballots.length; i += cut) await s.add(ballots.slice(i, i + cut).map((b) => b.row));
      const r = await s.totals();
      if (!r.ok) throw new Error(r.detail);
      for (const id of ['a', 'b']) {
        expect(r.sums.get(id)!.tally.every((c, k) => ciphertextEquals(c, expected(id)[k]!))).toBe(true);
      }
      expect(r.sums.get('a')!.ballots).toBe(3);
      expect(r.sums.get('b')!.ballots).toBe(2);
    }
  });

  it('no ballots: zero sums for every contest', async () => {
    const r = await sumInThread(shapes).totals();
    expect(r.ok && [...r.sums].map(([id, s]) => [id, s.ballots, s.tally.every((c) => ciphertextEquals(c, ZERO))])).toEqual([['a', 0, true], ['b', 0, true]]);
  });

  it('names the first row of an unknown contest, with another number of ciphertexts, or a bad point, and ignores the rest', async () => {
    const good = ballots[0]!.row;
    const cts = good.ciphertexts as { alpha: string; beta: string }[];
    const cases: [BallotRow, RegExp][] = [
      [{ ...good, contestId: 'z' }, /unknown contest/],
      [{ ...good, ciphertexts: cts.slice(1) }, /expected 3 ciphertexts/],
      [{ ...good, ciphertexts: 'no' }, /expected 3 ciphertexts/],
      [{ ...good, ciphertexts: [{ ...cts[0]!, alpha: 'ff'.repeat(32) }, cts[1], cts[2]] }, /non canonical point/],
      [{ ...good, ciphertexts: [{ ...cts[0]!, beta: pointToHex(IDENTITY) }, cts[1], cts[2]] }, /identity point/],
      [{ ...good, ciphertexts: [{ ...cts[0]!, extra: 1 }, cts[1], cts[2]] }, /selections\[0\]\.ciphertext/],
    ];
    for (const [bad, why] of cases) {
      const s = sumInThread(shapes);
      s.add([ballots[1]!.row, { ...bad, label: 'the bad one' }, ballots[2]!.row]);
      s.add([{ ...bad, label: 'a later one' }]);
      const r = await s.totals();
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.label).toBe('the bad one');
        expect(r.detail).toMatch(why);
      }
    }
  });

  it('partial sums go through JSON and merge into the whole', async () => {
    const parts = [ballots.slice(0, 2), ballots.slice(2)].map(async (part) => {
      const s = sumInThread(shapes);
      s.add(part.map((b) => b.row));
      const r = await s.totals();
      if (!r.ok) throw new Error(r.detail);
      return ballotSumsFromJSON(JSON.parse(JSON.stringify(ballotSumsToJSON(r.sums))));
    });
    const whole = emptyBallotSums(shapes);
    for (const p of await Promise.all(parts)) mergeBallotSums(whole, p);
    expect(whole.get('a')!.ballots + whole.get('b')!.ballots).toBe(5);
    for (const id of ['a', 'b']) expect(whole.get(id)!.tally.every((c, k) => ciphertextEquals(c, expected(id)[k]!))).toBe(true);
    expect(() => mergeBallotSums(whole, new Map([['z', { ballots: 0, tally: [] }]]))).toThrow(RangeError);
  });
});
