/**
 * Ballot secrecy (DESIGN.md §6): after an election, no table row, no log line and no API
 * response joins an association to a ballot. The schema makes it impossible (the token
 * requests and blind signatures live in the relay's own database, over blinded messages
 * only; the ballots table has no association column), and the logs carry no client address. Casting goes over a real socket so the logger sees one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ApiClient } from '../../src/client/api.js';
import { beginIssuedToken, collectIssuedToken } from '../../src/client/voter.js';
import { ballotContext, contestBallotDigest, contestBallotToJSON, encryptContest } from '../../src/crypto/ballot.js';
import { signBallot } from '../../src/crypto/ballot-signature.js';
import { fromHex, pointFromHex, toHex } from '../../src/crypto/group.js';
import { issuedTokenToJSON } from '../../src/crypto/issued-token.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { loadManifest, runTestIssuers } from '../helpers/issuance.js';
import { openVotingElection, type VotingElection } from '../helpers/voting.js';

const logLines: string[] = [];
const responses: string[] = [];
const secrets: string[] = []; // ballot keys, tracking codes, token signatures
let t: TestApp;
let v: VotingElection;
let base: string;
let associationIds: string[];

async function http(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<{ status: number; json: any; headers: Headers }> {
  const r = await fetch(`${base}${path}`, {
    method, credentials: 'omit',
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  responses.push(text);
  return { status: r.status, json: text ? JSON.parse(text) : null, headers: r.headers };
}

/** An association's API client over the socket, every response kept for the checks below. */
const recording: typeof fetch = async (input, init) => {
  const r = await fetch(input, init);
  responses.push(await r.clone().text());
  return r;
};
const client = (token: string) => new ApiClient({ baseUrl: base, token, fetch: recording });

beforeAll(async () => {
  t = await createTestApp({ logLines });
  v = await openVotingElection(t, { plwha: 12, tb: 4 }, 's');
  associationIds = [...v.rolls.plwha!, ...v.rolls.tb!].map((a) => a.id);
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { manifest, hash } = (await http('GET', `/elections/${v.electionId}/manifest`)).json;
  const loaded = await loadManifest(undefined, v.electionId, base);
  const K = pointFromHex(manifest.jointPublicKey);
  // Every association asks the issuers through the relay; the issuers answer; each collects its token.
  const asked = [];
  for (const [c, roll] of Object.entries(v.rolls)) {
    const contest = manifest.contests.find((x: { constituency: string }) => x.constituency === c);
    for (const [i, a] of roll.entries()) {
      const attempt = beginIssuedToken(loaded.decoded, contest.id, { associationId: a.id, secretKey: a.account.signingSecretKey });
      await client(a.token).post('/issuance/requests', attempt.body);
      asked.push({ contest, i, a, attempt });
    }
  }
  expect(await runTestIssuers(undefined, v, loaded, base)).toBe(2 * asked.length);
  for (const { contest, i, a, attempt } of asked) {
    const got = await collectIssuedToken(client(a.token), loaded.decoded, attempt, { attempts: 1 });
    if (!got.ok) throw new Error(`${got.reason} ${got.detail}`);
    const ctx = ballotContext({ manifestHash: fromHex(hash), publicKey: K, contestId: contest.id, ballotPublicKey: got.token.ballotPublicKey });
    const choices = contest.candidates.map((_: unknown, k: number) => (k === i % contest.candidates.length ? 1 : 0));
    const { ballot } = encryptContest(ctx, K, choices, contest.maxSelections);
    const r = await http('POST', `/elections/${v.electionId}/ballots`, {
      contestId: contest.id, token: issuedTokenToJSON(got.token), ballot: contestBallotToJSON(ballot),
      signature: toHex(signBallot(got.ballotKeys.secretKey, contestBallotDigest(ballot))),
    });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.headers.get('set-cookie')).toBeNull();
    secrets.push(toHex(got.token.ballotPublicKey), ...got.token.signatures.map((x) => toHex(x.signature)), r.json.trackingCode);
  }
  await http('GET', `/elections/${v.electionId}/board?from=0&limit=500`);
});
afterAll(async () => t?.close());

