import { verify as nodeVerify, createHash, createPublicKey } from 'node:crypto';
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ballotSignatureMessage, generateBallotKeys, isStrictSignatureEncoding, signBallot, verifyBallotSignature, verifyStrictSignature,
  verifyStrictSignatureParts,
} from '../../src/crypto/ballot-signature.js';
import { ed25519SignerNode, verifyBallotSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { sodiumReady, verifyBallotSignatureSodium, verifyStrictSignatureSodium } from '../../src/crypto/sodium-ballots.js';
import { signReceipt, verifyReceipt } from '../../src/record/tracking.js';
import { TAGS } from '../../src/crypto/transcript.js';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;

function le(x: bigint, len = 32): Uint8Array {
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) { b[i] = Number(x & 0xffn); x >>= 8n; }
  return b;
}
function leInt(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]!);
  return x;
}
function fixedRng(seed: number) {
  let c = seed;
  return (n: number) => sha512(Uint8Array.of(c++ & 0xff, 7)).slice(0, n);
}
beforeAll(() => sodiumReady);

/** The three verifiers (noble, node:crypto, libsodium), which must always agree; returns the common verdict. */
function verdict(pk: Uint8Array, digest: Uint8Array, sig: Uint8Array): boolean {
  const a = verifyBallotSignature(pk, digest, sig);
  const b = verifyBallotSignatureNode(pk, digest, sig);
  expect(b, 'node:crypto and noble verdicts differ').toBe(a);
  expect(verifyBallotSignatureSodium(pk, digest, sig), 'libsodium and noble verdicts differ').toBe(a);
  return a;
}
/** OpenSSL's verdict alone, without our strict encoding checks. */
function rawOpenSsl(pk: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  const der = concatBytes(hexToBytes('302a300506032b6570032100'), pk);
  try {
    return nodeVerify(null, msg, createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }), sig);
  } catch { return false; }
}

const keys = generateBallotKeys();
const digest = randomBytes(32);
const sig = signBallot(keys.secretKey, digest);

describe('ballot signature message (domain separation)', () => {
  it('is the transcript framing of TAGS.ballotSignature and the 32-byte digest', () => {
    const m = ballotSignatureMessage(digest);
    expect(m.length).toBe(66);
    expect(bytesToHex(m.subarray(0, 4))).toBe('0000001a');
    expect(new TextDecoder().decode(m.subarray(4, 30))).toBe(TAGS.ballotSignature);
    expect(bytesToHex(m.subarray(30, 34))).toBe('00000020');
    expect(m.subarray(34)).toEqual(digest);
  });
  it('a plain Ed25519 signature of the bare digest does not verify as a ballot signature', () => {
    expect(verdict(keys.publicKey, digest, ed25519.sign(digest, keys.secretKey))).toBe(false);
  });
  it('refuses digests that are not 32 bytes (caller error)', () => {
    expect(() => verifyBallotSignature(keys.publicKey, new Uint8Array(31), sig)).toThrow(RangeError);
    expect(() => verifyBallotSignatureNode(keys.publicKey, new Uint8Array(33), sig)).toThrow(RangeError);
    expect(() => verifyBallotSignatureSodium(keys.publicKey, new Uint8Array(33), sig)).toThrow(RangeError);
    expect(() => signBallot(keys.secretKey, 'x' as unknown as Uint8Array)).toThrow(TypeError);
  });
  it('is deterministic for a fixed seed (known answer)', () => {
    const k = generateBallotKeys(fixedRng(1));
    const s = signBallot(k.secretKey, new Uint8Array(32).fill(0xab));
    expect(bytesToHex(k.publicKey)).toBe(bytesToHex(ed25519.getPublicKey(k.secretKey)));
    expect(bytesToHex(s)).toBe(
      'eb321ab0185ea1e5e58a091ea99d3c8f09f7e20c37d07207fa9b96bd77c7d4c3' +
      '2048a067136628b730fc180df73724c970f22e2aa43d53c8c6c9b7c09a093d05',
    );
  });
});

