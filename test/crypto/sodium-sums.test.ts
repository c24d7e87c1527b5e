/**
 * libsodium's ciphertext sums (crypto/sodium-sums.ts) against the noble path, on the same
 * rows: good rows give byte-identical sums (also through the identity), and every bad
 * encoding, shape or hex — the identity included, which libsodium's addition accepts — is
 * refused with noble's own error, the sums left as they were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { type Ciphertext, type CiphertextJSON, ZERO, ciphertextFromJSON, ciphertextToJSON, encrypt } from '../../src/crypto/elgamal.js';
import { G, IDENTITY, mul, pointToHex, randomScalar, toHex } from '../../src/crypto/group.js';
import { addCiphertextBytes, ciphertextsOfSumBytes, sodiumReady, zeroSumBytes } from '../../src/crypto/sodium-sums.js';
import { nobleAdder } from '../../src/record/ballot-sums.js';
import { BAD_POINTS } from './bad-encodings.js';

const K = mul(G, randomScalar());
const N = 3;
const row = (): CiphertextJSON[] => Array.from({ length: N }, (_, k) => ciphertextToJSON(encrypt(K, k % 2, randomScalar())));
const good = row();

/** Noble's verdict on a row: its sums, or the error it throws (record/ballot-sums.ts's noble adder). */
function noble(sum: Ciphertext[], cts: readonly unknown[]): Ciphertext[] | Error {
  try {
    return nobleAdder.add(sum, cts);
  } catch (e) {
    return e as Error;
  }
}

/** libsodium's verdict on the same row, checking that a refusal leaves the sums untouched. */
function sodium(sum: Uint8Array, cts: readonly unknown[]): Uint8Array | Error {
  const before = sum.slice();
  try {
    return addCiphertextBytes(sum, cts);
  } catch (e) {
    expect(sum).toEqual(before);
    return e as Error;
  }
}

const hexOf = (cs: readonly Ciphertext[]) => cs.map(ciphertextToJSON);

/** Both engines on one row after `prefix` good rows: the same sums or the same error. */
function agree(cts: readonly unknown[], prefix: readonly CiphertextJSON[][] = [good]): 'ok' | string {
  let n: Ciphertext[] = new Array<Ciphertext>(N).fill(ZERO);
  let s = zeroSumBytes(N);
  for (const p of prefix) {
    n = noble(n, p) as Ciphertext[];
    s = sodium(s, p) as Uint8Array;
  }
  const a = noble(n, cts);
  const b = sodium(s, cts);
  if (a instanceof Error || b instanceof Error) {
    expect(b).toBeInstanceOf(Error);
    expect(a).toBeInstanceOf(Error);
    expect((b as Error).name).toBe((a as Error).name);
    expect((b as Error).message).toBe((a as Error).message);
    return (a as Error).message;
  }
  expect(hexOf(ciphertextsOfSumBytes(b))).toEqual(hexOf(a));
  return 'ok';
}

const withPoint = (i: number, field: 'alpha' | 'beta', value: unknown) => good.map((c, k) => (k === i ? { ...c, [field]: value } : c));

beforeAll(async () => {
  await sodiumReady;
});

