/**
 * The token request a voter keeps (src/client/issuance-json.ts): kept and read back, it is
 * the same request (same body, same blinded messages) and unblinds the issuers' answers into
 * a valid token; a kept request altered anywhere that matters is refused, never half-read.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { issuanceAttemptFromJSON, issuanceAttemptToJSON } from '../../src/client/issuance-json.js';
import { beginIssuedToken } from '../../src/client/voter.js';
import { checkIssuedToken, finalizeIssuedToken } from '../../src/crypto/issued-token.js';
import { toHex } from '../../src/crypto/group.js';
import { blindSign, issuanceKeyFromPkcs8, verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import type { DecodedManifest } from '../../src/record/manifest.js';
import issuerKeys from '../helpers/issuer-keys.json' with { type: 'json' };

const keys = issuerKeys.pkcs8.map((h) => issuanceKeyFromPkcs8(Uint8Array.from(Buffer.from(h, 'hex'))));
const electionId = '6f0c1d6e-8d0a-4c55-9a57-0d3f2b7c1a10';
const contestId = '0b9e3f4a-2c1d-4e5f-8a7b-6c5d4e3f2a1b';
const issuers = keys.map((k, i) => ({ memberId: `member-${i}`, sector: i === 0 ? 'government' : 'civil_society', key: k.publicKey }));
// Only what beginIssuedToken reads of a manifest: the election and the contest's issuers.
const manifest = { manifest: { electionId }, contests: new Map([[contestId, { issuers }]]) } as unknown as DecodedManifest;
const association = { associationId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a', secretKey: ed25519.utils.randomSecretKey() };

describe('the kept token request', () => {
  const attempt = beginIssuedToken(manifest, contestId, association);
  const json = JSON.parse(JSON.stringify(issuanceAttemptToJSON(attempt))) as ReturnType<typeof issuanceAttemptToJSON>;

  it('reads back as the same request, whose answers unblind into a token meeting the rule', async () => {
    const back = issuanceAttemptFromJSON(json);
    expect(back.body).toEqual(attempt.body);
    expect(toHex(back.request.ballotKeys.publicKey)).toBe(toHex(attempt.request.ballotKeys.publicKey));
    const answers = new Map(back.body.blindedMessages.map((b) => {
      const key = keys.find((k) => toHex(k.publicKey.keyId) === b.keyId)!;
      const s = blindSign(key, Buffer.from(b.blindedMessage, 'hex'));
      if (!s.ok) throw new Error(s.reason);
      return [b.keyId, s.blindSignature] as const;
    }));
    const { token, refused } = await finalizeIssuedToken(keys.map((k) => k.publicKey), back.request, answers);
    expect(refused).toEqual([]);
    expect(await checkIssuedToken(issuers, { threshold: 2, sectors: 2 }, token, { electionId, contestId, ballotPublicKey: attempt.request.ballotKeys.publicKey }, verifyRsaPssNode))
      .toEqual({ ok: true });
  });

  const flip = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
  const tampered: [string, (j: typeof json) => unknown][] = [
    ['another format', (j) => ({ ...j, format: 'anfora-voting-credentials' })],
    ['a blinded message changed', (j) => ({ ...j, body: { ...j.body, blindedMessages: j.body.blindedMessages.map((b, i) => (i === 0 ? { ...b, blindedMessage: flip(b.blindedMessage) } : b)) } })],
    ['blinded messages swapped', (j) => ({ ...j, body: { ...j.body, blindedMessages: [...j.body.blindedMessages].reverse() } })],
    ['an inverse missing', (j) => ({ ...j, inverses: Object.fromEntries(Object.entries(j.inverses).slice(1)) })],
    ['another election in the body', (j) => ({ ...j, body: { ...j.body, electionId: contestId } })],
    ['a short ballot key', (j) => ({ ...j, ballotSecretKey: j.ballotSecretKey.slice(2) })],
    ['a short prefix', (j) => ({ ...j, messagePrefix: j.messagePrefix.slice(2) })],
    ['not an object', () => 'anfora-token-request'],
  ];
  for (const [what, change] of tampered) {
    it(`is refused with ${what}`, () => {
      expect(() => issuanceAttemptFromJSON(change(json))).toThrow();
    });
  }
});
