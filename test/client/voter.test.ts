/**
 * The voter's client, without a server: the manifest is refused unless its hash recomputes,
 * a token finalizes only from a good blind signature, a prepared ballot passes the
 * server's own check (record's checkCastBallot) and reveals no choice, a Benaloh audit
 * reveals exactly the choices and a tampered opening fails, an audited ballot is never sent,
 * the cast request carries no credential, and receipts and board events are checked.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../src/client/api.js';
import {
  type PreparedBallot, type VotingCredentials, acceptManifest, acceptReceipt, auditBallot, beginIssuedToken, castBallot, collectIssuedToken,
  checkAudit, checkTrackingEvent, credentialsFromJSON, credentialsToJSON, prepareBallot,
} from '../../src/client/voter.js';
import { verifyStrictSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { fromHex, toHex } from '../../src/crypto/group.js';
import { verifyRsaPssNode as verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { appendEvent } from '../../src/record/board.js';
import { checkCastBallot } from '../../src/record/cast-ballot.js';
import { signReceipt } from '../../src/record/tracking.js';
import { blindedMessageHash, type IssuedTokenRequest as SignedRequest, verifyIssuedTokenRequest } from '../../src/record/statements.js';
import { type Election, election, issueToken } from '../record/fixtures.js';

let e: Election;
let credentials: VotingCredentials;

/** A token for `contestId` from the contest's two issuers (test/record/fixtures.ts). */
async function tokenFor(contestId: string): Promise<VotingCredentials> {
  const { token, keys } = await issueToken(e, contestId);
  return { token, ballotKeys: keys };
}

/** A fetch that records requests and answers with a problem document (no server logic involved). */
function refusingFetch(status: number, code: string) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(JSON.stringify({ code, detail: code, status }), { status, headers: { 'content-type': 'application/problem+json' } });
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

beforeAll(async () => {
  e = election('election-voter');
  credentials = await tokenFor('board');
});

describe('acceptManifest', () => {
  it('accepts the manifest whose hash recomputes and returns it decoded', () => {
    const r = acceptManifest('election-voter', { manifest: e.manifest, hash: toHex(e.hash) });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(toHex(r.hash)).toBe(toHex(e.hash));
      expect(r.decoded.jointPublicKey.equals(e.K)).toBe(true);
    }
  });

  it('refuses a manifest changed after hashing (hash_mismatch)', () => {
    const changed = { ...e.manifest, title: 'Otra elección' };
    expect(acceptManifest('election-voter', { manifest: changed, hash: toHex(e.hash) })).toMatchObject({ ok: false, reason: 'hash_mismatch' });
    const swappedKey = { ...e.manifest, contests: [{ ...e.manifest.contests[0]!, issuers: [...e.manifest.contests[0]!.issuers].reverse() }, e.manifest.contests[1]!] };
    expect(acceptManifest('election-voter', { manifest: swappedKey, hash: toHex(e.hash) })).toMatchObject({ ok: false, reason: 'hash_mismatch' });
  });

  it('refuses another election\'s manifest and malformed answers', () => {
    expect(acceptManifest('election-other', { manifest: e.manifest, hash: toHex(e.hash) })).toMatchObject({ ok: false, reason: 'wrong_election' });
    expect(acceptManifest('election-voter', e.manifest)).toMatchObject({ ok: false, reason: 'malformed_manifest' });
    expect(acceptManifest('election-voter', null)).toMatchObject({ ok: false, reason: 'malformed_manifest' });
    const extra = { manifest: { ...e.manifest, extra: 1 }, hash: toHex(e.hash) };
    expect(acceptManifest('election-voter', extra)).toMatchObject({ ok: false, reason: 'malformed_manifest' });
  });
});

