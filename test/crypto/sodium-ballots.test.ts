/**
 * The libsodium proof backend (crypto/sodium-ballots.ts) against the noble path, on the same
 * cases: the known-answer ballot passes both, and every tampered proof, bad encoding, wrong
 * statement or wrong shape is refused by both.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ContestBallotJSON, contestBallotFromJSON } from '../../src/crypto/ballot.js';
import { type ContestBytesItem, batchCheckContests } from '../../src/crypto/batch.js';
import { G, ORDER, encodePoint, fromHex, pointFromHex, scalarFromHex, scalarToHex, toHex } from '../../src/crypto/group.js';
import { sodiumProofBackend, sodiumReady } from '../../src/crypto/sodium-ballots.js';
import { BAD_POINTS } from './bad-encodings.js';
import kat from './vectors/known-answers.json' with { type: 'json' };

const v = kat.ballot;
const good = v.ballot as ContestBallotJSON;
const item = (ballot: unknown, over: Partial<ContestBytesItem> = {}): ContestBytesItem => ({
  ctx: fromHex(v.context), K: fromHex(v.contextInput.publicKey), maxSelections: v.maxSelections, candidateCount: v.candidateCount, ballot, ...over,
});

/** The two engines, each answering per item: does the ballot pass? */
const BACKENDS: [string, (items: ContestBytesItem[]) => boolean[]][] = [
  ['noble', (items) => items.map((it) => {
    try {
      const ballot = contestBallotFromJSON(it.ballot as ContestBallotJSON, { candidateCount: it.candidateCount, maxSelections: it.maxSelections });
      return batchCheckContests([{ ctx: it.ctx, K: pointFromHex(toHex(it.K)), maxSelections: it.maxSelections, candidateCount: it.candidateCount, ballot }]).ok;
    } catch {
      return false;
    }
  })],
  ['libsodium', (items) => sodiumProofBackend.checkContests(items).map((r) => r !== null)],
];

const clone = (b: ContestBallotJSON) => JSON.parse(JSON.stringify(b)) as { selections: any[]; rangeProof: { branches: any[] } };
const bumpHex = (h: string) => scalarToHex((scalarFromHex(h) + 1n) % ORDER);

/** Named ways to spoil the committed ballot. */
const SPOILED: [string, ContestBallotJSON][] = [];
for (let i = 0; i < good.selections.length; i++) {
  const b = clone(good);
  b.selections[i].proof.branches[i % 2].response = bumpHex(b.selections[i].proof.branches[i % 2].response);
  SPOILED.push([`a changed response in selection ${i}'s proof`, b as ContestBallotJSON]);
}
for (let j = 0; j < good.rangeProof.branches.length; j++) {
  const b = clone(good);
  b.rangeProof.branches[j].response = bumpHex(b.rangeProof.branches[j].response);
  SPOILED.push([`a changed response in range branch ${j}`, b as ContestBallotJSON]);
}
{
  const b = clone(good);
  b.selections[0].proof.branches[0].challenge = bumpHex(b.selections[0].proof.branches[0].challenge);
  SPOILED.push(['a changed challenge (the sum no longer matches)', b as ContestBallotJSON]);
  const s = clone(good);
  [s.selections[0], s.selections[1]] = [s.selections[1], s.selections[0]];
  SPOILED.push(['two selections swapped', s as ContestBallotJSON]);
  const c = clone(good);
  c.selections[2].ciphertext = c.selections[3].ciphertext;
  SPOILED.push(['a ciphertext copied from another candidate', c as ContestBallotJSON]);
  const short = clone(good);
  short.selections.pop();
  SPOILED.push(['a selection missing', short as ContestBallotJSON]);
  const r = clone(good);
  r.selections[1].proof.branches[0].response = 'edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010'; // ℓ itself
  SPOILED.push(['a response equal to ℓ (not reduced)', r as ContestBallotJSON]);
  const extra = clone(good);
  extra.selections[2].proof.branches[1].note = 'x';
  SPOILED.push(['an extra field in a branch', extra as ContestBallotJSON]);
  const id = clone(good);
  id.selections[0].ciphertext.alpha = '00'.repeat(32);
  SPOILED.push(['the identity as α', id as ContestBallotJSON]);
  const idb = clone(good);
  idb.selections[1].proof.branches[1].a = '00'.repeat(32);
  SPOILED.push(['the identity as a commitment', idb as ContestBallotJSON]);
}
for (const [k, hex] of BAD_POINTS.entries()) {
  const b = clone(good);
  const where = k % 4;
  if (where === 0) b.selections[0].ciphertext.alpha = hex;
  if (where === 1) b.selections[1].ciphertext.beta = hex;
  if (where === 2) b.selections[2].proof.branches[0].a = hex;
  if (where === 3) b.rangeProof.branches[1].b = hex;
  SPOILED.push([`the invalid encoding ${hex} in field ${['α', 'β', 'a', 'b'][where]}`, b as ContestBallotJSON]);
}

beforeAll(async () => {
  await sodiumReady;
});

describe.each(BACKENDS)('proof engine %s', (_name, passes) => {
  it('passes the committed ballot', () => {
    expect(passes([item(good)])).toEqual([true]);
  });
  it.each(SPOILED)('refuses %s', (_what, ballot) => {
    expect(passes([item(ballot)])).toEqual([false]);
  });
  it('refuses the ballot under another ballot context or another key', () => {
    const ctx = fromHex(v.context);
    ctx[0]! ^= 1;
    expect(passes([item(good, { ctx })])).toEqual([false]);
    expect(passes([item(good, { K: encodePoint(G) })])).toEqual([false]);
  });
  it('in a batch, names only the spoiled ballots', () => {
    expect(passes([item(good), item(SPOILED[0]![1]), item(good), item(SPOILED[SPOILED.length - 1]![1]), item(good)])).toEqual([true, false, true, false, true]);
  });
  it('gives the same verdicts with an RNG that hands out fewer bytes than the weights\' pool asks (drawn weight by weight)', () => {
    const short = (n: number) => randomBytes(Math.min(n, 16));
    const items = [item(good), item(SPOILED[0]![1]), item(good)];
    expect(sodiumProofBackend.checkContests(items, short).map((r) => r !== null)).toEqual([true, false, true]);
  });
});

describe('the libsodium engine\'s results', () => {
  it('give the committed digest and the ballot\'s ciphertexts', () => {
    const [r] = sodiumProofBackend.checkContests([item(good)]);
    expect(toHex(r!.digest)).toBe(v.digest);
    expect(r!.ciphertexts.map((c) => ({ alpha: toHex(c.alpha), beta: toHex(c.beta) }))).toEqual(good.selections.map((s) => s.ciphertext));
  });
  it('add points as the group does', () => {
    const [a, b] = [good.selections[0]!.ciphertext.alpha, good.selections[1]!.ciphertext.alpha];
    expect(toHex(sodiumProofBackend.addPoints(fromHex(a), fromHex(b)))).toBe(toHex(pointFromHex(a).add(pointFromHex(b)).toBytes()));
  });
});
