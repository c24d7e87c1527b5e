/**
 * Closing, the encrypted tally, trustees' partial decryptions, results and seats
 * (DESIGN.md §3). The server combines any t valid shares; a share whose proof fails is
 * refused and changes nothing.
 * @module
 */
import { ciphertextFromJSON, ciphertextToJSON, type Ciphertext } from '../crypto/elgamal.js';
import { fromHex, pointFromHex, type Point } from '../crypto/group.js';
import {
  checkShares, decryptWithShares, decryptionShareFromJSON, type DecryptionShare, jointDecryptionValue,
} from '../crypto/threshold-decryption.js';
import { decryptionContext } from '../record/contexts.js';
import { type BallotSummer, type BallotSums, type SumResult, type SummerFactory, sumInThread } from '../record/ballot-sums.js';
import type { BoardEvent } from '../record/board.js';
import type { Manifest } from '../record/manifest.js';
import { allocateSeats, tieBreakSeed } from '../record/seats.js';
import { type ReportPayload, buildServerReport, signServerReport } from '../record/server-report.js';
import { appendManyToBoard, appendToBoard } from './board.service.js';
import { DomainError } from './errors.js';
import { requireElection, requireMember, requirePhase } from './elections.service.js';
import type { Actor, Election } from './model.js';
import type { RelayStore, Repos, Store } from './ports.js';
import { issuanceEntries } from './voting.service.js';

interface TallyPayload { contests: { contestId: string; tally: ReturnType<typeof ciphertextToJSON>[] }[] }
interface SharesPayload { contests: { contestId: string; shares: unknown[] }[] }

async function manifestOf(r: Repos, electionId: string): Promise<{ manifest: Manifest; hash: string }> {
  const s = await r.voting.state(electionId);
  if (!s.manifest || !s.manifestHash) throw new DomainError('wrong_phase', { expected: ['closed'], phase: 'key_ceremony' });
  return { manifest: s.manifest as Manifest, hash: s.manifestHash };
}

/** Ballots read per page at the close: a page's ciphertexts are ≈ 1.3 kB a ballot. */
const CLOSE_PAGE = 2000;

// How this process sums ballots at the close: in this thread unless the server started a
// worker pool (src/cli/server.ts). The close runs deep inside a decision's execution, so
// the choice is made once per process; every summer gives the same sums.
let makeSummer: SummerFactory = sumInThread;

/** Sum the close's ballots with `factory` from now on (e.g. worker threads); returns the previous one. */
export function useBallotSummer(factory: SummerFactory): SummerFactory {
  const previous = makeSummer;
  makeSummer = factory;
  return previous;
}

/**
 * Per contest, the candidate-by-candidate sum of every counted ballot's ciphertexts, read
 * page by page (the next page is read while the last one is summed). Only the
 * ciphertexts are decoded: each ballot's proofs, token and signature were checked when it
 * was cast (castBallot), before it was stored, and the tally is a function of the
 * ciphertexts alone — a verifier re-checks the proofs from the record. Linear in the
 * ballots, with memory bounded by a page.
 */
export async function sumCountedBallots(r: Repos, electionId: string, manifest: Manifest, pageSize = CLOSE_PAGE): Promise<BallotSums> {
  const shapes = new Map(manifest.contests.map((c) => [c.id, c.candidates.length]));
  let result: SumResult;
  try {
    result = await readAndSum(r, electionId, makeSummer(shapes), pageSize);
  } catch (e) {
    // A summer that fails (a worker thread that cannot start) must not keep the vote from
    // closing: the ballots are read again and summed here.
    if (makeSummer === sumInThread) throw e;
    result = await readAndSum(r, electionId, sumInThread(shapes), pageSize);
  }
  // A stored ballot passed checkCastBallot: a row that does not sum is a broken database, not a voter's error.
  if (!result.ok) throw new Error(`${result.label}: ${result.detail}`);
  return result.sums;
}