describe('ballot signatures verify (noble, node:crypto and libsodium agree)', () => {
  it('an honest signature verifies with both verifiers', () => {
    expect(verdict(keys.publicKey, digest, sig)).toBe(true);
    for (let i = 0; i < 20; i++) {
      const k = generateBallotKeys();
      const d = randomBytes(32);
      expect(verdict(k.publicKey, d, signBallot(k.secretKey, d))).toBe(true);
    }
  });
  it('node:crypto\'s verifier keeps the last key imported, by its bytes: a key changed in place or another key is imported anew', () => {
    const other = generateBallotKeys();
    const otherSig = signBallot(other.secretKey, digest);
    for (const [pk, s, ok] of [[keys.publicKey, sig, true], [keys.publicKey, otherSig, false], [other.publicKey, otherSig, true], [keys.publicKey, sig, true]] as const) {
      expect(verifyBallotSignatureNode(pk, digest, s)).toBe(ok);
    }
    const pk = keys.publicKey.slice();
    expect(verifyBallotSignatureNode(pk, digest, sig)).toBe(true);
    pk.set(other.publicKey);
    expect(verifyBallotSignatureNode(pk, digest, sig)).toBe(false);
    expect(verifyBallotSignatureNode(pk, digest, otherSig)).toBe(true);
  });
  it('a ballot re-signed with another key fails under the token key', () => {
    const other = generateBallotKeys();
    expect(verdict(keys.publicKey, digest, signBallot(other.secretKey, digest))).toBe(false);
  });
  it('a changed digest fails', () => {
    const d = digest.slice();
    d[0]! ^= 1;
    expect(verdict(keys.publicKey, d, sig)).toBe(false);
  });
  it('a tampered signature fails (every byte of R and S)', () => {
    for (let i = 0; i < 64; i++) {
      const s = sig.slice();
      s[i]! ^= 1 << (i % 8);
      expect(verdict(keys.publicKey, digest, s)).toBe(false);
    }
  });
  it('wrong lengths and non-bytes fail without throwing', () => {
    expect(verdict(keys.publicKey.subarray(0, 31), digest, sig)).toBe(false);
    expect(verdict(keys.publicKey, digest, sig.subarray(0, 63))).toBe(false);
    expect(verdict(keys.publicKey, digest, concatBytes(sig, Uint8Array.of(0)))).toBe(false);
    expect(verdict('00' as unknown as Uint8Array, digest, sig)).toBe(false);
  });
  it('random mutations of key or signature never split the verdicts', () => {
    fc.assert(fc.property(
      fc.boolean(), fc.nat(63), fc.integer({ min: 1, max: 255 }),
      (inKey, pos, flip) => {
        const pk = keys.publicKey.slice();
        const s = sig.slice();
        if (inKey) pk[pos % 32]! ^= flip; else s[pos]! ^= flip;
        expect(verdict(pk, digest, s)).toBe(false);
      },
    ), { numRuns: 300 });
  });
});

