/**
 * Check 23, the server's signed report, on records built without a database
 * (synthetic-record.ts): the honest report checks; a published record without one fails;
 * a changed figure fails the signature whether it is left unsigned or re-signed with
 * another key; a figure the server itself signed but the record does not bear out fails,
 * naming the field; a region below the minimum must stay suppressed. Also the readings the
 * report is compared with: turnout by region and the complaint log.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { type ServerReport, signServerReport } from '../../src/record/server-report.js';
import { type CheckKey, type VerificationReport, verifyRecord } from '../../src/verify/index.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { withAnswerDecisions } from './synthetic-governance.js';
import { type AnyRecord, clone, indexOf, rehash } from './tamper.js';

let honest: SyntheticRecord;
let small: SyntheticRecord;

beforeAll(async () => {
  honest = await syntheticRecord();
  // 'board' has a roll of 5, 'alt' of 4, all in one region: 9 entries, below a minimum of 10.
  small = await syntheticRecord({ minRollSize: 10, smallRoll: {
    board: { acknowledged: true, decidedAt: '2026-03-01T11:00:00.000Z', reason: 'Padrón pequeño', proposalId: 'p-1' },
    alt: { acknowledged: true, decidedAt: '2026-03-01T11:00:00.000Z', reason: 'Padrón pequeño', proposalId: 'p-2' },
  } });
}, 120_000);

const verify = (record: unknown, partial = false) => verifyRecord(record, { tokenVerifier: verifyRsaPssNode, partial });
const fresh = (s: SyntheticRecord = honest): AnyRecord => clone(s.record) as AnyRecord;
const failedKeys = (r: VerificationReport): CheckKey[] => r.checks.filter((c) => !c.ok).map((c) => c.key);
const failures = (r: VerificationReport, key: CheckKey = 'server_report'): string[] =>
  r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);

/** Change the report in place; sign it with `key` (the server's by default) or leave the old signature. */
function withReport(change: (r: ServerReport) => void, sign: Uint8Array | null = honest.receiptSecret, s: SyntheticRecord = honest): AnyRecord {
  const rec = fresh(s);
  const e = rec.events[indexOf(rec, 'report')];
  change(e.payload.report);
  if (sign !== null) e.payload = clone(signServerReport(sign, e.payload.report));
  return rehash(rec);
}

