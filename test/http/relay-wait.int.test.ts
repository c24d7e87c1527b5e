/**
 * The relay's long polls (issue 12; src/domain/long-poll.ts): `POST /issuance/status` and
 * `POST /issuance/pending` with `wait` hold the ask until there is more than `seen` (so does
 * the token request itself, `POST /issuance/requests`), so an
 * association's wait and an issuer's end when the signatures or the requests exist, not
 * at their next poll. Shown: the bounds of `wait` and `seen` (400 problem+json beyond
 * them); a held ask answers with what was stored after it was sent, also when another
 * API process on the same relay database stored it (a second app here, whose writes do
 * not wake this one's held asks: only re-reading the database finds them); a closing
 * server ends its held asks. Nothing here reads a clock: what an answer holds shows that
 * the ask was held until the write (only the close test has a time limit, 20 s, under the
 * 25 s a held ask would otherwise last).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { issueOnce, issuerView, type IssuerLogBook } from '../../src/client/issuer.js';
import { fetchManifest, type LoadedManifest } from '../../src/client/manifest.js';
import { beginIssuedToken } from '../../src/client/voter.js';
import { buildApp } from '../../src/http/app.js';
import { createTestApp, TEST_JWT_SECRET, TEST_PASSWORD_COST, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/client-election.js';
import { openVotingElection, testIssuerKeysOf, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 300_000 });
let t: TestApp;
let v: VotingElection;
let base: string;
let m: LoadedManifest;
/** A second API on the same databases, as a second process would be: its writes do not wake the first one's held asks. */
let other: FastifyInstance;
let otherClosed = false;

beforeAll(async () => {
  t = await createTestApp();
  v = await openVotingElection(t, { plwha: 4, tb: 1 }, 'rwt');
  base = await listen(t);
  other = await buildApp({ store: t.store, relay: t.relay, jwtSecret: TEST_JWT_SECRET, accessTokenSeconds: 900, passwordCost: TEST_PASSWORD_COST, loginRateLimit: 10_000, bodyLimit: 1_048_576 });
  const r = await fetchManifest(new ApiClient({ baseUrl: base }), v.electionId);
  if (!r.ok) throw new Error(r.reason);
  m = r;
});
afterAll(async () => {
  if (!otherClosed) await other?.close();
  await t?.close();
});

const association = (i: number) => v.rolls.plwha![i]!;
const signerOf = (i: number) => ({ associationId: association(i).id, secretKey: association(i).account.signingSecretKey });
const books: IssuerLogBook[] = [new Map(), new Map()];

/** One batch of issuer `member` through `baseUrl` (the first app's or the other's). */
async function batchOf(member: number, baseUrl: string) {
  const board = await fetchBoard(new ApiClient({ baseUrl }), v.electionId);
  if (!board.ok) throw new Error(board.reason);
  return issueOnce(new ApiClient({ baseUrl, token: v.members[member]! }), issuerView(m.decoded, board.events), v.memberIds[member]!, testIssuerKeysOf(v, member), books[member]!);
}

async function ask(i: number): Promise<void> {
  const r = await t.call('POST', '/issuance/requests', { token: association(i).token, body: beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(i)).body });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().blindSignatures).toEqual([]);
}