describe('tokens', () => {
  it('a good blind signature finalizes into a token for the contest and the ballot key', () => {
    expect(credentials.token.electionId).toBe('election-voter');
    expect(credentials.token.contestId).toBe('board');
    expect(toHex(credentials.token.ballotPublicKey)).toBe(toHex(credentials.ballotKeys.publicKey));
    expect(toHex(ed25519.getPublicKey(credentials.ballotKeys.secretKey))).toBe(toHex(credentials.ballotKeys.publicKey));
  });

  it('beginIssuedToken sends only blinded messages, one per issuer, signed by the association over their hashes, to the relay with its token', async () => {
    const r = refusingFetch(409, 'token_request_conflict');
    const api = new ApiClient({ baseUrl: 'http://api.test', token: 'assoc-jwt', fetch: r.fetch });
    const secretKey = new Uint8Array(32).fill(7);
    const attempt = beginIssuedToken(e.decoded, 'board', { associationId: 'assoc-1', secretKey });
    await expect(collectIssuedToken(api, e.decoded, attempt)).rejects.toMatchObject({ status: 409, code: 'token_request_conflict' });
    const call = r.calls[0]!;
    expect(call.url).toBe('http://api.test/issuance/requests');
    const sent = JSON.parse(call.init.body as string) as { electionId: string; request: SignedRequest; blindedMessages: { keyId: string; blindedMessage: string }[]; signature: string };
    // Besides the request, only how long the relay may hold the answer (no progress shown:
    // it waits until one signature short of the threshold is exceeded).
    expect(Object.keys(sent)).toEqual(['electionId', 'request', 'blindedMessages', 'signature', 'wait', 'seen']);
    expect({ wait: (sent as unknown as { wait: number }).wait, seen: (sent as unknown as { seen: number }).seen }).toEqual({ wait: 25, seen: 1 });
    expect(sent.blindedMessages).toHaveLength(2);
    for (const b of sent.blindedMessages) expect(b.blindedMessage).toMatch(/^[0-9a-f]{768}$/);
    expect(sent.request.blindedMessages.map((b) => b.blindedMessageHash)).toEqual(sent.blindedMessages.map((b) => blindedMessageHash(fromHex(b.blindedMessage))));
    expect(verifyIssuedTokenRequest(toHex(ed25519.getPublicKey(secretKey)), sent.request, sent.signature)).toBe(true);
    expect(verifyIssuedTokenRequest(toHex(ed25519.getPublicKey(secretKey)), { ...sent.request, contestId: 'alt' }, sent.signature)).toBe(false);
    expect((call.init.headers as Record<string, string>).authorization).toBe('Bearer assoc-jwt');
  });

  it('credentials survive their JSON form, and a mismatched key is refused', () => {
    const back = credentialsFromJSON(credentialsToJSON(credentials));
    expect(toHex(back.ballotKeys.secretKey)).toBe(toHex(credentials.ballotKeys.secretKey));
    expect(() => credentialsFromJSON({ ...credentialsToJSON(credentials), ballotPublicKey: '00'.repeat(32) })).toThrow();
  });

  it('a contest missing from the manifest is the caller\'s error', () => {
    expect(() => beginIssuedToken(e.decoded, 'nope', { associationId: 'assoc-1', secretKey: new Uint8Array(32) })).toThrow(RangeError);
  });
});

