import { describe, expect, it, vi } from 'vitest';
import { exportIssuerKeyfile, importIssuerKeyfile } from '../../src/crypto/issuer-keyfile.js';
import { issuanceKeyFromPkcs8 } from '../../src/crypto/token-issuer.js';
import { testIssuerKeys2 } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 60_000 });
const cheap = { scrypt: { N: 2 ** 10, r: 8, p: 1 } };

describe('issuer key file', () => {
  it('round-trips the per-contest keys under the passphrase; a wrong passphrase or a changed byte does not open', async () => {
    const [a, b] = testIssuerKeys2();
    const secrets = { electionId: 'e-1', memberId: 'm-1', keys: [{ contestId: 'c-1', key: a! }, { contestId: 'c-2', key: b! }] };
    const text = await exportIssuerKeyfile(secrets, 'frase de paso larga', cheap);
    expect(text).not.toContain(Buffer.from(a!.pkcs8).toString('hex').slice(0, 64));
    const r = await importIssuerKeyfile(text, 'frase de paso larga', issuanceKeyFromPkcs8);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.secrets.memberId).toBe('m-1');
    expect(r.secrets.keys.map((k) => [k.contestId, Buffer.from(k.key.publicKey.keyId).toString('hex')]))
      .toEqual([['c-1', Buffer.from(a!.publicKey.keyId).toString('hex')], ['c-2', Buffer.from(b!.publicKey.keyId).toString('hex')]]);
    expect(await importIssuerKeyfile(text, 'otra frase', issuanceKeyFromPkcs8)).toEqual({ ok: false, reason: 'wrong_passphrase' });
    const j = JSON.parse(text);
    const field = Object.keys(j).find((k) => typeof j[k] === 'string' && /^[0-9a-f]{200,}$/.test(j[k]))!;
    j[field] = (j[field][0] === '0' ? '1' : '0') + j[field].slice(1);
    expect((await importIssuerKeyfile(JSON.stringify(j), 'frase de paso larga', issuanceKeyFromPkcs8)).ok).toBe(false);
  });
});
