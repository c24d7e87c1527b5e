/**
 * An issuer's log of a large contest (≈ 700 bytes per association) is far above the
 * server's default body limit (1 MiB, ≈ 1,400 associations): the route takes up to
 * MAX_ISSUER_LOG_BODY_BYTES (256 MiB), from a registered issuer of the election only. The
 * session and the issuer are checked before the body is read: anyone else is refused while
 * the body is still on its way, and a body above the limit is refused by its length.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type IssuerLog, MAX_ISSUER_LOG_BODY_BYTES, signIssuerLog } from '../../src/record/issuer-statements.js';
import { toHex } from '../../src/crypto/group.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/client-election.js';
import { openVotingElection, testIssuerKeysOf, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });
let t: TestApp;
let v: VotingElection;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  v = await openVotingElection(t, { plwha: 2, tb: 2 }, 'ilsz');
  base = await listen(t);
});
afterAll(async () => t?.close());

const hex = (bytes: number) => toHex(randomBytes(bytes));

/** Issuer `member`'s signed log of the PLWHA contest with `n` entries (well formed, in associationId order). */
function bigLog(member: number, n: number): { log: IssuerLog; signature: string } {
  const contestId = v.contests.plwha!;
  const keyIds = [0, 1].map((j) => toHex(testIssuerKeysOf(v, j).get(contestId)!.publicKey.keyId)).sort();
  const ids = Array.from({ length: n }, () => randomUUID()).sort();
  const log: IssuerLog = {
    electionId: v.electionId, contestId, memberId: v.memberIds[member]!,
    keyId: toHex(testIssuerKeysOf(v, member).get(contestId)!.publicKey.keyId),
    entries: ids.map((associationId) => ({
      request: { electionId: v.electionId, contestId, associationId, blindedMessages: keyIds.map((keyId) => ({ keyId, blindedMessageHash: hex(32) })) },
      publicKey: hex(32), signature: hex(64),
    })),
  };
  return { log, signature: signIssuerLog(v.memberAccounts[member]!.signingSecretKey, log) };
}

/**
 * A POST over a real connection announcing `length` bytes of body but sending only its first
 * few: the answer comes only if the server decides without reading the body.
 */
function announce(path: string, length: number, token?: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(length), ...(token && { authorization: `Bearer ${token}` }) },
    });
    const timer = setTimeout(() => { req.destroy(); reject(new Error('no answer before the body was sent')); }, 30_000);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => { clearTimeout(timer); req.destroy(); resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }); });
    });
    req.on('error', (e) => { clearTimeout(timer); reject(e); });
    req.write('{"log":{"entries":[');
  });
}

describe('a large issuer log', () => {
  const url = () => `/elections/${v.electionId}/issuer-logs`;

  it('is refused, unread, to a client without a session (401) and to a committee member who is no issuer (403), in both languages', async () => {
    const anonymous = await announce(url(), 200 * 1024 * 1024);
    expect(anonymous.status, anonymous.body).toBe(401);
    expect(anonymous.type).toMatch(/^application\/problem\+json/);
    const notIssuer = await announce(url(), 200 * 1024 * 1024, v.members[2]);
    expect(notIssuer.status, notIssuer.body).toBe(403);
    expect(notIssuer.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(notIssuer.body)).toMatchObject({ code: 'forbidden', i18n: { es: { title: expect.any(String) }, en: { title: expect.any(String) } } });
    // Whole bodies through inject: 2 MiB that are not even JSON are never parsed for them.
    const junk = '['.repeat(2 * 1024 * 1024);
    const headers = { 'content-type': 'application/json' };
    const a = await t.app.inject({ method: 'POST', url: url(), headers, payload: junk });
    expect(a.statusCode, a.body).toBe(401);
    const b = await t.app.inject({ method: 'POST', url: url(), headers: { ...headers, authorization: `Bearer ${v.members[2]}` }, payload: junk });
    expect(b.statusCode, b.body).toBe(403);
    const badId = await t.app.inject({ method: 'POST', url: '/elections/not-a-uuid/issuer-logs', headers: { ...headers, authorization: `Bearer ${v.members[0]}` }, payload: junk });
    expect(badId.statusCode, badId.body).toBe(400);
    expect(badId.json().code).toBe('validation_failed');
  });

  it('above the route\'s limit is refused by its announced length, 413 problem+json, even from the issuer', async () => {
    const big = await announce(url(), MAX_ISSUER_LOG_BODY_BYTES + 1, v.members[0]);
    expect(big.status, big.body).toBe(413);
    expect(big.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(big.body)).toMatchObject({ code: 'body_too_large', i18n: { es: { title: 'Solicitud demasiado grande' }, en: { title: 'Request too large' } } });
  });

  it('above the default 1 MiB is taken from the issuer, whole, and goes on the board', async () => {
    const body = bigLog(0, 3000);
    const size = Buffer.byteLength(JSON.stringify(body));
    expect(size).toBeGreaterThan(2 * 1024 * 1024);
    const posted = await t.call('POST', url(), { token: v.members[0], body });
    expect(posted.statusCode, posted.body).toBe(201);
    const events = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events.filter((e: { kind: string }) => e.kind === 'issuer_log');
    expect(events).toHaveLength(1);
    expect(events[0].payload.log.entries).toHaveLength(3000);
    expect(events[0].payload.signature).toBe(body.signature);
    // Once: the same log again is 409, found without reading the logs on the board.
    const again = await t.call('POST', url(), { token: v.members[0], body });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().code).toBe('already_posted');
    // A tampered large log is refused by its signature.
    const other = bigLog(1, 2000);
    const tampered = await t.call('POST', url(), { token: v.members[1], body: { ...other, log: { ...other.log, entries: other.log.entries.slice(1) } } });
    expect(tampered.statusCode, tampered.body).toBe(400);
  });
});
