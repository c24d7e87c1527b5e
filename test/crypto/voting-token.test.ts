import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/crypto/group.js';
import { blindSign, generateIssuanceKey, issuanceKeyFromPkcs8, type IssuanceKeyPair } from '../../src/crypto/token-issuer.js';
import { TAGS, Transcript } from '../../src/crypto/transcript.js';
import {
  type Token, blindMessage, encodeRsaSpki, finalizeSignature, finalizeToken, issuanceKeyFromJSON, issuanceKeyFromSpki,
  issuanceKeyToJSON, prepareMessage, preparedTokenMessage, requestToken, rsaPublicKeyFromSpki, tokenFromJSON,
  tokenMessage, tokenToJSON, verifyRsaPss, verifyToken,
} from '../../src/crypto/voting-token.js';
import rfc9474 from './vectors/rfc9474.json' with { type: 'json' };
import kat from './vectors/voting-token.json' with { type: 'json' };

const int = (hex: string) => BigInt('0x' + hex);
function beBytes(x: bigint, len: number): Uint8Array {
  return hexToBytes(x.toString(16).padStart(2 * len, '0'));
}
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, t0, t1] = [m, a % m, 0n, 1n];
  while (r1 !== 0n) { const q = r0 / r1; [r0, r1, t0, t1] = [r1, r0 - q * r1, t1, t0 - q * t1]; }
  return t0 < 0n ? t0 + m : t0;
}
/** An rng that returns the given byte strings in order. */
function scripted(...outputs: Uint8Array[]) {
  return (n: number) => {
    const o = outputs.shift();
    if (!o || o.length !== n) throw new Error(`unexpected rng(${n})`);
    return o;
  };
}
/** See vectors/voting-token.json "rng". */
function seededRng(label: string) {
  let counter = 0;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let off = 0; off < n; off += 32) {
      out.set(sha256(utf8ToBytes(`${label}/${counter++}`)).subarray(0, Math.min(32, n - off)), off);
    }
    return out;
  };
}

const E = 'conamusa-2025';
const C = 'plwha';
let plwha: IssuanceKeyPair; // this contest's key
let tb: IssuanceKeyPair; // another contest's key

async function issue(key: IssuanceKeyPair, electionId = E, contestId = C) {
  const req = requestToken(key.publicKey, electionId, contestId);
  const bs = blindSign(key, req.blindedMessage);
  if (!bs.ok) throw new Error(bs.reason);
  const t = await finalizeToken(key.publicKey, req, bs.blindSignature);
  if (!t.ok) throw new Error(t.reason);
  return { req, token: t.value };
}

beforeAll(() => {
  plwha = generateIssuanceKey();
  tb = generateIssuanceKey();
});

describe('RFC 9474 Appendix A vector through our client steps (Prepare, Blind, Finalize)', () => {
  for (const v of rfc9474.vectors) {
    it(`${v.name}: reproduces prepared_msg, blinded_msg, inv and sig`, async () => {
      const n = int(v.n);
      const pk = rsaPublicKeyFromSpki(encodeRsaSpki(n, int(v.e)));
      expect(pk.modulusBits).toBe(4096);
      const { preparedMessage } = prepareMessage(hexToBytes(v.msg), scripted(hexToBytes(v.msg_prefix)));
      expect(bytesToHex(preparedMessage)).toBe(v.prepared_msg);
      const r = modInverse(int(v.inv), n);
      const { blindedMessage, inverse } = blindMessage(pk, preparedMessage, scripted(hexToBytes(v.salt), beBytes(r, 512)));
      expect(bytesToHex(blindedMessage)).toBe(v.blinded_msg);
      expect(bytesToHex(inverse)).toBe(v.inv);
      const fin = await finalizeSignature(pk, preparedMessage, hexToBytes(v.blind_sig), inverse);
      expect(fin.ok && bytesToHex(fin.value)).toBe(v.sig);
      expect(await verifyRsaPss(pk, preparedMessage, hexToBytes(v.sig))).toBe(true);
      expect(await verifyRsaPss(pk, hexToBytes(v.msg), hexToBytes(v.sig))).toBe(false);
    });
  }
});