describe('addCiphertextBytes', () => {
  it('gives noble\'s sums, byte for byte, over many rows and through the identity', () => {
    const rows = Array.from({ length: 20 }, row);
    // A row and its negation: the running sums pass through the identity, then go on.
    const negated = rows[3]!.map((c) => {
      const d = ciphertextFromJSON(c);
      return ciphertextToJSON({ alpha: d.alpha.negate(), beta: d.beta.negate() });
    });
    const all = [rows[3]!, negated, ...rows];
    let n: Ciphertext[] = new Array<Ciphertext>(N).fill(ZERO);
    let s = zeroSumBytes(N);
    for (const [k, r] of all.entries()) {
      n = noble(n, r) as Ciphertext[];
      s = addCiphertextBytes(s, r);
      if (k === 1) expect(toHex(s)).toBe('00'.repeat(64 * N));
      expect(hexOf(ciphertextsOfSumBytes(s))).toEqual(hexOf(n));
    }
    expect(hexOf(ciphertextsOfSumBytes(zeroSumBytes(2)))).toEqual(hexOf([ZERO, ZERO]));
  });

  it('refuses each RFC 9496 bad encoding, in α or β of any candidate, with noble\'s error', () => {
    for (const bad of BAD_POINTS) {
      for (const i of [0, 2]) {
        for (const field of ['alpha', 'beta'] as const) {
          expect(agree(withPoint(i, field, bad))).toBe(`selections[${i}].ciphertext.${field}: non canonical point`);
        }
      }
    }
  });

  it('refuses the identity in a ballot\'s ciphertext (libsodium would add it), as noble does', () => {
    const id = pointToHex(IDENTITY);
    expect(agree(withPoint(1, 'alpha', id))).toBe('selections[1].ciphertext.alpha: identity point');
    expect(agree(withPoint(0, 'beta', id))).toBe('selections[0].ciphertext.beta: identity point');
    expect(agree(withPoint(0, 'beta', id), [])).toBe('selections[0].ciphertext.beta: identity point');
  });

  it('refuses bad hex, wrong lengths and wrong shapes with noble\'s error', () => {
    const alpha = good[1]!.alpha;
    const cases: [unknown[], string][] = [
      [withPoint(1, 'alpha', alpha.toUpperCase()), 'selections[1].ciphertext.alpha: not hex'],
      [withPoint(1, 'alpha', `0x${alpha.slice(2)}`), 'selections[1].ciphertext.alpha: not hex'],
      [withPoint(1, 'alpha', alpha.slice(1)), 'selections[1].ciphertext.alpha: not hex'],
      [withPoint(1, 'alpha', alpha.slice(2)), 'selections[1].ciphertext.alpha: wrong length'],
      [withPoint(1, 'alpha', `${alpha}00`), 'selections[1].ciphertext.alpha: wrong length'],
      [withPoint(1, 'alpha', ''), 'selections[1].ciphertext.alpha: wrong length'],
      [withPoint(1, 'beta', 7), 'selections[1].ciphertext.beta: not hex'],
      [withPoint(1, 'beta', null), 'selections[1].ciphertext.beta: not hex'],
      [withPoint(2, 'extra' as 'alpha', 'x'), 'selections[2].ciphertext: wrong length'],
      [good.map((c, k) => (k === 2 ? { alpha: c.alpha } : c)), 'selections[2].ciphertext: wrong length'],
      [good.map((c, k) => (k === 0 ? null : c)), 'selections[0].ciphertext: wrong length'],
      [good.map((c, k) => (k === 0 ? [c.alpha, c.beta] : c)), 'selections[0].ciphertext: wrong length'],
      [good.map((c, k) => (k === 0 ? 'ciphertext' : c)), 'selections[0].ciphertext: wrong length'],
      // A hole: refused, not left at zero.
      [[good[0], , good[2]], 'selections[1].ciphertext: wrong length'],
    ];
    for (const [cts, why] of cases) expect(agree(cts)).toBe(why);
  });

  it('names the first fault of a row with several, as noble does', () => {
    const [p, q] = BAD_POINTS;
    expect(agree(good.map((c, k) => (k === 0 ? { ...c, beta: 'zz' } : k === 1 ? { ...c, alpha: p } : c))))
      .toBe('selections[0].ciphertext.beta: not hex');
    expect(agree(good.map((c, k) => (k === 0 ? { alpha: q, beta: 'zz' } : c)))).toBe('selections[0].ciphertext.alpha: non canonical point');
    expect(agree(good.map((c, k) => (k === 2 ? { alpha: pointToHex(IDENTITY), beta: p } : c)))).toBe('selections[2].ciphertext.alpha: identity point');
  });

  it('agrees with noble on random 32-byte strings (about one in sixteen decodes)', () => {
    let accepted = 0;
    for (let k = 0; k < 480; k++) {
      const cts = withPoint(k % N, k % 2 === 0 ? 'alpha' : 'beta', randomBytes(32).toString('hex'));
      if (agree(cts, []) === 'ok') accepted++;
    }
    expect(accepted).toBeGreaterThan(8);
    expect(accepted).toBeLessThan(200);
  });

  it('refuses another number of ciphertexts than the sums hold (the caller checks the row first)', () => {
    expect(() => addCiphertextBytes(zeroSumBytes(N), good.slice(1))).toThrow(RangeError);
    expect(() => zeroSumBytes(-1)).toThrow(RangeError);
  });
});
