/**
 * What a database administrator can no longer do unseen (issue 11): with write access to
 * the service's tables but none of the owners' keys, they insert a `token_issuance` row
 * for an association that never asked (with no signature, or one under a key they made
 * up), and fabricate a member's approval so that a decision executes with one real
 * sector. The service publishes what its tables say; the verifier fails the record,
 * naming the association and the approval.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { proposeSigned } from '../../src/client/committee.js';
import { decryptTally } from '../../src/client/trustee.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { type Statement, signDecision, signIssuedTokenRequest } from '../../src/record/statements.js';
import { type VerificationReport, verifyRecord } from '../../src/verify/index.js';
import type { TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { type ClientElection, changePhaseWithClient, fetchRecordText, listen, openClientElection } from '../helpers/client-election.js';
import { loadManifest, postTestIssuerLogs } from '../helpers/issuance.js';

let t: TestApp;
let baseUrl: string;
let e: ClientElection;
let report: VerificationReport;
let closingProposal: string;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  e = await openClientElection(t, baseUrl, { plwha: 5, tb: 5 }, 'dba');
  const db = t.database.db;
  const [stayed, forged] = [e.rolls.plwha![0]!, e.rolls.plwha![1]!];
  // 1. A token request nobody made, written into the relay's database (which the close
  // publishes as the issuance log), "signed" under a key of the administrator's.
  void stayed;
  const fake = ed25519.utils.randomSecretKey();
  const keyIds = [...(await loadManifest(undefined, e.electionId, baseUrl)).decoded.contests.get(e.contests.plwha!)!.issuers].map((i) => Buffer.from(i.key.keyId).toString('hex')).sort();
  const request = { electionId: e.electionId, contestId: e.contests.plwha!, associationId: forged.id, blindedMessages: keyIds.map((keyId) => ({ keyId, blindedMessageHash: 'ab'.repeat(32) })) };
  await t.relayDb.insertInto('token_requests').values({
    election_id: e.electionId, contest_id: e.contests.plwha!, association_id: forged.id, request: JSON.stringify(request),
    public_key: Buffer.from(ed25519.getPublicKey(fake)).toString('hex'), signature: signIssuedTokenRequest(fake, request),
    blinded: JSON.stringify(Object.fromEntries(keyIds.map((k) => [k, 'cd'.repeat(384)]))),
  }).execute();
  await postTestIssuerLogs(undefined, e, baseUrl);
  // 2. A fabricated approval: member 1 (government) proposes to close; the administrator
  // writes member 2's (civil society) approval under a made-up key; member 3's vote
  // against then settles the proposal, which executes on the fabricated quorum.
  const p = await proposeSigned(new ApiClient({ baseUrl, token: e.members[0]! }), e.electionId, { kind: 'phase_change', to: 'closed' }, e.memberAccounts[0]!.signingSecretKey);
  closingProposal = p.proposal!.id;
  const forgedKey = ed25519.utils.randomSecretKey();
  await db.insertInto('approvals').values({
    proposal_id: closingProposal, member_id: e.memberIds[1]!, sector: 'civil_society', vote: 'approve',
    public_key: Buffer.from(ed25519.getPublicKey(forgedKey)).toString('hex'), signature: signDecision(forgedKey, p.proposal!.statement as Statement, 'approve'),
  }).execute();
  const against = await new ApiClient({ baseUrl, token: e.members[2]! }).post(`/proposals/${closingProposal}/against`, {
    signature: signDecision(e.memberAccounts[2]!.signingSecretKey, p.proposal!.statement as Statement, 'against'),
  }) as { status: string };
  expect(against.status).toBe('executed');
  for (const index of [1, 3]) {
    const r = await decryptTally(new ApiClient({ baseUrl, token: e.members[index - 1]! }), e.electionId, e.trusteeSecrets[index - 1]!, async () => {});
    expect(r.ok).toBe(true);
  }
  await changePhaseWithClient(baseUrl, e, 'published', 0, 2);
  report = await verifyRecord(JSON.parse(await fetchRecordText(baseUrl, e.electionId)), { tokenVerifier: verifyRsaPssNode });
}, 300_000);
afterAll(async () => t?.close());

const failures = (key: string) => report.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);

it('a token request inserted into the relay\'s database fails the record, naming the association', () => {
  expect(report.ok).toBe(false);
  expect(failures('token_requests').some((x) => x.startsWith(`issuance entry of association ${e.rolls.plwha![1]!.id}, contest plwha: the key `) && x.endsWith('is not a published key of the association'))).toBe(true);
});

it('a fabricated approval fails the record, naming the member and the decision', () => {
  const list = failures('decision_signatures');
  expect(list.some((x) => x.startsWith(`approval by member ${e.memberIds[1]} of decision seq `) && x.includes('(phase_change): the key ') && x.endsWith('is not the member\'s registered key')), JSON.stringify(list)).toBe(true);
  expect(list.some((x) => x.includes(`phase_change, proposal ${closingProposal}): approved by members of 1 sector(s) with a valid signature (government); 2 are needed`)), JSON.stringify(list)).toBe(true);
});

it('only the signatures give it away: the chain and every other check hold', () => {
  expect(report.checks.filter((c) => !c.ok).map((c) => c.key)).toEqual(['decision_signatures', 'token_requests']);
});
