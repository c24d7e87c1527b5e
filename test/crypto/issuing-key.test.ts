/**
 * The browser's issuing key (src/crypto/issuing-key.ts) against node:crypto's
 * (token-issuer.ts): the RFC 9474 Appendix A vector through both, the same blind
 * signatures on the test issuers' keys, PSS proofs node verifies, PKCS#8 bytes identical
 * to node's export, keys WebCrypto generates that node loads, and refusals of tampered
 * keys, tampered messages and out-of-range input.
 */
import { createPrivateKey } from 'node:crypto';
import { bytesToHex, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { describe, expect, it, vi } from 'vitest';
import { exportIssuerKeyfile, importIssuerKeyfile } from '../../src/crypto/issuer-keyfile.js';
import {
  blindSignBigint, encodeRsaPkcs8, generateIssuingKey, issuingKeyFromPkcs8, rsaPrivateKeyFromPkcs8, signRsaPssBigint,
} from '../../src/crypto/issuing-key.js';
import { blindSign, checkBlindSignatureNode, issuanceKeyFromPkcs8, verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { testIssuerKeys2 } from '../helpers/voting.js';
import rfc9474 from './vectors/rfc9474.json' with { type: 'json' };

vi.setConfig({ testTimeout: 120_000 });
const int = (hex: string) => BigInt('0x' + hex);
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, t0, t1] = [m, a % m, 0n, 1n];
  while (r1 !== 0n) { const q = r0 / r1; [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1]; }
  return t0 < 0n ? t0 + m : t0;
}
function beBytes(x: bigint, len: number): Uint8Array {
  return hexToBytes(x.toString(16).padStart(2 * len, '0'));
}
function vectorPkcs8(v: (typeof rfc9474.vectors)[number]): Uint8Array {
  const [n, e, d, p, q] = [int(v.n), int(v.e), int(v.d), int(v.p), int(v.q)];
  return encodeRsaPkcs8({ n, e, d, p, q, dp: d % (p - 1n), dq: d % (q - 1n), qInv: modInverse(q, p) });
}
const nodeExport = (pkcs8: Uint8Array) => new Uint8Array(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }).export({ format: 'der', type: 'pkcs8' }));

describe('RFC 9474 §4.3 BlindSign on bigint', () => {
  for (const v of rfc9474.vectors) {
    it(`${v.name}: reproduces the RFC's blind_sig, as node:crypto does from the same PKCS#8`, () => {
      const pkcs8 = vectorPkcs8(v);
      expect(nodeExport(pkcs8)).toEqual(pkcs8);
      const k = rsaPrivateKeyFromPkcs8(pkcs8);
      const r = blindSignBigint(k, hexToBytes(v.blinded_msg));
      expect(r.ok && bytesToHex(r.blindSignature)).toBe(v.blind_sig);
      const nodeKey = { publicKey: k.publicKey, privateKey: createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }) };
      const n = blindSign(nodeKey, hexToBytes(v.blinded_msg));
      expect(n.ok && bytesToHex(n.blindSignature)).toBe(v.blind_sig);
    });
  }
});

