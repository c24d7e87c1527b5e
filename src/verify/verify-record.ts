/**
 * The election-record verifier (DESIGN §4): {@link verifyRecord} runs the numbered checks
 * of report.ts over an untrusted record (docs/voting-protocol.md "The election record
 * (export)") and gathers every failure, naming the item; it never throws on a malformed
 * record — a malformed record is a failing check that names the path. The record is
 * taken piece by piece (record-stream.ts: the header's members, then one event at a
 * time), so that {@link verifyRecordStream} verifies a record of any size from its bytes
 * with memory bounded by the largest event and what is kept per association (checked-events.ts),
 * never the ballots; {@link verifyRecord} feeds a parsed document
 * through the same driver, so both give the same report. Browser-safe: it uses only
 * crypto and record; Node callers inject faster token and signature verifiers and a
 * ballot checker that uses worker threads.
 * @module
 */
import type { ProofBackend } from '../crypto/batch.js';
import type { EventKind, PayloadOf } from '../record/board.js';
import type { BallotSignatureVerifier, TokenVerifier } from '../record/cast-ballot.js';
import { type BallotChecker, checkBallots } from './ballots.js';
import { ballotCheckContext, checkCeremony, checkManifest } from './ceremony.js';
import { BoardTimes } from './board-times.js';
import { ChainLinks, OrderCheck, type RecordEvent, type RecordHeader, checkHeader, readEvent, stageOf } from './events.js';
import { Findings, Names } from './findings.js';
import { findBadParsedNumbers } from './numbers.js';
import {
  type CheckKey, type ComplaintEntry, type ContestCounts, type ContestResult, type RecordCounts, type ServerReportStatus, type Turnout,
  type VerificationReport, constituencyText, text,
} from './report.js';
import { checkServerReport, complaintLog, turnoutOf } from './server-report.js';
import { type StrictVerifier, type VerifyState, parsedOf } from './state.js';
import { rememberValid } from './request-signatures.js';
import { verifyStrictSignature, verifyStrictSignatureParts } from '../crypto/ballot-signature.js';
import type { IncrementalHash } from '../crypto/transcript.js';
import { checkTally, tallyWithoutManifest } from './tally.js';
import { type RecordPiece, type Sha256, readRecordStream } from './record-stream.js';
import { BallotStage, checkIssuance } from './voting.js';
import { checkGovernance } from './signed-decisions.js';
import { checkIssuers } from './issuers.js';
import { checkTokenWindow } from './token-window.js';
import { StringTable, checkDecision, checkIssuerLog, checkTokenIssued } from './checked-events.js';
import { BoardHashes } from './witnessed-heads.js';

/**
 * The stages that progress is reported for, in order: `read` (bytes, while a streamed
 * record comes in and its ballots are checked), then `format` and `chain` (events),
 * `ceremony`, `ballots` (those still being checked when the record has been read), `tally`.
 */
export type VerifyStage = 'read' | 'format' | 'chain' | 'ceremony' | 'ballots' | 'tally';


/** Options of {@link verifyRecord}. */
export interface VerifyOptions {
  /** Called as work is done: `done` of `total` units of `stage` (events, ballots, steps). */
  readonly onProgress?: (done: number, total: number, stage: VerifyStage) => void;
  /** Token verifier for the default ballot checker: crypto's `verifyToken` (default, WebCrypto) or `verifyTokenNode`. */
  readonly tokenVerifier?: TokenVerifier;
  /** Ballot-signature verifier for the default ballot checker (default crypto's `verifyBallotSignature`). */
  readonly signatureVerifier?: BallotSignatureVerifier;
  /** Proof backend for the default ballot checker (Node: crypto/sodium-ballots.ts); default none (noble). */
  readonly proofBackend?: ProofBackend;
  /**
   * The strict Ed25519 check of the committee's decisions and the associations' token
   * requests (Node: crypto/sodium-ballots.ts `verifyStrictSignatureSodium`, the same
   * verdicts); default noble's `verifyStrictSignature`.
   */
  readonly statementVerifier?: StrictVerifier;
  /**
   * Another implementation of SHA-512 (Node: node:crypto's, ≈ 10× noble's) for the
   * signatures on the issuers' logs, checked with noble's strict rule on the message in
   * parts (crypto/ballot-signature.ts `verifyStrictSignatureParts`): a log is tens of
   * megabytes, never joined. Default noble's.
   */
  readonly sha512?: () => IncrementalHash;
  /**
   * Another implementation of SHA-256 (Node: node:crypto's, ≈ 10× noble's) for the record's
   * bytes and the events' chain of hashes; default noble's.
   */
  readonly sha256?: () => Sha256;
  /** Checks the ballots; default {@link checkBallots} in this thread with the verifiers above. */
  readonly ballotChecker?: BallotChecker;
  /** Accept a record that ends before the results (mid-election); default false. */
  readonly partial?: boolean;
  /** The record's size in bytes, when known: the total of the `read` progress. */
  readonly size?: number;
  /**
   * The manifest hash (hex) the auditor pinned out of band (docs/verification.md): a record
   * whose manifest hash differs, or that has no manifest, fails the manifest check.
   */
  readonly expectManifest?: string;
}