describe('the server\'s signed report (check 23)', () => {
  it('is on the honest record right after the publication, signed and matching every figure', async () => {
    const rec = fresh();
    expect(rec.events.at(-1).kind).toBe('report');
    expect(rec.events.at(-2).kind).toBe('published');
    const r = await verify(rec);
    expect(failedKeys(r)).toEqual([]);
    expect(r.checks[22]).toMatchObject({ id: 23, key: 'server_report', ok: true });
    expect(r.serverReport).toEqual({ seq: rec.events.at(-1).seq, signature: 'valid', figures: 'match' });
  });

  it('a published record without the report fails', async () => {
    const rec = fresh();
    rec.events.pop();
    const r = await verify(rec);
    expect(failedKeys(r)).toEqual(['server_report']);
    expect(failures(r)).toEqual([expect.stringMatching(/^record: the results are published \(seq \d+\) but the record has no signed server report$/)]);
    expect(r.serverReport).toEqual({ seq: null, signature: null, figures: null });
  });

  it('a record before the publication has no report to check', async () => {
    const rec = fresh();
    rec.events.splice(indexOf(rec, 'published'));
    const r = await verify(rec);
    expect(failedKeys(r)).toEqual([]);
    expect(r.serverReport).toBeNull();
    expect(r.checks[22]!.note?.en).toBe('not reached: the results are not published yet');
  });

  it('a changed figure left with the old signature fails the signature and names the field', async () => {
    const r = await verify(withReport((x) => { x.contests[0]!.ballotsCounted += 1; }, null));
    expect(failedKeys(r)).toEqual(['server_report']);
    expect(failures(r)).toEqual([
      expect.stringMatching(/\(report\): the signature does not verify under the manifest's receipt key/),
      'server report field contests[plwha].ballotsCounted: the report says 5; the record gives 4',
    ]);
    expect(r.serverReport).toMatchObject({ signature: 'invalid', figures: 'differ' });
  });

  it('a changed figure re-signed with another key fails the signature', async () => {
    const r = await verify(withReport((x) => { x.contests[1]!.candidates[0]!.votes += 1; }, ed25519.utils.randomSecretKey()));
    expect(failedKeys(r)).toEqual(['server_report']);
    expect(failures(r)[0]).toMatch(/the signature does not verify under the manifest's receipt key/);
    expect(failures(r)[1]).toMatch(/^server report field contests\[tb\]\.candidates\[Candidata alt \d\]\.votes: the report says \d; the record gives \d$/);
  });

  it('a figure the server signed but the record does not bear out fails, naming the field', async () => {
    const r = await verify(withReport((x) => {
      x.contests[1]!.tokensIssued = 2;
      x.title = 'Otra elección';
      x.complaints.filed = 1;
    }));
    expect(failedKeys(r)).toEqual(['server_report']);
    expect(failures(r)).toEqual([
      'server report field title: the report says "Otra elección"; the record gives "Elección sintética 2026"',
      'server report field contests[tb].tokensIssued: the report says 2; the record gives 3',
      'server report field complaints.filed: the report says 1; the record gives 0',
    ]);
    expect(r.serverReport).toEqual({ seq: expect.any(Number), signature: 'valid', figures: 'differ' });
    // The failure points at the field in the record.
    const f = r.checks[22]!.failures[1]!;
    expect(f.where).toEqual({ seq: indexOf(fresh(), 'report'), path: `events[${indexOf(fresh(), 'report')}].payload.report.contests[1].tokensIssued` });
    expect(f.itemText.es).toBe('campo contests[tb].tokensIssued del informe del servidor');
  });

  it('a report covering another board (the chain re-hashed after a change) fails', async () => {
    const rec = fresh();
    rec.events[indexOf(rec, 'close')].at = '2026-03-01T12:59:59.000Z';
    const r = await verify(rehash(rec));
    expect(failures(r)).toEqual(expect.arrayContaining([expect.stringMatching(/^server report field publishedEvent\.hash: the report says [0-9a-f]{16}…; the record gives [0-9a-f]{16}…$/)]));
  });

  it('a region below the minimum must stay suppressed: its figures in the report fail', async () => {
    expect(failedKeys(await verify(small.record))).toEqual([]);
    const r = await verify(withReport((x) => { x.regions[0] = { region: 'Lima', suppressed: false, rollSize: 9, tokensIssued: 7 }; }, small.receiptSecret, small));
    expect(failures(r)).toEqual([
      'server report field regions[Lima].suppressed: the report says false; the record gives true',
    ]);
  });

  it('a report before the publication, or a second one, fails the order', async () => {
    const rec = fresh();
    const report = rec.events.pop();
    rec.events.splice(indexOf(rec, 'published'), 0, report);
    expect(failures(await verify(rehash(rec)), 'order')).toEqual(expect.arrayContaining([expect.stringMatching(/\(report\): out of order/)]));
    const twice = fresh();
    twice.events.push(clone(twice.events.at(-1)));
    expect(failures(await verify(rehash(twice)), 'order')).toEqual([expect.stringMatching(/a second report event/)]);
  });
});

describe('turnout by region and the complaint log in the verification report', () => {
  it('turnout: tokens against roll entries over all contests; below the minimum, only that it is', async () => {
    expect((await verify(honest.record)).turnout).toEqual({ minRollSize: 5, regions: [{ region: 'Lima', suppressed: false, rollSize: 9, tokensIssued: 7 }] });
    expect((await verify(small.record)).turnout).toEqual({ minRollSize: 10, regions: [{ region: 'Lima', suppressed: true }] });
  });

  it('the complaint log: every complaint in board order with its answer', async () => {
    const rec = fresh();
    const complaint = { kind: 'complaint', at: '2026-03-01T12:30:00.000Z', seq: 0, prevHash: '', hash: '',
      payload: { complaintId: 'c-1', window: 'post_close', category: 'voting_conduct', text: 'Reclamo <b>', attachments: [], complainant: { role: 'committee', name: 'Ana' } } };
    rec.events.splice(indexOf(rec, 'encrypted_tally') + 1, 0, complaint);
    rehash(rec);
    const answer = { kind: 'complaint_answer', at: '2026-03-01T12:40:00.000Z', seq: 0, prevHash: '', hash: '',
      payload: { complaintId: 'c-1', complaintEvent: rec.events[indexOf(rec, 'complaint')].hash, decision: 'upheld', reasoning: 'Con razón', proposalId: 'p-9', sectors: ['civil_society', 'government'] } };
    rec.events.splice(indexOf(rec, 'result') + 1, 0, answer);
    rec.events = withAnswerDecisions(rec.events, rec.electionId);
    const r = await verify(rehash(rec, { receiptSecret: honest.receiptSecret }));
    expect(failedKeys(r)).toEqual([]);
    expect(r.complaints).toEqual([{
      complaintId: 'c-1', seq: indexOf(rec, 'complaint'), at: '2026-03-01T12:30:00.000Z', window: 'post_close', category: 'voting_conduct', text: 'Reclamo <b>',
      attachments: [], complainant: { role: 'committee', name: 'Ana' },
      answer: { decision: 'upheld', reasoning: 'Con razón', sectors: ['civil_society', 'government'], at: '2026-03-01T12:40:00.000Z', seq: indexOf(rec, 'complaint_answer') },
    }]);
  });
});
