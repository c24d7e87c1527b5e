/**
 * The verification report's readings of a record for people — turnout by region and the
 * complaint log — on the edges the auditor page relies on now that it shows them as they
 * are: regions counted over all contests together and suppressed below the minimum; an
 * answer counts only for the complaint event it names, and only the first; a complaint
 * that does not parse, or repeats an id, is not listed; what is not a record gives no
 * readings and no exception.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { type VerificationReport, verifyRecord } from '../../src/verify/index.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { withAnswerDecisions } from './synthetic-governance.js';
import { type AnyRecord, clone, indexOf, rehash } from './tamper.js';

let honest: SyntheticRecord;

beforeAll(async () => {
  honest = await syntheticRecord();
}, 120_000);

const verify = (record: unknown): Promise<VerificationReport> => verifyRecord(record, { tokenVerifier: verifyRsaPssNode });
const fresh = (): AnyRecord => clone(honest.record) as AnyRecord;
const H = (c: string) => c.repeat(64);

describe('turnout by region', () => {
  it('counts roll entries and tokens over all contests together, and below the minimum keeps only that it is', async () => {
    // 'board' (roll 5, tokens to its first 4) and 'alt' (roll 4, tokens to its first 3).
    const rec = fresh();
    const m = rec.events[indexOf(rec, 'manifest')].payload.manifest;
    const regions = { board: ['lima_metropolitana', 'lima_metropolitana', 'lima_metropolitana', 'madre_de_dios', 'puno'], alt: ['lima_metropolitana', 'lima_metropolitana', 'madre_de_dios', 'puno'] };
    for (const c of m.contests) c.roll.forEach((r: { region: string }, i: number) => { r.region = regions[c.id as 'board' | 'alt'][i]!; });
    const r = await verify(rehash(rec));
    // Lima has 3 entries on one roll (below 5) but 5 on both: shown, with 3 + 2 tokens.
    expect(r.turnout).toEqual({
      minRollSize: 5,
      regions: [
        { region: 'lima_metropolitana', suppressed: false, rollSize: 5, tokensIssued: 5 },
        { region: 'madre_de_dios', suppressed: true },
        { region: 'puno', suppressed: true },
      ],
    });
  });
});

describe('the complaint log', () => {
  const complaint = (id: string, extra: Record<string, unknown> = {}) => ({
    kind: 'complaint', at: '2026-03-01T12:30:00.000Z', seq: 0, prevHash: '', hash: '',
    payload: { complaintId: id, window: 'post_close', category: 'voting_conduct', text: `Reclamo ${id}`, attachments: [], complainant: null, ...extra },
  });
  const answer = (id: string, complaintEvent: string, decision: 'upheld' | 'dismissed', at = '2026-03-01T12:40:00.000Z') => ({
    kind: 'complaint_answer', at, seq: 0, prevHash: '', hash: '',
    payload: { complaintId: id, complaintEvent, decision, reasoning: `Respuesta ${decision}`, proposalId: 'p-9', sectors: ['civil_society', 'government'] },
  });
  /**
   * The honest record with `complaints` after the tally and `answers` (given the complaints'
   * hashes) after the result; the server's report re-signed unless `resign` is false (it
   * cannot be built over a complaint that does not parse).
   */
  function withLog(complaints: object[], answers: (hashes: string[]) => object[], resign = true): AnyRecord {
    const rec = fresh();
    rec.events.splice(indexOf(rec, 'encrypted_tally') + 1, 0, ...complaints);
    rehash(rec);
    const hashes = rec.events.filter((e) => e.kind === 'complaint').map((e) => e.hash as string);
    rec.events.splice(indexOf(rec, 'result') + 1, 0, ...answers(hashes));
    rec.events = withAnswerDecisions(rec.events, rec.electionId);
    return rehash(rec, resign ? { receiptSecret: honest.receiptSecret } : {});
  }

  it('lists the complaints in board order, with attachments, the complainant when shown and the answer naming each', async () => {
    const rec = withLog([
      complaint('c-1', { complainant: { role: 'association', name: 'Asociación Uno' }, attachments: [{ name: 'acta.pdf', sha256: H('b') }] }),
      complaint('c-2', { category: 'other' }),
    ], (h) => [answer('c-2', h[1]!, 'dismissed'), answer('c-1', h[0]!, 'upheld', '2026-03-01T12:50:00.000Z')]);
    const r = await verify(rec);
    expect(r.checks.filter((c) => !c.ok).map((c) => c.key)).toEqual([]);
    expect(r.complaints.map((c) => [c.complaintId, c.seq, c.category, c.complainant, c.attachments, c.answer?.decision])).toEqual([
      ['c-1', indexOf(rec, 'complaint'), 'voting_conduct', { role: 'association', name: 'Asociación Uno' }, [{ name: 'acta.pdf', sha256: H('b') }], 'upheld'],
      ['c-2', indexOf(rec, 'complaint', 1), 'other', null, [], 'dismissed'],
    ]);
    expect(r.complaints[1]!.answer).toEqual({
      decision: 'dismissed', reasoning: 'Respuesta dismissed', sectors: ['civil_society', 'government'], at: '2026-03-01T12:40:00.000Z',
      seq: indexOf(rec, 'complaint_answer'),
    });
  });

  it('leaves unanswered a complaint whose answer names another event, and keeps only the first of two answers', async () => {
    const wrong = await verify(withLog([complaint('c-1')], () => [answer('c-1', H('9'), 'upheld')]));
    expect(wrong.complaints.map((c) => c.answer)).toEqual([null]);
    expect(wrong.ok).toBe(false);
    const twice = await verify(withLog([complaint('c-1')], (h) => [answer('c-1', h[0]!, 'dismissed'), answer('c-1', h[0]!, 'upheld', '2026-03-01T12:50:00.000Z')]));
    expect(twice.complaints.map((c) => c.answer?.decision)).toEqual(['dismissed']);
    expect(twice.ok).toBe(false);
  });

  it('leaves out a complaint that does not parse and a second complaint with the same id', async () => {
    const r = await verify(withLog([complaint('c-1', { category: 'bribery' }), complaint('c-2', { text: '' }), complaint('c-3'), complaint('c-3', { text: 'otra vez' })], () => [], false));
    expect(r.complaints.map((c) => [c.complaintId, c.text])).toEqual([['c-3', 'Reclamo c-3']]);
    expect(r.ok).toBe(false);
  });
});

describe('what is not a record', () => {
  it('has no turnout and no complaints, and no exception', async () => {
    for (const bad of [null, 3, 'x', {}, { events: 'no' }, { events: [null, 7, { kind: 'manifest', payload: null }, { kind: 'token_issued' }] }]) {
      const r = await verify(bad);
      expect(r.ok).toBe(false);
      expect(r.turnout).toBeNull();
      expect(r.complaints).toEqual([]);
    }
  });
});