/** The pinned manifest hash against the record's (recomputed from the manifest, else as published). */
function checkPinnedManifest(s: VerifyState, expected: string): void {
  const want = expected.trim().toLowerCase();
  const published = s.events.find((e) => e.kind === 'manifest');
  const got = s.manifest?.hashHex ?? (published?.data as { hash?: string } | undefined)?.hash;
  if (got === undefined) {
    s.f.add('manifest', s.names.record(), text(`no hay manifiesto que comparar con el hash fijado ${want}`, `there is no manifest to compare with the pinned hash ${want}`));
  } else if (got !== want) {
    s.f.add('manifest', s.names.manifest(), text(
      `el hash del manifiesto es ${got}, no el fijado ${want} (--expect-manifest): no es la elección que usted fijó`,
      `the manifest hash is ${got}, not the pinned ${want} (--expect-manifest): this is not the election you pinned`));
  }
}

/** Run a step of a streaming check; an exception is a failure of `key` (the verifier's own fault, or an unreadable header). */
function internal(f: Findings, key: CheckKey, names: Names, step: () => void, what: 'internal' | 'cannot' = 'internal'): void {
  try {
    step();
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    f.add(key, names.record(), what === 'cannot'
      ? text(`no se puede leer (${m})`, `cannot be read (${m})`)
      : text(`error interno del verificador: ${m}`, `internal verifier error: ${m}`));
  }
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
  const close = parsedOf(s, 'close')[0];
  const contests: ContestCounts[] = (s.manifest?.json.contests ?? []).map((c) => {
    const t = s.tallies?.get(c.id);
    return {
      contestId: c.id,
      constituency: c.constituency,
      constituencyName: constituencyText(s.manifest!.json, c.constituency),
      title: c.title,
      rollSize: c.roll.length,
      tokensIssued: t?.tokensIssued ?? 0,
      ballotsOnBoard: t?.ballotsOnBoard ?? 0,
      countedBallots: t?.counted ?? 0,
      closeCount: close?.data.ballots.find((b) => b.contestId === c.id)?.count ?? null,
    };
  });
  return { events: s.eventCount, byKind: { ...s.byKind }, contests };
}

/**
 * Verify an election record (see the module comment and report.ts for the checks).
 * Never throws: anything wrong with `record`, however malformed, is a failing check.
 * A record read from bytes is better verified with {@link verifyRecordStream} (or text.ts
 * `verifyRecordText`), which also refuses a repeated member name (which `JSON.parse`
 * hides), hashes the bytes and never holds the whole record.
 * @example
 * const report = await verifyRecord(JSON.parse(text), { tokenVerifier: verifyTokenNode });
 * if (!report.ok) for (const c of report.checks) for (const x of c.failures) console.log(c.id, x.item, x.detail.en);
 */
export async function verifyRecord(record: unknown, options: VerifyOptions = {}): Promise<VerificationReport> {
  return verifyParsed(record, options, {});
}

/** What reading the record's text found beside its pieces (text.ts, record-stream.ts). */
export interface TextFindings {
  /** SHA-256 (hex) of the bytes read. */
  readonly sha256?: string;
  /** Objects that repeat a member name: the object's path (`events[3].payload`, '' for the top) and the name. */
  readonly duplicateKeys?: readonly { readonly path: string; readonly key: string }[];
  /** Numbers written outside the record's integer grammar (numbers.ts): path and spelling. */
  readonly badNumbers?: readonly { readonly path: string; readonly text: string }[];
  /** Why the text is not a JSON document at all. */
  readonly unreadable?: string;
}

/** {@link verifyRecord} of an already parsed document, with what the text reader found. Never throws. */
export async function verifyParsed(record: unknown, options: VerifyOptions, found: TextFindings): Promise<VerificationReport> {
  const run = new RecordRun(options);
  if (found.unreadable === undefined) for (const piece of piecesOf(record)) await run.piece(piece);
  // Without the text, the numbers are judged as parsed: a fraction or an unsafe integer fails
  // the format check here as its spelling does in the text (docs/election-record.md §2.2).
  if (found.unreadable === undefined && found.badNumbers === undefined) return run.finish({ ...found, badNumbers: findBadParsedNumbers(record) });
  return run.finish(found);
}

