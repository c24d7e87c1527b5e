/**
 * Ballot secrecy (DESIGN.md §6): after an election, no table row, no log line and no API
 * response joins an association to a ballot. The schema makes it impossible (the
 * issuance log has no token column, the ballots table no association column), and the
 * logs carry no client address. Casting goes over a real socket so the logger sees one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ballotContext, contestBallotDigest, contestBallotToJSON, encryptContest } from '../../src/crypto/ballot.js';
import { signBallot } from '../../src/crypto/ballot-signature.js';
import { fromHex, pointFromHex, toHex } from '../../src/crypto/group.js';
import { finalizeToken, issuanceKeyFromJSON, requestToken, tokenToJSON } from '../../src/crypto/voting-token.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openVotingElection, type VotingElection, tokenRequestBody } from '../helpers/voting.js';

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

beforeAll(async () => {
  t = await createTestApp({ logLines });
  v = await openVotingElection(t, { plwha: 12, tb: 4 }, 's');
  associationIds = [...v.rolls.plwha!, ...v.rolls.tb!].map((a) => a.id);
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { manifest, hash } = (await http('GET', `/elections/${v.electionId}/manifest`)).json;
  const K = pointFromHex(manifest.jointPublicKey);
  for (const [c, roll] of Object.entries(v.rolls)) {
    const contest = manifest.contests.find((x: { constituency: string }) => x.constituency === c);
    const key = issuanceKeyFromJSON(contest.issuanceKey);
    for (const [i, a] of roll.entries()) {
      const req = requestToken(key, v.electionId, contest.id);
      const issued = await http('POST', `/elections/${v.electionId}/contests/${contest.id}/tokens`, tokenRequestBody(v.electionId, contest.id, a, req.blindedMessage), a.token);
      const fin = await finalizeToken(key, req, fromHex(issued.json.blindSignature));
      if (!fin.ok) throw new Error(fin.reason);
      const ctx = ballotContext({ manifestHash: fromHex(hash), publicKey: K, contestId: contest.id, ballotPublicKey: fin.value.ballotPublicKey });
      const choices = contest.candidates.map((_: unknown, k: number) => (k === i % contest.candidates.length ? 1 : 0));
      const { ballot } = encryptContest(ctx, K, choices, contest.maxSelections);
      const r = await http('POST', `/elections/${v.electionId}/ballots`, {
        contestId: contest.id, token: tokenToJSON(fin.value), ballot: contestBallotToJSON(ballot),
        signature: toHex(signBallot(req.ballotKeys.secretKey, contestBallotDigest(ballot))),
      });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      expect(r.headers.get('set-cookie')).toBeNull();
      secrets.push(toHex(fin.value.ballotPublicKey), toHex(fin.value.signature), r.json.trackingCode);
    }
  }
  await http('GET', `/elections/${v.electionId}/board?from=0&limit=500`);
});
afterAll(async () => t?.close());

const mentionsBallot = (s: string) => secrets.some((x) => s.includes(x));
const mentionsAssociation = (s: string) => associationIds.some((x) => s.includes(x));

describe('secrecy of the vote', () => {
  it('the schema cannot join an association to a ballot', async () => {
    const cols = async (table: string) => (await sql<{ c: string }>`SELECT column_name AS c FROM information_schema.columns WHERE table_name = ${table} ORDER BY column_name`.execute(t.database.db)).rows.map((r) => r.c);
    // No time either: issuance times beside the ballots' arrival would pair them. The
    // association's signed request names only the SHA-256 of the *blinded* message, which
    // the blind signature makes unlinkable to the token a ballot carries.
    expect(await cols('token_issuance')).toEqual(['association_id', 'blinded_message_hash', 'contest_id', 'public_key', 'signature']);
    const ballotCols = await cols('ballots');
    expect(ballotCols.some((c) => c.includes('association') || c.includes('account'))).toBe(false);
  });

  it('no table row holds both an association and anything of a ballot', async () => {
    const tables = (await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.database.db)).rows.map((r) => r.t);
    let ballotRows = 0;
    for (const table of tables) {
      const rows = (await sql<{ j: unknown }>`SELECT to_jsonb(x) AS j FROM ${sql.table(table)} x`.execute(t.database.db)).rows;
      for (const { j } of rows) {
        const text = JSON.stringify(j);
        if (mentionsBallot(text)) {
          ballotRows++;
          expect(mentionsAssociation(text), `${table}: ${text.slice(0, 200)}`).toBe(false);
        }
      }
    }
    expect(ballotRows).toBeGreaterThanOrEqual(32); // 16 ballots and 16 board events at least
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
