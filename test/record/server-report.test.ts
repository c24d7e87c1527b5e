/**
 * The server's signed report (src/record/server-report.ts): the figures it takes from the
 * manifest and the board up to the publication, turnout by region with small regions
 * suppressed, the complaint log as it stood at the publication, and the signature under
 * the receipt key (strict Ed25519), which any changed figure breaks.
 */
import { framedMessage } from '../../src/crypto/transcript.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/group.js';
import { type BoardEvent, type EventKind, appendEvent, parsePayload } from '../../src/record/board.js';
import { canonicalJson } from '../../src/record/canonical-json.js';
import type { Manifest } from '../../src/record/manifest.js';
import {
  DEFAULT_MIN_ROLL_SIZE, type ServerReport, buildServerReport, minRollSizeOf, regionTurnout, serverReportMessage, signServerReport, verifyServerReport,
} from '../../src/record/server-report.js';
import { signedRequest } from '../verify/synthetic-governance.js';
import { election } from './fixtures.js';

const e = election('election-report');
const HASH = toHex(e.hash);
let clock = Date.parse('2026-03-01T12:00:00.000Z');

/** A `token_issued` payload as the server posts it: the association's signed request to the issuers. */
function issued(contestId: string, associationId: string) {
  const blinded = [{ keyId: new Uint8Array(32).fill(0x11), blindedMessage: new TextEncoder().encode(`${contestId}/${associationId}`) }];
  return { contestId, associationId, request: signedRequest(e.manifest.electionId, contestId, associationId, blinded) };
}

function board(manifest: Manifest = e.manifest): BoardEvent[] {
  const events: BoardEvent[] = [];
  const push = (kind: EventKind, payload: unknown) => {
    const ev = appendEvent(events.at(-1) ?? null, kind, new Date((clock += 1000)).toISOString(), payload);
    events.push(ev);
    return ev;
  };
  const roll = push('complaint', { complaintId: 'k1', window: 'roll', category: 'accreditation', text: 'Uno', attachments: [], complainant: null });
  push('token_issued', issued('board', 'assoc-1'));
  push('token_issued', issued('board', 'assoc-2'));
  push('token_issued', issued('alt', 'assoc-2'));
  push('close', { ballots: [{ contestId: 'board', count: 2 }, { contestId: 'alt', count: 1 }] });
  const late = push('complaint', { complaintId: 'k2', window: 'post_close', category: 'voting_conduct', text: 'Dos', attachments: [], complainant: null });
  // An answer naming another event is not an answer.
  push('complaint_answer', { complaintId: 'k2', complaintEvent: roll.hash, decision: 'dismissed', reasoning: 'x', proposalId: 'p0', sectors: ['government'] });
  push('complaint_answer', { complaintId: 'k2', complaintEvent: late.hash, decision: 'upheld', reasoning: 'x', proposalId: 'p1', sectors: ['civil_society', 'government'] });
  const cands = (id: string) => manifest.contests.find((c) => c.id === id)!.candidates.map((c) => c.id);
  const [b1, b2, b3, b4] = cands('board');
  const [a1, a2, a3] = cands('alt');
  const result = push('result', {
    contests: [
      { contestId: 'board', counts: [[b1, 1], [b2, 2], [b3, 1], [b4, 0]].map(([candidateId, votes]) => ({ candidateId, votes })), ranking: [b2, b3, b1, b4], titulars: [b2, b3], alternates: [b1], tieBreak: '11'.repeat(32), lots: [] },
      { contestId: 'alt', counts: [[a1, 0], [a2, 1], [a3, 0]].map(([candidateId, votes]) => ({ candidateId, votes })), ranking: [a2, a1, a3], titulars: [a2, a1], alternates: [a3], tieBreak: '11'.repeat(32), lots: [] },
    ],
  });
  push('published', { resultEvent: result.hash });
  // After the publication: not in the report.
  push('complaint_answer', { complaintId: 'k1', complaintEvent: roll.hash, decision: 'dismissed', reasoning: 'x', proposalId: 'p2', sectors: ['civil_society', 'government'] });
  return events;
}