describe('token message encoding', () => {
  const pk = new Uint8Array(32).fill(7);
  it('is the transcript framing of tag, election id, contest id, ballot key', () => {
    const m = tokenMessage(E, C, pk);
    expect(bytesToHex(m)).toBe(
      '00000016' + bytesToHex(utf8ToBytes(TAGS.token)) + '0000000d' + bytesToHex(utf8ToBytes(E))
      + '00000005' + bytesToHex(utf8ToBytes(C)) + '00000020' + '07'.repeat(32),
    );
    expect(sha256(m)).toEqual(new Transcript(TAGS.token).string(E).string(C).bytes(pk).digest());
  });
  it('is unambiguous: moving bytes between the ids changes it', () => {
    expect(tokenMessage('ab', 'c', pk)).not.toEqual(tokenMessage('a', 'bc', pk));
  });
  it('refuses empty, over-long and ill-formed ids and wrong key lengths', () => {
    expect(() => tokenMessage('', C, pk)).toThrow(RangeError);
    expect(() => tokenMessage(E, 'x'.repeat(257), pk)).toThrow(RangeError);
    expect(tokenMessage(E, 'x'.repeat(256), pk).length).toBe(4 + 22 + 4 + 13 + 4 + 256 + 4 + 32);
    expect(() => tokenMessage('\ud800', C, pk)).toThrow(RangeError); // would encode as U+FFFD
    expect(() => tokenMessage(E, C, pk.subarray(1))).toThrow(RangeError);
  });
});

