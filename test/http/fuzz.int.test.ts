/**
 * Fuzz: thousands of generated bad requests across every operation of the API's own
 * OpenAPI document (test/helpers/fuzz-requests.ts), with one election in each phase from
 * draft to published. Each must be answered without a 5xx, every error as
 * application/problem+json, every write refused; and nothing may change: the contents of
 * every table and the board's chain are the same after each phase's barrage as before.
 * Deterministic: a fixed seed, and the election is driven the same way each time.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardEvent } from '../../src/record/board.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createStaffAccount } from '../helpers/accounts.js';
import { type ClientElection, castWithClient, changePhaseWithClient, listen, runClientCeremony } from '../helpers/client-election.js';
import {
  type FuzzContext, type FuzzRequest, type Operation, type Replay, type Schema, badRequests, isSecret, opKey, operationsOf,
} from '../helpers/fuzz-requests.js';
import { createModelElection, decide, movePhase, registerAssociations, type ModelElection, type RegisteredAssociation } from '../helpers/model-case.js';
import { acknowledgeSmallRoll, registerTestIssuers } from '../helpers/voting.js';
import { PHASES } from '../../src/domain/reference.js';
import { decryptTally } from '../../src/client/trustee.js';
import { ApiClient } from '../../src/client/api.js';

const SEED = 0x5eed_2026;
/** 8 phases × 640: more than 5,000 requests. */
const RUNS_PER_PHASE = 640;
const ROLES = ['admin', 'committee', 'association', 'auditor'] as const;

let t: TestApp;
let baseUrl: string;
let doc: Parameters<typeof operationsOf>[0];
let ops: Operation[];
let m: ModelElection;
let election: ClientElection;
const tokens: Record<string, string[]> = {};
const roles = new Map<string, string[]>();
const replays = new Map<string, Replay[]>();
const ids: Record<string, string[]> = { elections: [], associations: [], applications: [], proposals: [], contests: [], tracking: [], candidates: [], complaints: [] };
let plwha: RegisteredAssociation[];
let tb: RegisteredAssociation[];
let sent = 0;
let lastDigest: Record<string, string> = {};
/** The app's log of the request under way: a 5xx is reported with the error it logged. */
const logLines: string[] = [];

/** Every table's row count and a hash of its rows, by name: what "nothing written" compares. */
async function tableDigest(): Promise<Record<string, string>> {
  const db = t.database.db;
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(db);
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; h: string | null }>`SELECT count(*)::int AS n, md5(string_agg(x::text, E'\n' ORDER BY x::text)) AS h
      FROM ${sql.table(name)} x`.execute(db);
    out[name] = `${r.rows[0]!.n} ${r.rows[0]!.h ?? ''}`;
  }
  return out;
}

async function boardOf(electionId: string): Promise<{ events: BoardEvent[]; head: unknown }> {
  const events: BoardEvent[] = [];
  for (;;) {
    const page = (await t.call('GET', `/elections/${electionId}/board?from=${events.length}&limit=500`)).json();
    events.push(...page.events);
    if (page.events.length < 500) return { events, head: page.head };
  }
}

/** The roles each protected operation admits: a role it refuses gets 403 before the request is even parsed. */
async function probeRoles(): Promise<void> {
  for (const op of ops.filter((o) => o.secured)) {
    const allowed: string[] = [];
    for (const role of ROLES) {
      const url = op.path.replace(/\{(\w+)\}/g, 'not-a-uuid');
      const r = await t.app.inject({
        method: op.method as 'GET', url, headers: { authorization: `Bearer ${tokens[role]![0]}`, ...(op.method !== 'GET' && { 'content-type': 'application/json' }) },
        ...(op.method !== 'GET' && { payload: '{' }),
      });
      expect(r.statusCode, `${opKey(op)} as ${role}: ${r.body}`).toBeLessThan(500);
      if (r.statusCode !== 403) allowed.push(role);
    }
    expect(allowed.length, `${opKey(op)} admits no role`).toBeGreaterThan(0);
    roles.set(opKey(op), allowed);
  }
}