/** The pieces a stream reader would give for a parsed document. */
function* piecesOf(record: unknown): Generator<RecordPiece> {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    yield { kind: 'document', value: record };
    return;
  }
  for (const [name, value] of Object.entries(record)) {
    if (name !== 'events' || !Array.isArray(value)) {
      yield { kind: 'member', name, value };
      continue;
    }
    yield { kind: 'events' };
    for (let index = 0; index < value.length; index++) yield { kind: 'event', index, value: value[index] };
  }
}

/** What {@link verifyRecordStream} returns. */
export interface StreamVerification {
  readonly report: VerificationReport;
  /** Set when the bytes are not a JSON document (the report then says only that). */
  readonly unreadable?: string;
}

/**
 * Verify a record from a stream of its bytes (a file, a download), one event at a time:
 * memory is bounded by the largest event (and a few chunks of ballots being checked) and
 * what is kept per association (checked-events.ts), not by the record. The report is the one {@link verifyRecord} gives for the parsed document;
 * besides, bytes that are not UTF-8 JSON, or an object that repeats a member name, fail the
 * format check, and the report carries the SHA-256 of the bytes. Progress: stage `read` in
 * bytes (of `options.size`, when known) while the record streams in and its ballots are
 * checked, then the remaining stages. Never throws for bad content; a failing source
 * (e.g. a broken download) rejects.
 * @example const { report } = await verifyRecordStream(createReadStream(path), { size: (await stat(path)).size });
 */
export async function verifyRecordStream(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, options: VerifyOptions = {},
): Promise<StreamVerification> {
  const run = new RecordRun(options);
  let bytes = 0;
  async function* counted() {
    for await (const chunk of source) {
      bytes += chunk.length;
      run.progress(bytes, options.size ?? 0, 'read');
      yield chunk;
    }
  }
  const reader = readRecordStream(counted(), options.sha256);
  try {
    for (let r = await reader.next(); ; r = await reader.next()) {
      if (!r.done) {
        await run.piece(r.value);
        continue;
      }
      const end = r.value;
      if (end.unreadable === undefined) return { report: await run.finish({ sha256: end.sha256, duplicateKeys: end.duplicateKeys, badNumbers: end.badNumbers }) };
      // Not a JSON document: what was read of it counts for nothing, as if it had not been parsed.
      await run.abandon();
      return { report: await new RecordRun(options).finish({ sha256: end.sha256, unreadable: end.unreadable }), unreadable: end.unreadable };
    }
  } catch (e) {
    await run.abandon();
    throw e;
  }
}

/**
 * One verification, driven piece by piece (the driver; see the module comment). The
 * checks that can run as the record streams in do so into findings of their own — format,
 * chain, order, and the ballots (voting.ts `BallotStage`) — and {@link finish} joins them
 * in their place among the numbered checks, then runs the checks over the whole (the
 * ceremony, issuance, tally, results, server report) on the kept events. Extension: a
 * check over non-ballot events adds a `guard` call in {@link finish} (reading `s.events`);
 * a check that must see every event as it passes (ballots included) adds a field with a
 * `see(event)` method called from {@link piece}, gathering into findings of its own that
 * {@link finish} absorbs at its place.
 */
class RecordRun {
  readonly #o: VerifyOptions;
  readonly #names = new Names();
  readonly #format = new Findings();
  readonly #chain = new Findings();
  readonly #order = new Findings();
  readonly #times = new Findings();
  readonly #boardTimes = new BoardTimes();
  readonly #members: [string, unknown][] = [];
  #document: { value: unknown } | undefined;
  readonly #links: ChainLinks;
  readonly #hashes = new BoardHashes();
  readonly #orderCheck = new OrderCheck();
  readonly #events: RecordEvent[] = [];
  readonly #byKind: Partial<Record<EventKind, number>> = {};
  #raw = 0;
  #wellFormed = 0;
  #manifestSeen = false;
  #closeSeen = false;
  /** The seq of the first well-formed ballot (check 41). */
  #firstBallotSeq: number | undefined;
  #reading = true;
  readonly #ballots: BallotStage;
  /**
   * The associations' token requests are signed once and checked three times (the
   * issuance log, each issuer's log): a valid signature is remembered (request-signatures.ts).
   */
  readonly #requestSignatures: StrictVerifier;
  /** Per member, every account key the board has given them so far (committee, key_registered): the keys an issuer log is judged under. */
  readonly #memberKeys = new Map<string, Set<string>>();
  readonly #strings = new StringTable();