describe('the browser issuing key agrees with node:crypto', () => {
  it('loads the test issuers\' keys and gives the same blind signatures; each passes the relay\'s check', () => {
    for (const nodeKey of testIssuerKeys2()) {
      const web = issuingKeyFromPkcs8(nodeKey.pkcs8);
      expect(web.publicKey.spki).toEqual(nodeKey.publicKey.spki);
      expect(web.publicKey.keyId).toEqual(nodeKey.publicKey.keyId);
      for (let i = 0; i < 3; i++) {
        const m = beBytes(int(bytesToHex(randomBytes(384))) % nodeKey.publicKey.n, 384);
        const a = web.blindSign(m);
        const b = nodeKey.blindSign(m);
        expect(a.ok && b.ok && bytesToHex(a.blindSignature) === bytesToHex(b.blindSignature)).toBe(true);
        if (a.ok) expect(checkBlindSignatureNode(nodeKey.publicKey, m, a.blindSignature)).toBe(true);
      }
    }
  });

  it('signs RSASSA-PSS that node verifies; a changed message or signature does not verify', () => {
    const web = issuingKeyFromPkcs8(testIssuerKeys2()[0]!.pkcs8);
    const msg = new TextEncoder().encode('anfora issuer key possession');
    const sig = web.signPss(msg);
    expect(verifyRsaPssNode(web.publicKey, msg, sig)).toBe(true);
    const other = msg.slice();
    other[0]! ^= 1;
    expect(verifyRsaPssNode(web.publicKey, other, sig)).toBe(false);
    const bad = sig.slice();
    bad[100]! ^= 1;
    expect(verifyRsaPssNode(web.publicKey, msg, bad)).toBe(false);
    expect(verifyRsaPssNode(testIssuerKeys2()[1]!.publicKey, msg, sig)).toBe(false);
  });

  it('a key WebCrypto generates is the PKCS#8 node exports, and node loads it', async () => {
    const k = await generateIssuingKey();
    expect(nodeExport(k.pkcs8)).toEqual(k.pkcs8);
    const nodeKey = issuanceKeyFromPkcs8(k.pkcs8);
    expect(nodeKey.publicKey.spki).toEqual(k.publicKey.spki);
    const m = beBytes(12345678901234567890n, 384);
    const a = k.blindSign(m);
    const b = nodeKey.blindSign(m);
    expect(a.ok && b.ok && bytesToHex(a.blindSignature) === bytesToHex(b.blindSignature)).toBe(true);
  });

  it('an issuer key file sealed with node\'s keys opens with the browser loader, and the other way', async () => {
    const cheap = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };
    const [a] = testIssuerKeys2();
    const text = await exportIssuerKeyfile({ electionId: 'e-1', memberId: 'm-1', keys: [{ contestId: 'c-1', key: a! }] }, 'frase de paso larga', cheap);
    const web = await importIssuerKeyfile(text, 'frase de paso larga', issuingKeyFromPkcs8);
    expect(web.ok && web.secrets.keys[0]!.key.publicKey.spki).toEqual(a!.publicKey.spki);
    if (!web.ok) return;
    const back = await exportIssuerKeyfile(web.secrets, 'otra frase de paso', cheap);
    const node = await importIssuerKeyfile(back, 'otra frase de paso', issuanceKeyFromPkcs8);
    expect(node.ok && node.secrets.keys[0]!.key.pkcs8).toEqual(a!.pkcs8);
  });
});

describe('refusals', () => {
  const [a, b] = testIssuerKeys2();
  it('refuses blinded messages of the wrong length or outside 1..n−1', () => {
    const web = issuingKeyFromPkcs8(a!.pkcs8);
    const { n } = web.publicKey;
    for (const len of [0, 383, 385]) expect(web.blindSign(randomBytes(len))).toEqual({ ok: false, reason: 'wrong_length' });
    for (const m of [0n, n, 2n ** 3072n - 1n]) expect(web.blindSign(beBytes(m, 384))).toEqual({ ok: false, reason: 'out_of_range' });
  });

  it('refuses a PKCS#8 with a changed byte (inconsistent or not canonical), another size, or garbage', () => {
    const der = a!.pkcs8;
    // Bytes inside n, d, p and qInv (the RSAPrivateKey's integers follow its header).
    for (const at of [40, 500, 1000, der.length - 10]) {
      const t = der.slice();
      t[at]! ^= 0x01;
      expect(() => issuingKeyFromPkcs8(t), `byte ${at}`).toThrow(RangeError);
    }
    const v = rfc9474.vectors[0]!;
    expect(() => rsaPrivateKeyFromPkcs8(vectorPkcs8(v))).not.toThrow();
    expect(() => issuingKeyFromPkcs8(vectorPkcs8(v))).toThrow(RangeError); // 4096 bits
    expect(() => issuingKeyFromPkcs8(randomBytes(200))).toThrow(RangeError);
  });

  it('raises "signing failure" when the private key does not match the published key', () => {
    const k = rsaPrivateKeyFromPkcs8(a!.pkcs8);
    const mismatched = { ...k, publicKey: b!.publicKey };
    expect(() => blindSignBigint(mismatched, beBytes(2n, 384))).toThrow('signing failure');
    expect(() => signRsaPssBigint(mismatched, Uint8Array.of(1, 2, 3))).toThrow('signing failure');
  });
});
