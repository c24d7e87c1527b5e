/**
 * The election-record verifier (DESIGN §4): {@link verifyRecord} runs the numbered checks
 * of report.ts over an untrusted record (docs/voting-protocol.md "The election record
 * (export)") and gathers every failure, naming the item; it never throws on a malformed
 * record — a malformed record is a failing check that names the path. Browser-safe: it
 * uses only crypto and record; Node callers inject faster token and signature verifiers
 * and a ballot checker that uses worker threads.
 * @module
 */
import type { EventKind } from '../record/board.js';
import type { BallotSignatureVerifier, TokenVerifier } from '../record/cast-ballot.js';
import { type BallotChecker, checkBallots } from './ballots.js';
import { checkCeremony, checkManifest } from './ceremony.js';
import { checkChainLinks, checkOrder, readRecord, stageOf } from './events.js';
import { Findings, Names } from './findings.js';
import {
  type CheckKey, type ComplaintEntry, type ContestCounts, type ContestResult, type RecordCounts, type ServerReportStatus, type Turnout,
  type VerificationReport, text,
} from './report.js';
import { checkServerReport, complaintLog, turnoutOf } from './server-report.js';
import { type VerifyState, parsedOf } from './state.js';
import { checkTally, tallyWithoutManifest } from './tally.js';
import { checkBallotEvents, checkIssuance } from './voting.js';
import { checkGovernance } from './signed-decisions.js';

/** The stages that progress is reported for, in order. */
export type VerifyStage = 'format' | 'chain' | 'ceremony' | 'ballots' | 'tally';

/** Options of {@link verifyRecord}. */
export interface VerifyOptions {
  /** Called as work is done: `done` of `total` units of `stage` (events, ballots, steps). */
  readonly onProgress?: (done: number, total: number, stage: VerifyStage) => void;
  /** Token verifier for the default ballot checker: crypto's `verifyToken` (default, WebCrypto) or `verifyTokenNode`. */
  readonly tokenVerifier?: TokenVerifier;
  /** Ballot-signature verifier for the default ballot checker (default crypto's `verifyBallotSignature`). */
  readonly signatureVerifier?: BallotSignatureVerifier;
  /** Checks the ballots; default {@link checkBallots} in this thread with the verifiers above. */
  readonly ballotChecker?: BallotChecker;
  /** Accept a record that ends before the results (mid-election); default false. */
  readonly partial?: boolean;
}

function guard(s: VerifyState, key: CheckKey, f: () => void): void {
  try {
    f();
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    s.f.add(key, s.names.record(), text(`error interno del verificador: ${m}`, `internal verifier error: ${m}`));
  }
}

async function guardAsync(s: VerifyState, key: CheckKey, f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    s.f.add(key, s.names.record(), text(`error interno del verificador: ${m}`, `internal verifier error: ${m}`));
  }
}

function countsOf(s: VerifyState): RecordCounts {
  const byKind: Partial<Record<EventKind, number>> = {};
  for (const e of s.events) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  const close = parsedOf(s, 'close')[0];
  const contests: ContestCounts[] = (s.manifest?.json.contests ?? []).map((c) => {
    const t = s.tallies?.get(c.id);
    return {
      contestId: c.id,
      constituency: c.constituency,
      title: c.title,
      rollSize: c.roll.length,
      tokensIssued: t?.tokensIssued ?? 0,
      ballotsOnBoard: t?.ballotsOnBoard ?? 0,
      countedBallots: t?.counted ?? 0,
      closeCount: close?.data.ballots.find((b) => b.contestId === c.id)?.count ?? null,
    };
  });
  return { events: s.events.length, byKind, contests };
}

/**
 * Verify an election record (see the module comment and report.ts for the checks).
 * Never throws: anything wrong with `record`, however malformed, is a failing check.
 * A record read from text is better verified with text.ts `verifyRecordText`, which also
 * refuses a repeated member name (which `JSON.parse` hides) and hashes the bytes.
 * @example
 * const report = await verifyRecord(JSON.parse(text), { tokenVerifier: verifyTokenNode });
 * if (!report.ok) for (const c of report.checks) for (const x of c.failures) console.log(c.id, x.item, x.detail.en);
 */
export async function verifyRecord(record: unknown, options: VerifyOptions = {}): Promise<VerificationReport> {
  return verifyParsed(record, options, {});
}

