/**
 * Acceptance of the encrypted vote, end to end over real HTTP with the client library:
 * 66 accredited associations in the PLWHA contest (2 seats) and 8 in the TB contest, three
 * trustees with threshold 2. Each association obtains its token and casts an encrypted
 * ballot (some blank, some with two selections, a few after a Benaloh audit); trustee 2
 * never shows up for the tally. The published results equal the count the test made, the
 * seats follow the ranking, every receipt verifies and its tracking code is on the board,
 * and the board's hash chain is intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { beginIssuedToken, castBallot, collectIssuedToken, findTrackingCode } from '../../src/client/voter.js';
import { checkChain, type BoardEvent } from '../../src/record/board.js';
import { type CiphertextJSON, ciphertextFromJSON } from '../../src/crypto/elgamal.js';
import { allocateSeats, decryptionValues, tieBreakSeed } from '../../src/record/seats.js';
import { verifyServerReport } from '../../src/record/server-report.js';
import { verifyReceipt } from '../../src/record/tracking.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  type CastOutcome, type ClientElection, type ElectionRecordJSON, type ResultsJSON, castWithClient, closeAndTallyWithClient,
  fetchRecordText, listen, openClientElection,
} from '../helpers/client-election.js';

const SIZES = { plwha: 66, tb: 8 };
const ABSENT_TRUSTEE = 2;

// PLWHA: 4 candidates, vote for up to 2. Two blank patterns out of eleven, five with two selections.
const PLWHA = [[1, 0, 0, 0], [1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [1, 0, 1, 0], [0, 0, 1, 0], [1, 0, 0, 1], [0, 1, 1, 0], [0, 0, 0, 1], [1, 1, 0, 0], [0, 0, 0, 0]];
// TB: 2 candidates, vote for 1.
const TB = [[1, 0], [0, 1], [1, 0], [0, 0]];

let t: TestApp;
let baseUrl: string;
let e: ClientElection;
let cast: CastOutcome;
let results: ResultsJSON;
let publicApi: ApiClient;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  publicApi = new ApiClient({ baseUrl });
  e = await openClientElection(t, baseUrl, SIZES, 'e2e');
});
afterAll(async () => t?.close());

describe('issue 4: an election with encrypted ballots over HTTP', () => {
  it('every accredited association obtains a token and casts, a few after auditing a ballot', async () => {
    const plwha = e.contests.plwha!;
    cast = await castWithClient(
      baseUrl, e,
      (contestId, i) => contestId === plwha ? PLWHA[(i * 7) % PLWHA.length]! : TB[i % TB.length]!,
      (contestId, i) => contestId === plwha ? i % 20 === 3 : i === 5,
    );
    expect(cast.receipts).toHaveLength(SIZES.plwha + SIZES.tb);
    expect(cast.audited).toBe(5);
    expect(new Set(cast.receipts.map((r) => r.receipt.trackingCode)).size).toBe(cast.receipts.length);
    // The choices were varied: blanks, single and double selections in PLWHA.
    const sizes = cast.receipts.filter((r) => r.contestId === plwha).map((r) => r.choices.reduce((a, b) => a + b, 0));
    for (const k of [0, 1, 2]) expect(sizes.filter((s) => s === k).length, `ballots with ${k} selections`).toBeGreaterThan(3);
    const log = await publicApi.get(`/elections/${e.electionId}/issuance`) as { contests: { issued: number }[] };
    expect(log).not.toHaveProperty('log'); // the list itself is published at the close
    expect(log.contests.reduce((a, c) => a + c.issued, 0)).toBe(SIZES.plwha + SIZES.tb);
  });

  it('an association that voted gets no second token, and a cast body cannot be replayed', async () => {
    const api = new ApiClient({ baseUrl, token: e.rolls.plwha![0]!.token });
    const first = e.rolls.plwha![0]!;
    const attempt = beginIssuedToken(cast.manifest.decoded, e.contests.plwha!, { associationId: first.id, secretKey: first.account.signingSecretKey });
    const again = await collectIssuedToken(api, cast.manifest.decoded, attempt).catch((err: unknown) => err);
    expect(again).toBeInstanceOf(ApiError);
    expect((again as ApiError).code).toBe('token_request_conflict');
    const replay = await publicApi.post(`/elections/${e.electionId}/ballots`, cast.receipts[1]!.body).catch((err: unknown) => err);
    expect((replay as ApiError).code).toBe('token_used');
    // castBallot reads that 409 as a retry whose first answer was lost, and finds the ballot already on the board.
    const retried = await castBallot(publicApi, cast.manifest.decoded, cast.receipts[1]!.body);
    expect(retried.ok && retried.recovered && retried.trackingCode).toBe(cast.receipts[1]!.receipt.trackingCode);
  });

  it('closes; trustees 1 and 3 decrypt with the client library, trustee 2 never does; results are published', async () => {
    results = await closeAndTallyWithClient(baseUrl, e, [1, 2, 3].filter((i) => i !== ABSENT_TRUSTEE));
    const election = await publicApi.get(`/elections/${e.electionId}`) as { phase: string };
    expect(election.phase).toBe('published');
  });

  it('the published results equal the plain count the test made', () => {
    expect(results.contests.map((c) => c.contestId).sort()).toEqual(Object.keys(cast.plainCounts).sort());
    for (const c of results.contests) {
      const candidates = cast.manifest.decoded.contests.get(c.contestId)!.candidateIds;
      expect(c.counts.map((x) => x.candidateId)).toEqual(candidates);
      expect(c.counts.map((x) => x.votes)).toEqual(cast.plainCounts[c.contestId]);
    }
    // Blank ballots count for nobody: PLWHA has fewer votes than two per ballot.
    const plwhaVotes = cast.plainCounts[e.contests.plwha!]!.reduce((a, b) => a + b, 0);
    expect(plwhaVotes).toBeLessThan(2 * SIZES.plwha);
    expect(plwhaVotes).toBeGreaterThan(SIZES.plwha);
  });

  it('the seats follow the ranking by votes, with the lots seeded by the joint decryption values', async () => {
    const board = await fetchBoard(publicApi, e.electionId);
    if (!board.ok) throw new Error(board.detail);
    const tallyEvent = board.events.find((x) => x.kind === 'encrypted_tally')!;
    for (const c of results.contests) {
      const contest = cast.manifest.decoded.contests.get(c.contestId)!.contest;
      const votes = new Map(c.counts.map((x) => [x.candidateId, x.votes]));
      const ranked = c.ranking.map((id) => votes.get(id)!);
      expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
      expect(c.titulars).toEqual(c.ranking.slice(0, contest.seats));
      expect(c.alternates).toEqual(c.ranking.slice(contest.seats, contest.seats + contest.alternates));
      expect(c.titulars).toHaveLength(contest.seats);
      // The same allocation from the test's own count.
      const cts = (tallyEvent.payload as { contests: { contestId: string; tally: CiphertextJSON[] }[] }).contests
        .find((x) => x.contestId === c.contestId)!.tally.map((x) => ciphertextFromJSON(x, 'tally', 'sum'));
      const plain = cast.plainCounts[c.contestId]!;
      const expected = allocateSeats({
        contestId: c.contestId, candidates: contest.candidates, votes: plain,
        seats: contest.seats, alternates: contest.alternates, seed: tieBreakSeed(cast.manifest.hash, c.contestId, decryptionValues(cts, plain)),
      });
      expect({ ...c }).toEqual({ contestId: c.contestId, ...expected });
    }
  });

  it('every receipt verifies and its tracking code is on the board with the ballot that was sent', async () => {
    const receiptKey = cast.manifest.manifest.receiptKey;
    for (const { receipt, body } of cast.receipts) {
      expect(verifyReceipt(receiptKey, receipt)).toBe(true);
      const found = await findTrackingCode(publicApi, e.electionId, receipt.trackingCode, receipt, body);
      expect(found.ok ? found.event.hash : found).toBe(receipt.boardHead);
    }
    // The checks can fail: an altered receipt, another ballot's body, an unknown code.
    const [first, second] = cast.receipts;
    expect(verifyReceipt(receiptKey, { ...first!.receipt, position: first!.receipt.position + 1 })).toBe(false);
    const other = await findTrackingCode(publicApi, e.electionId, first!.receipt.trackingCode, first!.receipt, second!.body);
    expect(other.ok ? 'found' : other.reason).toBe('event_mismatch');
    const unknown = await findTrackingCode(publicApi, e.electionId, 'ab'.repeat(first!.receipt.trackingCode.length / 2));
    expect(unknown.ok ? 'found' : unknown.reason).toBe('not_found');
  });

  it('the board chain is intact, holds every ballot once and no share of the absent trustee; the record matches it', async () => {
    const board = await fetchBoard(publicApi, e.electionId, 50);
    if (!board.ok) throw new Error(board.detail);
    const events = board.events;
    expect(checkChain(events).ok).toBe(true);
    const ballots = events.filter((x) => x.kind === 'ballot') as BoardEvent<'ballot'>[];
    expect(ballots.map((x) => (x.payload as { trackingCode: string }).trackingCode).sort())
      .toEqual(cast.receipts.map((r) => r.receipt.trackingCode).sort());
    // The issuance log came onto the board only at the close: one block after the last
    // ballot, right before `close`, by contest then association id — its order and times
    // say nothing about who voted when.
    const closeAt = events.findIndex((x) => x.kind === 'close');
    const issued = events.filter((x) => x.kind === 'token_issued');
    expect(issued).toHaveLength(SIZES.plwha + SIZES.tb);
    expect(events.slice(closeAt - issued.length, closeAt)).toEqual(issued);
    expect(events.findLastIndex((x) => x.kind === 'ballot')).toBeLessThan(closeAt - issued.length);
    const order = issued.map((x) => x.payload as { contestId: string; associationId: string });
    const position = (c: string) => cast.manifest.manifest.contests.findIndex((x) => x.id === c);
    expect(order).toEqual([...order].sort((p, q) => position(p.contestId) - position(q.contestId) || (p.associationId < q.associationId ? -1 : 1)));
    // The public issuance figures are the relay's counts per contest, which the board's entries match.
    const publicCounts = await publicApi.get(`/elections/${e.electionId}/issuance`) as { contests: { contestId: string; issued: number }[] };
    expect(publicCounts.contests.map((c) => [c.contestId, c.issued])).toEqual(
      cast.manifest.manifest.contests.map((c) => [c.id, order.filter((x) => x.contestId === c.id).length]));
    const sharesBy = events.filter((x) => x.kind === 'decryption_share').map((x) => (x.payload as { trustee: number }).trustee);
    expect(sharesBy.sort()).toEqual([1, 3]);
    // The publication, then the server's report signed with the receipt key.
    expect(events.slice(-2).map((x) => x.kind)).toEqual(['published', 'report']);
    const { report, signature } = events.at(-1)!.payload as { report: unknown; signature: string };
    expect(verifyServerReport(cast.manifest.manifest.receiptKey, report, signature)).toBe(true);

    const record = JSON.parse(await fetchRecordText(baseUrl, e.electionId)) as ElectionRecordJSON;
    expect(record.format).toBe('anfora-election-record');
    expect(checkChain(record.events).ok).toBe(true);
    expect(record.events).toEqual(events);
    const result = record.events.find((x) => x.kind === 'result')!;
    expect(result.payload).toEqual(results);
    // One altered ballot in the record breaks the chain at that event.
    const at = record.events.indexOf(record.events.find((x) => x.kind === 'ballot')!);
    const tampered = record.events.map((x, i) => i === at ? { ...x, at: new Date(Date.parse(x.at) + 1000).toISOString() } : x);
    const broken = checkChain(tampered);
    expect(broken.ok ? -1 : broken.index).toBe(at);
  });
});