async function readAndSum(r: Repos, electionId: string, summer: BallotSummer, pageSize: number): Promise<SumResult> {
  // Pages are ranges of board positions, up to the head read here: the close holds the
  // election's lock, so no ballot comes after it.
  const head = (await r.board.head(electionId))?.seq ?? -1;
  let after = -1;
  let page = await r.ballots.ciphertexts(electionId, after, pageSize);
  for (;;) {
    after += pageSize;
    const next = after >= head ? undefined : r.ballots.ciphertexts(electionId, after, pageSize);
    await summer.add(page.map((b) => ({ label: `stored ballot at board position ${b.row}`, contestId: b.contestId, ciphertexts: b.ciphertexts })));
    if (next === undefined) break;
    page = await next;
  }
  return summer.totals();
}

/**
 * Seal the board and publish the encrypted tally: per contest, the product of every
 * counted ballot's ciphertexts, candidate by candidate. Runs in the closing transaction.
 */
export async function closeVoting(r: Repos, e: Election, relay: RelayStore): Promise<void> {
  const { manifest } = await manifestOf(r, e.id);
  const sums = await sumCountedBallots(r, e.id, manifest);
  const contests = manifest.contests.map((c) => ({ contestId: c.id, ballots: sums.get(c.id)!.ballots, tally: sums.get(c.id)!.tally.map(ciphertextToJSON) }));
  // The issuance log, withheld while voting was open, from the relay's own database, by
  // contest then association id: its order and times say nothing about when anyone voted.
  await appendManyToBoard(r, e.id, 'token_issued', await issuanceEntries(relay, manifest));
  await appendToBoard(r, e.id, 'close', { ballots: contests.map((c) => ({ contestId: c.contestId, count: c.ballots })) });
  await appendToBoard(r, e.id, 'encrypted_tally', { contests: contests.map(({ contestId, tally }) => ({ contestId, tally })) } satisfies TallyPayload);
}

export async function getTally(store: Store, electionId: string): Promise<TallyPayload> {
  await requireElection(store.read, electionId);
  const [event] = await store.read.board.byKind(electionId, 'encrypted_tally');
  if (!event) throw new DomainError('not_found', { what: 'tally' });
  return event.payload as TallyPayload;
}

function decodeTally(t: TallyPayload): Map<string, Ciphertext[]> {
  return new Map(t.contests.map((c) => [c.contestId, c.tally.map((x) => ciphertextFromJSON(x, 'tally', 'sum'))]));
}

/**
 * A trustee posts its partial decryptions of every tally ciphertext. Each proof is
 * checked against its verification key; when t trustees have posted, the results are
 * computed, seats allocated and the election moves to `tallied`.
 */
export async function postDecryptionShares(store: Store, actor: Actor, electionId: string, payload: SharesPayload): Promise<{ combined: boolean }> {
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    requirePhase(e, 'closed');
    const member = await requireMember(r, actor, electionId).catch(() => { throw new DomainError('not_trustee'); });
    const { manifest, hash } = await manifestOf(r, electionId);
    const trustee = manifest.trustees.find((t) => t.memberId === member.id);
    if (!trustee) throw new DomainError('not_trustee');
    const posted = await r.tally.shares(electionId);
    if (posted.some((p) => p.trustee === trustee.index)) throw new DomainError('already_posted', { what: 'decryption shares' });
    const [tallyEvent] = await r.board.byKind(electionId, 'encrypted_tally');
    const tally = decodeTally(tallyEvent!.payload as TallyPayload);
    const X = pointFromHex(trustee.verificationKey, 'verificationKey');
    for (const c of manifest.contests) {
      const entry = payload.contests.find((x) => x.contestId === c.id);
      const cts = tally.get(c.id)!;
      if (!entry || entry.shares.length !== cts.length) throw new DomainError('proof_rejected', { what: `shares for contest ${c.id} missing or incomplete` });
      const shares = entry.shares.map((s) => decryptionShareFromJSON(s as never));
      if (shares.some((s) => s.index !== trustee.index)) throw new DomainError('proof_rejected', { what: 'share index is not the trustee\'s' });
      const bad = checkShares(decryptionContext(fromHex(hash), c.id), X, cts, shares);
      if (bad.length > 0) throw new DomainError('proof_rejected', { what: `decryption share of trustee ${trustee.index}, contest ${c.id}, candidate ${bad[0]}` });
    }
    if (payload.contests.length !== manifest.contests.length) throw new DomainError('proof_rejected', { what: 'shares for an unknown contest' });
    await r.tally.addShares(electionId, trustee.index, payload);
    await appendToBoard(r, electionId, 'decryption_share', { trustee: trustee.index, contests: payload.contests });

    const all = [...posted, { trustee: trustee.index, payload }];
    if (all.length < manifest.threshold) return { combined: false };
    await combine(r, e, manifest, hash, tally, all);
    return { combined: true };
  });
}