  constructor(options: VerifyOptions) {
    this.#o = options;
    this.#links = new ChainLinks(options.sha256);
    const checker: BallotChecker = options.ballotChecker
      ?? ((context, tasks, onProgress) => checkBallots(context, tasks, {
        ...(options.tokenVerifier ? { tokenVerifier: options.tokenVerifier } : {}),
        ...(options.signatureVerifier ? { signatureVerifier: options.signatureVerifier } : {}),
        ...(options.proofBackend ? { proofBackend: options.proofBackend } : {}),
        ...(onProgress ? { onProgress } : {}),
      }));
    this.#ballots = new BallotStage(checker, (done, total) => { if (!this.#reading) this.progress(done, total, 'ballots'); });
    this.#requestSignatures = rememberValid(options.statementVerifier ?? verifyStrictSignature, options.sha256);
  }

  progress(done: number, total: number, stage: VerifyStage): void {
    try {
      this.#o.onProgress?.(done, total, stage);
    } catch {
      // A failing progress callback must not stop the verification.
    }
  }

  /** The next piece of the record, in document order; resolves when there is room for more. */
  async piece(p: RecordPiece): Promise<void> {
    if (p.kind === 'document') this.#document = { value: p.value };
    else if (p.kind === 'member') this.#members.push([p.name, p.value]);
    else if (p.kind === 'events') this.#members.push(['events', []]);
    else await this.#event(p.index, p.value);
  }

