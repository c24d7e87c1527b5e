import { constants, createPrivateKey, generateKeyPairSync, publicEncrypt, sign } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  blindSign, generateIssuanceKey, issuanceKeyFromPkcs8, type IssuanceKeyPair, verifyTokenNode,
} from '../../src/crypto/token-issuer.js';
import {
  type Token, type TokenExpectation, encodeRsaSpki, finalizeToken, preparedTokenMessage, requestToken,
  rsaPublicKeyFromSpki, verifyToken,
} from '../../src/crypto/voting-token.js';
import rfc9474 from './vectors/rfc9474.json' with { type: 'json' };

const int = (hex: string) => BigInt('0x' + hex);
const b64u = (x: bigint) => Buffer.from(x.toString(16).padStart(x.toString(16).length + (x.toString(16).length % 2), '0'), 'hex').toString('base64url');
function beBytes(x: bigint, len: number): Uint8Array {
  return hexToBytes(x.toString(16).padStart(2 * len, '0'));
}
function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  for (b %= m; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, t0, t1] = [m, a % m, 0n, 1n];
  while (r1 !== 0n) { const q = r0 / r1; [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1]; }
  return t0 < 0n ? t0 + m : t0;
}

const E = 'conamusa-2025';
const C = 'plwha';
let plwha: IssuanceKeyPair;
let tb: IssuanceKeyPair;
let good: Token;

beforeAll(async () => {
  plwha = generateIssuanceKey();
  tb = generateIssuanceKey();
  const req = requestToken(plwha.publicKey, E, C);
  const bs = blindSign(plwha, req.blindedMessage);
  if (!bs.ok) throw new Error(bs.reason);
  const t = await finalizeToken(plwha.publicKey, req, bs.blindSignature);
  if (!t.ok) throw new Error(t.reason);
  good = t.value;
});

describe('RFC 9474 §4.3 BlindSign with node:crypto', () => {
  for (const v of rfc9474.vectors) {
    it(`${v.name}: reproduces the RFC's blind_sig from its blinded_msg`, () => {
      const [n, e, d, p, q] = [int(v.n), int(v.e), int(v.d), int(v.p), int(v.q)];
      const privateKey = createPrivateKey({
        key: { kty: 'RSA', n: b64u(n), e: b64u(e), d: b64u(d), p: b64u(p), q: b64u(q),
          dp: b64u(d % (p - 1n)), dq: b64u(d % (q - 1n)), qi: b64u(modInverse(q, p)) },
        format: 'jwk',
      });
      const key = { publicKey: rsaPublicKeyFromSpki(encodeRsaSpki(n, e)), privateKey };
      const r = blindSign(key, hexToBytes(v.blinded_msg));
      expect(r.ok && bytesToHex(r.blindSignature)).toBe(v.blind_sig);
    });
  }
});

