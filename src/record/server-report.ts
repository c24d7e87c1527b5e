/**
 * The server's signed report (docs/voting-protocol.md "The server's signed report";
 * docs/election-record.md §6.7). When the results are published, the server states in
 * one JSON document what it counts — per contest the roll, the tokens issued, the ballots
 * counted, the results and seats; turnout by region; the complaint log — and signs it
 * with the election's Ed25519 receipt key (the secret half of `manifest.receiptKey`):
 *
 * ```
 * signature = Ed25519(receipt secret key, framedMessage('anfora/v1/server-report', canonicalJson(report)))
 * ```
 *
 * appended to the board as the `report` event `{ report, signature }` right after
 * `published`, in the same transaction. An auditor checks the signature under the
 * manifest's key with the strict rule of ballot signatures (crypto/ballot-signature.ts
 * `verifyStrictSignature`) and compares every figure with what it computes from the record
 * itself: a server that signed figures the record does not bear out is caught with its
 * own signature.
 *
 * Turnout by region: ballots carry no region, so a region's turnout is the tokens issued
 * to its associations against its roll entries (all contests together: an association on
 * two rolls counts twice). A region with fewer roll entries than `rules.minRollSize` (the
 * small-electorate safeguard; 5 when a version-1 manifest states none) is reported only
 * as `{ region, suppressed: true }`.
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { verifyStrictSignature } from '../crypto/ballot-signature.js';
import { TAGS, framedMessage } from '../crypto/transcript.js';
import { fromHex, toHex } from '../crypto/group.js';
import type { BoardEvent } from './board.js';
import { canonicalJson } from './canonical-json.js';
import { IdSchema } from './ids.js';
import { Hex32Schema, Hex64Schema, type Manifest } from './manifest.js';

/** `report.format`. */
export const SERVER_REPORT_FORMAT = 'anfora-server-report';
/** `rules.minRollSize` when the manifest (version 1) states none. */
export const DEFAULT_MIN_ROLL_SIZE = 5;

const Count = z.number().int().min(0);
// Literal lists rather than board.ts's constants: board.ts imports this module.
const Decision = z.enum(['upheld', 'dismissed']);

/** A region's turnout, or only that its roll is below the minimum. */
export const RegionTurnoutSchema = z.union([
  z.strictObject({ region: z.string(), suppressed: z.literal(false), rollSize: Count, tokensIssued: Count }),
  z.strictObject({ region: z.string(), suppressed: z.literal(true) }),
]);

/** zod schema of the report (strict at every level). */
export const ServerReportSchema = z.strictObject({
  format: z.literal(SERVER_REPORT_FORMAT),
  version: z.literal(1),
  electionId: IdSchema,
  title: z.string(),
  /** The manifest hash (hex), as the `manifest` event publishes it. */
  manifestHash: Hex32Schema,
  /** The `published` event: the report covers the board up to it. */
  publishedEvent: z.strictObject({ seq: z.number().int().min(0).max(0xffffffff), hash: Hex32Schema }),
  /** The hash of the `result` event. */
  resultEvent: Hex32Schema,
  /** The minimum roll below which a region's figures are withheld. */
  minRollSize: z.number().int().min(1),
  /** Every manifest contest, in manifest order. */
  contests: z.array(z.strictObject({
    contestId: IdSchema,
    constituency: z.string(),
    title: z.string(),
    rollSize: Count,
    tokensIssued: Count,
    ballotsCounted: Count,
    seats: Count,
    alternates: Count,
    /** Every candidate, in the result's ranking order. */
    candidates: z.array(z.strictObject({
      candidateId: IdSchema, fullName: z.string(), votes: Count, seat: z.enum(['titular', 'alternate']).nullable(),
    })),
  })),
  /** Every region of the rolls, ordered by region id (UTF-16 code units). */
  regions: z.array(RegionTurnoutSchema),
  /** The complaints filed before the publication, in board order, and their answers then. */
  complaints: z.strictObject({
    filed: Count,
    upheld: Count,
    dismissed: Count,
    unanswered: Count,
    log: z.array(z.strictObject({
      complaintId: IdSchema,
      window: z.enum(['roll', 'post_close']),
      category: z.enum(['accreditation', 'candidate', 'voting_conduct', 'missing_tracking_code', 'other']),
      decision: Decision.nullable(),
    })),
  }),
});