describe('strict encodings (what a dishonest voter could craft)', () => {
  it('refuses S + ℓ (non-canonical S), which the cofactored equation would otherwise accept', () => {
    const S = leInt(sig.subarray(32));
    const bad = concatBytes(sig.subarray(0, 32), le(S + L));
    expect(isStrictSignatureEncoding(keys.publicKey, bad)).toBe(false);
    expect(verdict(keys.publicKey, digest, bad)).toBe(false);
  });
  it('refuses every small-order public key, although a forgery under it satisfies OpenSSL', () => {
    const msg = ballotSignatureMessage(digest);
    for (const hex of ED25519_TORSION_SUBGROUP) {
      const pk = hexToBytes(hex);
      expect(Point.fromBytes(pk, false).isSmallOrder()).toBe(true);
      // Forgery for the identity key: R = [S]B for any S.
      const S = 12345n;
      const forged = concatBytes(Point.BASE.multiply(S).toBytes(), le(S));
      if (hex.startsWith('01')) expect(rawOpenSsl(pk, msg, forged)).toBe(true);
      expect(verdict(pk, digest, forged)).toBe(false);
    }
  });
  it('refuses the non-canonical encodings of x = 0 (sign bit set) and of y ≥ p', () => {
    const S = 777n;
    const forged = concatBytes(Point.BASE.multiply(S).toBytes(), le(S));
    const identityNeg = hexToBytes('01' + '00'.repeat(30) + '80');
    expect(rawOpenSsl(identityNeg, ballotSignatureMessage(digest), forged)).toBe(true);
    expect(verdict(identityNeg, digest, forged)).toBe(false);
    // y + p for the smallest y ≥ 2 that is on the curve (and not of small order).
    let y = 2n;
    for (; ; y++) { try { Point.fromBytes(le(y), false); break; } catch { /* next */ } }
    const nonCanonical = le(y + Point.Fp.ORDER);
    expect(isStrictSignatureEncoding(nonCanonical, sig)).toBe(false);
    expect(verdict(nonCanonical, digest, sig)).toBe(false);
  });
  it('refuses R with a torsion component: noble\'s cofactored verify accepts it, both our verifiers do not', () => {
    const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(keys.secretKey);
    const T = Point.fromBytes(hexToBytes(ED25519_TORSION_SUBGROUP[3]!), false); // order 8
    const r = 98765432123456789n;
    const R = Point.BASE.multiply(r).add(T).toBytes();
    const msg = ballotSignatureMessage(digest);
    const k = Point.Fn.create(leInt(sha512(concatBytes(R, A, msg))));
    const forged = concatBytes(R, le(Point.Fn.create(r + k * a)));
    expect(ed25519.verify(forged, msg, A, { zip215: false })).toBe(true);
    expect(rawOpenSsl(A, msg, forged)).toBe(false);
    expect(verdict(A, digest, forged)).toBe(false);
  });
  it('refuses a small-order R (R = identity, S = k·a), which OpenSSL accepts and libsodium refuses', () => {
    const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(keys.secretKey);
    const msg = ballotSignatureMessage(digest);
    for (const hex of ED25519_TORSION_SUBGROUP) {
      const R = hexToBytes(hex);
      const k = Point.Fn.create(leInt(sha512(concatBytes(R, A, msg))));
      // [S]B − [k]A = −[k·a]B + [k·a]B = identity: equals R only for the identity encoding.
      const forged = concatBytes(R, le(Point.Fn.create(k * a)));
      if (hex.startsWith('01')) expect(rawOpenSsl(A, msg, forged)).toBe(true);
      expect(isStrictSignatureEncoding(A, forged)).toBe(false);
      expect(verdict(A, digest, forged)).toBe(false);
    }
  });
  it('mixed-order public keys get the same verdict from both verifiers', () => {
    const { scalar: a, point } = ed25519.utils.getExtendedPublicKey(keys.secretKey);
    const T = Point.fromBytes(hexToBytes(ED25519_TORSION_SUBGROUP[1]!), false);
    const A2 = point.add(T).toBytes();
    let cofactoredOnly = 0;
    for (let i = 0; i < 16; i++) {
      const d = randomBytes(32);
      const msg = ballotSignatureMessage(d);
      const r = Point.Fn.create(leInt(randomBytes(64)));
      const R = Point.BASE.multiply(r).toBytes();
      const k = Point.Fn.create(leInt(sha512(concatBytes(R, A2, msg))));
      const s = concatBytes(R, le(Point.Fn.create(r + k * a)));
      const ours = verdict(A2, d, s);
      if (ed25519.verify(s, msg, A2, { zip215: false }) && !ours) cofactoredOnly++;
    }
    expect(cofactoredOnly).toBeGreaterThan(0);
  });
});

/** noble's and libsodium's strict check over any message (the verifier's statements), which must agree; the common verdict. */
/** The message cut at a third and two thirds (empty parts included when it is short). */
function cut(msg: Uint8Array): Uint8Array[] {
  const a = Math.floor(msg.length / 3);
  const b = Math.floor((2 * msg.length) / 3);
  return [msg.subarray(0, a), msg.subarray(a, b), msg.subarray(b)];
}
const nodeSha512 = () => {
  const h = createHash('sha512');
  return { update: (b: Uint8Array) => h.update(b), digest: () => new Uint8Array(h.digest()) };
};

function strictVerdict(pk: Uint8Array, msg: Uint8Array, s: Uint8Array): boolean {
  const a = verifyStrictSignature(pk, msg, s);
  expect(verifyStrictSignatureSodium(pk, msg, s), 'libsodium and noble verdicts differ').toBe(a);
  expect(verifyStrictSignatureParts(pk, cut(msg), s), 'the message in parts gets another verdict').toBe(a);
  expect(verifyStrictSignatureParts(pk, cut(msg), s, nodeSha512), 'node:crypto\'s SHA-512 gives another verdict').toBe(a);
  return a;
}

