import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type ContestIssuer, checkIssuedToken, finalizeIssuedToken, issuedTokenFromJSON, issuedTokenToJSON, requestIssuedToken,
} from '../../src/crypto/issued-token.js';
import {
  blindSign, checkBlindSignatureNode, generateIssuanceKey, type IssuanceKeyPair, signRsaPss, verifyRsaPssNode,
} from '../../src/crypto/token-issuer.js';
import { toHex } from '../../src/crypto/group.js';
import { checkIssuerKey, signIssuerKey, signIssuerLog, verifyIssuerLog } from '../../src/record/issuer-statements.js';
import { verifyStrictSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { issuerKeyPossessionMessage } from '../../src/record/issuer-statements.js';
import { blindedMessageHash, signIssuedTokenRequest, verifyIssuedTokenRequest } from '../../src/record/statements.js';

const E = 'conamusa-2025';
const C = 'plwha';
let keys: IssuanceKeyPair[];
let issuers: ContestIssuer[];
const rule = { threshold: 2, sectors: 2 };

function sign(k: IssuanceKeyPair, blinded: Uint8Array): Uint8Array {
  const r = blindSign(k, blinded);
  if (!r.ok) throw new Error(r.reason);
  return r.blindSignature;
}

async function mint(use: IssuanceKeyPair[]) {
  const req = requestIssuedToken(use.map((k) => k.publicKey), E, C);
  const answers = new Map(req.blinded.map((b, i) => [bytesToHex(b.keyId), sign(use[i]!, b.blindedMessage)]));
  return { req, ...(await finalizeIssuedToken(use.map((k) => k.publicKey), req, answers)) };
}

// RSA-3072 key generation takes seconds on a loaded machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });
beforeAll(() => {
  keys = [generateIssuanceKey(), generateIssuanceKey(), generateIssuanceKey()];
  issuers = [
    { memberId: 'm-gov', sector: 'government', key: keys[0]!.publicKey },
    { memberId: 'm-cs', sector: 'civil_society', key: keys[1]!.publicKey },
    { memberId: 'm-gov2', sector: 'government', key: keys[2]!.publicKey },
  ];
});

describe('tokens signed by several issuers', () => {
  it('k blind signatures of 2 sectors give a token that checks, through JSON too, with either verifier', async () => {
    const { token, refused } = await mint([keys[0]!, keys[1]!]);
    expect(refused).toEqual([]);
    expect(token.signatures).toHaveLength(2);
    expect(await checkIssuedToken(issuers, rule, token, { electionId: E, contestId: C })).toEqual({ ok: true });
    const back = issuedTokenFromJSON(JSON.parse(JSON.stringify(issuedTokenToJSON(token))));
    expect(await checkIssuedToken(issuers, rule, back, { electionId: E, contestId: C, ballotPublicKey: token.ballotPublicKey }, verifyRsaPssNode)).toEqual({ ok: true });
  });
  it('one issuer, or two of one sector, or an outside key, or a bad signature is refused', async () => {
    const one = (await mint([keys[0]!])).token;
    expect(await checkIssuedToken(issuers, rule, one, { electionId: E, contestId: C })).toMatchObject({ ok: false, reason: 'too_few_issuers' });
    const sameSector = (await mint([keys[0]!, keys[2]!])).token;
    expect(await checkIssuedToken(issuers, rule, sameSector, { electionId: E, contestId: C })).toMatchObject({ ok: false, reason: 'too_few_sectors' });
    const outsider = generateIssuanceKey();
    const forged = (await mint([keys[0]!, outsider])).token;
    expect(await checkIssuedToken(issuers, rule, forged, { electionId: E, contestId: C })).toMatchObject({ ok: false, reason: 'unknown_issuer' });
    // The outsider's key listed under an issuer's key id: the RSA check fails.
    const good = (await mint([keys[0]!, keys[1]!])).token;
    const swapped = { ...good, signatures: good.signatures.map((s, i) => (i === 1 ? { ...s, signature: forged.signatures.find((f) => toHex(f.keyId) === toHex(outsider.publicKey.keyId))!.signature } : s)) };
    expect(await checkIssuedToken(issuers, rule, swapped, { electionId: E, contestId: C })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(await checkIssuedToken(issuers, rule, good, { electionId: E, contestId: 'tb' })).toMatchObject({ ok: false, reason: 'contest_mismatch' });
  });
  it('a wrong blind signature is refused on finalize and by the relay check', async () => {
    const req = requestIssuedToken([keys[0]!.publicKey, keys[1]!.publicKey], E, C);
    const [a, b] = req.blinded;
    const good = sign(keys[0]!, a!.blindedMessage);
    // b's own blind signature with its lowest bit flipped: still below the modulus, but not
    // b's (signing a's blinded message under the other key would fail at random when it
    // exceeds that key's modulus).
    const wrong = sign(keys[1]!, b!.blindedMessage).slice();
    wrong[wrong.length - 1]! ^= 1;
    expect(checkBlindSignatureNode(keys[0]!.publicKey, a!.blindedMessage, good)).toBe(true);
    expect(checkBlindSignatureNode(keys[1]!.publicKey, b!.blindedMessage, wrong)).toBe(false);
    const r = await finalizeIssuedToken([keys[0]!.publicKey, keys[1]!.publicKey], req, new Map([[bytesToHex(a!.keyId), good], [bytesToHex(b!.keyId), wrong]]));
    expect(r.token.signatures).toHaveLength(1);
    expect(r.refused).toEqual([bytesToHex(b!.keyId)]);
  });
  it('JSON decoding refuses unordered or repeated key ids and extra fields', async () => {
    const j = issuedTokenToJSON((await mint([keys[0]!, keys[1]!])).token);
    expect(() => issuedTokenFromJSON({ ...j, signatures: [...j.signatures].reverse() })).toThrow();
    expect(() => issuedTokenFromJSON({ ...j, signatures: [j.signatures[0], j.signatures[0]] })).toThrow();
    expect(() => issuedTokenFromJSON({ ...j, signature: 'ab' })).toThrow();
    expect(() => issuedTokenFromJSON({ ...j, signatures: [] })).toThrow();
  });
});

describe('issuer statements', () => {
  it('a registration checks with its proof of possession and member signature; tampering fails', async () => {
    const member = ed25519.utils.randomSecretKey();
    const body = { electionId: E, contestId: C, memberId: 'm-gov', keyId: toHex(keys[0]!.publicKey.keyId) };
    const pop = toHex(signRsaPss(keys[0]!, issuerKeyPossessionMessage(body)));
    const sig = signIssuerKey(member, body);
    const pub = toHex(ed25519.getPublicKey(member));
    expect(await checkIssuerKey(keys[0]!.publicKey, body, pop, pub, sig)).toBeNull();
    expect(await checkIssuerKey(keys[1]!.publicKey, body, pop, pub, sig)).toBe('key_id');
    const otherPop = toHex(signRsaPss(keys[0]!, issuerKeyPossessionMessage({ ...body, contestId: 'tb' })));
    expect(await checkIssuerKey(keys[0]!.publicKey, body, otherPop, pub, sig)).toBe('possession');
    expect(await checkIssuerKey(keys[0]!.publicKey, body, pop, toHex(ed25519.getPublicKey(ed25519.utils.randomSecretKey())), sig)).toBe('signature');
    expect(await checkIssuerKey(keys[0]!.publicKey, { ...body, memberId: 'm-cs' }, pop, pub, sig)).toBe('possession');
  });
  it('token requests and issuer logs verify and fail when altered', () => {
    const assoc = ed25519.utils.randomSecretKey();
    const req = requestIssuedToken([keys[0]!.publicKey, keys[1]!.publicKey], E, C);
    const request = {
      electionId: E, contestId: C, associationId: 'a1',
      blindedMessages: req.blinded.map((b) => ({ keyId: toHex(b.keyId), blindedMessageHash: blindedMessageHash(b.blindedMessage) }))
        .sort((x, y) => (x.keyId < y.keyId ? -1 : 1)),
    };
    const signature = signIssuedTokenRequest(assoc, request);
    const pub = toHex(ed25519.getPublicKey(assoc));
    expect(verifyIssuedTokenRequest(pub, request, signature)).toBe(true);
    expect(verifyIssuedTokenRequest(pub, { ...request, contestId: 'tb' }, signature)).toBe(false);
    const member = ed25519.utils.randomSecretKey();
    const log = { electionId: E, contestId: C, memberId: 'm-gov', keyId: toHex(keys[0]!.publicKey.keyId), entries: [{ request, publicKey: pub, signature }] };
    const ls = signIssuerLog(member, log);
    expect(verifyIssuerLog(toHex(ed25519.getPublicKey(member)), log, ls)).toBe(true);
    expect(verifyIssuerLog(toHex(ed25519.getPublicKey(member)), { ...log, entries: [] }, ls)).toBe(false);
    // node:crypto's verifier (what the server passes) gives the same verdicts.
    const mpub = toHex(ed25519.getPublicKey(member));
    expect(verifyIssuerLog(mpub, log, ls, verifyStrictSignatureNode)).toBe(true);
    expect(verifyIssuerLog(mpub, { ...log, entries: [] }, ls, verifyStrictSignatureNode)).toBe(false);
    expect(verifyIssuerLog(mpub, { ...log, memberId: 'm-cs' }, ls, verifyStrictSignatureNode)).toBe(false);
    expect(verifyIssuerLog(pub, log, ls, verifyStrictSignatureNode)).toBe(false);
    const flipped = `${ls.slice(0, 10)}${ls[10] === '0' ? '1' : '0'}${ls.slice(11)}`;
    expect(verifyIssuerLog(mpub, log, flipped)).toBe(false);
    expect(verifyIssuerLog(mpub, log, flipped, verifyStrictSignatureNode)).toBe(false);
  });
});