describe('issuance keys', () => {
  it('are RSA-3072 with e = 65537, keyId = SHA-256(SPKI), and round-trip through PKCS#8', () => {
    const k = plwha.publicKey;
    expect([k.modulusBits, k.modulusBytes, k.e, k.spki.length]).toEqual([3072, 384, 65537n, 422]);
    expect(k.keyId).toEqual(sha256(k.spki));
    const again = issuanceKeyFromPkcs8(plwha.pkcs8);
    expect(again.publicKey.spki).toEqual(k.spki);
    expect(again.publicKey.keyId).toEqual(k.keyId);
    expect(tb.publicKey.keyId).not.toEqual(k.keyId);
  });
  it('loading refuses other key types and sizes', () => {
    const der = (k: ReturnType<typeof generateKeyPairSync>['privateKey']) => new Uint8Array(k.export({ format: 'der', type: 'pkcs8' }));
    expect(() => issuanceKeyFromPkcs8(der(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey))).toThrow(RangeError);
    expect(() => issuanceKeyFromPkcs8(der(generateKeyPairSync('ed25519').privateKey))).toThrow(RangeError);
    expect(() => issuanceKeyFromPkcs8(randomBytes(100))).toThrow(RangeError);
    expect(() => issuanceKeyFromPkcs8('x' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('blindSign refuses malformed blinded input', () => {
  it('refuses wrong lengths', () => {
    for (const len of [0, 1, 383, 385, 512]) {
      expect(blindSign(plwha, randomBytes(len))).toEqual({ ok: false, reason: 'wrong_length' });
    }
    expect(() => blindSign(plwha, 'ab' as unknown as Uint8Array)).toThrow(TypeError);
  });
  it('refuses integers outside 1..n−1', () => {
    const { n } = plwha.publicKey;
    for (const m of [0n, n, n + 1n, 2n ** 3072n - 1n]) {
      expect(blindSign(plwha, beBytes(m, 384))).toEqual({ ok: false, reason: 'out_of_range' });
    }
  });
  it('signs 1 and n−1, and every answer satisfies s^e = m (mod n)', () => {
    const { n } = plwha.publicKey;
    for (const m of [1n, 2n, n - 1n, int(bytesToHex(randomBytes(384))) % n]) {
      const r = blindSign(plwha, beBytes(m, 384));
      expect(r.ok && modPow(int(bytesToHex(r.blindSignature)), 65537n, n)).toBe(m);
    }
  });
  it('raises "signing failure" when the private key does not match the published key', () => {
    const mismatched = { publicKey: tb.publicKey, privateKey: plwha.privateKey };
    expect(() => blindSign(mismatched, beBytes(2n, 384))).toThrow('signing failure');
  });
  it('returns what the raw RSA operation gives (publicEncrypt inverts it)', () => {
    const m = randomBytes(384);
    m[0] = 0x01;
    const r = blindSign(plwha, m);
    if (!r.ok) throw new Error(r.reason);
    expect(new Uint8Array(publicEncrypt({ key: createPrivateKey({ key: Buffer.from(plwha.pkcs8), format: 'der', type: 'pkcs8' }), padding: constants.RSA_NO_PADDING }, r.blindSignature))).toEqual(m);
  });
});

describe('verifyTokenNode (node:crypto) agrees with verifyToken (WebCrypto)', () => {
  const exp: TokenExpectation = { electionId: E, contestId: C };
  function pss(msg: Uint8Array, saltLength: number, hash = 'sha384', key = plwha): Uint8Array {
    const privateKey = createPrivateKey({ key: Buffer.from(key.pkcs8), format: 'der', type: 'pkcs8' });
    return new Uint8Array(sign(hash, msg, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }));
  }
  async function both(token: Token, expected: TokenExpectation = exp, key = plwha) {
    const node = verifyTokenNode(key.publicKey, token, expected);
    expect(node).not.toBeInstanceOf(Promise);
    expect(await verifyToken(key.publicKey, token, expected)).toEqual(node);
    return node;
  }
  const flip = (b: Uint8Array, i: number) => { const c = b.slice(); c[i]! ^= 1; return c; };

  it('accepts a good token, and the same signature made without blinding', async () => {
    expect(await both(good)).toEqual({ ok: true });
    expect(await both(good, { ...exp, ballotPublicKey: good.ballotPublicKey })).toEqual({ ok: true });
    expect(await both({ ...good, signature: pss(preparedTokenMessage(good), 48) })).toEqual({ ok: true });
  });
  it('refuses a token under another contest\'s key', async () => {
    expect(await both(good, exp, tb)).toEqual({ ok: false, reason: 'bad_signature' });
  });
  it('refuses changed ballot key, election id, contest id, prefix, signature', async () => {
    const bad = { ok: false, reason: 'bad_signature' };
    expect(await both({ ...good, ballotPublicKey: flip(good.ballotPublicKey, 0) })).toEqual(bad);
    expect(await both({ ...good, electionId: 'x' }, { ...exp, electionId: 'x' })).toEqual(bad);
    expect(await both({ ...good, contestId: 'tb' }, { ...exp, contestId: 'tb' })).toEqual(bad);
    expect(await both({ ...good, messagePrefix: flip(good.messagePrefix, 31) })).toEqual(bad);
    for (const i of [0, 191, 383]) expect(await both({ ...good, signature: flip(good.signature, i) })).toEqual(bad);
    expect(await both({ ...good, signature: new Uint8Array(384) })).toEqual(bad);
  });
  it('refuses PSS signatures with another salt length or hash, and PKCS#1 v1.5 signatures', async () => {
    const m = preparedTokenMessage(good);
    const bad = { ok: false, reason: 'bad_signature' };
    expect(await both({ ...good, signature: pss(m, 32) })).toEqual(bad);
    expect(await both({ ...good, signature: pss(m, 0) })).toEqual(bad);
    expect(await both({ ...good, signature: pss(m, 32, 'sha256') })).toEqual(bad);
    const privateKey = createPrivateKey({ key: Buffer.from(plwha.pkcs8), format: 'der', type: 'pkcs8' });
    expect(await both({ ...good, signature: new Uint8Array(sign('sha384', m, privateKey)) })).toEqual(bad);
  });
  it('names claims that do not match what the verifier expects', async () => {
    expect(await both(good, { ...exp, electionId: 'other' })).toEqual({ ok: false, reason: 'election_mismatch' });
    expect(await both(good, { ...exp, contestId: 'tb' })).toEqual({ ok: false, reason: 'contest_mismatch' });
    expect(await both(good, { ...exp, ballotPublicKey: randomBytes(32) })).toEqual({ ok: false, reason: 'ballot_key_mismatch' });
  });
  it('refuses malformed tokens without throwing', async () => {
    const malformed = { ok: false, reason: 'malformed_token' };
    const n = beBytes(plwha.publicKey.n, 384);
    // A full-length signature ≥ n does not verify under this key: bad, not malformed.
    expect(await both({ ...good, signature: n })).toEqual({ ok: false, reason: 'bad_signature' });
    for (const t of [
      { ...good, signature: good.signature.subarray(1) },
      { ...good, signature: concatBytes(Uint8Array.of(0), good.signature) }, { ...good, ballotPublicKey: new Uint8Array(31) },
      { ...good, messagePrefix: new Uint8Array(0) }, { ...good, electionId: '' }, { ...good, signature: 'x' }, null,
    ]) {
      expect(await both(t as unknown as Token)).toEqual(malformed);
    }
  });
});