describe('the server report', () => {
  it('states the figures of the manifest and the board up to the publication', () => {
    const events = board();
    const r = buildServerReport(e.manifest, HASH, events);
    const published = events.find((x) => x.kind === 'published')!;
    expect(r).toMatchObject({
      format: 'anfora-server-report', version: 1, electionId: 'election-report', title: 'Elección 2026', manifestHash: HASH,
      publishedEvent: { seq: published.seq, hash: published.hash }, resultEvent: events.find((x) => x.kind === 'result')!.hash, minRollSize: DEFAULT_MIN_ROLL_SIZE,
    });
    expect(r.contests.map((c) => [c.contestId, c.rollSize, c.tokensIssued, c.ballotsCounted, c.seats, c.alternates])).toEqual([['board', 2, 2, 2, 2, 1], ['alt', 2, 1, 1, 2, 1]]);
    expect(r.contests[0]!.candidates).toEqual([
      { candidateId: 'board-cand-2', fullName: 'Candidate 2', votes: 2, seat: 'titular' },
      { candidateId: 'board-cand-3', fullName: 'Candidate 3', votes: 1, seat: 'titular' },
      { candidateId: 'board-cand-1', fullName: 'Candidate 1', votes: 1, seat: 'alternate' },
      { candidateId: 'board-cand-4', fullName: 'Candidate 4', votes: 0, seat: null },
    ]);
    // The roll answer came after the publication; the answer naming another event does not count.
    expect(r.complaints).toEqual({
      filed: 2, upheld: 1, dismissed: 0, unanswered: 1,
      log: [{ complaintId: 'k1', window: 'roll', category: 'accreditation', decision: null }, { complaintId: 'k2', window: 'post_close', category: 'voting_conduct', decision: 'upheld' }],
    });
    expect(parsePayload('report', signServerReport(e.receiptSecret, r)).ok).toBe(true);
  });

  it('suppresses a region whose roll (all contests together) is below the minimum, and shows the others', () => {
    // Two roll entries per region: below the default 5, at a minimum of 2.
    expect(buildServerReport(e.manifest, HASH, board()).regions).toEqual([{ region: 'north', suppressed: true }, { region: 'south', suppressed: true }]);
    const m2 = { ...e.manifest, version: 2, rules: { ...e.manifest.rules, minRollSize: 2 } } as unknown as Manifest;
    expect(minRollSizeOf(m2)).toBe(2);
    expect(buildServerReport(m2, HASH, board(m2)).regions).toEqual([
      { region: 'north', suppressed: false, rollSize: 2, tokensIssued: 1 }, { region: 'south', suppressed: false, rollSize: 2, tokensIssued: 2 },
    ]);
    // A token for an association not on that contest's roll counts nowhere; regions sort by id.
    expect(regionTurnout([{ id: 'c', roll: [{ associationId: 'a', region: 'b' }, { associationId: 'b', region: 'a' }] }], [{ contestId: 'c', associationId: 'z' }, { contestId: 'x', associationId: 'a' }], 1))
      .toEqual([{ region: 'a', suppressed: false, rollSize: 1, tokensIssued: 0 }, { region: 'b', suppressed: false, rollSize: 1, tokensIssued: 0 }]);
  });

  it('needs the publication, the close and the result', () => {
    const events = board();
    expect(() => buildServerReport(e.manifest, HASH, events.filter((x) => x.kind !== 'published'))).toThrow(RangeError);
    expect(() => buildServerReport(e.manifest, HASH, events.filter((x) => x.kind !== 'close'))).toThrow(RangeError);
  });

  it('is signed over its tagged canonical JSON by the receipt key; a changed figure, another key or a receipt\'s tag fails', () => {
    const r = buildServerReport(e.manifest, HASH, board());
    const { report, signature } = signServerReport(e.receiptSecret, r);
    expect(serverReportMessage(report)).toEqual(framedMessage('anfora/v1/server-report', canonicalJson(report)));
    // The same key over the same JSON under the receipt tag (or no tag) is not a report signature.
    for (const m of [framedMessage('anfora/v1/receipt', canonicalJson(report)), canonicalJson(report)]) {
      expect(verifyServerReport(e.manifest.receiptKey, report, toHex(ed25519.sign(m, e.receiptSecret)))).toBe(false);
    }
    expect(ed25519.verify(hexToBytes(signature), serverReportMessage(report), hexToBytes(e.manifest.receiptKey))).toBe(true);
    expect(verifyServerReport(e.manifest.receiptKey, report, signature)).toBe(true);
    // Key order does not matter: the message is canonical.
    const reversed = (v: unknown): unknown => (Array.isArray(v) ? v.map(reversed)
      : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v);
    expect(verifyServerReport(e.manifest.receiptKey, reversed(report), signature)).toBe(true);
    const changed: ServerReport = structuredClone(report);
    changed.contests[0]!.ballotsCounted += 1;
    expect(verifyServerReport(e.manifest.receiptKey, changed, signature)).toBe(false);
    const other = ed25519.utils.randomSecretKey();
    const forged = signServerReport(other, changed);
    expect(verifyServerReport(e.manifest.receiptKey, forged.report, forged.signature)).toBe(false);
    for (const [key, sig] of [['zz', signature], [e.manifest.receiptKey, signature.slice(2)], [e.manifest.receiptKey, 'x'], ['00'.repeat(32), signature]]) {
      expect(verifyServerReport(key!, report, sig!)).toBe(false);
    }
    expect(verifyServerReport(e.manifest.receiptKey, { toJSON: 1.5 }, signature)).toBe(false);
  });

  it('refuses to sign what does not fit the schema, and the payload schema is strict', () => {
    const r = buildServerReport(e.manifest, HASH, board());
    expect(() => signServerReport(e.receiptSecret, { ...r, extra: 1 } as ServerReport)).toThrow(RangeError);
    expect(() => signServerReport(e.receiptSecret.subarray(1), r)).toThrow(RangeError);
    const payload = signServerReport(e.receiptSecret, r);
    expect(parsePayload('report', { ...payload, extra: 1 }).ok).toBe(false);
    expect(parsePayload('report', { ...payload, report: { ...r, regions: [{ region: 'north', suppressed: true, rollSize: 1 }] } }).ok).toBe(false);
  });
});
