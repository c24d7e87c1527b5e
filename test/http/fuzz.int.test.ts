/**
 * Fuzz: thousands of generated bad requests across every operation of the API's own
 * OpenAPI document (test/helpers/fuzz-requests.ts), with one election in each phase of
 * PHASES, from draft through the token window to published. In each phase every
 * (operation, fault kind) pair is sent first, so that coverage does not rest on chance,
 * then random requests over all operations; the coverage is asserted and printed. Each
 * request must be answered without a 5xx, every error as application/problem+json, every
 * write refused; and nothing may change: the contents of every table of the ballots'
 * database and of the token relay's own database, and the board's chain, are the same
 * after each phase's barrage as before. Deterministic: fixed seeds, and the election is
 * driven the same way each time.
 */
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardEvent } from '../../src/record/board.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createStaffAccount } from '../helpers/accounts.js';
import {
  type ClientElection, castWithClient, changePhaseWithClient, defaultChoose, listen, runClientCeremony, tokenKey,
} from '../helpers/client-election.js';
import {
  type FaultKind, type FuzzContext, type FuzzRequest, type Operation, type Replay, type Schema, badRequests, faultKinds, isSecret, opKey, operationsOf,
} from '../helpers/fuzz-requests.js';
import { loadManifest, obtainTestTokens, postTestIssuerLogs } from '../helpers/issuance.js';
import { createModelElection, decide, movePhase, registerAssociations, type ModelElection, type RegisteredAssociation } from '../helpers/model-case.js';
import { acknowledgeSmallRoll, registerTestIssuers } from '../helpers/voting.js';
import { PHASES } from '../../src/domain/reference.js';
import { decryptTally } from '../../src/client/trustee.js';
import { ApiClient } from '../../src/client/api.js';
import { type VotingCredentials, beginIssuedToken, prepareBallot } from '../../src/client/voter.js';
import { toHex } from '../../src/crypto/group.js';

/** Fixed, so CI is deterministic; FUZZ_SEED runs another barrage by hand (a 5xx found so is a bug to fix and pin). */
const SEED = process.env.FUZZ_SEED === undefined ? 0x5eed_2026 : Number(process.env.FUZZ_SEED);
/** Requests per (operation, fault kind) pair in each phase's covering pass. */
const RUNS_PER_FAULT = 3;
/** Each phase's requests: the covering pass, then random ones up to this (9 phases × 640: more than 5,000). */
const RUNS_PER_PHASE = 640;
/** Random requests after the covering pass, at the least. */
const MIN_RANDOM_RUNS = 100;
const ROLES = ['admin', 'committee', 'association', 'auditor'] as const;

let t: TestApp;
let baseUrl: string;
let doc: Parameters<typeof operationsOf>[0];
let ops: Operation[];
let m: ModelElection;
let election: ClientElection;
let trusteeSecrets: ClientElection['trusteeSecrets'];
/** The tokens obtained in the window, cast once voting opens. */
const obtained = new Map<string, VotingCredentials>();
const tokens: Record<string, string[]> = {};
const roles = new Map<string, string[]>();
const replays = new Map<string, Replay[]>();
const ids: Record<string, string[]> = { elections: [], associations: [], applications: [], proposals: [], contests: [], tracking: [], candidates: [], complaints: [] };
let plwha: RegisteredAssociation[];
let tb: RegisteredAssociation[];
let sent = 0;
let lastDigest: Record<string, string> = {};
/** The phases barraged, in order: every one of PHASES. */
const barraged: string[] = [];
/** The app's log of the request under way: a 5xx is reported with the error it logged. */
const logLines: string[] = [];

/** Each table's row count and a hash of its rows, by `prefix` and name. */
async function digestOf<DB>(db: Kysely<DB>, prefix: string, out: Record<string, string>): Promise<void> {
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(db);
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; h: string | null }>`SELECT count(*)::int AS n, md5(string_agg(x::text, E'\n' ORDER BY x::text)) AS h
      FROM ${sql.table(name)} x`.execute(db);
    out[`${prefix}${name}`] = `${r.rows[0]!.n} ${r.rows[0]!.h ?? ''}`;
  }
}

/**
 * What "nothing written" compares: every table of the ballots' database, and of the token
 * relay's own database (requests and blind signatures, `relay:` before the name).
 */