const mentionsBallot = (s: string) => secrets.some((x) => s.includes(x));
const mentionsAssociation = (s: string) => associationIds.some((x) => s.includes(x));

describe('secrecy of the vote', () => {
  it('the schema cannot join an association to a ballot', async () => {
    const tables = async (db: typeof t.database.db | typeof t.relayDb) => (await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.t);
    const cols = async (db: typeof t.database.db | typeof t.relayDb, table: string) => (await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = ${table} ORDER BY column_name`.execute(db)).rows.map((r) => r.c);
    // The ballots' database keeps nothing of issuance; the ballots no association.
    expect((await tables(t.database.db)).filter((x) => /token|issuance|blind/.test(x))).toEqual([]);
    expect((await cols(t.database.db, 'ballots')).some((c) => c.includes('association') || c.includes('account'))).toBe(false);
    // The relay's database keeps the associations' signed requests and the issuers' blind
    // signatures, over blinded messages only (unlinkable to the token a ballot carries),
    // with no time (issuance times beside the ballots' arrival would pair them) and no ballot.
    expect((await tables(t.relayDb)).sort()).toEqual(expect.arrayContaining(['blind_signatures', 'token_requests']));
    expect((await tables(t.relayDb)).filter((x) => /ballot/.test(x))).toEqual([]);
    expect(await cols(t.relayDb, 'token_requests')).toEqual(['association_id', 'blinded', 'contest_id', 'election_id', 'public_key', 'request', 'signature']);
    expect(await cols(t.relayDb, 'blind_signatures')).toEqual(['association_id', 'blind_signature', 'contest_id', 'key_id']);
  });

  it('no table row holds both an association and anything of a ballot, in either database', async () => {
    let ballotRows = 0;
    let relayRows = 0;
    for (const db of [t.database.db, t.relayDb] as const) {
      const tables = (await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db)).rows.map((r) => r.t);
      for (const table of tables) {
        const rows = (await sql<{ j: unknown }>`SELECT to_jsonb(x) AS j FROM ${sql.table(table)} x`.execute(db)).rows;
        for (const { j } of rows) {
          const text = JSON.stringify(j);
          if (db === t.relayDb) relayRows++;
          if (mentionsBallot(text)) {
            ballotRows++;
            expect(mentionsAssociation(text), `${table}: ${text.slice(0, 200)}`).toBe(false);
          }
        }
      }
    }
    expect(ballotRows).toBeGreaterThanOrEqual(32); // 16 ballots and 16 board events at least
    expect(relayRows).toBeGreaterThanOrEqual(48); // 16 requests, 32 blind signatures: looked at, none with a ballot's material
  });

  it('no board event holds both an association and a ballot', async () => {
    const { events } = (await http('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json;
    const ballots = events.filter((e: { kind: string }) => e.kind === 'ballot');
    expect(ballots).toHaveLength(16);
    for (const e of events) {
      const text = JSON.stringify(e);
      if (mentionsBallot(text)) expect(mentionsAssociation(text), text.slice(0, 200)).toBe(false);
    }
  });

  it('no API response joins them, outside the board pages checked per event', async () => {
    const nonBoard = responses.filter((r) => !r.startsWith('{"events"'));
    for (const r of nonBoard) if (mentionsBallot(r)) expect(mentionsAssociation(r), r.slice(0, 200)).toBe(false);
  });

  it('the logs hold no ballot material, no token and no client address', async () => {
    expect(logLines.length).toBeGreaterThan(32);
    const casts = logLines.filter((l) => l.includes('/ballots'));
    expect(casts.length).toBeGreaterThanOrEqual(16);
    // The server's own listening address is the one address a log line may name.
    for (const line of logLines.filter((l) => !l.includes('"msg":"Server listening at'))) {
      expect(mentionsBallot(line), line).toBe(false);
      expect(line, line).not.toMatch(/remoteAddress|remotePort|127\.0\.0\.1|"ip"|authorization|Bearer/i);
    }
  });
});