/** The server's report. */
export type ServerReport = z.infer<typeof ServerReportSchema>;
/** One region's line of {@link ServerReport.regions}. */
export type RegionTurnout = z.infer<typeof RegionTurnoutSchema>;

/** The payload of the `report` board event. */
export const ReportPayloadSchema = z.strictObject({ report: ServerReportSchema, signature: Hex64Schema });
export type ReportPayload = z.infer<typeof ReportPayloadSchema>;

/** The minimum roll of the small-electorate safeguard that a manifest states (or the default). */
export function minRollSizeOf(manifest: { readonly rules?: unknown }): number {
  const min = (manifest.rules as { minRollSize?: unknown } | undefined)?.minRollSize;
  return typeof min === 'number' && Number.isSafeInteger(min) && min >= 1 ? min : DEFAULT_MIN_ROLL_SIZE;
}

/**
 * Turnout by region from the manifest's rolls and the issued tokens (contest id,
 * association id pairs), regions below `minRollSize` suppressed; ordered by region id.
 * A token whose association is not on that contest's roll counts nowhere.
 * @example regionTurnout(manifest.contests, tokens, 5)
 */
export function regionTurnout(
  contests: readonly { readonly id: string; readonly roll: readonly { readonly associationId: string; readonly region: string }[] }[],
  tokens: readonly { readonly contestId: string; readonly associationId: string }[],
  minRollSize: number,
): RegionTurnout[] {
  const regionOf = new Map<string, string>();
  const roll = new Map<string, number>();
  const issued = new Map<string, number>();
  const key = (contestId: string, associationId: string) => JSON.stringify([contestId, associationId]);
  for (const c of contests) {
    for (const r of c.roll) {
      regionOf.set(key(c.id, r.associationId), r.region);
      roll.set(r.region, (roll.get(r.region) ?? 0) + 1);
    }
  }
  for (const t of tokens) {
    const region = regionOf.get(key(t.contestId, t.associationId));
    if (region !== undefined) issued.set(region, (issued.get(region) ?? 0) + 1);
  }
  return [...roll.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((region): RegionTurnout => (roll.get(region)! < minRollSize
    ? { region, suppressed: true }
    : { region, suppressed: false, rollSize: roll.get(region)!, tokensIssued: issued.get(region) ?? 0 }));
}

type Payload = Record<string, any>;

/**
 * The report the server signs, from the manifest and the board up to and including the
 * `published` event (later events are ignored; other kinds than those it reads may be
 * present). Pure and deterministic.
 * @throws RangeError if the board has no `published`, `result` or `close` event, or
 *   they do not fit the manifest (a programming error on the server's side)
 * @example const report = buildServerReport(manifest, hash, events);
 */
export function buildServerReport(manifest: Manifest, manifestHash: string, events: readonly Pick<BoardEvent, 'seq' | 'kind' | 'payload' | 'hash'>[]): ServerReport {
  const end = events.findIndex((e) => e.kind === 'published');
  if (end < 0) throw new RangeError('"events" expected a published event');
  const board = events.slice(0, end + 1);
  const published = board[end]!;
  const result = board.find((e) => e.kind === 'result');
  const close = board.find((e) => e.kind === 'close');
  if (result === undefined || close === undefined) throw new RangeError('"events" expected the close and the result before the publication');
  const tokens = board.filter((e) => e.kind === 'token_issued').map((e) => e.payload as { contestId: string; associationId: string });
  const minRollSize = minRollSizeOf(manifest);

  const contests = manifest.contests.map((c) => {
    const entry = (result.payload as Payload).contests.find((x: Payload) => x.contestId === c.id) as Payload | undefined;
    const count = (close.payload as Payload).ballots.find((x: Payload) => x.contestId === c.id)?.count as number | undefined;
    if (entry === undefined || count === undefined) throw new RangeError(`"events" expected contest ${c.id} in the close and the result`);
    const votes = new Map<string, number>(entry.counts.map((x: Payload) => [x.candidateId, x.votes]));
    const titulars = new Set<string>(entry.titulars);
    const alternates = new Set<string>(entry.alternates);
    return {
      contestId: c.id,
      constituency: c.constituency,
      title: c.title,
      rollSize: c.roll.length,
      tokensIssued: tokens.filter((t) => t.contestId === c.id).length,
      ballotsCounted: count,
      seats: c.seats,
      alternates: c.alternates,
      candidates: (entry.ranking as string[]).map((id) => ({
        candidateId: id,
        fullName: c.candidates.find((x) => x.id === id)?.fullName ?? id,
        votes: votes.get(id) ?? 0,
        seat: titulars.has(id) ? 'titular' as const : alternates.has(id) ? 'alternate' as const : null,
      })),
    };
  });

  const log: ServerReport['complaints']['log'] = [];
  const filed = new Map<string, { index: number; hash: string }>();
  for (const e of board) {
    const p = e.payload as Payload;
    if (e.kind === 'complaint' && !filed.has(p.complaintId)) {
      filed.set(p.complaintId, { index: log.length, hash: e.hash });
      log.push({ complaintId: p.complaintId, window: p.window, category: p.category, decision: null });
    } else if (e.kind === 'complaint_answer') {
      const target = filed.get(p.complaintId);
      if (target !== undefined && target.hash === p.complaintEvent && log[target.index]!.decision === null) log[target.index]!.decision = p.decision;
    }
  }
  const decided = (d: 'upheld' | 'dismissed') => log.filter((x) => x.decision === d).length;

  const report: ServerReport = {
    format: SERVER_REPORT_FORMAT,
    version: 1,
    electionId: manifest.electionId,
    title: manifest.title,
    manifestHash,
    publishedEvent: { seq: published.seq, hash: published.hash },
    resultEvent: result.hash,
    minRollSize,
    contests,
    regions: regionTurnout(manifest.contests, tokens, minRollSize),
    complaints: { filed: log.length, upheld: decided('upheld'), dismissed: decided('dismissed'), unanswered: log.filter((x) => x.decision === null).length, log },
  };
  const parsed = ServerReportSchema.safeParse(report);
  if (!parsed.success) throw new RangeError(`the report does not fit its schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return report;
}

/**
 * The bytes the signature covers: the transcript framing of the tag
 * `anfora/v1/server-report` and the report's canonical JSON. The receipt key signs
 * receipts too (tracking.ts, tag `anfora/v1/receipt`): the distinct tags keep a signed
 * receipt from passing for a report and back.
 */
export function serverReportMessage(report: unknown): Uint8Array {
  return framedMessage(TAGS.serverReport, canonicalJson(report));
}

/**
 * Sign a report with the election's receipt key (32-byte Ed25519 secret seed, RFC 8032
 * §5.1.6, deterministic): the `report` event's payload.
 * @throws TypeError/RangeError on a secret key that is not 32 bytes or a report that does not fit its schema
 * @example appendToBoard(r, id, 'report', signServerReport(receiptSecretKey, report));
 */
export function signServerReport(secretKey: Uint8Array, report: ServerReport): ReportPayload {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new RangeError(`"secretKey" expected 32 bytes, got ${String((secretKey as { length?: unknown } | null)?.length)}`);
  const parsed = ServerReportSchema.safeParse(report);
  if (!parsed.success) throw new RangeError(`"report" expected a server report: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return Object.freeze({ report, signature: toHex(ed25519.sign(serverReportMessage(report), secretKey)) });
}

/**
 * Is `signature` (hex) the receipt key's signature of `report`? The key and the signature
 * must be strict encodings (docs/election-record.md §2.5). Untrusted input: returns false,
 * never throws.
 * @example verifyServerReport(manifest.receiptKey, payload.report, payload.signature) // true
 */
export function verifyServerReport(receiptKeyHex: string, report: unknown, signature: string): boolean {
  try {
    return verifyStrictSignature(fromHex(receiptKeyHex, 'receiptKey', 32), serverReportMessage(report), fromHex(signature, 'signature', 64));
  } catch {
    return false;
  }
}
