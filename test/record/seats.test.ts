import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { encrypt } from '../../src/crypto/elgamal.js';
import { G, encodePoint, mul, randomScalar } from '../../src/crypto/group.js';
import { evaluatePolynomial } from '../../src/crypto/lagrange.js';
import { jointDecryptionValue } from '../../src/crypto/threshold-decryption.js';
import { allocateSeats, decryptionValues, tieBreakLot, tieBreakSeed } from '../../src/record/seats.js';

const H1 = '11'.repeat(32);
const H2 = '22'.repeat(32);
const cands = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}` }));
const lotHex = (h: string, id: string) => bytesToHex(tieBreakLot(h, 'board', id));

describe('tie-break lot', () => {
  it('is the framed digest of tag, seed, contest id and candidate id', () => {
    const items = [utf8ToBytes('anfora/v1/tie-break'), hexToBytes(H1), utf8ToBytes('board'), utf8ToBytes('c1')];
    const framed = concatBytes(...items.flatMap((b) => [Uint8Array.of(0, 0, 0, b.length), b]));
    expect(tieBreakLot(H1, 'board', 'c1')).toEqual(sha256(framed));
    expect(tieBreakLot(hexToBytes(H1), 'board', 'c1')).toEqual(sha256(framed));
  });
  it('refuses a malformed hash', () => {
    expect(() => tieBreakLot('11', 'board', 'c1')).toThrow(RangeError);
    expect(() => tieBreakLot('AB'.repeat(32), 'board', 'c1')).toThrow(RangeError);
    expect(() => tieBreakLot(new Uint8Array(31), 'board', 'c1')).toThrow(RangeError);
  });
});

describe('tie-break seed (joint decryption values)', () => {
  // A 3-of-5 sharing of s, and a tally of 3 candidates encrypted under s·G.
  const coefficients = [randomScalar(), randomScalar(), randomScalar()];
  const s = coefficients[0]!;
  const K = mul(G, s);
  const counts = [4, 0, 7];
  const tally = counts.map((m) => encrypt(K, m, randomScalar()));
  const subsets = [[1, 2, 3], [1, 2, 4], [1, 3, 5], [2, 4, 5], [3, 4, 5], [5, 1, 3]];

  it('the Lagrange combination of any t shares is s·α exactly, and equals β − votes·G', () => {
    const public_ = decryptionValues(tally, counts);
    tally.forEach((ct, k) => {
      const exact = mul(ct.alpha, s);
      expect(public_[k]!.equals(exact)).toBe(true);
      for (const subset of subsets) {
        const shares = subset.map((j) => ({ index: j, share: mul(ct.alpha, evaluatePolynomial(coefficients, BigInt(j))) }));
        expect(jointDecryptionValue(shares, { n: 5, t: 3 }).equals(exact), `subset ${subset}`).toBe(true);
      }
    });
  });

  it('is the framed digest of tag, manifest hash, contest, count and the values', () => {
    const values = decryptionValues(tally, counts);
    const items = [utf8ToBytes('anfora/v1/tie-break-seed'), hexToBytes(H1), utf8ToBytes('board'), Uint8Array.of(0, 0, 0, 3), ...values.map(encodePoint)];
    const framed = concatBytes(...items.flatMap((b) => [Uint8Array.of(0, 0, 0, b.length), b]));
    expect(tieBreakSeed(H1, 'board', values)).toEqual(sha256(framed));
  });

  it('changes with the manifest, the contest, the counts and the tally', () => {
    const seed = bytesToHex(tieBreakSeed(H1, 'board', decryptionValues(tally, counts)));
    expect(bytesToHex(tieBreakSeed(H2, 'board', decryptionValues(tally, counts)))).not.toBe(seed);
    expect(bytesToHex(tieBreakSeed(H1, 'alt', decryptionValues(tally, counts)))).not.toBe(seed);
    expect(bytesToHex(tieBreakSeed(H1, 'board', decryptionValues(tally, [4, 1, 7])))).not.toBe(seed);
    expect(bytesToHex(tieBreakSeed(H1, 'board', decryptionValues([tally[1]!, tally[0]!, tally[2]!], counts)))).not.toBe(seed);
  });

  it('refuses bad inputs', () => {
    expect(() => decryptionValues(tally, [1, 2])).toThrow(RangeError);
    expect(() => decryptionValues(tally, [1, -2, 0])).toThrow(RangeError);
    expect(() => tieBreakSeed('11', 'board', decryptionValues(tally, counts))).toThrow(RangeError);
    expect(() => tieBreakSeed(H1, 'board', [])).toThrow(RangeError);
    expect(() => jointDecryptionValue([{ index: 1, share: G }, { index: 1, share: G }], { n: 3, t: 2 })).toThrow(RangeError);
    expect(() => jointDecryptionValue([{ index: 1, share: G }], { n: 3, t: 2 })).toThrow(RangeError);
  });
});

describe('seat allocation', () => {
  it('ranks by votes, descending, and fills titulars then alternates', () => {
    const r = allocateSeats({ contestId: 'board', candidates: cands(5), votes: [3, 9, 0, 5, 7], seats: 2, alternates: 2, seed: H1 });
    expect(r.ranking).toEqual(['c2', 'c5', 'c4', 'c1', 'c3']);
    expect(r.titulars).toEqual(['c2', 'c5']);
    expect(r.alternates).toEqual(['c4', 'c1']);
    expect(r.counts).toEqual([{ candidateId: 'c1', votes: 3 }, { candidateId: 'c2', votes: 9 }, { candidateId: 'c3', votes: 0 },
      { candidateId: 'c4', votes: 5 }, { candidateId: 'c5', votes: 7 }]);
    expect(r.tieBreak).toBe(H1);
    expect(r.lots.map((l) => l.lot)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => lotHex(H1, id)));
  });

  it('breaks ties by the lot, ascending, the same way every time', () => {
    const input = { contestId: 'board', candidates: cands(4), votes: [4, 4, 4, 1], seats: 1, alternates: 1, seed: H1 };
    const r = allocateSeats(input);
    const tied = ['c1', 'c2', 'c3'].sort((a, b) => (lotHex(H1, a) < lotHex(H1, b) ? -1 : 1));
    expect(r.ranking).toEqual([...tied, 'c4']);
    expect(allocateSeats({ ...input, candidates: [...input.candidates] }).ranking).toEqual(r.ranking);
  });

  it('draws another order of the tied candidates for another seed', () => {
    // With 6 tied candidates, two hashes give the same order with probability 1/720; these two differ.
    const input = { contestId: 'board', candidates: cands(6), votes: [2, 2, 2, 2, 2, 2], seats: 2, alternates: 2 };
    const a = allocateSeats({ ...input, seed: H1 });
    const b = allocateSeats({ ...input, seed: H2 });
    expect(a.ranking).not.toEqual(b.ranking);
    for (const [r, h] of [[a, H1], [b, H2]] as const) {
      const lots = r.ranking.map((id) => lotHex(h, id));
      expect(lots).toEqual([...lots].sort());
    }
  });

  it('compares lots as bytes, so votes always come first', () => {
    const r = allocateSeats({ contestId: 'board', candidates: cands(3), votes: [0, 1, 0], seats: 1, alternates: 0, seed: H2 });
    expect(r.titulars).toEqual(['c2']);
    expect(r.alternates).toEqual([]);
  });

  it('gives shorter lists when there are fewer candidates than seats and alternates', () => {
    const r = allocateSeats({ contestId: 'board', candidates: cands(3), votes: [1, 2, 3], seats: 2, alternates: 3, seed: H1 });
    expect(r.titulars).toEqual(['c3', 'c2']);
    expect(r.alternates).toEqual(['c1']);
    const one = allocateSeats({ contestId: 'board', candidates: cands(1), votes: [0], seats: 3, alternates: 1, seed: H1 });
    expect(one.titulars).toEqual(['c1']);
    expect(one.alternates).toEqual([]);
  });

  it('with all votes zero, ranks purely by lot', () => {
    const r = allocateSeats({ contestId: 'board', candidates: cands(4), votes: [0, 0, 0, 0], seats: 2, alternates: 1, seed: H1 });
    const byLot = ['c1', 'c2', 'c3', 'c4'].sort((a, b) => (lotHex(H1, a) < lotHex(H1, b) ? -1 : 1));
    expect(r.ranking).toEqual(byLot);
    expect(r.titulars).toEqual(byLot.slice(0, 2));
    expect(r.alternates).toEqual(byLot.slice(2, 3));
  });

  it('the lot depends on the contest too', () => {
    expect(bytesToHex(tieBreakLot(H1, 'alt', 'c1'))).not.toBe(lotHex(H1, 'c1'));
  });

  it('accepts the seed as bytes and reports it as hex', () => {
    const r = allocateSeats({ contestId: 'board', candidates: cands(2), votes: [1, 1], seats: 1, alternates: 1, seed: hexToBytes(H2) });
    expect(r.tieBreak).toBe(H2);
    expect(r).toEqual(allocateSeats({ contestId: 'board', candidates: cands(2), votes: [1, 1], seats: 1, alternates: 1, seed: H2 }));
  });

  it.each<[string, Partial<Parameters<typeof allocateSeats>[0]>]>([
    ['fewer counts than candidates', { votes: [1, 2] }],
    ['a negative count', { votes: [1, -1, 0] }],
    ['a fractional count', { votes: [1, 0.5, 0] }],
    ['negative seats', { seats: -1 }],
    ['repeated candidate ids', { candidates: [{ id: 'c1' }, { id: 'c1' }, { id: 'c2' }] }],
    ['a short seed', { seed: '11' }],
  ])('refuses %s', (_name, change) => {
    const input = { contestId: 'board', candidates: cands(3), votes: [1, 2, 3], seats: 1, alternates: 1, seed: H1, ...change };
    expect(() => allocateSeats(input)).toThrow(RangeError);
  });
});