async function tableDigest(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await digestOf(t.database.db, '', out);
  await digestOf(t.relayDb, 'relay:', out);
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

/** What one phase's barrage sent: requests by operation, by (operation, fault kind), and answers by status. */
interface Tally {
  readonly byOp: Map<string, number>;
  readonly byPair: Map<string, number>;
  readonly byStatus: Map<number, number>;
}
const bump = <K>(m: Map<K, number>, k: K): void => { m.set(k, (m.get(k) ?? 0) + 1); };
const pairKey = (op: string, kind: FaultKind): string => `${op} [${kind}]`;

/** One request: answered, never with a 5xx, an error always as a problem, a write always refused. */
async function send(req: FuzzRequest, tally: Tally): Promise<void> {
  sent++;
  bump(tally.byOp, req.op);
  bump(tally.byPair, pairKey(req.op, req.kind));
  logLines.length = 0;
  const r = await t.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload !== undefined && { payload: req.payload }) });
  bump(tally.byStatus, r.statusCode);
  const what = `${req.method} ${req.url.slice(0, 120)} [${req.fault}] → ${r.statusCode} ${r.body.slice(0, 300)}`;
  if (r.statusCode >= 500) {
    const logged = logLines.map((l) => JSON.parse(l) as { err?: { message?: string; stack?: string } }).find((l) => l.err)?.err;
    throw new Error(`5xx: ${what}\n${logged?.stack ?? logged?.message ?? ''}`);
  }
  if (r.statusCode >= 400 && !/^application\/problem\+json/.test(String(r.headers['content-type']))) throw new Error(`not a problem: ${what}`);
  if (req.method !== 'GET' && r.statusCode < 400) throw new Error(`a bad write was accepted: ${what}`);
}

/**
 * The barrage for the election as it stands: first every (operation, fault kind) pair
 * {@link RUNS_PER_FAULT} times, then random requests over every operation; every pair must
 * have been sent, and the tables (both databases) and the board must be as they were.
 * Returns the digest taken after the previous barrage, so that a phase can check that the
 * digest saw the writes of its own steps (the token window's, in the relay's database).
 */
async function barrage(phase: string): Promise<Record<string, string>> {
  const current = (await t.call('GET', `/elections/${m.electionId}`)).json().phase;
  expect(current).toBe(phase);
  const before = await tableDigest();
  expect(Object.keys(before)).toEqual(expect.arrayContaining([
    'accounts', 'audit_log', 'ballots', 'board_events', 'elections', 'relay:token_requests', 'relay:blind_signatures',
  ]));
  // The digest sees writes: the steps that brought the election here changed it.
  expect(before).not.toEqual(lastDigest);
  const boardBefore = await boardOf(m.electionId);
  expectReplaysOfKnownOps();
  const ctx = context();
  const tally: Tally = { byOp: new Map(), byPair: new Map(), byStatus: new Map() };
  const phaseSeed = SEED + 100_000 * PHASES.indexOf(phase as never);
  const run = (arb: fc.Arbitrary<FuzzRequest>, seed: number, numRuns: number) =>
    fc.assert(fc.asyncProperty(arb, (req) => send(req, tally)), { seed, numRuns, endOnFailure: true });
  const pairs = ops.flatMap((op) => faultKinds(op, ctx).map((kind) => ({ op, kind })));
  for (const [i, { op, kind }] of pairs.entries()) await run(badRequests(doc, [op], ctx, kind), phaseSeed + i, RUNS_PER_FAULT);
  const covering = pairs.length * RUNS_PER_FAULT;
  await run(badRequests(doc, ops, ctx), phaseSeed + 99_999, Math.max(RUNS_PER_PHASE - covering, MIN_RANDOM_RUNS));

  // Coverage: every operation of the document, with every fault that applies to it.
  expect(ops.map(opKey).filter((k) => !tally.byOp.has(k)), 'operations never sent').toEqual([]);
  expect(pairs.map((p) => pairKey(opKey(p.op), p.kind)).filter((k) => (tally.byPair.get(k) ?? 0) < RUNS_PER_FAULT), 'pairs sent too rarely').toEqual([]);
  const perOp = [...tally.byOp.values()];
  const total = perOp.reduce((a, b) => a + b, 0);
  const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`fuzz ${phase}: ${total} requests, ${tally.byOp.size}/${ops.length} operations (${Math.min(...perOp)}–${Math.max(...perOp)} each), `
    + `${pairs.length} (operation, fault) pairs, ${pairs.filter((p) => p.kind === 'replay').length} with replays; answers ${statuses}`);

  expect(await boardOf(m.electionId)).toEqual(boardBefore);
  const previous = lastDigest;
  lastDigest = await tableDigest();
  expect(lastDigest).toEqual(before);
  barraged.push(phase);
  return previous;
}