describe('the strict rule over any message (the server report\'s signature)', () => {
  it('accepts an honest signature of the message and nothing else', () => {
    const msg = new TextEncoder().encode('{"format":"anfora-server-report"}');
    const s = ed25519.sign(msg, keys.secretKey);
    expect(strictVerdict(keys.publicKey, msg, s)).toBe(true);
    expect(strictVerdict(keys.publicKey, msg.subarray(1), s)).toBe(false);
    expect(strictVerdict(generateBallotKeys().publicKey, msg, s)).toBe(false);
    expect(strictVerdict(keys.publicKey, msg, s.subarray(1))).toBe(false);
    // A ballot signature is not a signature of the bare digest, and the other way round.
    expect(strictVerdict(keys.publicKey, digest, sig)).toBe(false);
    expect(strictVerdict(keys.publicKey, ballotSignatureMessage(digest), sig)).toBe(true);
    expect(verifyStrictSignatureSodium(keys.publicKey, 'msg' as unknown as Uint8Array, s)).toBe(false);
  });
  it('in parts: the parts of a message, in their order, and nothing else', () => {
    const msg = new TextEncoder().encode('{"log":{"entries":[1,2,3]},"memberId":"m-1"}');
    const s = ed25519.sign(msg, keys.secretKey);
    const [p0, p1, p2] = cut(msg);
    expect(verifyStrictSignatureParts(keys.publicKey, [p0!, p1!, p2!], s)).toBe(true);
    expect(verifyStrictSignatureParts(keys.publicKey, [msg], s)).toBe(true);
    expect(verifyStrictSignatureParts(keys.publicKey, [p0!, p2!, p1!], s)).toBe(false);
    expect(verifyStrictSignatureParts(keys.publicKey, [p0!, p1!], s)).toBe(false);
    expect(verifyStrictSignatureParts(keys.publicKey, [p0!, p1!, p2!, new Uint8Array(1)], s)).toBe(false);
    expect(verifyStrictSignatureParts(keys.publicKey, [p0!, 'x' as unknown as Uint8Array, p2!], s)).toBe(false);
    expect(verifyStrictSignatureParts(keys.publicKey, msg as unknown as Uint8Array[], s)).toBe(false);
    for (let i = 0; i < 64; i += 7) {
      const bad = Uint8Array.from(s);
      bad[i]! ^= 1;
      expect(verifyStrictSignatureParts(keys.publicKey, [p0!, p1!, p2!], bad, nodeSha512)).toBe(false);
    }
  });
  it('libsodium agrees with noble on S ≥ ℓ, a non-canonical key and a small-order key over any message', () => {
    const msg = new TextEncoder().encode('decision');
    const s = ed25519.sign(msg, keys.secretKey);
    const bigS = concatBytes(s.subarray(0, 32), le(leInt(s.subarray(32)) + L));
    expect(strictVerdict(keys.publicKey, msg, bigS)).toBe(false);
    const nonCanonical = le((1n << 255n) - 19n + 1n); // y = p + 1 ≡ 1: not canonical
    expect(strictVerdict(nonCanonical, msg, s)).toBe(false);
    expect(strictVerdict(hexToBytes(ED25519_TORSION_SUBGROUP[1]!), msg, s)).toBe(false);
  });
  it('refuses a small-order R over any message, as for ballots', () => {
    const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(keys.secretKey);
    const msg = new TextEncoder().encode('report');
    const R = hexToBytes(ED25519_TORSION_SUBGROUP[0]!);
    const k = Point.Fn.create(leInt(sha512(concatBytes(R, A, msg))));
    const forged = concatBytes(R, le(Point.Fn.create(k * a)));
    expect(rawOpenSsl(A, msg, forged)).toBe(true);
    expect(strictVerdict(A, msg, forged)).toBe(false);
  });
});

describe('the node:crypto signer (receipts on the server)', () => {
  it('signs exactly as noble does (deterministic Ed25519), for any seed and message', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), (seed, message) => {
      expect(bytesToHex(ed25519SignerNode(seed)(message))).toBe(bytesToHex(ed25519.sign(message, seed)));
    }), { numRuns: 50 });
  });

  it('a receipt signed with it is the one noble signs, and verifies; another key\'s signer gives one that does not', () => {
    const seed = randomBytes(32);
    const body = { electionId: 'e1', contestId: 'c1', trackingCode: 'ab'.repeat(32), position: 7, boardHead: 'cd'.repeat(32), receivedAt: '2026-12-06T07:00:00.000Z' };
    const receipt = signReceipt(seed, body, ed25519SignerNode(seed));
    expect(receipt).toEqual(signReceipt(seed, body));
    const publicKey = bytesToHex(ed25519.getPublicKey(seed));
    expect(verifyReceipt(publicKey, receipt)).toBe(true);
    expect(verifyReceipt(publicKey, signReceipt(seed, body, ed25519SignerNode(randomBytes(32))))).toBe(false);
    expect(() => ed25519SignerNode(new Uint8Array(31))).toThrow(RangeError);
  });
});