  async #event(index: number, value: unknown): Promise<void> {
    this.#raw++;
    const names = this.#names;
    internal(this.#chain, 'chain', names, () => this.#links.see(value, index, this.#chain, names));
    internal(this.#chain, 'chain', names, () => this.#hashes.see(value, index));
    let e: RecordEvent | undefined;
    internal(this.#format, 'format', names, () => { e = readEvent(value, index, this.#format, names); });
    if (e === undefined) return;
    this.#byKind[e.kind] = (this.#byKind[e.kind] ?? 0) + 1;
    this.#wellFormed++;
    internal(this.#order, 'order', names, () => this.#orderCheck.see(e!, this.#order, names));
    internal(this.#times, 'board_times', names, () => this.#boardTimes.see(e!, this.#times, names));
    if (e.kind === 'ballot') {
      this.#firstBallotSeq ??= e.seq;
      await this.#ballots.push(e, this.#byKind.ballot!, this.#manifestSeen && !this.#closeSeen);
      return;
    }
    this.#events.push(this.#kept(e));
    if (e.kind === 'manifest' && !this.#manifestSeen) {
      this.#manifestSeen = true;
      this.#ballots.open(ballotCheckContext(e.payload));
    }
    if (e.kind === 'close') this.#closeSeen = true;
  }

  /**
   * What is kept of a well-formed event that is not a ballot. The kinds that grow with the
   * roll are checked here and kept as checked-events.ts has them; their checked payload
   * stands for the raw one too, and they are kept without their hashes (the chain is
   * already checked, BoardHashes holds every hash for the witnesses, and no later check
   * reads these kinds' raw payloads or hashes: 160 bytes per event, two events per association).
   */
  #kept(e: RecordEvent): RecordEvent {
    if (e.data === undefined) return e;
    const o = this.#o;
    let data: unknown;
    switch (e.kind) {
      case 'committee':
        for (const m of (e.data as PayloadOf<'committee'>).members) if (m.publicKey !== null) this.#memberKey(m.memberId, m.publicKey);
        return e;
      case 'key_registered': {
        const k = e.data as PayloadOf<'key_registered'>;
        if (k.holder === 'member') this.#memberKey(k.holderId, k.publicKey);
        return e;
      }
      case 'decision': data = checkDecision(e.data as PayloadOf<'decision'>, o.statementVerifier, this.#strings); break;
      case 'token_issued': data = checkTokenIssued(e.data as PayloadOf<'token_issued'>, this.#requestSignatures, this.#strings); break;
      case 'issuer_log': {
        const log = e.data as PayloadOf<'issuer_log'>;
        const verifyLog = (publicKey: Uint8Array, parts: readonly Uint8Array[], signature: Uint8Array) => verifyStrictSignatureParts(publicKey, parts, signature, o.sha512);
        data = checkIssuerLog(log, this.#memberKeys.get(log.log.memberId) ?? [], this.#requestSignatures, verifyLog, this.#strings);
        break;
      }
      default: return e;
    }
    return { ...e, payload: data, data, prevHash: '', hash: '' };
  }

  #memberKey(memberId: string, key: string): void {
    const keys = this.#memberKeys.get(memberId) ?? new Set<string>();
    keys.add(key);
    this.#memberKeys.set(memberId, keys);
  }

  /** Stop: wait for the ballots being checked, and drop them. */
  async abandon(): Promise<void> {
    await this.#ballots.abandon();
  }

  /** After the last piece: every check in its numbered place, and the report. */
  async finish(found: TextFindings): Promise<VerificationReport> {
    this.#reading = false;
    const o = this.#o;
    const f = new Findings();
    const names = this.#names;
    if (found.unreadable !== undefined) {
      f.add('format', names.record(), text(`no es un documento JSON (${found.unreadable})`, `is not a JSON document (${found.unreadable})`));
    }
    for (const d of found.duplicateKeys ?? []) {
      f.add('format', names.record(d.path), text(
        `el miembro "${d.key}" aparece dos veces en el mismo objeto (un lector JSON se queda con el último)`,
        `the member "${d.key}" appears twice in one object (a JSON reader keeps the last)`));
    }
    for (const b of found.badNumbers ?? []) {
      f.add('format', names.record(b.path), text(
        `el número ${b.text} no es un entero de la gramática del registro (-?(0|[1-9][0-9]*), a lo sumo 2^53 − 1, sin fracción ni exponente)`,
        `the number ${b.text} is not an integer of the record's grammar (-?(0|[1-9][0-9]*), at most 2^53 − 1, no fraction or exponent)`));
    }
    let header: RecordHeader = { electionId: null, committee: [] };
    if (found.unreadable === undefined) {
      internal(f, 'format', names, () => {
        header = checkHeader(this.#document === undefined ? Object.fromEntries(this.#members) : null, f, names);
      }, 'cannot');
    }
    f.absorb(this.#format);
    this.progress(this.#raw, this.#raw, 'format');
    f.absorb(this.#chain);
    this.progress(this.#raw, this.#raw, 'chain');
    f.absorb(this.#order);
    f.absorb(this.#times);
    const s: VerifyState = {
      f, names: new Names(), electionId: header.electionId, events: this.#events, byKind: this.#byKind, eventCount: this.#wellFormed,
      partial: o.partial === true, ...(o.statementVerifier === undefined ? {} : { ed25519: o.statementVerifier }),
    };
    const stage = stageOf(this.#byKind, this.#wellFormed);
    guard(s, 'order', () => this.#orderCheck.finish(s.events, stage, f, s.names, s.partial));

    guard(s, 'manifest', () => { s.manifest = checkManifest(s); });
    if (o.expectManifest !== undefined) guard(s, 'manifest', () => checkPinnedManifest(s, o.expectManifest!));
    guard(s, 'ceremony_result', () => checkCeremony(s));
    this.progress(1, 1, 'ceremony');

    let issued = new Map<string, number>();
    guard(s, 'issuance', () => { issued = checkIssuance(s); });
    await guardAsync(s, 'ballot_proofs', () => this.#ballots.finish(s, issued));

    let results: ContestResult[] | null = null;
    if (s.manifest === undefined) guard(s, 'decryption', () => tallyWithoutManifest(s));
    else guard(s, 'decryption', () => { results = checkTally(s); });
    this.progress(1, 1, 'tally');

    const { summary: governance, walked } = checkGovernance(s, guard, this.#hashes);
    if (walked !== null) await checkIssuers(s, walked, guard, guardAsync);
    guard(s, 'token_window', () => checkTokenWindow(s, this.#firstBallotSeq));
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
    const pending = checks.filter((c) => c.pending === true).length;
    return {
      format: 'anfora-verification-report',
      version: 1,
      ok,
      verdict: ok && pending > 0
        ? text(
          `En curso: las ${checks.length - pending} comprobaciones que el registro alcanza pasan hasta ahora; ${pending} quedan pendientes hasta que el registro llegue a su etapa (cierre, escrutinio, publicación).`,
          `In progress: the ${checks.length - pending} checks the record reaches pass so far; ${pending} are pending until the record reaches their stage (close, tally, publication).`)
        : ok
        ? text(`El registro es válido: las ${checks.length} comprobaciones pasan.`, `The record is valid: all ${checks.length} checks pass.`)
        : text(`El registro NO es válido: ${failed} de ${checks.length} comprobaciones fallan.`, `The record is NOT valid: ${failed} of ${checks.length} checks fail.`),
      electionId: s.manifest?.json.electionId ?? s.electionId,
      title: s.manifest?.json.title ?? null,
      manifestHash: s.manifest?.hashHex ?? null,
      stage,
      complete: (this.#byKind.result ?? 0) > 0,
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
}
