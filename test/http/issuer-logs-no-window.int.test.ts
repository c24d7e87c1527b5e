/**
 * Issuer logs in an election WITHOUT the token window (rule `tokenWindow` off; issue 13),
 * end to end over HTTP: the election opens straight into `voting`, where tokens are issued
 * and ballots cast at once. From the start the close is blocked by `issuer_logs_missing`.
 * Associations obtain tokens and cast; issuer 0 then ends its issuance by posting its
 * signed logs while voting is open: the close is still refused (issuer 1's logs missing),
 * the relay refuses issuer 0's blind signature for a late request (409 `already_posted`)
 * while issuer 1 still signs it, so the late association gets no token. Once issuer 1 posts
 * its logs the close has no blocker and is decided; the trustees decrypt, the results are
 * published, and the exported record passes every check: 41 with its notice that the
 * election ran without a window, 44 (each log signed, after the manifest, before the
 * close) and 45 (the counted ballots within each issuer's log). Without issuer 0's log of
 * a contest, check 45 fails naming that member and contest.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { issueOnce, issuerView } from '../../src/client/issuer.js';
import { decryptTally } from '../../src/client/trustee.js';
import { beginIssuedToken, collectIssuedToken } from '../../src/client/voter.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { verifyRecord, verifyRecordText } from '../../src/verify/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  type ClientElection, type ElectionRecordJSON, castWithClient, changePhaseWithClient, fetchRecordText, listen, openClientElection,
} from '../helpers/client-election.js';
import { apiFor, loadManifest, postTestIssuerLogs, runTestIssuer } from '../helpers/issuance.js';
import { proposeAs, voteAs } from '../helpers/model-case.js';
import { testIssuerKeysOf } from '../helpers/voting.js';
import { type AnyRecord, clone, rehash } from '../verify/tamper.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

let t: TestApp;
let baseUrl: string;
let e: ClientElection;
let record: ElectionRecordJSON;
let recordText: string;

const blockers = async () => (await t.call('GET', `/elections/${e.electionId}/phase`)).json() as { phase: string; next: string; blockers: { code: string; contestId?: string }[] };

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  e = await openClientElection(t, baseUrl, { plwha: 3, tb: 2 }, 'nowin', { tokenWindow: false });
});
afterAll(async () => t?.close());

describe('issuer logs without the token window', () => {
  it('opens straight into voting, the close blocked by every contest\'s missing issuer logs', async () => {
    const election = (await t.call('GET', `/elections/${e.electionId}`)).json();
    expect(election).toMatchObject({ phase: 'voting', rules: { tokenWindow: false } });
    const status = await blockers();
    expect(status.next).toBe('closed');
    expect(status.blockers.map((b) => [b.code, b.contestId])).toEqual([['issuer_logs_missing', e.contests.plwha], ['issuer_logs_missing', e.contests.tb]]);
  });

  it('one issuer ends its issuance with its logs: the close still waits for the other, and the relay takes no more of its signatures', async () => {
    // Two PLWHA associations and both TB ones obtain tokens while voting is open, and cast.
    const late = e.rolls.plwha![2]!;
    await castWithClient(baseUrl, { ...e, rolls: { plwha: e.rolls.plwha!.slice(0, 2), tb: e.rolls.tb! } });
    await postTestIssuerLogs(undefined, e, baseUrl, [0]);

    const close = await proposeAs(t, e, 1, { kind: 'phase_change', to: 'closed' });
    expect(close.statusCode, close.body).toBe(409);
    expect(close.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(close.json()).toMatchObject({ code: 'precondition_failed', failed: ['issuer_logs_missing', 'issuer_logs_missing'] });
    expect((await t.call('GET', `/elections/${e.electionId}`)).json().phase).toBe('voting');

    // A late request: issuer 0's signature is refused (its log is final), issuer 1 still signs.
    const manifest = await loadManifest(undefined, e.electionId, baseUrl);
    const attempt = beginIssuedToken(manifest.decoded, e.contests.plwha!, { associationId: late.id, secretKey: late.account.signingSecretKey });
    const lateApi = new ApiClient({ baseUrl, token: late.token });
    await lateApi.post('/issuance/requests', attempt.body);
    const board = await fetchBoard(apiFor(undefined, undefined, baseUrl), e.electionId);
    if (!board.ok) throw new Error(board.reason);
    const refused = await issueOnce(new ApiClient({ baseUrl, token: e.members[0]! }), issuerView(manifest.decoded, board.events), e.memberIds[0]!, testIssuerKeysOf(e, 0), new Map())
      .then(() => null, (x: unknown) => x);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 409, code: 'already_posted' });
    expect(await runTestIssuer(undefined, e, manifest, 1, baseUrl)).toBe(1);
    const got = await collectIssuedToken(lateApi, manifest.decoded, attempt, { attempts: 1 });
    expect(got.ok).toBe(false);
  });

  it('once the other issuer posts its logs the close has no blocker, and the record passes every check, 41 with its notice, 44 and 45', async () => {
    await postTestIssuerLogs(undefined, e, baseUrl, [1]);
    expect((await blockers()).blockers).toEqual([]);
    const p = await proposeAs(t, e, 1, { kind: 'phase_change', to: 'closed' });
    expect(p.statusCode, p.body).toBe(202);
    const a = await voteAs(t, e, 2, p.json().proposal);
    expect(a.json().status).toBe('executed');
    for (const index of [1, 3]) {
      const r = await decryptTally(new ApiClient({ baseUrl, token: e.members[index - 1]! }), e.electionId, e.trusteeSecrets[index - 1]!, async (s) => { e.trusteeSecrets[index - 1] = s; });
      expect(r.ok).toBe(true);
    }
    await changePhaseWithClient(baseUrl, e, 'published');

    recordText = await fetchRecordText(baseUrl, e.electionId);
    record = JSON.parse(recordText) as ElectionRecordJSON;
    const kinds = record.events.map((x) => x.kind);
    const logs = record.events.filter((x) => x.kind === 'issuer_log');
    // Issuer 0 logged the four it signed; issuer 1 the late request too. All between the manifest and the close.
    const sizes = Object.fromEntries(logs.map((x) => {
      const { log } = x.payload as { log: { memberId: string; contestId: string; entries: unknown[] } };
      return [`${e.memberIds.indexOf(log.memberId)} ${log.contestId === e.contests.plwha ? 'plwha' : 'tb'}`, log.entries.length];
    }));
    expect(sizes).toEqual({ '0 plwha': 2, '0 tb': 2, '1 plwha': 3, '1 tb': 2 });
    expect(logs.every((x) => x.seq > kinds.indexOf('manifest') && x.seq < kinds.indexOf('close'))).toBe(true);
    expect(kinds).not.toContain('token_window');

    const report = await verifyRecordText(recordText);
    expect(report.checks.filter((c) => !c.ok).map((c) => `${c.key}: ${c.failures.map((f) => f.item).join('; ')}`)).toEqual([]);
    const check = (key: string) => report.checks.find((c) => c.key === key)!;
    expect(check('token_window')).toMatchObject({ ok: true, note: { en: expect.stringContaining('WITHOUT a token window') } });
    expect(check('issuer_logs').ok).toBe(true);
    expect(check('counted_within_issuer_logs').ok).toBe(true);
    expect(report.counts.contests.map((c) => c.countedBallots)).toEqual([2, 2]);
  });

  it('without issuer 0\'s log of the PLWHA contest, check 45 fails naming that member and contest', async () => {
    const r = clone(record) as unknown as AnyRecord;
    const at = r.events.findIndex((x) => x.kind === 'issuer_log' && x.payload.log.memberId === e.memberIds[0] && x.payload.log.contestId === e.contests.plwha);
    expect(at).toBeGreaterThan(0);
    r.events.splice(at, 1);
    const report = await verifyRecord(rehash(r), { tokenVerifier: verifyRsaPssNode });
    const failures = report.checks.find((c) => c.key === 'counted_within_issuer_logs')!.failures.map((f) => `${f.item}: ${f.detail.en}`).join('\n');
    expect(failures).toContain(e.memberIds[0]!);
    expect(failures).toContain('contest plwha: there is no valid issuer log of this issuer before the close');
    expect(failures).toContain('2 counted ballots');
  });
});