describe('anonymous voting tokens (issue, unblind, verify)', () => {
  it('a token verifies after unblinding (WebCrypto)', async () => {
    const { req, token } = await issue(plwha);
    expect(token.ballotPublicKey).toEqual(req.ballotKeys.publicKey);
    expect(await verifyToken(plwha.publicKey, token, { electionId: E, contestId: C, ballotPublicKey: req.ballotKeys.publicKey }))
      .toEqual({ ok: true });
  });
  it('the same token message blinded twice gives unrelated blinded messages', () => {
    const prepared = concatBytes(randomBytes(32), tokenMessage(E, C, randomBytes(32)));
    const a = blindMessage(plwha.publicKey, prepared);
    const b = blindMessage(plwha.publicKey, prepared);
    expect(a.blindedMessage).not.toEqual(b.blindedMessage);
    // About half of the 3072 bits differ, as for independent random values.
    let diff = 0;
    for (let i = 0; i < 384; i++) for (let x = a.blindedMessage[i]! ^ b.blindedMessage[i]!; x; x &= x - 1) diff++;
    expect(diff).toBeGreaterThan(1300);
    expect(diff).toBeLessThan(1772);
  });
  it('both blindings of one message unblind to valid signatures of it', async () => {
    const prepared = concatBytes(randomBytes(32), tokenMessage(E, C, randomBytes(32)));
    for (let i = 0; i < 2; i++) {
      const { blindedMessage, inverse } = blindMessage(plwha.publicKey, prepared);
      const bs = blindSign(plwha, blindedMessage);
      expect(bs.ok && (await finalizeSignature(plwha.publicKey, prepared, bs.blindSignature, inverse)).ok).toBe(true);
    }
  });
  it('a token signed under another contest\'s key fails', async () => {
    const { token } = await issue(tb);
    expect(await verifyToken(plwha.publicKey, token, { electionId: E, contestId: C })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyToken(tb.publicKey, token, { electionId: E, contestId: C })).toEqual({ ok: true });
  });
  it('a changed ballot key, election id, contest id or prefix fails the signature', async () => {
    const { token } = await issue(plwha);
    const variants: Array<[Token, string, string]> = [
      [{ ...token, ballotPublicKey: randomBytes(32) }, E, C],
      [{ ...token, electionId: 'other-election' }, 'other-election', C],
      [{ ...token, contestId: 'tb' }, E, 'tb'],
      [{ ...token, messagePrefix: randomBytes(32) }, E, C],
    ];
    for (const [t, electionId, contestId] of variants) {
      expect(await verifyToken(plwha.publicKey, t, { electionId, contestId })).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });
  it('a token for another election, contest or ballot key than expected fails by name', async () => {
    const { token } = await issue(plwha);
    const v = (x: object) => verifyToken(plwha.publicKey, token, { electionId: E, contestId: C, ...x });
    expect(await v({ electionId: 'other' })).toEqual({ ok: false, reason: 'election_mismatch' });
    expect(await v({ contestId: 'tb' })).toEqual({ ok: false, reason: 'contest_mismatch' });
    expect(await v({ ballotPublicKey: randomBytes(32) })).toEqual({ ok: false, reason: 'ballot_key_mismatch' });
  });
  it('a tampered or malformed signature fails without throwing', async () => {
    const { token } = await issue(plwha);
    const exp = { electionId: E, contestId: C };
    for (const i of [0, 100, 383]) {
      const s = token.signature.slice();
      s[i]! ^= 0x10;
      expect(await verifyToken(plwha.publicKey, { ...token, signature: s }, exp)).toEqual({ ok: false, reason: 'bad_signature' });
    }
    const n = beBytes(plwha.publicKey.n, 384);
    expect(await verifyToken(plwha.publicKey, { ...token, signature: n }, exp)).toEqual({ ok: false, reason: 'bad_signature' });
    for (const signature of [token.signature.subarray(1), concatBytes(token.signature, Uint8Array.of(0))]) {
      expect(await verifyToken(plwha.publicKey, { ...token, signature }, exp)).toEqual({ ok: false, reason: 'malformed_token' });
    }
    expect(await verifyToken(plwha.publicKey, null as unknown as Token, exp)).toEqual({ ok: false, reason: 'malformed_token' });
  });
  it('finalize refuses a blind signature that is not the issuer\'s answer', async () => {
    const req = requestToken(plwha.publicKey, E, C);
    const other = blindSign(plwha, requestToken(plwha.publicKey, E, C).blindedMessage);
    expect(other.ok && (await finalizeToken(plwha.publicKey, req, other.blindSignature))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await finalizeToken(plwha.publicKey, req, new Uint8Array(383))).toEqual({ ok: false, reason: 'malformed_signature' });
    expect(await finalizeToken(plwha.publicKey, req, beBytes(plwha.publicKey.n, 384))).toEqual({ ok: false, reason: 'malformed_signature' });
    await expect(finalizeToken(tb.publicKey, req, new Uint8Array(384))).rejects.toThrow(RangeError);
  });
});

describe('known-answer vector (vectors/voting-token.json)', () => {
  it('fixed key and rng give the committed blinded message, blind signature and token', async () => {
    const key = issuanceKeyFromPkcs8(hexToBytes(kat.issuanceKeyPkcs8));
    expect(issuanceKeyToJSON(key.publicKey)).toEqual(kat.issuanceKey);
    const req = requestToken(key.publicKey, kat.electionId, kat.contestId, seededRng(kat.rngLabel));
    expect(bytesToHex(req.ballotKeys.secretKey)).toBe(kat.ballotSecretKey);
    expect(bytesToHex(req.blindedMessage)).toBe(kat.blindedMessage);
    expect(bytesToHex(req.inverse)).toBe(kat.inverse);
    const bs = blindSign(key, req.blindedMessage);
    expect(bs.ok && bytesToHex(bs.blindSignature)).toBe(kat.blindSignature);
    const t = await finalizeToken(key.publicKey, req, hexToBytes(kat.blindSignature));
    expect(t.ok && tokenToJSON(t.value)).toEqual(kat.token);
    expect(await verifyToken(key.publicKey, tokenFromJSON(kat.token), { electionId: kat.electionId, contestId: kat.contestId }))
      .toEqual({ ok: true });
  });
});

describe('interoperability with @cloudflare/blindrsa-ts', () => {
  const suite = RSABSSA.SHA384.PSS.Randomized();
  const alg = { name: 'RSA-PSS', hash: 'SHA-384' };
  it('its Prepare/Blind/Finalize work with our node:crypto BlindSign', async () => {
    const pub = await crypto.subtle.importKey('spki', new Uint8Array(plwha.publicKey.spki), alg, true, ['verify']);
    const msg = tokenMessage(E, C, randomBytes(32));
    const prepared = suite.prepare(msg);
    const { blindedMsg, inv } = await suite.blind(pub, prepared);
    const bs = blindSign(plwha, blindedMsg);
    if (!bs.ok) throw new Error(bs.reason);
    const sig = await suite.finalize(pub, prepared, bs.blindSignature, inv);
    expect(await verifyRsaPss(plwha.publicKey, prepared, sig)).toBe(true);
  });
  it('its Finalize and verify accept our blinding and our tokens', async () => {
    const pub = await crypto.subtle.importKey('spki', new Uint8Array(plwha.publicKey.spki), alg, true, ['verify']);
    const req = requestToken(plwha.publicKey, E, C);
    const bs = blindSign(plwha, req.blindedMessage);
    if (!bs.ok) throw new Error(bs.reason);
    const t = await finalizeToken(plwha.publicKey, req, bs.blindSignature);
    if (!t.ok) throw new Error(t.reason);
    const prepared = preparedTokenMessage(t.value);
    expect(await suite.finalize(pub, prepared, bs.blindSignature, req.inverse)).toEqual(t.value.signature);
    expect(await suite.verify(pub, t.value.signature, prepared)).toBe(true);
  });
});

describe('JSON forms (strict decoding)', () => {
  function code(f: () => unknown): string {
    try { f(); } catch (e) { if (e instanceof DecodeError) return e.what; throw e; }
    return 'accepted';
  }
  it('a token round-trips', async () => {
    const { token } = await issue(plwha);
    const j = JSON.parse(JSON.stringify(tokenToJSON(token)));
    expect(tokenFromJSON(j)).toEqual(token);
    expect(j.signature).toMatch(/^[0-9a-f]{768}$/);
  });
  it('a token with extra, missing or ill-typed fields, upper-case hex or wrong lengths is refused', async () => {
    const j = tokenToJSON((await issue(plwha)).token);
    expect(code(() => tokenFromJSON({ ...j, keyId: '00' }))).toBe('token');
    const { signature: _s, ...noSig } = j;
    expect(code(() => tokenFromJSON(noSig))).toBe('token');
    expect(code(() => tokenFromJSON([j]))).toBe('token');
    expect(code(() => tokenFromJSON(null))).toBe('token');
    expect(code(() => tokenFromJSON({ ...j, electionId: 7 }))).toBe('token.electionId');
    expect(code(() => tokenFromJSON({ ...j, contestId: '' }))).toBe('token.contestId');
    expect(code(() => tokenFromJSON({ ...j, ballotPublicKey: j.ballotPublicKey.toUpperCase() }))).toBe('token.ballotPublicKey');
    expect(code(() => tokenFromJSON({ ...j, messagePrefix: j.messagePrefix + '00' }))).toBe('token.messagePrefix');
    expect(code(() => tokenFromJSON({ ...j, signature: j.signature.slice(2) }))).toBe('token.signature');
  });
  it('an issuance key round-trips with keyId = SHA-256(SPKI)', () => {
    const j = JSON.parse(JSON.stringify(issuanceKeyToJSON(plwha.publicKey)));
    expect(j.keyId).toBe(bytesToHex(sha256(hexToBytes(j.spki))));
    const k = issuanceKeyFromJSON(j);
    expect(k.n).toBe(plwha.publicKey.n);
    expect(k.spki).toEqual(plwha.publicKey.spki);
  });
  it('an issuance key with a wrong suite, keyId, size, exponent or non-canonical DER is refused', () => {
    const j = issuanceKeyToJSON(plwha.publicKey);
    const { n } = plwha.publicKey;
    expect(code(() => issuanceKeyFromJSON({ ...j, suite: 'RSABSSA-SHA384-PSSZERO-Randomized' }))).toBe('issuanceKey.suite');
    expect(code(() => issuanceKeyFromJSON({ ...j, keyId: bytesToHex(sha256(new Uint8Array(1))) }))).toBe('issuanceKey.keyId');
    expect(code(() => issuanceKeyFromJSON({ ...j, extra: 1 }))).toBe('issuanceKey');
    expect(code(() => issuanceKeyFromSpki(encodeRsaSpki(n, 3n)))).toBe('issuanceKey');
    expect(code(() => issuanceKeyFromSpki(encodeRsaSpki(n >> 1024n | 1n, 65537n)))).toBe('issuanceKey');
    expect(code(() => issuanceKeyFromSpki(concatBytes(plwha.publicKey.spki, Uint8Array.of(0))))).toBe('issuanceKey');
    // The same key with a needless leading zero in e (a valid BER, not DER, INTEGER).
    const spki = plwha.publicKey.spki;
    const loose = concatBytes(
      hexToBytes('308201a3300d06092a864886f70d01010105000382019000308201' + '8b'),
      spki.subarray(28, 28 + 389), hexToBytes('020400010001'),
    );
    expect(() => rsaPublicKeyFromSpki(loose)).toThrow(DecodeError);
    expect(code(() => rsaPublicKeyFromSpki(encodeRsaSpki(2n ** 2047n, 65537n)))).toBe('rsaPublicKey'); // even n
  });
});