async function combine(
  r: Repos, e: Election, manifest: Manifest, hash: string, tally: Map<string, Ciphertext[]>,
  posted: { trustee: number; payload: unknown }[],
): Promise<void> {
  const params = { n: manifest.trustees.length, t: manifest.threshold };
  const Xs: Point[] = manifest.trustees.map((t) => pointFromHex(t.verificationKey, 'verificationKey'));
  const [close] = await r.board.byKind(e.id, 'close');
  const contests = manifest.contests.map((c) => {
    const cts = tally.get(c.id)!;
    const sharesOf = (k: number): DecryptionShare[] => posted.map((p) => {
      const entry = (p.payload as SharesPayload).contests.find((x) => x.contestId === c.id)!;
      return decryptionShareFromJSON(entry.shares[k] as never);
    });
    // A candidate cannot have more votes than the contest has counted ballots: that is the
    // discrete log's search bound (smaller, and a value above it would be an error).
    const counted = (close!.payload as { ballots: { contestId: string; count: number }[] }).ballots.find((x) => x.contestId === c.id)?.count ?? 0;
    const votes = cts.map((ct, k) => {
      const d = decryptWithShares(decryptionContext(fromHex(hash), c.id), ct, sharesOf(k), Xs, params, counted);
      if (!d.ok) throw new Error(`tally of contest ${c.id}, candidate ${k} did not decrypt: ${d.reason}`);
      return d.value;
    });
    // The lots' seed: the trustees' joint decryption values s·α (every posted share was
    // checked on posting), which no single party chooses (record/seats.ts).
    const seed = tieBreakSeed(hash, c.id, cts.map((_, k) => jointDecryptionValue(sharesOf(k), params)));
    return allocateSeats({ contestId: c.id, candidates: c.candidates, votes, seats: c.seats, alternates: c.alternates, seed });
  });
  const results = { contests: manifest.contests.map((c, i) => ({ contestId: c.id, ...contests[i]! })) };
  await r.tally.setResults(e.id, results);
  await appendToBoard(r, e.id, 'result', results);
  await r.elections.setPhase(e.id, 'tallied');
}

export async function getResults(store: Store, electionId: string): Promise<unknown> {
  await requireElection(store.read, electionId);
  const results = await store.read.tally.results(electionId);
  if (!results) throw new DomainError('not_found', { what: 'results' });
  return results;
}

/** Board kinds the server report reads (record/server-report.ts). */
const REPORT_KINDS = ['token_issued', 'close', 'result', 'published', 'complaint', 'complaint_answer'] as const;

/**
 * The publishing decision took effect: the board says so, and right after, in the same
 * transaction, the server's own report of the election signed with its receipt key.
 */
export async function publishResults(r: Repos, e: Election): Promise<void> {
  const [result] = await r.board.byKind(e.id, 'result');
  await appendToBoard(r, e.id, 'published', { resultEvent: result!.hash });
  const state = await r.voting.state(e.id);
  if (!state.manifest || !state.manifestHash || !state.receiptSecretKey) throw new Error(`election ${e.id} is published without a manifest or receipt key`);
  const events = (await Promise.all(REPORT_KINDS.map((kind) => r.board.byKind(e.id, kind)))).flat().sort((a, b) => a.seq - b.seq);
  const report = buildServerReport(state.manifest as Manifest, state.manifestHash, events as BoardEvent[]);
  await appendToBoard(r, e.id, 'report', signServerReport(state.receiptSecretKey, report));
}

/** The server's signed report (`{ report, signature }`), once the results are published. */
export async function getServerReport(store: Store, electionId: string): Promise<ReportPayload> {
  await requireElection(store.read, electionId);
  const [event] = await store.read.board.byKind(electionId, 'report');
  if (!event) throw new DomainError('not_found', { what: 'report' });
  return event.payload as ReportPayload;
}
