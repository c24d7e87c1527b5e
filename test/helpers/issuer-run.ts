/**
 * The sector issuers at work in a test election (issue 12): every association asks the
 * contest's issuers (members 0 and 1, test/helpers/voting.ts `registerTestIssuers`)
 * through the relay, the issuers answer from their own side and keep their logs, and after
 * the close each posts its signed log of each contest (`POST /elections/:id/issuer-logs`),
 * so that the exported record passes checks 43–45. Casting still takes the server's
 * token: the relay's token is not yet required by the cast.
 */
import { expect } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { type IssuerLogBook, issueOnce, issuerView, postIssuerLog, signedIssuerLog } from '../../src/client/issuer.js';
import { fetchManifest } from '../../src/client/manifest.js';
import { beginIssuedToken } from '../../src/client/voter.js';
import type { TestApp } from './app.js';
import { testIssuerKeysOf, type VotingElection } from './voting.js';

/** What the issuers signed, per member: post it with {@link postIssuerLogs} after the close. */
export type IssuerBooks = IssuerLogBook[];

/** Every association of `v` asks both issuers through the relay; both answer every request. */
export async function requestThroughIssuers(t: TestApp, baseUrl: string, v: VotingElection): Promise<IssuerBooks> {
  const m = await fetchManifest(new ApiClient({ baseUrl }), v.electionId);
  if (!m.ok) throw new Error(m.reason);
  let asked = 0;
  for (const [constituency, roll] of Object.entries(v.rolls)) {
    for (const a of roll) {
      const attempt = beginIssuedToken(m.decoded, v.contests[constituency]!, { associationId: a.id, secretKey: a.account.signingSecretKey });
      const r = await t.call('POST', '/issuance/requests', { token: a.token, body: attempt.body });
      expect(r.statusCode, r.body).toBe(200);
      asked++;
    }
  }
  const board = await fetchBoard(new ApiClient({ baseUrl }), v.electionId);
  if (!board.ok) throw new Error(board.reason);
  const view = issuerView(m.decoded, board.events);
  const books: IssuerBooks = [new Map(), new Map()];
  for (const member of [0, 1]) {
    const own = testIssuerKeysOf(v, member);
    const api = new ApiClient({ baseUrl, token: v.members[member]! });
    let signed = 0;
    for (let batch = await issueOnce(api, view, v.memberIds[member]!, own, books[member]!); batch.signed > 0; batch = await issueOnce(api, view, v.memberIds[member]!, own, books[member]!)) signed += batch.signed;
    expect(signed).toBe(asked);
  }
  return books;
}

/** After the close: each issuer posts its signed log of each contest. */
export async function postIssuerLogs(baseUrl: string, v: VotingElection, books: IssuerBooks): Promise<void> {
  for (const member of [0, 1]) {
    for (const [contestId, key] of testIssuerKeysOf(v, member)) {
      const signed = signedIssuerLog(v.electionId, contestId, v.memberIds[member]!, key, books[member]!, v.memberAccounts[member]!.signingSecretKey);
      await postIssuerLog(new ApiClient({ baseUrl, token: v.members[member]! }), signed);
    }
  }
}
