/**
 * The libsodium summer of the close and the trustee CLI (src/cli/sodium-summer.ts) against
 * the noble in-thread summer, on the same rows: the same sums (by encoding) however the rows
 * are cut, and the same refusal — the same row named in the same words — for every bad row.
 */
import { describe, expect, it } from 'vitest';
import { ciphertextToJSON, encrypt } from '../../src/crypto/elgamal.js';
import { G, IDENTITY, mul, pointToHex, randomScalar } from '../../src/crypto/group.js';
import { type BallotRow, type SumResult, type SummerFactory, ballotSumsToJSON, sumInThread } from '../../src/record/ballot-sums.js';
import { sodiumSummer } from '../../src/cli/sodium-summer.js';
import { BAD_POINTS } from '../crypto/bad-encodings.js';

const K = mul(G, randomScalar());
const shapes = new Map([['a', 3], ['b', 2]]);
const rows: BallotRow[] = Array.from({ length: 30 }, (_, i) => {
  const contestId = i % 4 === 0 ? 'b' : 'a';
  return { label: `row ${i}`, contestId, ciphertexts: Array.from({ length: shapes.get(contestId)! }, (_, k) => ciphertextToJSON(encrypt(K, (i + k) % 2, randomScalar()))) };
});

async function run(factory: SummerFactory, input: readonly BallotRow[], cut: number): Promise<SumResult> {
  const s = factory(shapes);
  for (let i = 0; i < input.length; i += cut) await s.add(input.slice(i, i + cut));
  return s.totals();
}

/** A result as plain data: the sums' encodings, or the refusal. */
const plain = (r: SumResult) => (r.ok ? ballotSumsToJSON(r.sums) : r);

describe('sodiumSummer', () => {
  it('gives the noble summer\'s sums, by encoding, however the rows are cut; none gives zero sums', async () => {
    const want = plain(await run(sumInThread, rows, rows.length));
    expect(want).not.toHaveProperty('ok');
    for (const cut of [rows.length, 1, 7]) expect(plain(await run(sodiumSummer, rows, cut))).toEqual(want);
    expect(plain(await run(sodiumSummer, [], 1))).toEqual(plain(await run(sumInThread, [], 1)));
  });

  it('refuses what the noble summer refuses, naming the same first bad row in the same words', async () => {
    const good = rows[1]!;
    const cts = good.ciphertexts as { alpha: string; beta: string }[];
    const at = (k: number, c: unknown) => cts.map((x, i) => (i === k ? c : x));
    const bad: unknown[] = [
      ...BAD_POINTS.map((p, k) => at(k % 3, { ...cts[k % 3]!, [k % 2 === 0 ? 'alpha' : 'beta']: p })),
      at(2, { ...cts[2]!, alpha: pointToHex(IDENTITY) }),
      at(0, { ...cts[0]!, beta: pointToHex(IDENTITY) }),
      at(1, { ...cts[1]!, beta: cts[1]!.beta.toUpperCase() }),
      at(1, { ...cts[1]!, beta: cts[1]!.beta.slice(2) }),
      at(1, { ...cts[1]!, extra: 1 }),
      at(1, null),
      cts.slice(1),
      'no',
      // A hole (a structured clone keeps it): refused, not left at zero.
      [, cts[1], cts[2]],
    ];
    const cases: BallotRow[] = [...bad.map((c) => ({ ...good, ciphertexts: c })), { ...good, contestId: 'z' }];
    for (const row of cases) {
      const input = [...rows.slice(0, 5), { ...row, label: 'the bad one' }, ...rows.slice(5), { ...row, label: 'a later one' }];
      const want = await run(sumInThread, input, 4);
      expect(want).toMatchObject({ ok: false, label: 'the bad one' });
      for (const cut of [1, 4, input.length]) expect(await run(sodiumSummer, input, cut)).toEqual(want);
    }
  });
});
