/**
 * An election driven over real HTTP with the client library (src/client), the way the
 * booth and the trustee CLI drive it: the application listens on 127.0.0.1, associations
 * obtain tokens and cast through `fetch`, trustees run the key ceremony and decrypt with
 * src/client/trustee.ts. Setting up the committee, the rolls and the candidates still goes
 * through test/helpers/voting.ts (those steps have their own tests).
 *
 * `recordedElection` gives a finished small election and its exported record, the
 * fixture of the verifier's tests.
 */
import { expect } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { proposeSigned, voteSigned } from '../../src/client/committee.js';
import { type LoadedManifest, fetchManifest } from '../../src/client/manifest.js';
import { createKey, deal, decryptTally, verifyDealings } from '../../src/client/trustee.js';
import { type CastRequest, type VotingCredentials, auditBallot, castBallot, prepareBallot } from '../../src/client/voter.js';
import type { TrusteeSecrets } from '../../src/crypto/trustee-keyfile.js';
import type { BoardEvent } from '../../src/record/board.js';
import type { SeatAllocation } from '../../src/record/seats.js';
import type { Receipt } from '../../src/record/tracking.js';
import { createTestApp, type TestApp } from './app.js';
import { obtainTestTokens, postTestIssuerLogs } from './issuance.js';
import type { ModelElection } from './model-case.js';
import { openVotingElection, type VotingElection, type VotingOptions } from './voting.js';

/** Start `t.app` listening on an ephemeral port of 127.0.0.1; returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  return t.app.listen({ host: '127.0.0.1', port: 0 });
}

/** A voting election whose trustees hold client-library secrets (by index 1..n). */
export interface ClientElection extends VotingElection {
  /** Each trustee's secrets as the client library keeps them (its key file), by index 1..n. */
  trusteeSecrets: TrusteeSecrets[];
}

/** The key ceremony with src/client/trustee.ts over HTTP, each committee member as trustee. */
export async function runClientCeremony(baseUrl: string, m: ModelElection): Promise<TrusteeSecrets[]> {
  const kept = new Map<string, TrusteeSecrets>();
  const trustees = m.members.map((token, i) => ({ api: new ApiClient({ baseUrl, token }), token, accountKey: m.memberAccounts[i]!.signingSecretKey }));
  const persistFor = (token: string) => async (s: TrusteeSecrets) => { kept.set(token, s); };
  for (const tr of trustees) {
    const r = await createKey(tr.api, m.electionId, tr.accountKey, persistFor(tr.token));
    expect(r.ok ? r.posted : r, 'createKey').toBe(true);
  }
  for (const tr of trustees) {
    const r = await deal(tr.api, m.electionId, kept.get(tr.token)!, persistFor(tr.token));
    expect(r.ok ? r.posted : r, 'deal').toBe(true);
  }
  for (const tr of trustees) {
    const r = await verifyDealings(tr.api, m.electionId, kept.get(tr.token)!, persistFor(tr.token));
    expect(r.ok ? r.complaints : r, 'verifyDealings').toEqual([]);
  }
  return trustees.map((tr) => kept.get(tr.token)!).sort((a, b) => a.index - b.index);
}

/**
 * An election ready to vote (test/helpers/voting.ts's `openVotingElection`), its key
 * ceremony run by the trustees with the client library against `baseUrl` (`t` listening there).
 */
export async function openClientElection(
  t: TestApp, baseUrl: string, sizes: { plwha: number; tb: number }, tag = 'c', opts: VotingOptions = {},
): Promise<ClientElection> {
  let trusteeSecrets: TrusteeSecrets[] = [];
  const v = await openVotingElection(t, sizes, tag, async (_t, m) => {
    trusteeSecrets = await runClientCeremony(baseUrl, m);
    return trusteeSecrets.map((s) => s.secretShare!);
  }, opts);
  return { ...v, trusteeSecrets };
}

/** What a chooser is told about the contest. */
export interface ContestShape {
  readonly candidates: number;
  readonly maxSelections: number;
}

/**
 * The choices (0/1 per candidate, in manifest order; all zeros is blank) of the `i`-th
 * association on the roll of contest `contestId`.
 */
export type Choose = (contestId: string, i: number, contest: ContestShape) => readonly number[];

/** One cast ballot: the checked receipt and the body that was sent. */
export interface CastRecord {
  readonly contestId: string;
  /** The association's position on the contest's roll (the `i` given to `choose`). */
  readonly i: number;
  readonly choices: readonly number[];
  readonly receipt: Receipt;
  readonly body: CastRequest;
}

/** Result of {@link castWithClient}. */
export interface CastOutcome {
  readonly receipts: CastRecord[];
  /** Votes per candidate in manifest order, keyed by contest id: the count the test made. */
  readonly plainCounts: Record<string, number[]>;
  /** How many ballots were audited (Benaloh) and thrown away before the cast one. */
  readonly audited: number;
  /** The manifest as the voters' client accepted it. */
  readonly manifest: LoadedManifest;
}