/** What reading the record's text found before it was parsed (text.ts). */
export interface TextFindings {
  /** SHA-256 (hex) of the bytes read. */
  readonly sha256?: string;
  /** Objects that repeat a member name: the object's path (`events[3].payload`, '' for the top) and the name. */
  readonly duplicateKeys?: readonly { readonly path: string; readonly key: string }[];
  /** Why the text is not a JSON document at all. */
  readonly unreadable?: string;
}

/** {@link verifyRecord}, with what the text reader found. Never throws. */
export async function verifyParsed(record: unknown, options: VerifyOptions, found: TextFindings): Promise<VerificationReport> {
  const progress = (done: number, total: number, stage: VerifyStage) => {
    try {
      options.onProgress?.(done, total, stage);
    } catch {
      // A failing progress callback must not stop the verification.
    }
  };
  const f = new Findings();
  const names = new Names();
  if (found.unreadable !== undefined) {
    f.add('format', names.record(), text(`no es un documento JSON (${found.unreadable})`, `is not a JSON document (${found.unreadable})`));
  }
  for (const d of found.duplicateKeys ?? []) {
    f.add('format', names.record(d.path), text(
      `el miembro "${d.key}" aparece dos veces en el mismo objeto (un lector JSON se queda con el último)`,
      `the member "${d.key}" appears twice in one object (a JSON reader keeps the last)`));
  }
  const shape = (() => {
    if (found.unreadable !== undefined) return { electionId: null, committee: [], raw: [], events: [] };
    try {
      return readRecord(record, f, names);
    } catch (e) {
      f.add('format', names.record(), text(`no se puede leer (${(e as Error).message})`, `cannot be read (${(e as Error).message})`));
      return { electionId: null, committee: [], raw: [], events: [] };
    }
  })();
  const total = shape.raw.length;
  progress(total, total, 'format');
  const s: VerifyState = { f, names, electionId: shape.electionId, events: shape.events, partial: options.partial === true };

  guard(s, 'chain', () => checkChainLinks(shape.raw, f, s.names, (done) => progress(done, total, 'chain')));
  progress(total, total, 'chain');
  guard(s, 'order', () => checkOrder(s.events, f, s.names, s.partial));

  guard(s, 'manifest', () => { s.manifest = checkManifest(s); });
  guard(s, 'ceremony_result', () => checkCeremony(s));
  progress(1, 1, 'ceremony');

  let issued = new Map<string, number>();
  guard(s, 'issuance', () => { issued = checkIssuance(s); });
  const checker: BallotChecker = options.ballotChecker
    ?? ((context, tasks, onProgress) => checkBallots(context, tasks, {
      ...(options.tokenVerifier ? { tokenVerifier: options.tokenVerifier } : {}),
      ...(options.signatureVerifier ? { signatureVerifier: options.signatureVerifier } : {}),
      ...(onProgress ? { onProgress } : {}),
    }));
  await guardAsync(s, 'ballot_proofs', () => checkBallotEvents(s, issued, checker, (done, n) => progress(done, n, 'ballots')));

  let results: ContestResult[] | null = null;
  if (s.manifest === undefined) guard(s, 'decryption', () => tallyWithoutManifest(s));
  else guard(s, 'decryption', () => { results = checkTally(s); });
  progress(1, 1, 'tally');

  const governance = checkGovernance(s, guard);
  const counts = countsOf(s);
  let serverReport: ServerReportStatus | null = null;
  guard(s, 'server_report', () => { serverReport = checkServerReport(s, counts, results); });
  let turnout: Turnout | null = null;
  let complaints: ComplaintEntry[] = [];
  guard(s, 'format', () => {
    turnout = turnoutOf(s);
    complaints = complaintLog(s);
  });

  const checks = f.checks();
  const failed = checks.filter((c) => !c.ok).length;
  const ok = failed === 0;
  const stage = stageOf(s.events);
  return {
    format: 'anfora-verification-report',
    version: 1,
    ok,
    verdict: ok
      ? text(`El registro es válido: las ${checks.length} comprobaciones pasan.`, `The record is valid: all ${checks.length} checks pass.`)
      : text(`El registro NO es válido: ${failed} de ${checks.length} comprobaciones fallan.`, `The record is NOT valid: ${failed} of ${checks.length} checks fail.`),
    electionId: s.manifest?.json.electionId ?? s.electionId,
    title: s.manifest?.json.title ?? null,
    manifestHash: s.manifest?.hashHex ?? null,
    stage,
    complete: s.events.some((e) => e.kind === 'result'),
    counts,
    results,
    turnout,
    complaints,
    serverReport,
    recordSha256: found.sha256 ?? null,
    governance,
    checks,
  };
}
