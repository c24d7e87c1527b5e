import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { ballotContext as cryptoBallotContext } from '../../src/crypto/ballot.js';
import { G, mul } from '../../src/crypto/group.js';
import {
  ballotContext, ceremonyContext, decryptionContext, manifestHash,
} from '../../src/record/contexts.js';

/** The transcript framing written out independently: u32be(length) ‖ bytes per item. */
function framed(...items: Uint8Array[]): Uint8Array {
  return sha256(concatBytes(...items.flatMap((b) => {
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, b.length);
    return [len, b];
  })));
}
const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const s = utf8ToBytes;

describe('contexts', () => {
  it('ceremony context is the framed digest of tag, election id, n and t', () => {
    expect(ceremonyContext('e-1', 5, 3)).toEqual(framed(s('anfora/v1/ceremony-context'), s('e-1'), u32(5), u32(3)));
  });

  it('ceremony context changes with the election, n and t', () => {
    const base = ceremonyContext('e-1', 5, 3);
    expect(ceremonyContext('e-2', 5, 3)).not.toEqual(base);
    expect(ceremonyContext('e-1', 6, 3)).not.toEqual(base);
    expect(ceremonyContext('e-1', 5, 2)).not.toEqual(base);
  });

  it('ceremony context refuses bad arguments', () => {
    expect(() => ceremonyContext('', 3, 2)).toThrow(RangeError);
    expect(() => ceremonyContext('x'.repeat(257), 3, 2)).toThrow(RangeError);
    expect(() => ceremonyContext('\ud800', 3, 2)).toThrow(RangeError);
    expect(() => ceremonyContext(7 as unknown as string, 3, 2)).toThrow(TypeError);
    expect(() => ceremonyContext('e', 3, 4)).toThrow(RangeError);
    expect(() => ceremonyContext('e', 3, 0)).toThrow(RangeError);
    expect(() => ceremonyContext('e', 2.5, 1)).toThrow(RangeError);
  });

  it('manifest hash is the framed digest of the canonical JSON, whatever the key order', () => {
    const m = { version: 1, electionId: 'e', title: 'Élection' };
    expect(manifestHash(m)).toEqual(framed(s('anfora/v1/manifest'), s('{"electionId":"e","title":"Élection","version":1}')));
    expect(manifestHash({ title: 'Élection', version: 1, electionId: 'e' })).toEqual(manifestHash(m));
    expect(manifestHash({ ...m, title: 'Election' })).not.toEqual(manifestHash(m));
  });

  it('manifest hash refuses a value that has no canonical JSON', () => {
    expect(() => manifestHash({ threshold: 1.5 })).toThrow(TypeError);
  });

  it('decryption context is the framed digest of tag, manifest hash and contest id', () => {
    const h = manifestHash({ a: 1 });
    expect(decryptionContext(h, 'board')).toEqual(framed(s('anfora/v1/decryption-context'), h, s('board')));
    expect(decryptionContext(h, 'other')).not.toEqual(decryptionContext(h, 'board'));
    expect(() => decryptionContext(h.subarray(1), 'board')).toThrow(RangeError);
    expect(() => decryptionContext(h, '')).toThrow(RangeError);
  });

  it('re-exports the ballot context of src/crypto', () => {
    expect(ballotContext).toBe(cryptoBallotContext);
    const input = { manifestHash: manifestHash({}), publicKey: mul(G, 7n), contestId: 'c', ballotPublicKey: new Uint8Array(32).fill(1) };
    expect(ballotContext(input)).toHaveLength(32);
  });

  it('the contexts of one election are pairwise distinct', () => {
    const h = manifestHash({ electionId: 'e' });
    const all = [ceremonyContext('e', 3, 2), h, decryptionContext(h, 'e')].map((b) => Buffer.from(b).toString('hex'));
    expect(new Set(all).size).toBe(3);
  });
});