function context(): FuzzContext {
  const uuids = [...new Set([...Object.values(ids).flat().filter((x) => x.length === 36), ...m.memberIds])];
  return { ids, uuids, tokens, roles, replays };
}

function addReplay(method: string, path: string, r: Replay): void {
  const key = `${method} ${path}`;
  replays.set(key, [...(replays.get(key) ?? []), r]);
}

/** One request: answered, never with a 5xx, an error always as a problem, a write always refused. */
async function send(req: FuzzRequest): Promise<void> {
  sent++;
  logLines.length = 0;
  const r = await t.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload !== undefined && { payload: req.payload }) });
  const what = `${req.method} ${req.url.slice(0, 120)} [${req.fault}] → ${r.statusCode} ${r.body.slice(0, 300)}`;
  if (r.statusCode >= 500) {
    const logged = logLines.map((l) => JSON.parse(l) as { err?: { message?: string; stack?: string } }).find((l) => l.err)?.err;
    throw new Error(`5xx: ${what}\n${logged?.stack ?? logged?.message ?? ''}`);
  }
  if (r.statusCode >= 400 && !/^application\/problem\+json/.test(String(r.headers['content-type']))) throw new Error(`not a problem: ${what}`);
  if (req.method !== 'GET' && r.statusCode < 400) throw new Error(`a bad write was accepted: ${what}`);
}

/** The barrage for the election as it stands; the tables and the board must be as they were. */
async function barrage(phase: string): Promise<void> {
  const current = (await t.call('GET', `/elections/${m.electionId}`)).json().phase;
  expect(current).toBe(phase);
  const before = await tableDigest();
  expect(Object.keys(before)).toEqual(expect.arrayContaining(['accounts', 'audit_log', 'ballots', 'board_events', 'elections']));
  // The digest sees writes: the steps that brought the election here changed it.
  expect(before).not.toEqual(lastDigest);
  const boardBefore = await boardOf(m.electionId);
  const ctx = context();
  await fc.assert(fc.asyncProperty(badRequests(doc, ops, ctx), send), {
    seed: SEED + PHASES.indexOf(phase as never), numRuns: RUNS_PER_PHASE, endOnFailure: true,
  });
  expect(await boardOf(m.electionId)).toEqual(boardBefore);
  lastDigest = await tableDigest();
  expect(lastDigest).toEqual(before);
}

beforeAll(async () => {
  t = await createTestApp({ logLines });
  baseUrl = await listen(t);
  doc = (await t.call('GET', '/docs/json')).json();
  ops = operationsOf(doc);
  m = await createModelElection(t, undefined, 'fuzz', { tokenWindow: false });
  ids.elections!.push(m.electionId);
  ids.contests!.push(...Object.values(m.contests));
  const auditor = await createStaffAccount(t, m.adminToken, 'auditora@fuzz.test');
  plwha = await registerAssociations(t, m.adminToken, 3, 'plwha');
  tb = await registerAssociations(t, m.adminToken, 2, 'tb');
  ids.associations!.push(...[...plwha, ...tb].map((a) => a.id));
  tokens.admin = [m.adminToken];
  tokens.committee = m.members;
  tokens.association = [...plwha, ...tb].map((a) => a.token);
  tokens.auditor = [await auditor.token()];
  await probeRoles();
  // Every route of the document is fuzzed, and the generator can reach each (a sanity check on the document).
  expect(ops.length).toBeGreaterThan(30);
});

afterAll(async () => t?.close());

/**
 * Identifier strings of request bodies that no schema pins down, with why U+0000 cannot
 * reach storage through them.
 */
const UNPINNED_IDENTIFIERS: Record<string, string> = {
  contestId: 'a cast or a trustee\'s shares name a contest of the frozen manifest; any other text is refused before anything is stored',
  electionId: 'a token names the election of the route it is cast to; any other text is refused before anything is stored',
};