beforeAll(async () => {
  t = await createTestApp({ logLines });
  baseUrl = await listen(t);
  doc = (await t.call('GET', '/docs/json')).json();
  ops = operationsOf(doc);
  // The default rules: `tokenWindow` on, so the election passes through every phase of PHASES.
  m = await createModelElection(t, undefined, 'fuzz');
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
  // A sanity check on the document: the barrage covers each of its operations.
  expect(ops.length).toBeGreaterThan(30);
});

/** Every replay names an operation of the document: a renamed route must not silently lose its replays. */
function expectReplaysOfKnownOps(): void {
  const known = new Set(ops.map(opKey));
  expect([...replays.keys()].filter((k) => !known.has(k))).toEqual([]);
}

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
    // The ceremony done and the issuers registered: the routes of both see real state, and
    // what was done is replayed.
    trusteeSecrets = await runClientCeremony(baseUrl, m);
    await registerTestIssuers(t, m);
    const ceremony = (await t.call('GET', `/elections/${m.electionId}/ceremony`)).json();
    const tokenOfTrustee = (index: number) => m.members[m.memberIds.indexOf(ceremony.trustees[index - 1].memberId)]!;
    const tokenOfMember = (memberId: string) => m.members[m.memberIds.indexOf(memberId)]!;
    // The genuine signed registrations, as the board carries them: replayed, they are refused.
    const events = (await boardOf(m.electionId)).events;
    for (const e of events.filter((x) => x.kind === 'trustee_key')) {
      const p = e.payload as { trustee: number; publicKey: unknown; signature: string };
      addReplay('POST', '/elections/{id}/ceremony/keys', { params: { id: m.electionId }, token: tokenOfTrustee(p.trustee), body: { publicKey: p.publicKey, signature: p.signature } });
    }
    for (const d of ceremony.dealings) addReplay('POST', '/elections/{id}/ceremony/dealings', { params: { id: m.electionId }, token: tokenOfTrustee(d.dealer), body: { dealing: d } });
    for (const token of m.members) addReplay('POST', '/elections/{id}/ceremony/verifications', { params: { id: m.electionId }, token, body: { complaints: [] } });
    for (const e of events.filter((x) => x.kind === 'issuer_key')) {
      const p = e.payload as { contestId: string; memberId: string; issuanceKey: unknown; pop: string; signature: string };
      addReplay('POST', '/elections/{id}/issuers', { params: { id: m.electionId }, token: tokenOfMember(p.memberId), body: { contestId: p.contestId, issuanceKey: p.issuanceKey, pop: p.pop, signature: p.signature } });
    }
    expect(replays.get('POST /elections/{id}/issuers')).toHaveLength(4);
    await barrage('key_ceremony');
  });

  it('tokens', async () => {
    await acknowledgeSmallRoll(t, m, 'plwha');
    await acknowledgeSmallRoll(t, m, 'tb');
    await changePhaseWithClient(baseUrl, m, 'tokens');
    const candidates = (await t.call('GET', `/elections/${m.electionId}/candidates`)).json() as { id: string; contestId: string }[];
    election = {
      ...m, trusteeSecrets, trusteeShares: [],
      rolls: { plwha: plwha.slice(0, -1).map((a) => ({ id: a.id, token: a.token, account: a.account })), tb: tb.map((a) => ({ id: a.id, token: a.token, account: a.account })) },
      candidates: { plwha: candidates.filter((c) => c.contestId === m.contests.plwha).map((c) => c.id), tb: candidates.filter((c) => c.contestId === m.contests.tb).map((c) => c.id) },
    };
    // Every association obtains its token through the relay in the window, as castWithClient would.
    const manifest = await loadManifest(undefined, m.electionId, baseUrl);
    const asks = Object.entries(election.rolls).flatMap(([constituency, roll]) => roll.map((who, i) => ({ contestId: m.contests[constituency]!, who, i })));
    const credentials = await obtainTestTokens(undefined, m, asks, baseUrl, manifest);
    for (const [k, a] of asks.entries()) {
      obtained.set(tokenKey(a.contestId, a.who.id), credentials[k]!);
      // Another request for the same association and contest (other ballot keys) conflicts with the stored one.
      const other = beginIssuedToken(manifest.decoded, a.contestId, { associationId: a.who.id, secretKey: a.who.account.signingSecretKey });
      addReplay('POST', '/issuance/requests', { params: {}, token: a.who.token, body: other.body });
      // The genuine ballot this association could cast, sent before casting opens (its cast comes in `voting`).
      const contest = manifest.decoded.contests.get(a.contestId)!.contest;
      const ballot = prepareBallot(manifest.decoded, manifest.hash, a.contestId, defaultChoose(a.contestId, a.i, { candidates: contest.candidates.length, maxSelections: contest.maxSelections }), credentials[k]!);
      addReplay('POST', '/elections/{id}/ballots', { params: { id: m.electionId }, body: ballot.body });
    }
    // Each issuer posts, for a request it signed, the blind signature it gave the next
    // association of the contest: a valid signature, of another message (s^e ≠ m), refused.
    for (const [k, a] of asks.entries()) {
      const b = asks.find((x, j) => j !== k && x.contestId === a.contestId)!;
      const theirs = (await t.call('POST', '/issuance/status', { token: b.who.token, body: { electionId: m.electionId, contestId: b.contestId } })).json() as { blindSignatures: { keyId: string; blindSignature: string }[] };
      for (const issuer of manifest.decoded.contests.get(a.contestId)!.issuers) {
        const keyId = toHex(issuer.key.keyId);
        const blindSignature = theirs.blindSignatures.find((x) => x.keyId === keyId)!.blindSignature;
        addReplay('POST', '/issuance/signatures', {
          params: {}, token: m.members[m.memberIds.indexOf(issuer.memberId)], body: { electionId: m.electionId, contestId: a.contestId, associationId: a.who.id, keyId, blindSignature },
        });
      }
    }
    expect(replays.get('POST /issuance/signatures')).toHaveLength(2 * asks.length);
    // They get as far as the signature check: refused there, not at an earlier gate.
    const crossed = replays.get('POST /issuance/signatures')![0]!;
    const refused = await t.call('POST', '/issuance/signatures', { token: crossed.token!, body: crossed.body });
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'blind_signature_invalid']);
    const previous = await barrage('tokens');
    // The relay's digest saw the requests and blind signatures of the window.
    expect(previous['relay:token_requests']).not.toBe(lastDigest['relay:token_requests']);
    expect(previous['relay:blind_signatures']).not.toBe(lastDigest['relay:blind_signatures']);
    expect(lastDigest['relay:token_requests']).toMatch(new RegExp(`^${asks.length} `));
  });

  it('voting', async () => {
    await changePhaseWithClient(baseUrl, m, 'voting');
    const cast = await castWithClient(baseUrl, election, defaultChoose, undefined, obtained);
    // Ballots replayed from the board.
    for (const c of cast.receipts) {
      ids.tracking!.push(c.receipt.trackingCode);
      addReplay('POST', '/elections/{id}/ballots', { params: { id: m.electionId }, body: c.body });
    }
    // The issuers' logs posted while casting is open (the close needs them), then replayed.
    await postTestIssuerLogs(undefined, m, baseUrl);
    for (const e of (await boardOf(m.electionId)).events.filter((x) => x.kind === 'issuer_log')) {
      const p = e.payload as { log: { memberId: string }; signature: string };
      addReplay('POST', '/elections/{id}/issuer-logs', { params: { id: m.electionId }, token: m.members[m.memberIds.indexOf(p.log.memberId)], body: p });
    }
    expect(replays.get('POST /elections/{id}/issuer-logs')).toHaveLength(4);
    const proposals = (await t.call('GET', `/elections/${m.electionId}/proposals`, { token: m.members[0] })).json() as { id: string; status: string }[];
    ids.proposals!.push(...proposals.map((p) => p.id));
    // Approving an executed decision again is refused.
    for (const p of proposals.filter((x) => x.status === 'executed')) {
      for (const token of m.members) addReplay('POST', '/proposals/{id}/approvals', { params: { id: p.id }, token });
    }
    await barrage('voting');
  });

  it('closed', async () => {
    // The logs are on the board already (changePhaseWithClient would post them again).
    await movePhase(t, m, 'closed');
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
    // Every phase the election passes through, the token window included, was barraged.
    expect(barraged).toEqual([...PHASES]);
    expect(sent).toBeGreaterThanOrEqual(5000);
  });
});
