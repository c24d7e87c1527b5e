/**
 * A record with the sector issuers' logs, end to end over HTTP (issue 12; checks 43–45):
 * every association asks both issuers through the relay, the issuers answer from their
 * own machines and keep their logs, the associations cast, and after the close each
 * issuer posts its signed log of each contest before the trustees decrypt. The exported
 * record passes all 35 checks. (Forged logs: test/verify/tamper-issuers.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { type IssuerLogBook, issueOnce, issuerView, postIssuerLog, signedIssuerLog } from '../../src/client/issuer.js';
import { fetchManifest } from '../../src/client/manifest.js';
import { decryptTally } from '../../src/client/trustee.js';
import { beginIssuedToken } from '../../src/client/voter.js';
import { verifyRecordText } from '../../src/verify/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type ClientElection, castWithClient, changePhaseWithClient, fetchRecordText, listen, openClientElection } from '../helpers/client-election.js';
import { testIssuerKeys2 } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });
let t: TestApp;
let base: string;
let v: ClientElection;
let text: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await listen(t);
  v = await openClientElection(t, base, { plwha: 5, tb: 5 }, 'ilog');
  const m = await fetchManifest(new ApiClient({ baseUrl: base }), v.electionId);
  if (!m.ok) throw new Error(m.reason);
  // Every association asks the contest's issuers (members 0 and 1) through the relay.
  for (const [constituency, roll] of Object.entries(v.rolls)) {
    for (const a of roll) {
      const attempt = beginIssuedToken(m.decoded, v.contests[constituency]!, { associationId: a.id, secretKey: a.account.signingSecretKey });
      const r = await t.call('POST', '/issuance/requests', { token: a.token, body: attempt.body });
      expect(r.statusCode, r.body).toBe(200);
    }
  }
  const board = await fetchBoard(new ApiClient({ baseUrl: base }), v.electionId);
  if (!board.ok) throw new Error(board.reason);
  const view = issuerView(m.decoded, board.events);
  const keys = testIssuerKeys2();
  const books: IssuerLogBook[] = [new Map(), new Map()];
  for (const member of [0, 1]) {
    const own = new Map(Object.values(v.contests).map((c) => [c, keys[member]!]));
    const batch = await issueOnce(new ApiClient({ baseUrl: base, token: v.members[member]! }), view, v.memberIds[member]!, own, books[member]!);
    expect(batch.signed).toBe(10);
  }
  // Casting itself still takes the server's token (the relay's token is not yet required).
  await castWithClient(base, v);
  await changePhaseWithClient(base, v, 'closed');
  for (const member of [0, 1]) {
    for (const contestId of Object.values(v.contests)) {
      const signed = signedIssuerLog(v.electionId, contestId, v.memberIds[member]!, keys[member]!, books[member]!, v.memberAccounts[member]!.signingSecretKey);
      await postIssuerLog(new ApiClient({ baseUrl: base, token: v.members[member]! }), signed);
    }
  }
  for (const index of [1, 3]) {
    const r = await decryptTally(new ApiClient({ baseUrl: base, token: v.members[index - 1]! }), v.electionId, v.trusteeSecrets[index - 1]!, async (s) => { v.trusteeSecrets[index - 1] = s; });
    if (!r.ok) throw new Error(`trustee ${index}: ${r.reason}`);
  }
  await changePhaseWithClient(base, v, 'published');
  text = await fetchRecordText(base, v.electionId);
});
afterAll(async () => t?.close());

describe('a record with the issuers\' logs', () => {
  it('passes all 35 checks, checks 43–45 included', async () => {
    const r = await verifyRecordText(text);
    expect(r.checks.filter((c) => !c.ok).map((c) => `${c.key}: ${c.failures.map((f) => f.item).join('; ')}`)).toEqual([]);
    expect(r.checks).toHaveLength(35);
    const record = JSON.parse(text) as { events: { kind: string; payload: { log: { entries: unknown[] } } }[] };
    const logs = record.events.filter((e) => e.kind === 'issuer_log');
    expect(logs.map((e) => e.payload.log.entries.length)).toEqual([5, 5, 5, 5]);
  });

});