describe('the request schemas', () => {
  it('every text field of every request body refuses U+0000 and lone surrogates by its schema (a secret or a listed identifier aside)', () => {
    const resolve = (s: Schema): Schema => (s.$ref ? doc.components!.schemas![s.$ref.split('/').pop()!]! : s);
    const unpinned: string[] = [];
    const walk = (s0: Schema, where: string, key: string | undefined): void => {
      const s = resolve(s0);
      for (const x of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) walk(x, where, key);
      for (const [k, p] of Object.entries(s.properties ?? {})) walk(p, `${where}/${k}`, k);
      if (s.items) walk(s.items, `${where}/*`, key);
      if (s.type !== 'string' || s.enum || s.const !== undefined || isSecret(key) || (key !== undefined && key in UNPINNED_IDENTIFIERS)) return;
      const refused = (x: string) => s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(x);
      if (!(refused('a\u0000b') && refused('a\ud800b') && refused('a\udc00b'))) unpinned.push(where);
    };
    for (const op of ops.filter((o) => o.body)) walk(op.body!, `${opKey(op)} body`, undefined);
    expect(unpinned).toEqual([]);
  });
});

describe('generated bad requests across every route of the OpenAPI document, in every phase', () => {
  it('draft', async () => {
    await barrage('draft');
  });

  it('accreditation', async () => {
    await movePhase(t, m, 'accreditation');
    for (const [a, contest] of [...plwha.map((x) => [x, 'plwha'] as const), ...tb.map((x) => [x, 'tb'] as const)]) {
      const r = await t.call('POST', `/elections/${m.electionId}/applications`, { token: a.token, body: { contestId: m.contests[contest] } });
      expect(r.statusCode, r.body).toBe(201);
      ids.applications!.push(r.json().id);
      // Applying again is refused.
      addReplay('POST', '/elections/{id}/applications', { params: { id: m.electionId }, token: a.token, body: { contestId: m.contests[contest] } });
    }
    // The last PLWHA association is rejected (it may appeal); the others are accredited.
    for (const [i, applicationId] of ids.applications!.entries()) {
      const reject = i === plwha.length - 1;
      await decide(t, m, { kind: 'accreditation_decision', applicationId, decision: reject ? 'reject' : 'accredit', ...(reject && { reason: 'Registro vencido' }) });
    }
    await barrage('accreditation');
  });

  it('nominations', async () => {
    await movePhase(t, m, 'nominations');
    const names = { plwha: ['María Condori', 'José Mamani', 'Lucía Ramos'], tb: ['Pedro Salazar', 'Elena Quispe'] };
    for (const [contest, roll] of [['plwha', plwha.slice(0, -1)], ['tb', tb]] as const) {
      for (const [i, fullName] of names[contest].entries()) {
        const r = await t.call('POST', `/elections/${m.electionId}/candidates`, {
          token: roll[i % roll.length]!.token, body: { contestId: m.contests[contest], fullName, employer: 'Base', implementsGlobalFund: false },
        });
        expect(r.statusCode, r.body).toBe(201);
        ids.candidates!.push(r.json().id);
        await decide(t, m, { kind: 'candidate_eligibility', candidateId: r.json().id, eligible: true });
      }
    }
    await barrage('nominations');
  });

  it('key_ceremony', async () => {
    await movePhase(t, m, 'key_ceremony');
    await barrage('key_ceremony');
  });

  it('voting', async () => {
    const trusteeSecrets = await runClientCeremony(baseUrl, m);
    const ceremony = (await t.call('GET', `/elections/${m.electionId}/ceremony`)).json();
    const tokenOfTrustee = (index: number) => m.members[m.memberIds.indexOf(ceremony.trustees[index - 1].memberId)]!;
    // The genuine signed registrations, as the board carries them: replayed, they are refused.
    const keyEvents = ((await t.call('GET', `/elections/${m.electionId}/board?limit=500`)).json().events as { kind: string; payload: { trustee: number; publicKey: unknown; signature: string } }[])
      .filter((e) => e.kind === 'trustee_key');
    for (const { payload: p } of keyEvents) addReplay('POST', '/elections/{id}/ceremony/keys', { params: { id: m.electionId }, token: tokenOfTrustee(p.trustee), body: { publicKey: p.publicKey, signature: p.signature } });
    for (const d of ceremony.dealings) addReplay('POST', '/elections/{id}/ceremony/dealings', { params: { id: m.electionId }, token: tokenOfTrustee(d.dealer), body: { dealing: d } });
    for (const token of m.members) addReplay('POST', '/elections/{id}/ceremony/verifications', { params: { id: m.electionId }, token, body: { complaints: [] } });
    await acknowledgeSmallRoll(t, m, 'plwha');
    await acknowledgeSmallRoll(t, m, 'tb');
    await registerTestIssuers(t, m);
    await changePhaseWithClient(baseUrl, m, 'voting');
    const candidates = (await t.call('GET', `/elections/${m.electionId}/candidates`)).json() as { id: string; contestId: string }[];
    election = {
      ...m, trusteeSecrets, trusteeShares: [],
      rolls: { plwha: plwha.slice(0, -1).map((a) => ({ id: a.id, token: a.token, account: a.account })), tb: tb.map((a) => ({ id: a.id, token: a.token, account: a.account })) },
      candidates: { plwha: candidates.filter((c) => c.contestId === m.contests.plwha).map((c) => c.id), tb: candidates.filter((c) => c.contestId === m.contests.tb).map((c) => c.id) },
    };
    const cast = await castWithClient(baseUrl, election);
    for (const c of cast.receipts) {
      ids.tracking!.push(c.receipt.trackingCode);
      // The ballot replayed from the board, and its token asked for again.
      addReplay('POST', '/elections/{id}/ballots', { params: { id: m.electionId }, body: c.body });
      const voter = election.rolls[c.contestId === m.contests.plwha ? 'plwha' : 'tb']![c.i]!;
      addReplay('POST', '/elections/{id}/contests/{contestId}/tokens', { params: { id: m.electionId, contestId: c.contestId }, token: voter.token, body: { blindedMessage: 'ab'.repeat(256) } });
    }
    const proposals = (await t.call('GET', `/elections/${m.electionId}/proposals`, { token: m.members[0] })).json() as { id: string; status: string }[];
    ids.proposals!.push(...proposals.map((p) => p.id));
    // Approving an executed decision again is refused.
    for (const p of proposals.filter((x) => x.status === 'executed')) {
      for (const token of m.members) addReplay('POST', '/proposals/{id}/approvals', { params: { id: p.id }, token });
    }
    await barrage('voting');
  });

  it('closed', async () => {
    await changePhaseWithClient(baseUrl, m, 'closed');
    const r = await decryptTally(new ApiClient({ baseUrl, token: m.members[0]! }), m.electionId, election.trusteeSecrets[0]!, async () => {});
    expect(r.ok && r.posted && !r.combined, r.ok ? 'posted or combined' : r.detail).toBe(true);
    for (const e of (await boardOf(m.electionId)).events.filter((x) => x.kind === 'decryption_share')) {
      const p = e.payload as { trustee: number; contests: unknown };
      addReplay('POST', '/elections/{id}/tally/shares', { params: { id: m.electionId }, token: m.members[p.trustee - 1], body: { contests: p.contests } });
    }
    // A complaint in the post-close window, for the answers the barrage proposes.
    const complaint = await t.call('POST', `/elections/${m.electionId}/complaints`, { token: tb[0]!.token, body: { category: 'voting_conduct', text: 'Reclamo de prueba', showIdentity: false } });
    expect(complaint.statusCode, complaint.body).toBe(201);
    ids.complaints!.push(complaint.json().id);
    await barrage('closed');
  });

  it('tallied', async () => {
    const r = await decryptTally(new ApiClient({ baseUrl, token: m.members[2]! }), m.electionId, election.trusteeSecrets[2]!, async () => {});
    expect(r.ok && r.posted && r.combined, r.ok ? 'not posted or not combined' : r.detail).toBe(true);
    await barrage('tallied');
  });

  it('published', async () => {
    await decide(t, m, { kind: 'complaint_answer', complaintId: ids.complaints![0], decision: 'dismissed', reasoning: 'Sin fundamento' });
    await changePhaseWithClient(baseUrl, m, 'published');
    await barrage('published');
    expect(sent).toBeGreaterThanOrEqual(5000);
  });
});
