import { describe, expect, it } from 'vitest';
import {
  DecodeError, G, IDENTITY, ORDER, decodePoint, decodeScalar, encodePoint, encodeScalar,
  fromHex, pointFromHex, randomScalar, scalarFromHex, toHex,
} from '../../src/crypto/group.js';
import { Transcript, TAGS } from '../../src/crypto/transcript.js';
import { BAD_POINTS } from './bad-encodings.js';


function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

describe('ristretto255 encodings (RFC 9496)', () => {
  it('encodes the generator as in RFC 9496 §A.1', () => {
    expect(toHex(encodePoint(G))).toBe('e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76');
  });
  it.each(BAD_POINTS)('rejects the invalid encoding %s', (hex) => {
    expect(dErr(() => decodePoint(fromHex(hex)))).toBe('non_canonical_point');
  });
  it('rejects the identity unless allowed', () => {
    const id = encodePoint(IDENTITY);
    expect(dErr(() => decodePoint(id))).toBe('identity_point');
    expect(decodePoint(id, 'p', true).equals(IDENTITY)).toBe(true);
  });
  it('rejects wrong lengths and malformed hex', () => {
    expect(dErr(() => decodePoint(new Uint8Array(31)))).toBe('wrong_length');
    expect(dErr(() => pointFromHex('E2F2' + '00'.repeat(30)))).toBe('not_hex');
    expect(dErr(() => pointFromHex('abc'))).toBe('not_hex');
  });
  it('round-trips random points and scalars', () => {
    for (let i = 0; i < 20; i++) {
      const s = randomScalar();
      const P = G.multiply(s);
      expect(decodePoint(encodePoint(P)).equals(P)).toBe(true);
      expect(decodeScalar(encodeScalar(s))).toBe(s);
    }
  });
  it('rejects scalars ≥ ℓ instead of reducing them', () => {
    const l = new Uint8Array(32);
    let x = ORDER;
    for (let i = 0; i < 32; i++) { l[i] = Number(x & 0xffn); x >>= 8n; }
    expect(dErr(() => decodeScalar(l))).toBe('scalar_out_of_range');
    expect(dErr(() => decodeScalar(new Uint8Array(32).fill(0xff)))).toBe('scalar_out_of_range');
    expect(dErr(() => scalarFromHex('00'.repeat(32), 's', false))).toBe('zero_scalar');
    expect(decodeScalar(encodeScalar(ORDER - 1n))).toBe(ORDER - 1n);
  });
});

describe('transcript', () => {
  it('separates items by length, so concatenations differ', () => {
    const a = new Transcript(TAGS.schnorr).bytes(new Uint8Array([1, 2])).bytes(new Uint8Array([3])).challenge();
    const b = new Transcript(TAGS.schnorr).bytes(new Uint8Array([1])).bytes(new Uint8Array([2, 3])).challenge();
    expect(a).not.toBe(b);
  });
  it('separates domains', () => {
    const a = new Transcript(TAGS.schnorr).point(G).challenge();
    const b = new Transcript(TAGS.range).point(G).challenge();
    expect(a).not.toBe(b);
    expect(a < ORDER).toBe(true);
  });
  it('refuses tags outside the project namespace', () => {
    expect(() => new Transcript('other')).toThrow(RangeError);
  });
});
