import { describe, expect, it } from 'vitest';
import { generateBallotKeys } from '../../src/crypto/ballot-signature.js';
import { toHex } from '../../src/crypto/group.js';
import {
  exportAccountKeyfile, exportAccountKeyfileAsync, importAccountKeyfile, importAccountKeyfileAsync, readAccountKeyfileHeader,
} from '../../src/crypto/account-keyfile.js';
import { exportTrusteeKeyfile, importTrusteeKeyfile } from '../../src/crypto/trustee-keyfile.js';

// Cheap cost for tests only, passed explicitly; the default stays N = 2^17.
const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 }, label: 'ana@example.org' };
const PASS = 'una frase de paso larga';
const ACCOUNT = '0b6f2a7e-4a1c-4e55-9d0c-3f1e2d4c5b6a';
const keys = generateBallotKeys();

const mutate = (text: string, f: (j: any) => void): string => {
  const j = JSON.parse(text);
  f(j);
  return JSON.stringify(j);
};
const flip = (hex: string, at = 0): string => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

describe('account key file (the key file family: scrypt + XChaCha20-Poly1305)', () => {
  const text = exportAccountKeyfile(ACCOUNT, keys.secretKey, PASS, FAST);

  it('round-trips the seed, the account and the public key; the async variants read the same format', async () => {
    const r = importAccountKeyfile(text, PASS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(toHex(r.key.secretKey)).toBe(toHex(keys.secretKey));
    expect(r.key).toMatchObject({ accountId: ACCOUNT, publicKey: toHex(keys.publicKey) });
    expect(r.label).toBe(FAST.label);
    const asyncText = await exportAccountKeyfileAsync(ACCOUNT, keys.secretKey, PASS, FAST);
    expect((await importAccountKeyfileAsync(asyncText, PASS)).ok).toBe(true);
    expect(importAccountKeyfile(asyncText, PASS).ok).toBe(true);
  });

  it('shows only its public header and keeps the seed out of the text', () => {
    expect(readAccountKeyfileHeader(text)).toEqual({ label: FAST.label, account: ACCOUNT, scrypt: FAST.scrypt });
    expect(text).not.toContain(toHex(keys.secretKey));
    expect(JSON.parse(text).format).toBe('anfora-account-keyfile');
  });

  it('a wrong passphrase gives a result, not an exception', () => {
    expect(importAccountKeyfile(text, 'otra frase')).toEqual({ ok: false, reason: 'wrong_passphrase' });
  });

  it('refuses a tampered ciphertext, account or label (authenticated header)', () => {
    const ct = JSON.parse(text).ciphertext as string;
    for (const at of [0, 40, ct.length - 1]) {
      expect(importAccountKeyfile(mutate(text, (j) => { j.ciphertext = flip(ct, at); }), PASS)).toEqual({ ok: false, reason: 'tampered' });
    }
    expect(importAccountKeyfile(mutate(text, (j) => { j.account = '7d9e8f10-1111-4222-8333-444455556666'; }), PASS)).toEqual({ ok: false, reason: 'tampered' });
    expect(importAccountKeyfile(mutate(text, (j) => { j.label = 'mallory'; }), PASS)).toEqual({ ok: false, reason: 'tampered' });
    expect(importAccountKeyfile(mutate(text, (j) => { j.kdf.salt = flip(j.kdf.salt); }), PASS)).toEqual({ ok: false, reason: 'wrong_passphrase' });
  });

  it('is one kind of the family: a trustee file is not an account file, nor the reverse', () => {
    const trustee = exportTrusteeKeyfile({ index: 1, n: 3, t: 2, context: new Uint8Array(1), trusteeKey: 3n, polynomial: [], receivedShares: [] }, PASS, FAST);
    expect(importAccountKeyfile(trustee, PASS)).toEqual({ ok: false, reason: 'malformed' });
    expect(importTrusteeKeyfile(text, PASS)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses malformed files and unbounded costs with a result; argument errors throw', () => {
    for (const bad of ['', '{', '[]', mutate(text, (j) => { delete j.account; }), mutate(text, (j) => { j.ciphertext = 'xyz'; })]) {
      expect(importAccountKeyfile(bad, PASS)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(importAccountKeyfile(mutate(text, (j) => { j.kdf.N = 2 ** 30; }), PASS)).toEqual({ ok: false, reason: 'unsupported_parameters' });
    expect(() => exportAccountKeyfile(ACCOUNT, new Uint8Array(31), PASS, FAST)).toThrow(RangeError);
    expect(() => exportAccountKeyfile(ACCOUNT, keys.secretKey, '', FAST)).toThrow(TypeError);
    expect(() => exportAccountKeyfile(ACCOUNT, keys.secretKey, PASS, { scrypt: { N: 2 ** 8, r: 8, p: 1 } })).toThrow(RangeError);
  });
});