describe('the relay holds an ask until there is something new', () => {
  it('bounds wait (0 to 25 s) and seen: anything else is 400 problem+json, in Spanish and English', async () => {
    const status = { electionId: v.electionId, contestId: v.contests.plwha };
    for (const bad of [{ wait: 26 }, { wait: -1 }, { wait: '5' }, { wait: null }, { seen: -1 }, { seen: 17 }, { seen: 0.5 }]) {
      const r = await t.call('POST', '/issuance/status', { token: association(0).token, body: { ...status, ...bad } });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().code).toBe('validation_failed');
    }
    for (const bad of [{ wait: 25.5 }, { wait: 'forever' }, { seen: 1001 }, { seen: -2 }]) {
      const r = await t.call('POST', '/issuance/pending', { token: v.members[0], body: { electionId: v.electionId, ...bad }, headers: { 'accept-language': 'en' } });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().code).toBe('validation_failed');
    }
  });

  it('an issuer\'s held ask answers with the request posted after it was sent; seen counts the ones it already knows', async () => {
    const known = (await t.call('POST', '/issuance/pending', { token: v.members[0], body: { electionId: v.electionId } })).json().requests.length as number;
    const held = t.call('POST', '/issuance/pending', { token: v.members[0], body: { electionId: v.electionId, wait: 25, seen: known } });
    await ask(0);
    const r = await held;
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().requests.map((x: { associationId: string }) => x.associationId)).toContain(association(0).id);
    expect(r.json().requests).toHaveLength(known + 1);
  });

  it('an association\'s held ask answers with the signatures stored after it was sent, through this API or another on the same relay database', async () => {
    const status = { electionId: v.electionId, contestId: v.contests.plwha };
    // Stored through this API: the write wakes the held ask.
    const first = t.call('POST', '/issuance/status', { token: association(0).token, body: { ...status, wait: 25 } });
    expect((await batchOf(0, base)).signed).toBe(1);
    expect((await first).json().blindSignatures).toHaveLength(1);
    // Stored through the other API: only this one's re-reads of the relay database find it.
    const otherBase = await other.listen({ host: '127.0.0.1', port: 0 });
    const second = t.call('POST', '/issuance/status', { token: association(0).token, body: { ...status, wait: 25, seen: 1 } });
    expect((await batchOf(1, otherBase)).signed).toBe(1);
    const r = await second;
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().blindSignatures).toHaveLength(2);
    // With as many as seen, and no wait, the answer is at once and the same.
    const now = await t.call('POST', '/issuance/status', { token: association(0).token, body: { ...status, seen: 2 } });
    expect(now.json().blindSignatures).toEqual(r.json().blindSignatures);
  });

  it('a token request with wait is itself held until it has more than seen signatures: one round trip for the token', async () => {
    const known = (await t.call('POST', '/issuance/pending', { token: v.members[0], body: { electionId: v.electionId } })).json().requests.length as number;
    // The issuer's held ask is woken by the request's write, though the request's own answer is still held.
    const pending = t.call('POST', '/issuance/pending', { token: v.members[0], body: { electionId: v.electionId, wait: 25, seen: known } });
    const body = beginIssuedToken(m.decoded, v.contests.plwha!, signerOf(2)).body;
    const held = t.call('POST', '/issuance/requests', { token: association(2).token, body: { ...body, wait: 25, seen: 1 } });
    expect((await pending).json().requests.map((x: { associationId: string }) => x.associationId)).toContain(association(2).id);
    // One signature is not more than seen (1): the answer waits for the second issuer's.
    expect((await batchOf(0, base)).signed).toBe(1);
    expect((await batchOf(1, base)).signed).toBe(1);
    const r = await held;
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().blindSignatures.map((x: { keyId: string }) => x.keyId)).toHaveLength(2);
    // The same request again, without wait: the same signatures, at once.
    const again = await t.call('POST', '/issuance/requests', { token: association(2).token, body });
    expect(again.json().blindSignatures).toEqual(r.json().blindSignatures);
    // wait and seen are bounded as on the status ask.
    for (const bad of [{ wait: 26 }, { seen: 17 }, { seen: -1 }]) {
      const b = await t.call('POST', '/issuance/requests', { token: association(2).token, body: { ...body, ...bad } });
      expect(b.statusCode, JSON.stringify(bad)).toBe(400);
      expect(b.json().code).toBe('validation_failed');
    }
  });

  it('a closing server answers its held asks with what it has, rather than keeping the close waiting', async () => {
    await ask(1);
    const status = { electionId: v.electionId, contestId: v.contests.plwha };
    const held = other.inject({ method: 'POST', url: '/issuance/status', headers: { authorization: `Bearer ${association(1).token}` }, payload: { ...status, wait: 25 } });
    const heldPending = other.inject({ method: 'POST', url: '/issuance/pending', headers: { authorization: `Bearer ${v.members[0]}` }, payload: { electionId: v.electionId, wait: 25, seen: 1 } });
    // Nothing new will come for either: only the close ends them before their 25 s (the test's limit is 20 s).
    await other.close();
    otherClosed = true;
    const [r, p] = await Promise.all([held, heldPending]);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().blindSignatures).toEqual([]);
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json().requests.map((x: { associationId: string }) => x.associationId)).toEqual([association(1).id]);
  }, 20_000);
});
