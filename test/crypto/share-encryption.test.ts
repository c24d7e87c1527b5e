import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, G, ORDER, mul, randomScalar, toHex } from '../../src/crypto/group.js';
import {
  SEALED_SHARE_BYTES, decryptShare, encryptShare, encryptedShareFromJSON, encryptedShareToJSON,
  openShareWithSharedPoint, type ShareAddress,
} from '../../src/crypto/share-encryption.js';

const ctx = new TextEncoder().encode('election-ctx');
const addr: ShareAddress = { ctx, sender: 1, recipient: 2 };

function keyPair() {
  const sk = randomScalar();
  return { sk, pk: mul(G, sk) };
}

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

describe('share encryption (ECDH + HKDF-SHA256 + ChaCha20-Poly1305)', () => {
  it('round-trips any scalar, including 0 and ℓ−1', () => {
    const { sk, pk } = keyPair();
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: ORDER - 1n }), (s) => {
      const enc = encryptShare(addr, pk, s);
      expect(enc.sealed.length).toBe(SEALED_SHARE_BYTES);
      const r = decryptShare(addr, sk, enc);
      expect(r).toEqual({ ok: true, share: s });
    }), { numRuns: 30 });
  });

  it('opens with the shared point S = sk·E as a third party would after a complaint', () => {
    const { sk, pk } = keyPair();
    const enc = encryptShare(addr, pk, 42n);
    expect(openShareWithSharedPoint(addr, pk, enc, mul(enc.ephemeral, sk))).toEqual({ ok: true, share: 42n });
    expect(openShareWithSharedPoint(addr, pk, enc, mul(enc.ephemeral, sk + 1n)).ok).toBe(false);
  });

  it('refuses a share opened by the wrong recipient key', () => {
    const a = keyPair();
    const b = keyPair();
    const enc = encryptShare(addr, a.pk, 7n);
    expect(decryptShare(addr, b.sk, enc)).toEqual({ ok: false, reason: 'aead_failure' });
  });

  it.each([
    ['another context', { ...addr, ctx: new TextEncoder().encode('other') }],
    ['another sender', { ...addr, sender: 3 }],
    ['another recipient', { ...addr, recipient: 3 }],
  ])('binds the share to its address: refused under %s', (_name, other) => {
    const { sk, pk } = keyPair();
    const enc = encryptShare(addr, pk, 7n);
    expect(decryptShare(other, sk, enc)).toEqual({ ok: false, reason: 'aead_failure' });
  });

  it('refuses any flipped bit of the sealed share and a swapped ephemeral', () => {
    const { sk, pk } = keyPair();
    const enc = encryptShare(addr, pk, 7n);
    for (let i = 0; i < enc.sealed.length; i++) {
      const sealed = enc.sealed.slice();
      sealed[i]! ^= 1 << (i % 8);
      expect(decryptShare(addr, sk, { ...enc, sealed }).ok).toBe(false);
    }
    expect(decryptShare(addr, sk, { ...enc, ephemeral: enc.ephemeral.add(G) }).ok).toBe(false);
    expect(decryptShare(addr, sk, { ...enc, sealed: enc.sealed.slice(0, 47) }).ok).toBe(false);
  });

  it('uses a fresh ephemeral each time (two encryptions of one share differ)', () => {
    const { pk } = keyPair();
    const a = encryptShare(addr, pk, 7n);
    const b = encryptShare(addr, pk, 7n);
    expect(a.ephemeral.equals(b.ephemeral)).toBe(false);
    expect(toHex(a.sealed)).not.toBe(toHex(b.sealed));
  });

  it('refuses out-of-range plaintext scalars and bad indices as argument errors', () => {
    const { pk } = keyPair();
    expect(() => encryptShare(addr, pk, ORDER)).toThrow(RangeError);
    expect(() => encryptShare(addr, pk, -1n)).toThrow(RangeError);
    expect(() => encryptShare({ ...addr, sender: 0 }, pk, 1n)).toThrow(RangeError);
  });

  it('JSON round trip and strict decoding', () => {
    const { sk, pk } = keyPair();
    const enc = encryptShare(addr, pk, 99n);
    const json = encryptedShareToJSON(enc);
    expect(decryptShare(addr, sk, encryptedShareFromJSON(json))).toEqual({ ok: true, share: 99n });
    expect(dErr(() => encryptedShareFromJSON({ ...json, sealed: json.sealed.toUpperCase() }))).toBe('not_hex');
    expect(dErr(() => encryptedShareFromJSON({ ...json, sealed: json.sealed.slice(2) }))).toBe('wrong_length');
    expect(dErr(() => encryptedShareFromJSON({ ...json, ephemeral: '00'.repeat(32) }))).toBe('identity_point');
    expect(dErr(() => encryptedShareFromJSON({ ...json, ephemeral: 'ff'.repeat(31) + '7f' }))).toBe('non_canonical_point');
  });
});
