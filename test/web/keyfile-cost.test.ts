/**
 * The key files' cost in the pages (src/web/lib/keyfile-cost.ts): a production build seals
 * at DEFAULT_SCRYPT and its trustees' page refuses a trustee key file sealed below it
 * (the cost is judged before any scrypt work); only the browser tests' build seals and opens at N = 2^10. The
 * production cost's own seal and open run once, in test/crypto/trustee-keyfile.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { randomScalar } from '../../src/crypto/group.js';
import { SCRYPT_LIMITS } from '../../src/crypto/keyfile-envelope.js';
import { DEFAULT_SCRYPT, type TrusteeSecrets, exportTrusteeKeyfile, importTrusteeKeyfile } from '../../src/crypto/trustee-keyfile.js';
import { KEYFILE_COST, TEST_BUILD_SCRYPT, keyfileCostFor } from '../../src/web/lib/keyfile-cost.js';

const PASS = 'frase-de-paso-de-prueba';
const secrets: TrusteeSecrets = {
  index: 1, n: 2, t: 2, context: new TextEncoder().encode('ctx'), trusteeKey: randomScalar(),
  polynomial: [randomScalar(), randomScalar()], receivedShares: [{ dealer: 1, share: randomScalar() }],
};
const weak = exportTrusteeKeyfile(secrets, PASS, { scrypt: TEST_BUILD_SCRYPT });

describe('key file cost of the pages', () => {
  it('a production build seals at the default cost and opens nothing below it; the test build at 2^10', () => {
    expect(keyfileCostFor(false)).toEqual({ seal: DEFAULT_SCRYPT, minLogN: 17, testBuild: false });
    expect(keyfileCostFor(true)).toEqual({ seal: { N: 2 ** 10, r: 8, p: 1 }, minLogN: 10, testBuild: true });
    // Outside a Vite build (this test, any bundle without the constant): production.
    expect(KEYFILE_COST).toEqual(keyfileCostFor(false));
  });

  it('the production floor refuses a file sealed at the test cost, whatever the passphrase', () => {
    expect(importTrusteeKeyfile(weak, PASS, { minLogN: keyfileCostFor(false).minLogN })).toEqual({ ok: false, reason: 'unsupported_parameters' });
    // Also with a wrong passphrase: the cost is judged before the passphrase.
    expect(importTrusteeKeyfile(weak, 'otra-frase-cualquiera', { minLogN: 17 })).toEqual({ ok: false, reason: 'unsupported_parameters' });
    // N = 2^16 is still below production.
    const j = JSON.parse(weak);
    j.kdf.N = 2 ** 16;
    expect(importTrusteeKeyfile(JSON.stringify(j), PASS, { minLogN: 17 })).toEqual({ ok: false, reason: 'unsupported_parameters' });
  });

  it('the test build\'s floor opens the same file; no floor goes below the format\'s own', () => {
    const r = importTrusteeKeyfile(weak, PASS, { minLogN: keyfileCostFor(true).minLogN });
    expect(r.ok && r.secrets.index).toBe(1);
    const j = JSON.parse(weak);
    j.kdf.N = 2 ** (SCRYPT_LIMITS.minLogN - 1);
    expect(importTrusteeKeyfile(JSON.stringify(j), PASS, { minLogN: 0 })).toEqual({ ok: false, reason: 'unsupported_parameters' });
  });
});