describe('prepareBallot', () => {
  let prepared: PreparedBallot;
  beforeAll(() => {
    prepared = prepareBallot(e.decoded, e.hash, 'board', [1, 0, 1, 0], credentials);
  });

  it('produces a cast request that the server\'s check (checkCastBallot) accepts', async () => {
    const r = await checkCastBallot({
      manifest: e.decoded, manifestHash: e.hash, electionId: 'election-voter', body: JSON.parse(JSON.stringify(prepared.body)), verifyToken: verifyRsaPssNode,
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(toHex(r.digest)).toBe(toHex(prepared.digest));
  });

  it('a blank ballot is accepted too', async () => {
    const blank = prepareBallot(e.decoded, e.hash, 'board', [0, 0, 0, 0], credentials);
    const r = await checkCastBallot({ manifest: e.decoded, manifestHash: e.hash, electionId: 'election-voter', body: blank.body, verifyToken: verifyRsaPssNode });
    expect(r.ok).toBe(true);
  });

  it('the request holds no plaintext choice, randomness or secret key', () => {
    expect(Object.keys(prepared.body).sort()).toEqual(['ballot', 'contestId', 'signature', 'token']);
    const text = JSON.stringify(prepared.body);
    expect(text).not.toMatch(/choice|randomness|secret/i);
    for (const r of prepared.opening.randomness) expect(text).not.toContain(r.toString(16).padStart(64, '0'));
    expect(text).not.toContain(toHex(credentials.ballotKeys.secretKey));
    // Two encryptions of the same choices share no ciphertext.
    const again = prepareBallot(e.decoded, e.hash, 'board', [1, 0, 1, 0], credentials);
    const cts = (b: PreparedBallot) => b.body.ballot.selections.map((s) => s.ciphertext.alpha + s.ciphertext.beta);
    expect(cts(again).some((c) => cts(prepared).includes(c))).toBe(false);
    expect(Object.isFrozen(prepared.body.ballot.selections)).toBe(true);
  });

  it('refuses choices of the wrong length or value, an over-vote, and credentials for another contest', async () => {
    expect(() => prepareBallot(e.decoded, e.hash, 'board', [1, 0, 1], credentials)).toThrow(RangeError);
    expect(() => prepareBallot(e.decoded, e.hash, 'board', [2, 0, 0, 0], credentials)).toThrow(RangeError);
    expect(() => prepareBallot(e.decoded, e.hash, 'board', [1, 1, 1, 0], credentials)).toThrow(RangeError);
    expect(() => prepareBallot(e.decoded, e.hash, 'alt', [1, 0, 0], credentials)).toThrow(RangeError);
    const alt = await tokenFor('alt');
    expect(() => prepareBallot(e.decoded, e.hash, 'board', [1, 0, 0, 0], { token: credentials.token, ballotKeys: alt.ballotKeys })).toThrow(RangeError);
  });
});

describe('auditBallot (Benaloh challenge)', () => {
  it('reveals the choices the ballot encrypts', () => {
    const prepared = prepareBallot(e.decoded, e.hash, 'board', [0, 1, 0, 1], credentials);
    const { audit, verdict } = auditBallot(e.decoded, prepared);
    expect(verdict).toEqual({ ok: true, choices: [0, 1, 0, 1], candidateIds: e.decoded.contests.get('board')!.candidateIds });
    expect(JSON.stringify(audit)).not.toContain(toHex(credentials.ballotKeys.publicKey));
    // Anyone re-checks it from the JSON alone (with the manifest).
    expect(checkAudit(e.decoded, e.hash, JSON.parse(JSON.stringify(audit)))).toMatchObject({ ok: true, choices: [0, 1, 0, 1] });
  });

  it('a tampered opening fails: a flipped choice, other randomness, another ballot', () => {
    const prepared = prepareBallot(e.decoded, e.hash, 'board', [1, 0, 0, 0], credentials);
    const { audit } = auditBallot(e.decoded, prepared);
    const flipped = { ...audit, opening: { ...audit.opening, choices: [0, 1, 0, 0] } };
    expect(checkAudit(e.decoded, e.hash, flipped)).toMatchObject({ ok: false, reason: 'opening_mismatch' });
    const r = [...audit.opening.randomness];
    [r[0], r[1]] = [r[1]!, r[0]!];
    expect(checkAudit(e.decoded, e.hash, { ...audit, opening: { ...audit.opening, randomness: r } })).toMatchObject({ ok: false, reason: 'opening_mismatch' });
    const other = prepareBallot(e.decoded, e.hash, 'board', [1, 0, 0, 0], credentials);
    expect(checkAudit(e.decoded, e.hash, { ...audit, ballot: other.body.ballot })).toMatchObject({ ok: false, reason: 'digest_mismatch' });
    expect(checkAudit(e.decoded, e.hash, { ...audit, ballot: other.body.ballot, digest: toHex(other.digest) })).toMatchObject({ ok: false, reason: 'opening_mismatch' });
    expect(checkAudit(e.decoded, e.hash, { ...audit, manifestHash: '00'.repeat(32) })).toMatchObject({ ok: false, reason: 'wrong_election' });
    expect(checkAudit(e.decoded, e.hash, { ...audit, opening: { choices: [1], randomness: ['zz'] } })).toMatchObject({ ok: false, reason: 'malformed_audit' });
    expect(checkAudit(e.decoded, e.hash, 'nonsense')).toMatchObject({ ok: false, reason: 'malformed_audit' });
  });

  it('an audited ballot is never sent', async () => {
    const prepared = prepareBallot(e.decoded, e.hash, 'board', [1, 0, 0, 0], credentials);
    auditBallot(e.decoded, prepared);
    const r = refusingFetch(500, 'internal_error');
    const result = await castBallot(new ApiClient({ baseUrl: 'http://api.test', fetch: r.fetch }), e.decoded, prepared.body);
    expect(result).toMatchObject({ ok: false, reason: 'audited_ballot' });
    expect(r.calls).toHaveLength(0);
  });
});

describe('castBallot and receipts', () => {
  it('sends the ballot without Authorization header or cookies, even from a signed-in client', async () => {
    const prepared = prepareBallot(e.decoded, e.hash, 'board', [1, 0, 0, 0], credentials);
    const r = refusingFetch(409, 'token_used');
    const signedIn = new ApiClient({ baseUrl: 'http://api.test', token: 'assoc-jwt', fetch: r.fetch });
    const err = await castBallot(signedIn, e.decoded, prepared.body).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'token_used' });
    const call = r.calls[0]!;
    expect(call.url).toBe('http://api.test/elections/election-voter/ballots');
    expect(call.init.credentials).toBe('omit');
    const headers = call.init.headers as Record<string, string>;
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('authorization');
    expect(Object.keys(headers).map((h) => h.toLowerCase())).not.toContain('cookie');
    expect(JSON.parse(call.init.body as string)).toEqual(JSON.parse(JSON.stringify(prepared.body)));
  });

  const body = () => prepareBallot(e.decoded, e.hash, 'board', [0, 0, 1, 0], credentials).body;
  const receiptFor = (contestId = 'board', electionId = 'election-voter') => signReceipt(e.receiptSecret, {
    electionId, contestId, trackingCode: 'ab'.repeat(32), position: 7, boardHead: 'cd'.repeat(32), receivedAt: '2026-03-01T12:05:00.000Z',
  });

  it('accepts a receipt signed by the manifest\'s receipt key for this election and contest', () => {
    const receipt = receiptFor();
    expect(acceptReceipt(e.decoded, body(), JSON.parse(JSON.stringify(receipt)))).toEqual({ ok: true, receipt });
  });

  it('with node:crypto\'s verifier (a Node client), the same verdicts as with noble\'s', () => {
    const node = { verifySignature: verifyStrictSignatureNode };
    const receipt = receiptFor();
    expect(acceptReceipt(e.decoded, body(), JSON.parse(JSON.stringify(receipt)), node)).toEqual({ ok: true, receipt });
    expect(acceptReceipt(e.decoded, body(), { ...receipt, position: 8 }, node)).toMatchObject({ ok: false, reason: 'bad_receipt_signature' });
    const forged = signReceipt(ed25519.utils.randomSecretKey(), { ...receipt });
    expect(acceptReceipt(e.decoded, body(), forged, node)).toMatchObject({ ok: false, reason: 'bad_receipt_signature' });
    // The verifier given is the one used: one that refuses everything refuses the good receipt.
    expect(acceptReceipt(e.decoded, body(), receipt, { verifySignature: () => false })).toMatchObject({ ok: false, reason: 'bad_receipt_signature' });
  });

  it('a bad receipt is an error result: forged, altered, another contest, malformed', () => {
    const receipt = receiptFor();
    expect(acceptReceipt(e.decoded, body(), { ...receipt, position: 8 })).toMatchObject({ ok: false, reason: 'bad_receipt_signature' });
    const forged = signReceipt(ed25519.utils.randomSecretKey(), { ...receipt });
    expect(acceptReceipt(e.decoded, body(), forged)).toMatchObject({ ok: false, reason: 'bad_receipt_signature' });
    expect(acceptReceipt(e.decoded, body(), receiptFor('alt'))).toMatchObject({ ok: false, reason: 'receipt_mismatch' });
    expect(acceptReceipt(e.decoded, body(), receiptFor('board', 'election-other'))).toMatchObject({ ok: false, reason: 'receipt_mismatch' });
    expect(acceptReceipt(e.decoded, body(), { ...receipt, extra: 1 })).toMatchObject({ ok: false, reason: 'malformed_receipt' });
    expect(acceptReceipt(e.decoded, body(), null)).toMatchObject({ ok: false, reason: 'malformed_receipt' });
  });
});

