/**
 * Attack regression (issue 12; docs/voting-protocol.md "Who must collude to do what", row
 * "link an association to its ballot"): whoever reads the database that holds the ballots
 * finds nothing there that reads the order or the time of token issuance. Tokens are
 * requested and signed through the relay, whose rows live in a database of its own; the
 * ballots' database gains not one row, in any table, while every association obtains its
 * token, so neither `xmin`, `ctid` nor any column of it can pair an issuance with a ballot.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { loadManifest, obtainTestTokens } from '../helpers/issuance.js';
import { movePhase } from '../helpers/model-case.js';
import { openVotingElection, type VotingElection } from '../helpers/voting.js';
import { contestBallotDigest, contestBallotToJSON, ballotContext, encryptContest } from '../../src/crypto/ballot.js';
import { signBallot } from '../../src/crypto/ballot-signature.js';
import { toHex } from '../../src/crypto/group.js';
import { issuedTokenToJSON } from '../../src/crypto/issued-token.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });
let t: TestApp;
let v: VotingElection;

beforeAll(async () => {
  t = await createTestApp();
  v = await openVotingElection(t, { plwha: 6, tb: 6 }, 'unl', undefined, { tokenWindow: true });
});
afterAll(async () => t?.close());

/** Every table of a database's public schema with its columns. */
async function columns(db: TestApp['database']['db'] | TestApp['relayDb']): Promise<Map<string, string[]>> {
  const rows = (await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`.execute(db)).rows;
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), r.column_name]);
  return out;
}

/** Per table of the ballots' database: its row count and the largest transaction id that wrote a row. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of (await columns(t.database.db)).keys()) {
    const r = (await sql<{ n: number; x: string | null }>`select count(*)::int as n, max(xmin::text::bigint)::text as x from ${sql.table(table)}`.execute(t.database.db)).rows[0]!;
    out[table] = `${r.n} rows, last xmin ${r.x}`;
  }
  return out;
}

describe('the ballots\' database cannot link an association to its ballot', () => {
  it('no table or column of it holds issuance: not one row is written while every association obtains its token', async () => {
    const schema = await columns(t.database.db);
    const names = [...schema.entries()].flatMap(([table, cols]) => [table, ...cols.map((c) => `${table}.${c}`)]);
    // Neither the retired tables nor the relay's live here.
    for (const n of names) expect(n).not.toMatch(/issuance|token_request|blind_signature|blinded/);
    const relay = await columns(t.relayDb);
    expect([...relay.keys()].sort()).toEqual(expect.arrayContaining(['blind_signatures', 'token_requests']));
    for (const table of relay.keys()) if (!table.startsWith('relay_migrations')) expect(schema.has(table)).toBe(false);

    const before = await snapshot();
    const manifest = await loadManifest(t, v.electionId);
    const asks = (['plwha', 'tb'] as const).flatMap((c) => v.rolls[c]!.map((who) => ({ contestId: v.contests[c]!, who })));
    const tokens = await obtainTestTokens(t, v, asks, undefined, manifest);
    expect(tokens).toHaveLength(12);
    expect(await snapshot()).toEqual(before);
    expect((await t.relay.counts(v.electionId)).reduce((s, c) => s + c.requested, 0)).toBe(12);

    // Casting opens; the ballots arrive in another order. Only the ballots and the board change.
    const open = await t.call('GET', `/elections/${v.electionId}/phase`);
    expect(open.json().next).toBe('voting');
    await movePhase(t, v, 'voting');
    const afterOpen = await snapshot();
    const hash = manifest.hash;
    for (const k of [...tokens.keys()].reverse()) {
      const { token, ballotKeys } = tokens[k]!;
      const contest = manifest.decoded.contests.get(token.contestId)!;
      const K = manifest.decoded.jointPublicKey;
      const ctx = ballotContext({ manifestHash: hash, publicKey: K, contestId: token.contestId, ballotPublicKey: token.ballotPublicKey });
      const { ballot } = encryptContest(ctx, K, contest.candidateIds.map((_, i) => (i === 0 ? 1 : 0)), contest.contest.maxSelections);
      const r = await t.call('POST', `/elections/${v.electionId}/ballots`, {
        body: { contestId: token.contestId, token: issuedTokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(ballotKeys.secretKey, contestBallotDigest(ballot))) },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const afterVotes = await snapshot();
    const changed = Object.keys(afterVotes).filter((table) => afterVotes[table] !== afterOpen[table]).sort();
    expect(changed).toEqual(['ballots', 'board_events']);
    // The ballots' rows carry no association and no time.
    expect(schema.get('ballots')).toEqual(['id', 'election_id', 'contest_id', 'ballot_public_key', 'tracking_code', 'board_seq', 'body']);
  });
});
