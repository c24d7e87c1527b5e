/**
 * The small-electorate safeguard: a contest whose roll is below the election's
 * `minRollSize` (default 5) does not open for voting until the committee records, by a
 * two-sector decision, that it acknowledges the risk; the blocker names the contest, and
 * the frozen manifest carries the acknowledgement for voters and verifiers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChain, parsePayload } from '../../src/record/board.js';
import { parseManifest } from '../../src/record/manifest.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { proposeAs, voteOnId } from '../helpers/model-case.js';
import { prepareVotingElection, type VotingElection } from '../helpers/voting.js';

let t: TestApp;
let v: VotingElection;
let ackProposalId: string;
const TB_TITLE = 'Personas afectadas por TB';
const REASON = 'Solo tres asociaciones de TB acreditadas; el comité asume el riesgo y lo comunica a los votantes';

beforeAll(async () => {
  t = await createTestApp();
  v = await prepareVotingElection(t, { plwha: 6, tb: 3 }, 'sr');
});
afterAll(async () => t?.close());

const phase = async () => (await t.call('GET', `/elections/${v.electionId}/phase`)).json();
const head = async () => (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=1`)).json().head;
const propose = (body: Record<string, unknown>, member = 0) => proposeAs(t, v, member, body);
const approve = (id: string, member: number) => voteOnId(t, v, member, id);
const ack = (constituency: string, reason = REASON) => ({ kind: 'small_roll_acknowledgement', contestId: v.contests[constituency], reason });

describe('a contest with a roll of 3 (minimum 5)', () => {
  it('is listed as a blocker naming the contest, and voting cannot be proposed', async () => {
    const s = await phase();
    expect(s).toMatchObject({ phase: 'key_ceremony', next: 'voting' });
    const blockers = s.blockers.filter((b: { code: string }) => b.code === 'small_roll_unacknowledged');
    expect(blockers).toHaveLength(1);
    expect(blockers[0].en).toContain(`"${TB_TITLE}" has 3 accredited associations (minimum 5)`);
    expect(blockers[0].es).toContain(`«${TB_TITLE}» tiene 3 asociaciones acreditadas (mínimo 5)`);
    expect(blockers[0].contestId).toBe(v.contests.tb);
    const before = await head();
    const r = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'voting' });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ code: 'precondition_failed', failed: ['small_roll_unacknowledged'] });
    expect(r.json().i18n.en.detail).toContain(TB_TITLE);
    expect(await head()).toEqual(before);
    expect((await phase()).phase).toBe('key_ceremony');
  });

  it('refuses an acknowledgement for a roll at or above the minimum, without a reason, or for another election\'s contest', async () => {
    const plwha = await propose(ack('plwha'));
    expect(plwha.statusCode, plwha.body).toBe(409);
    expect(plwha.json().code).toBe('decision_not_allowed');
    expect(plwha.json().i18n.en.detail).toContain('6 accredited associations, not fewer than the minimum 5');
    const empty = await propose(ack('tb', '   '));
    expect(empty.statusCode, empty.body).toBe(400);
    const missing = await propose({ kind: 'small_roll_acknowledgement', contestId: v.contests.tb });
    expect(missing.statusCode, missing.body).toBe(400);
    const unknown = await propose({ ...ack('tb'), contestId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode, unknown.body).toBe(404);
  });

  it('one sector\'s approval records nothing: the blocker stays', async () => {
    const r = await propose(ack('tb'));
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json().proposal).toMatchObject({ kind: 'small_roll_acknowledgement', status: 'pending', approvingSectors: ['government'] });
    ackProposalId = r.json().proposal.id;
    expect((await phase()).blockers.map((b: { code: string }) => b.code)).toContain('small_roll_unacknowledged');
    expect((await propose(ack('tb'), 1)).json().code).toBe('proposal_pending');
  });

  it('a second sector executes it: the blocker is gone and voting opens', async () => {
    const r = await approve(ackProposalId, 2);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('executed');
    expect((await phase()).blockers).toEqual([]);
    const again = await propose(ack('tb'), 1);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().i18n.en.detail).toContain('already acknowledged');
    const open = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'voting' });
    expect(open.statusCode, open.body).toBe(202);
    const ok = await approve(open.json().proposal.id, 1);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await phase()).phase).toBe('voting');
  });

  it('the manifest (version 3) states the rule and carries the acknowledgement of that contest only', async () => {
    const { manifest } = (await t.call('GET', `/elections/${v.electionId}/manifest`)).json();
    expect(parseManifest(manifest).ok).toBe(true);
    expect(manifest.version).toBe(3);
    expect(manifest.rules.minRollSize).toBe(5);
    const byId = (id: string) => manifest.contests.find((c: { id: string }) => c.id === id);
    expect(byId(v.contests.plwha!).smallRoll).toBeNull();
    const tb = byId(v.contests.tb!);
    expect(tb.roll).toHaveLength(3);
    expect(tb.smallRoll).toEqual({ acknowledged: true, decidedAt: expect.any(String), reason: REASON, proposalId: ackProposalId });
    expect(Date.parse(tb.smallRoll.decidedAt)).toBeLessThanOrEqual(Date.parse(manifest.openedAt));
    const proposals = (await t.call('GET', `/elections/${v.electionId}/proposals`, { token: v.members[0] })).json();
    const p = proposals.find((x: { id: string }) => x.id === ackProposalId);
    expect(p.approvingSectors).toEqual(['government', 'international_cooperation']);
    // Decided in the transaction that executed the proposal.
    expect(Math.abs(Date.parse(tb.smallRoll.decidedAt) - Date.parse(p.executedAt))).toBeLessThan(1000);
  });

  it('the record\'s manifest event carries it too, and the chain holds', async () => {
    const record = JSON.parse((await t.call('GET', `/elections/${v.electionId}/record`)).body);
    expect(checkChain(record.events).ok).toBe(true);
    const [event] = record.events.filter((e: { kind: string }) => e.kind === 'manifest');
    expect(parsePayload('manifest', event.payload).ok).toBe(true);
    const tb = event.payload.manifest.contests.find((c: { id: string }) => c.id === v.contests.tb);
    expect(tb.smallRoll.proposalId).toBe(ackProposalId);
  });

  it('an acknowledgement is refused once voting is open', async () => {
    const r = await propose(ack('tb'));
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().code).toBe('wrong_phase');
  });
});