/** A varied, deterministic default: blank every 5th voter, up to `maxSelections` choices otherwise. */
export const defaultChoose: Choose = (_contestId, i, { candidates, maxSelections }) => {
  const choices = new Array<number>(candidates).fill(0);
  if (i % 5 === 4) return choices;
  const picks = 1 + (i % maxSelections);
  for (let k = 0; k < picks; k++) choices[(i * 3 + k * (1 + (i % (candidates - 1 || 1)))) % candidates] = 1;
  return choices;
};

/** How {@link castWithClient} finds an association's token for a contest. */
export const tokenKey = (contestId: string, associationId: string): string => `${contestId}/${associationId}`;

/**
 * Every accredited association of every contest (in roll order, contest by contest) casts
 * through the client library: fetchManifest, a token from the test issuers through the
 * relay (issuance.ts `obtainTestTokens`), prepareBallot with
 * `choose(contestId, i)`, for those `audit(contestId, i)` picks a Benaloh audit of a first
 * ballot that is then discarded, and an anonymous castBallot whose receipt must check.
 * An election in its token window: every association obtains its token first, then the
 * committee opens casting (members 1 and 2), then each casts. `obtained`, the tokens the
 * associations already hold (by `${contestId}/${associationId}`, e.g. from the token
 * window, see {@link tokenKey}), are cast as they are: a second request would conflict.
 */
export async function castWithClient(
  baseUrl: string, election: VotingElection, choose: Choose = defaultChoose,
  audit: (contestId: string, i: number) => boolean = () => false, obtained?: ReadonlyMap<string, VotingCredentials>,
): Promise<CastOutcome> {
  const publicApi = new ApiClient({ baseUrl });
  const loaded = await fetchManifest(publicApi, election.electionId);
  if (!loaded.ok) throw new Error(`manifest refused: ${loaded.reason} ${loaded.detail}`);
  const receipts: CastRecord[] = [];
  const plainCounts: Record<string, number[]> = {};
  let audited = 0;
  const phase = ((await publicApi.get(`/elections/${election.electionId}`)) as { phase: string }).phase;
  const asks = Object.entries(election.rolls).flatMap(([constituency, roll]) => roll.map((who) => ({ contestId: election.contests[constituency]!, who })));
  const early = new Map<string, VotingCredentials>(obtained ?? []);
  if (obtained === undefined) {
    const tokens = await obtainTestTokens(undefined, election, asks, baseUrl, loaded);
    for (const [i, a] of asks.entries()) early.set(tokenKey(a.contestId, a.who.id), tokens[i]!);
  }
  if (phase === 'tokens') await changePhaseWithClient(baseUrl, election, 'voting');
  for (const [constituency, roll] of Object.entries(election.rolls)) {
    const contestId = election.contests[constituency]!;
    const contest = loaded.decoded.contests.get(contestId)!.contest;
    const shape = { candidates: contest.candidates.length, maxSelections: contest.maxSelections };
    const counts = (plainCounts[contestId] = new Array<number>(shape.candidates).fill(0));
    for (const [i, association] of roll.entries()) {
      const choices = choose(contestId, i, shape);
      const api = new ApiClient({ baseUrl, token: association.token });
      const credentials = early.get(tokenKey(contestId, association.id));
      if (credentials === undefined) throw new Error(`no token for association ${association.id} in contest ${contestId}`);
      if (audit(contestId, i)) {
        // The audited ballot encrypts other choices: what it reveals must not be what is cast.
        const spoiled = prepareBallot(loaded.decoded, loaded.hash, contestId, [...choices].reverse(), credentials);
        const { verdict } = auditBallot(loaded.decoded, spoiled);
        expect(verdict.ok && verdict.choices).toEqual([...choices].reverse());
        const refused = await castBallot(api, loaded.decoded, spoiled.body);
        expect(refused.ok ? 'cast' : refused.reason).toBe('audited_ballot');
        audited++;
      }
      const prepared = prepareBallot(loaded.decoded, loaded.hash, contestId, choices, credentials);
      const cast = await castBallot(api, loaded.decoded, prepared.body);
      if (!cast.ok) throw new Error(`receipt refused: ${cast.reason} ${cast.detail}`);
      if (cast.recovered) throw new Error(`no receipt: the answer was lost, the ballot recovered from the board at ${cast.position}`);
      choices.forEach((x, k) => { counts[k]! += x; });
      receipts.push({ contestId, i, choices, receipt: cast.receipt, body: prepared.body });
    }
  }
  return { receipts, plainCounts, audited, manifest: loaded };
}

/**
 * A consequential phase change through the API: proposed by committee member `proposer`,
 * approved by `approver` of another sector (indices into `election.members`). Before the
 * close, the test issuers post their signed logs, as the close requires.
 */
export async function changePhaseWithClient(baseUrl: string, election: ModelElection, to: string, proposer = 1, approver = 2): Promise<void> {
  if (to === 'closed') await postTestIssuerLogs(undefined, election, baseUrl);
  const key = (i: number) => election.memberAccounts[i]!.signingSecretKey;
  const p = await proposeSigned(new ApiClient({ baseUrl, token: election.members[proposer]! }), election.electionId, { kind: 'phase_change', to }, key(proposer));
  const a = await voteSigned(new ApiClient({ baseUrl, token: election.members[approver]! }), election.electionId, p.proposal!, 'approve', key(approver));
  expect(a.status).toBe('executed');
}