describe('checkTrackingEvent', () => {
  it('finds the ballot that was sent under the receipt\'s tracking code, and nothing else', () => {
    const sent = prepareBallot(e.decoded, e.hash, 'board', [0, 1, 0, 0], credentials).body;
    const code = 'ef'.repeat(32);
    const first = appendEvent(null, 'token_window', '2026-03-01T12:00:00.000Z', { contests: [{ contestId: 'board', issued: 1 }] });
    const event = JSON.parse(JSON.stringify(appendEvent(first, 'ballot', '2026-03-01T12:05:00.000Z', { ...sent, trackingCode: code })));
    const receipt = signReceipt(e.receiptSecret, {
      electionId: 'election-voter', contestId: 'board', trackingCode: code, position: 1, boardHead: event.hash, receivedAt: event.at,
    });
    expect(checkTrackingEvent(event, receipt, sent)).toMatchObject({ ok: true });
    const other = prepareBallot(e.decoded, e.hash, 'board', [0, 1, 0, 0], credentials).body;
    expect(checkTrackingEvent(event, receipt, other)).toMatchObject({ ok: false, reason: 'event_mismatch' });
    expect(checkTrackingEvent({ ...event, at: '2026-03-01T12:06:00.000Z' }, receipt, sent)).toMatchObject({ ok: false, reason: 'event_mismatch' });
    expect(checkTrackingEvent(event, { ...receipt, position: 2 }, sent)).toMatchObject({ ok: false, reason: 'event_mismatch' });
    expect(checkTrackingEvent({ ...event, kind: 'close' }, receipt, sent)).toMatchObject({ ok: false, reason: 'malformed_event' });
  });
});
