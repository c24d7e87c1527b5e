import { describe, expect, it } from 'vitest';
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { generateBallotKeys } from '../../src/crypto/ballot-signature.js';
import { toHex } from '../../src/crypto/group.js';
import { TAGS } from '../../src/crypto/transcript.js';
import { accountKeyMessage, checkAccountKey, proveAccountKey, statementMessage } from '../../src/record/account-key.js';
import { canonicalJson } from '../../src/record/canonical-json.js';

const ACCOUNT = '0b6f2a7e-4a1c-4e55-9d0c-3f1e2d4c5b6a';
const OTHER = '7d9e8f10-1111-4222-8333-444455556666';
const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

describe('account key: proof of possession', () => {
  it('signs the transcript framing of the tag and the canonical statement', () => {
    const signingKey = toHex(ed25519.getPublicKey(seed));
    const m = accountKeyMessage({ accountId: ACCOUNT, signingKey });
    const tag = new TextEncoder().encode(TAGS.accountKey);
    const body = canonicalJson({ accountId: ACCOUNT, signingKey });
    expect(TAGS.accountKey).toBe('anfora/v1/account-key');
    expect([...m.subarray(0, 4)]).toEqual([0, 0, 0, tag.length]);
    expect(new TextDecoder().decode(m.subarray(4, 4 + tag.length))).toBe(TAGS.accountKey);
    expect(new DataView(m.buffer, m.byteOffset + 4 + tag.length, 4).getUint32(0)).toBe(body.length);
    expect(toHex(m.subarray(8 + tag.length))).toBe(toHex(body));
    expect(new TextDecoder().decode(body)).toBe(`{"accountId":"${ACCOUNT}","signingKey":"${signingKey}"}`);
    expect(statementMessage(TAGS.accountKey, { signingKey, accountId: ACCOUNT })).toEqual(m);
  });

  it('is deterministic for a fixed seed (a known answer) and verifies', () => {
    const a = proveAccountKey(seed, ACCOUNT);
    expect(proveAccountKey(seed, ACCOUNT)).toEqual(a);
    expect(a.signingKey).toBe(toHex(ed25519.getPublicKey(seed)));
    expect(ed25519.verify(Uint8Array.from(Buffer.from(a.proof, 'hex')), accountKeyMessage({ accountId: ACCOUNT, signingKey: a.signingKey }), ed25519.getPublicKey(seed))).toBe(true);
    expect(checkAccountKey(ACCOUNT, a.signingKey, a.proof)).toEqual({ ok: true });
  });

  it('refuses the proof for another account, another key, or a flipped bit', () => {
    const { signingKey, proof } = proveAccountKey(generateBallotKeys().secretKey, ACCOUNT);
    expect(checkAccountKey(OTHER, signingKey, proof)).toEqual({ ok: false, reason: 'bad_proof' });
    const other = proveAccountKey(generateBallotKeys().secretKey, ACCOUNT);
    expect(checkAccountKey(ACCOUNT, other.signingKey, proof)).toEqual({ ok: false, reason: 'bad_proof' });
    for (const i of [0, 31, 32, 63]) {
      const bytes = Buffer.from(proof, 'hex');
      bytes[i]! ^= 1;
      expect(checkAccountKey(ACCOUNT, signingKey, bytes.toString('hex')).ok).toBe(false);
    }
  });

  it('refuses malformed keys: wrong length, upper-case hex, small order, non-canonical', () => {
    const { proof } = proveAccountKey(seed, ACCOUNT);
    for (const bad of ['ab', toHex(ed25519.getPublicKey(seed)).toUpperCase(), ED25519_TORSION_SUBGROUP[0]!, 'ff'.repeat(31) + '7f', 42, null]) {
      expect(checkAccountKey(ACCOUNT, bad, proof)).toEqual({ ok: false, reason: 'malformed_key' });
    }
  });

  it('refuses a malformed proof without throwing', () => {
    const { signingKey } = proveAccountKey(seed, ACCOUNT);
    for (const bad of ['', 'zz', '00'.repeat(64), '00'.repeat(65), undefined]) {
      expect(checkAccountKey(ACCOUNT, signingKey, bad)).toEqual({ ok: false, reason: 'bad_proof' });
    }
    // S ≥ ℓ: the same R with S + ℓ is refused (strict verification).
    const { proof } = proveAccountKey(seed, ACCOUNT);
    const b = Buffer.from(proof, 'hex');
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(b[i]!);
    s += ed25519.Point.Fn.ORDER;
    for (let i = 32; i < 64; i++) { b[i] = Number(s & 0xffn); s >>= 8n; }
    expect(checkAccountKey(ACCOUNT, signingKey, b.toString('hex'))).toEqual({ ok: false, reason: 'bad_proof' });
  });

  it('throws on argument shapes only: a secret that is not 32 bytes, a tag outside anfora/v1/', () => {
    expect(() => proveAccountKey(new Uint8Array(31), ACCOUNT)).toThrow(RangeError);
    expect(() => proveAccountKey('x' as never, ACCOUNT)).toThrow(TypeError);
    expect(() => statementMessage('other/tag', {})).toThrow(RangeError);
    expect(() => accountKeyMessage({ accountId: ACCOUNT, signingKey: 'AB' })).toThrow(RangeError);
  });
});