/** The published results (`GET /elections/:id/results`): one seat allocation per contest. */
export interface ResultsJSON {
  readonly contests: readonly ({ readonly contestId: string } & SeatAllocation)[];
}

/**
 * Close voting (a two-sector decision), have only the trustees `present` (indices 1..n, at
 * least the threshold) decrypt with the client library's decryptTally — the others never
 * post — then publish (another two-sector decision). Returns the results.
 */
export async function closeAndTallyWithClient(
  baseUrl: string, election: ClientElection, present: readonly number[] = [1, 3], opts: { publish?: boolean; afterClose?: () => Promise<void> } = {},
): Promise<ResultsJSON> {
  await changePhaseWithClient(baseUrl, election, 'closed');
  await opts.afterClose?.();
  for (const [k, index] of present.entries()) {
    const secrets = election.trusteeSecrets[index - 1]!;
    const api = new ApiClient({ baseUrl, token: election.members[index - 1]! });
    const r = await decryptTally(api, election.electionId, secrets, async (s) => { election.trusteeSecrets[index - 1] = s; });
    if (!r.ok) throw new Error(`trustee ${index} did not decrypt: ${r.reason} ${r.detail}`);
    expect(r.posted).toBe(true);
    // The tally is combined exactly when the last present trustee posts.
    expect(r.combined).toBe(k === present.length - 1);
  }
  if (opts.publish ?? true) await changePhaseWithClient(baseUrl, election, 'published');
  return await new ApiClient({ baseUrl }).get(`/elections/${election.electionId}/results`) as ResultsJSON;
}

/** The election record as exported (`GET /elections/:id/record`, docs/voting-protocol.md). */
export interface ElectionRecordJSON {
  readonly format: 'anfora-election-record';
  readonly version: number;
  readonly electionId: string;
  readonly exportedAt: string;
  readonly committee: readonly { index: number; memberId: string; fullName: string; sector: string; organisation: string; role: string }[];
  readonly events: readonly BoardEvent[];
}

/** The record's text, fetched over HTTP. */
export async function fetchRecordText(baseUrl: string, electionId: string): Promise<string> {
  const r = await fetch(`${baseUrl}/elections/${electionId}/record`);
  if (!r.ok) throw new Error(`GET record: ${r.status} ${await r.text()}`);
  return r.text();
}

/** Options of {@link recordedElection}. */
export interface RecordedElectionOptions {
  /** Accredited associations per contest; default PLWHA 8, TB 4. */
  readonly sizes?: { plwha: number; tb: number };
  readonly choose?: Choose;
  readonly audit?: (contestId: string, i: number) => boolean;
  /** Trustees who decrypt (indices 1..3); default [1, 3], trustee 2 absent. */
  readonly present?: readonly number[];
  /** Email tag of the committee accounts; default 'rec'. */
  readonly tag?: string;
  /** The election rule `tokenWindow`; default true: tokens in their window, then casting. */
  readonly tokenWindow?: boolean;
}

/** A finished election: its record, what went into it, and the running app. */
export interface RecordedElection {
  readonly record: ElectionRecordJSON;
  readonly recordText: string;
  /** Votes per candidate in manifest order, keyed by contest id. */
  readonly plainCounts: Record<string, number[]>;
  readonly receipts: CastRecord[];
  readonly results: ResultsJSON;
  readonly election: ClientElection;
  readonly manifest: LoadedManifest;
  readonly baseUrl: string;
  readonly t: TestApp;
  /** Stop the app and drop its database. */
  close(): Promise<void>;
}

/**
 * A small election run end to end over HTTP with the client library (default PLWHA 8 and
 * TB 4 associations, every one asking the issuers through the relay, their logs posted
 * before the close, trustees 1 and 3 decrypting, results published) and its exported record.
 */
export async function recordedElection(opts: RecordedElectionOptions = {}): Promise<RecordedElection> {
  const t = await createTestApp();
  try {
    const baseUrl = await listen(t);
    const election = await openClientElection(t, baseUrl, opts.sizes ?? { plwha: 8, tb: 4 }, opts.tag ?? 'rec', { tokenWindow: opts.tokenWindow ?? true });
    // Every association asks the issuers through the relay (castWithClient); the issuers post
    // their logs while voting is open, before the close (changePhaseWithClient; checks 43–45).
    const cast = await castWithClient(baseUrl, election, opts.choose, opts.audit);
    const results = await closeAndTallyWithClient(baseUrl, election, opts.present ?? [1, 3]);
    const recordText = await fetchRecordText(baseUrl, election.electionId);
    return {
      record: JSON.parse(recordText) as ElectionRecordJSON, recordText, plainCounts: cast.plainCounts, receipts: cast.receipts,
      results, election, manifest: cast.manifest, baseUrl, t, close: () => t.close(),
    };
  } catch (e) {
    await t.close();
    throw e;
  }
}
