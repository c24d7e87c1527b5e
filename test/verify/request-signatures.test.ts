import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { verifyStrictSignature } from '../../src/crypto/ballot-signature.js';
import { rememberValid } from '../../src/verify/request-signatures.js';

const secret = ed25519.utils.randomSecretKey();
const pk = ed25519.getPublicKey(secret);
const msg = new TextEncoder().encode('anfora/v1/issued-token-request {"associationId":"assoc-1"}');
const sig = ed25519.sign(msg, secret);

function counted() {
  let calls = 0;
  const verify = (p: Uint8Array, m: Uint8Array, s: Uint8Array) => { calls++; return verifyStrictSignature(p, m, s); };
  return { verify, calls: () => calls };
}

describe('rememberValid (a token request checked once, in the issuance log and both issuer logs)', () => {
  it('checks a valid signature once and gives the same verdict after', () => {
    const c = counted();
    const check = rememberValid(c.verify);
    expect([check(pk, msg, sig), check(pk, msg, sig), check(pk, Uint8Array.from(msg), Uint8Array.from(sig))]).toEqual([true, true, true]);
    expect(c.calls()).toBe(1);
  });
  it('the same signature over another message, or under another key, is checked afresh and refused', () => {
    const c = counted();
    const check = rememberValid(c.verify);
    expect(check(pk, msg, sig)).toBe(true);
    const other = Uint8Array.from(msg);
    other[other.length - 2]! ^= 1;
    expect(check(pk, other, sig)).toBe(false);
    expect(check(ed25519.getPublicKey(ed25519.utils.randomSecretKey()), msg, sig)).toBe(false);
    expect(c.calls()).toBe(3);
    expect(check(pk, msg, sig)).toBe(true);
    expect(c.calls()).toBe(3);
  });
  it('does not remember a refusal, nor take a malformed argument for a remembered one', () => {
    const c = counted();
    const check = rememberValid(c.verify);
    const bad = Uint8Array.from(sig);
    bad[0]! ^= 1;
    expect([check(pk, msg, bad), check(pk, msg, bad)]).toEqual([false, false]);
    expect(c.calls()).toBe(2);
    expect(check(pk, msg, sig)).toBe(true);
    expect(check(pk.subarray(1), msg, sig)).toBe(false);
    expect(check(pk, 'x' as unknown as Uint8Array, sig)).toBe(false);
  });
});
