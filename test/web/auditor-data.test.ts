/**
 * The auditor page's readings of a record, outside the browser: turnout by region
 * suppressed below the manifest's minimum roll (its figures never leave the function), and
 * the complaint log with each answer matched by complaint id and event hash.
 */
import { describe, expect, it } from 'vitest';
import { complaintLog } from '../../src/web/auditor/complaints.js';
import { regionTurnout } from '../../src/web/auditor/turnout.js';

const A = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const H = (c: string) => c.repeat(64);

function manifestEvent(rolls: Record<string, string[]>, rules: Record<string, unknown> = { minRollSize: 5 }) {
  let n = 0;
  return {
    seq: 1, kind: 'manifest', at: '2026-03-01T10:00:00.000Z', hash: H('a'),
    payload: {
      manifest: {
        rules,
        contests: Object.entries(rolls).map(([id, regions]) => ({ id, roll: regions.map((region) => ({ associationId: A(++n), legalName: `A${n}`, region })) })),
      },
    },
  };
}

const issued = (contestId: string, n: number) => ({ seq: 10 + n, kind: 'token_issued', at: '2026-03-02T10:00:00.000Z', payload: { contestId, associationId: A(n) } });

describe('regionTurnout', () => {
  const record = {
    events: [
      manifestEvent({ c1: ['lima_metropolitana', 'lima_metropolitana', 'lima_metropolitana', 'madre_de_dios', 'madre_de_dios'], c2: ['lima_metropolitana', 'lima_metropolitana', 'puno'] }),
      issued('c1', 1), issued('c1', 2), issued('c1', 4), issued('c2', 6), issued('c2', 8),
    ],
  };

  it('gives the figures of a region at the minimum or above, all contests together, and only "suppressed" below it', () => {
    const t = regionTurnout(record);
    expect(t.minRollSize).toBe(5);
    expect(t.regions).toEqual([
      { region: 'lima_metropolitana', suppressed: false, roll: 5, tokens: 3 },
      { region: 'madre_de_dios', suppressed: true },
      { region: 'puno', suppressed: true },
    ]);
  });

  it('follows the manifest\'s minRollSize, and uses 5 when the manifest has none usable', () => {
    const events = (rules: Record<string, unknown>) => ({ events: [manifestEvent({ c1: ['puno', 'puno'], c2: ['tacna'] }, rules), issued('c1', 1)] });
    expect(regionTurnout(events({ minRollSize: 2 }))).toEqual({
      minRollSize: 2,
      regions: [{ region: 'puno', suppressed: false, roll: 2, tokens: 1 }, { region: 'tacna', suppressed: true }],
    });
    for (const rules of [{}, { minRollSize: 0 }, { minRollSize: '2' }, { minRollSize: 2.5 }]) {
      const t = regionTurnout(events(rules));
      expect(t.minRollSize).toBe(5);
      expect(t.regions.every((r) => r.suppressed)).toBe(true);
    }
  });

  it('reads nothing from what is not a record, without throwing', () => {
    for (const bad of [null, 3, 'x', {}, { events: 'no' }, { events: [null, 7, { kind: 'manifest', payload: null }, { kind: 'token_issued' }] }]) {
      expect(regionTurnout(bad)).toEqual({ minRollSize: 5, regions: [] });
    }
  });
});

describe('complaintLog', () => {
  const complaint = (seq: number, id: string, extra: Record<string, unknown> = {}) => ({
    seq, kind: 'complaint', at: `2026-03-0${seq}T10:00:00.000Z`, hash: H(String(seq)),
    payload: { complaintId: id, window: 'roll', category: 'accreditation', text: `Reclamo ${seq}`, attachments: [], complainant: null, ...extra },
  });
  const answer = (seq: number, id: string, complaintEvent: string, decision = 'dismissed') => ({
    seq, kind: 'complaint_answer', at: `2026-03-0${seq}T12:00:00.000Z`, hash: H('f'),
    payload: { complaintId: id, complaintEvent, decision, reasoning: `Respuesta ${seq}`, proposalId: A(99), sectors: ['civil_society', 'government'] },
  });

  it('lists complaints in board order with the answer that names their event', () => {
    const log = complaintLog({
      events: [
        complaint(1, A(1), { complainant: { role: 'association', name: 'Asociación Uno' }, attachments: [{ name: 'acta.pdf', sha256: H('b') }] }),
        complaint(2, A(2), { window: 'post_close', category: 'voting_conduct' }),
        answer(3, A(2), H('2'), 'upheld'),
      ],
    });
    expect(log).toEqual([
      {
        complaintId: A(1), seq: 1, at: '2026-03-01T10:00:00.000Z', window: 'roll', category: 'accreditation', text: 'Reclamo 1',
        attachments: [{ name: 'acta.pdf', sha256: H('b') }], complainant: { role: 'association', name: 'Asociación Uno' }, answer: null,
      },
      {
        complaintId: A(2), seq: 2, at: '2026-03-02T10:00:00.000Z', window: 'post_close', category: 'voting_conduct', text: 'Reclamo 2',
        attachments: [], complainant: null,
        answer: { decision: 'upheld', reasoning: 'Respuesta 3', sectors: ['civil_society', 'government'], at: '2026-03-03T12:00:00.000Z', seq: 3 },
      },
    ]);
  });

  it('leaves unanswered a complaint whose answer names another event hash, and keeps only the first of two answers', () => {
    const wrongHash = complaintLog({ events: [complaint(1, A(1)), answer(2, A(1), H('9'))] });
    expect(wrongHash[0]!.answer).toBeNull();
    const twice = complaintLog({ events: [complaint(1, A(1)), answer(2, A(1), H('1'), 'dismissed'), answer(3, A(1), H('1'), 'upheld')] });
    expect(twice[0]!.answer).toMatchObject({ decision: 'dismissed', seq: 2 });
  });

  it('leaves out complaints and answers that do not parse, and a second complaint with the same id', () => {
    const log = complaintLog({
      events: [
        complaint(1, A(1), { category: 'bribery' }),
        complaint(2, A(2), { text: '' }),
        complaint(3, A(3)),
        complaint(4, A(3)),
        { seq: 5, kind: 'complaint_answer', at: 'x', hash: H('e'), payload: { complaintId: A(3) } },
      ],
    });
    expect(log.map((c) => [c.seq, c.answer])).toEqual([[3, null]]);
    for (const bad of [null, {}, { events: {} }]) expect(complaintLog(bad)).toEqual([]);
  });
});
