import { describe, expect, it } from 'vitest';
import { randomScalar, scalarToHex, toHex } from '../../src/crypto/group.js';
import {
  DEFAULT_SCRYPT, type TrusteeSecrets, exportTrusteeKeyfile, exportTrusteeKeyfileAsync, importTrusteeKeyfile,
  importTrusteeKeyfileAsync, readKeyfileHeader,
} from '../../src/crypto/trustee-keyfile.js';

// Cheap cost for tests only, passed explicitly; the default stays DEFAULT_SCRYPT.
const FAST = { scrypt: { N: 2 ** 10, r: 8, p: 1 }, label: 'election 7 / trustee 2' };
const PASS = 'correct horse battery staple';

const secrets: TrusteeSecrets = {
  index: 2, n: 3, t: 2,
  context: new TextEncoder().encode('ctx'),
  trusteeKey: randomScalar(),
  polynomial: [randomScalar(), randomScalar()],
  receivedShares: [{ dealer: 1, share: randomScalar() }, { dealer: 2, share: 0n }, { dealer: 3, share: randomScalar() }],
  secretShare: randomScalar(),
};

function expectSame(a: TrusteeSecrets, b: TrusteeSecrets): void {
  expect({ ...a, context: toHex(a.context) }).toEqual({ ...b, context: toHex(b.context) });
}

/** Flip one hex digit of a string field at path. */
function mutate(text: string, f: (j: any) => void): string {
  const j = JSON.parse(text);
  f(j);
  return JSON.stringify(j);
}
const flip = (hex: string, at = 0): string => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

describe('trustee key file (scrypt + XChaCha20-Poly1305)', () => {
  const text = exportTrusteeKeyfile(secrets, PASS, FAST);

  it('round-trips every secret and the public label', () => {
    const r = importTrusteeKeyfile(text, PASS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expectSame(r.secrets, secrets);
    expect(r.label).toBe(FAST.label);
  });

  it('round-trips without the optional final share', () => {
    const { secretShare: _drop, ...early } = secrets;
    const r = importTrusteeKeyfile(exportTrusteeKeyfile(early, PASS, FAST), PASS);
    expect(r.ok && r.secrets.secretShare).toBe(undefined);
  });

  it('the async variants produce and read the same format', async () => {
    const t2 = await exportTrusteeKeyfileAsync(secrets, PASS, FAST);
    const r = importTrusteeKeyfile(t2, PASS);
    expect(r.ok).toBe(true);
    const r2 = await importTrusteeKeyfileAsync(text, PASS);
    expect(r2.ok && r2.secrets.index).toBe(2);
  });

  it('a wrong passphrase gives a clear result, not an exception', () => {
    expect(importTrusteeKeyfile(text, PASS + '!')).toEqual({ ok: false, reason: 'wrong_passphrase' });
  });

  it('normalises the passphrase (NFKC): composed and decomposed accents open the same file', () => {
    const t2 = exportTrusteeKeyfile(secrets, 'Ánfora', FAST);
    expect(importTrusteeKeyfile(t2, 'A\u0301nfora').ok).toBe(true);
  });

  it('refuses a tampered ciphertext byte, anywhere', () => {
    const ct: string = JSON.parse(text).ciphertext;
    for (const at of [0, 10, ct.length / 2, ct.length - 1]) {
      const bad = mutate(text, (j) => { j.ciphertext = flip(j.ciphertext, at); });
      expect(importTrusteeKeyfile(bad, PASS)).toEqual({ ok: false, reason: 'tampered' });
    }
  });

  it('refuses a tampered header (label, trustee index, nonce): it is authenticated data', () => {
    expect(importTrusteeKeyfile(mutate(text, (j) => { j.label = 'trustee 3'; }), PASS)).toEqual({ ok: false, reason: 'tampered' });
    expect(importTrusteeKeyfile(mutate(text, (j) => { j.trustee = 3; }), PASS)).toEqual({ ok: false, reason: 'tampered' });
    expect(importTrusteeKeyfile(mutate(text, (j) => { j.aead.nonce = flip(j.aead.nonce); }), PASS)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('a changed salt or cost derives another key and is refused', () => {
    expect(importTrusteeKeyfile(mutate(text, (j) => { j.kdf.salt = flip(j.kdf.salt); }), PASS).ok).toBe(false);
    expect(importTrusteeKeyfile(mutate(text, (j) => { j.kdf.N = 2 ** 11; }), PASS).ok).toBe(false);
    expect(importTrusteeKeyfile(mutate(text, (j) => { j.check = flip(j.check); }), PASS).ok).toBe(false);
  });

  it('refuses unbounded or unknown parameters without running scrypt', () => {
    for (const f of [
      (j: any) => { j.kdf.N = 2 ** 30; },
      (j: any) => { j.kdf.N = 1000; },
      (j: any) => { j.kdf.r = 1000; },
      (j: any) => { j.version = 2; },
      (j: any) => { j.aead.name = 'aes-gcm'; },
    ]) {
      expect(importTrusteeKeyfile(mutate(text, f), PASS)).toEqual({ ok: false, reason: 'unsupported_parameters' });
    }
  });

  it('refuses malformed files with a result', () => {
    expect(importTrusteeKeyfile('not json', PASS)).toEqual({ ok: false, reason: 'malformed' });
    expect(importTrusteeKeyfile('null', PASS)).toEqual({ ok: false, reason: 'malformed' });
    expect(importTrusteeKeyfile(mutate(text, (j) => { j.ciphertext = j.ciphertext.toUpperCase(); }), PASS))
      .toEqual({ ok: false, reason: 'malformed' });
    expect(importTrusteeKeyfile(mutate(text, (j) => { delete j.kdf; }), PASS)).toEqual({ ok: false, reason: 'unsupported_parameters' });
  });

  it('keeps the secrets out of the file text and shows only the public header', () => {
    for (const s of [secrets.trusteeKey, secrets.secretShare!, secrets.polynomial[0]!]) {
      expect(text).not.toContain(scalarToHex(s));
    }
    expect(readKeyfileHeader(text)).toEqual({ label: FAST.label, trustee: 2, scrypt: FAST.scrypt });
    expect(JSON.parse(exportTrusteeKeyfile(secrets, PASS, { scrypt: { N: 2 ** 10, r: 1, p: 1 } })).kdf.N).toBe(1024);
  });

  it('defaults to strong scrypt costs and refuses weak ones and empty passphrases as argument errors', () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(() => exportTrusteeKeyfile(secrets, PASS, { scrypt: { N: 2 ** 4, r: 8, p: 1 } })).toThrow(RangeError);
    expect(() => exportTrusteeKeyfile(secrets, '', FAST)).toThrow(TypeError);
    expect(() => exportTrusteeKeyfile({ ...secrets, index: 4 }, PASS, FAST)).toThrow(RangeError);
  });

  it('uses the default cost when none is given (N = 2^17 in the file); it opens under the production pages\' floor', () => {
    // The one seal and open at the production cost (the pages' browser tests use a test build's cost).
    const strong = exportTrusteeKeyfile(secrets, PASS);
    expect(JSON.parse(strong).kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    const r = importTrusteeKeyfile(strong, PASS, { minLogN: Math.log2(DEFAULT_SCRYPT.N) });
    expect(r.ok && r.secrets.secretShare).toBe(secrets.secretShare);
  }, 30_000);
});
