/**
 * A record with the sector issuers' logs, end to end over HTTP (issue 12; checks 43–45):
 * every association asks both issuers through the relay, the issuers answer from their
 * own side and keep their logs, the associations cast, and while voting is open, before
 * the close, each issuer posts its signed log of each contest (test/helpers/issuance.ts,
 * through `recordedElection`). The exported record passes all
 * 35 checks. (Forged keys and logs: test/verify/tamper-issuers.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyRecordText } from '../../src/verify/index.js';
import { type RecordedElection, recordedElection } from '../helpers/client-election.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });
let rec: RecordedElection;

beforeAll(async () => { rec = await recordedElection({ sizes: { plwha: 5, tb: 5 }, tag: 'ilog', tokenWindow: false }); });
afterAll(async () => rec?.close());

describe('a record with the issuers\' logs', () => {
  it('passes all 35 checks, checks 43–45 included; each issuer logged every association of each contest', async () => {
    const r = await verifyRecordText(rec.recordText);
    expect(r.checks.filter((c) => !c.ok).map((c) => `${c.key}: ${c.failures.map((f) => f.item).join('; ')}`)).toEqual([]);
    expect(r.checks).toHaveLength(35);
    const logs = rec.record.events.filter((e) => e.kind === 'issuer_log').map((e) => (e.payload as { log: { entries: unknown[] } }).log.entries.length);
    expect(logs).toEqual([5, 5, 5, 5]);
    expect(r.counts.contests.map((c) => c.countedBallots)).toEqual([5, 5]);
  });
});
