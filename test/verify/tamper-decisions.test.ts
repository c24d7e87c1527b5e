/**
 * Checks 24–28 against forged records (issue 11): the server, or whoever holds its
 * database, rewrites the board and re-hashes the chain, so that only the signatures can
 * give it away. A forged approval, an approval by a recused member, an approval under a
 * revoked key, a decision approved by one sector, an issuance entry without the
 * association's signature or signed by a key the committee never published, a roll entry
 * or a phase step without a decision, rules below the floors: each fails naming the item,
 * and the honest record passes with its committee and rules in the report.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { toHex } from '../../src/crypto/group.js';
import { sodiumReady, verifyStrictSignatureSodium } from '../../src/crypto/sodium-ballots.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { manifestHash } from '../../src/record/contexts.js';
import { signDecision, signIssuedTokenRequest } from '../../src/record/statements.js';
import { type CheckKey, type VerificationReport, verifyRecord } from '../../src/verify/index.js';
import { decisionPayload, memberSignature, publicKeyOf } from './synthetic-governance.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { type AnyRecord, clone, flipHex, indexOf, rehash } from './tamper.js';

let honest: SyntheticRecord;
beforeAll(async () => { await sodiumReady; honest = await syntheticRecord(); }, 120_000);

/** The report with noble's signature checks, after asserting that the CLI's (libsodium's) gives exactly the same. */
async function verify(record: unknown): Promise<VerificationReport> {
  const report = await verifyRecord(record, { tokenVerifier: verifyRsaPssNode });
  expect(await verifyRecord(record, { tokenVerifier: verifyRsaPssNode, statementVerifier: verifyStrictSignatureSodium })).toEqual(report);
  return report;
}
const fresh = (): AnyRecord => clone(honest.record) as unknown as AnyRecord;
const failedKeys = (r: VerificationReport) => r.checks.filter((c) => !c.ok).map((c) => c.key);
function failures(r: VerificationReport, key: CheckKey): string[] {
  return r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);
}
function expectFailure(r: VerificationReport, key: CheckKey, item: string | RegExp): void {
  expect(r.ok).toBe(false);
  const list = failures(r, key);
  expect(list.some((x) => (typeof item === 'string' ? x.includes(item) : item.test(x))), `${key}: ${JSON.stringify(list)}; failing: ${failedKeys(r).join(', ')}`).toBe(true);
}
/** Index of the first decision whose statement satisfies `pred`. */
function decisionAt(r: AnyRecord, pred: (s: any) => boolean): number {
  const i = r.events.findIndex((e) => e.kind === 'decision' && pred(e.payload.statement));
  if (i < 0) throw new Error('no such decision');
  return i;
}
const accreditationOf = (associationId: string) => (s: any) => s.kind === 'accreditation_decision' && s.association.associationId === associationId;
const phaseTo = (to: string) => (s: any) => s.kind === 'phase_change' && s.to === to;

describe('the honest record', () => {
  it('passes checks 24–29 and reports the rules, the committee and its signed decisions', async () => {
    const r = await verify(honest.record);
    expect(failedKeys(r)).toEqual([]);
    expect(r.checks.slice(23, 29).map((c) => [c.id, c.key])).toEqual([
      [24, 'committee'], [25, 'rule_floors'], [26, 'decision_signatures'], [27, 'decision_record'], [28, 'token_requests'], [29, 'trustee_key_signatures'],
    ]);
    const g = r.governance!;
    expect(g.rules).toEqual({ approvalSectors: 2, threshold: 2, minRollSize: null });
    expect(g.committee.map((m) => m.sector)).toEqual(['government', 'civil_society', 'international_cooperation']);
    expect(g.trustees.map((t) => t.sector)).toEqual(['government', 'civil_society', 'international_cooperation']);
    const decisions = honest.record.events.filter((e) => e.kind === 'decision').length;
    expect(decisions).toBeGreaterThan(20);
    expect([g.decisions, g.decisionsVerified]).toEqual([decisions, decisions]);
    expect([g.tokenRequests, g.tokenRequestsVerified]).toEqual([7, 7]);
  });
});

describe('forged decisions fail, naming the decision and the member', () => {
  it('a forged approval: a signature the member never made', async () => {
    const rec = fresh();
    const at = decisionAt(rec, accreditationOf('board-assoc-2'));
    const a = rec.events[at].payload.approvals[1];
    a.signature = flipHex(a.signature, 5);
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_signatures', `approval by member member-2 of decision seq ${at} (accreditation_decision): the signature is not valid`);
    expectFailure(r, 'decision_signatures', new RegExp(`^decision seq ${at} \\(accreditation_decision, proposal decision-\\d+\\): approved by members of 1 sector`));
  });

  it('a fabricated approval under a key the server made up for the member', async () => {
    const rec = fresh();
    const at = decisionAt(rec, phaseTo('voting'));
    const st = rec.events[at].payload.statement;
    const fake = ed25519.utils.randomSecretKey();
    rec.events[at].payload.approvals[1] = { memberId: 'member-2', publicKey: toHex(ed25519.getPublicKey(fake)), signature: signDecision(fake, st, 'approve') };
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_signatures', /approval by member member-2 of decision seq \d+ \(phase_change\): the key [0-9a-f]{16}… is not the member's registered key/);
  });

  it('a decision approved by members of one sector', async () => {
    const rec = fresh();
    const at = decisionAt(rec, phaseTo('closed'));
    rec.events[at].payload = decisionPayload(rec.events[at].payload.proposalId, rec.events[at].payload.statement, [1]);
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_signatures', new RegExp(`^decision seq ${at} \\(phase_change, proposal decision-\\d+\\): approved by members of 1 sector\\(s\\) with a valid signature \\(government\\); 2 are needed`));
  });

  it('the same member twice does not make two sectors', async () => {
    const rec = fresh();
    const at = decisionAt(rec, phaseTo('published'));
    const p = rec.events[at].payload;
    p.approvals = [memberSignature(1, p.statement), memberSignature(1, p.statement)];
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_signatures', `approval by member member-1 of decision seq ${at} (phase_change): the same member signs twice`);
  });

  it('an approval by a member whose own organisation is the subject (recusal)', async () => {
    const rec = fresh();
    // Member 2 sits for the association the decision accredits.
    rec.events[0].payload.members[1].organisation = '  asociación  1 ';
    const at = decisionAt(rec, accreditationOf('board-assoc-1'));
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_signatures', new RegExp(`^approval by member member-2 of decision seq ${at} \\(accreditation_decision\\): the member had to recuse`));
  });

  it('an approval under a key revoked by a credential reset', async () => {
    const rec = fresh();
    const at = decisionAt(rec, phaseTo('nominations'));
    const reset = { kind: 'credential_reset', electionId: rec.electionId, holder: 'member', holderId: 'member-2', name: 'Miembro 2', revokedKey: publicKeyOf('member-2'), reason: 'Perdió su clave' } as const;
    // Members 1 and 3 revoke member 2's key (member 2 may not approve their own reset).
    rec.events.splice(at, 0, { ...clone(rec.events[at]), payload: decisionPayload('reset-1', reset, [1, 3]) });
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_signatures', new RegExp(`^approval by member member-2 of decision seq ${at + 1} \\(phase_change\\): the key [0-9a-f]{16}… was revoked \\(seq ${at}\\)`));
  });

  it('a member approving their own credential reset, and a second key without a reset', async () => {
    const rec = fresh();
    const at = decisionAt(rec, phaseTo('nominations'));
    const reset = { kind: 'credential_reset', electionId: rec.electionId, holder: 'member', holderId: 'member-2', name: 'Miembro 2', revokedKey: publicKeyOf('member-2'), reason: 'Perdió su clave' } as const;
    rec.events.splice(at, 0, { ...clone(rec.events[at]), payload: decisionPayload('reset-1', reset, [1, 2]) });
    rec.events.splice(1, 0, { ...clone(rec.events[1]), kind: 'key_registered', payload: { holder: 'member', holderId: 'member-3', publicKey: publicKeyOf('other') } });
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_signatures', new RegExp(`^approval by member member-2 of decision seq ${at + 1} \\(credential_reset\\): the member had to recuse`));
    expectFailure(r, 'committee', /^event seq 1 \(key_registered\): member member-3 already holds a key in force/);
  });

  it('a signature over another election\'s statement', async () => {
    const rec = fresh();
    const at = decisionAt(rec, phaseTo('key_ceremony'));
    const st = { ...rec.events[at].payload.statement, electionId: 'another-election' };
    rec.events[at].payload = decisionPayload(rec.events[at].payload.proposalId, st);
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_signatures', /\(phase_change, proposal decision-\d+\): the statement is about another election \(another-election\)/);
  });
});

describe('what happened must have been decided', () => {
  it('opening the vote without a decision', async () => {
    const rec = fresh();
    rec.events.splice(decisionAt(rec, phaseTo('voting')), 1);
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_record', /^event seq \d+ \(manifest\): happens in phase key_ceremony, with no decision moving to voting/);
  });

  it('an association on the roll that no decision accredited, and an accredited one left off the roll', async () => {
    const rec = fresh();
    rec.events.splice(decisionAt(rec, accreditationOf('alt-assoc-4')), 1);
    const at = decisionAt(rec, accreditationOf('board-assoc-5'));
    const st = { ...rec.events[at].payload.statement, association: { ...rec.events[at].payload.statement.association, associationId: 'board-assoc-9' } };
    rec.events.splice(at + 1, 0, { ...clone(rec.events[at]), payload: decisionPayload('extra', st) });
    const r = await verify(rehash(rec));
    expectFailure(r, 'decision_record', 'roll entry of association alt-assoc-4, contest tb: no committee decision accredited it for this contest');
    expectFailure(r, 'decision_record', /accredited association board-assoc-9 but it is not on the contest's roll/);
  });

  it('rules below the floors', async () => {
    const rec = fresh();
    rec.events[0].payload.rules = { approvalSectors: 1, threshold: 1 };
    const r = await verify(rehash(rec));
    expectFailure(r, 'rule_floors', 'event seq 0 (committee): approvalSectors = 1; the floor is 2');
    expectFailure(r, 'rule_floors', 'event seq 0 (committee): threshold = 1; the floor is 2');
  });

  it('a committee of one sector, and trustees whose sectors are not the committee\'s', async () => {
    const rec = fresh();
    for (const m of rec.events[0].payload.members) m.sector = 'government';
    const r = await verify(rehash(rec));
    expectFailure(r, 'rule_floors', 'event seq 0 (committee): the committee has members of 1 sector; the floor is 2');
    expectFailure(r, 'committee', 'trustee 2: sector civil_society in the manifest, government on the committee');
  });
  it('t trustees of one sector could decrypt alone', async () => {
    const rec = fresh();
    rec.events[0].payload.members[2].sector = 'government';
    const p = rec.events[indexOf(rec, 'manifest')].payload;
    p.manifest.trustees[2].sector = 'government';
    p.hash = toHex(manifestHash(p.manifest));
    const r = await verify(rehash(rec));
    expectFailure(r, 'rule_floors', 'manifest trustees: 2 trustees of sector government reach the threshold t = 2 alone: t trustees must span at least 2 sectors');
  });
});

describe('issuance entries must carry the association\'s signed request', () => {
  it('an entry without a signature', async () => {
    const rec = fresh();
    const at = indexOf(rec, 'token_issued', 0);
    // The entry's shape now requires the association's signed request: one without its
    // signature does not fit the schema, so it is no valid request, and the contest has
    // more counted ballots than valid signed requests.
    delete rec.events[at].payload.request.signature;
    const r = await verify(rehash(rec, { receiptSecret: honest.receiptSecret }));
    expectFailure(r, 'format', new RegExp(`^event seq ${rec.events[at].seq} \\(token_issued\\): the payload does not fit its kind \\(request\\.signature: `));
    expectFailure(r, 'token_requests', 'contest plwha: 4 counted ballots but only 3 valid signed token requests');
  });

  it('a database administrator inserts an issuance row for an association that stayed away', async () => {
    const rec = fresh();
    const at = indexOf(rec, 'token_issued', 0);
    const fake = ed25519.utils.randomSecretKey();
    const request = { electionId: rec.electionId, contestId: 'board', associationId: 'board-assoc-5', blindedMessages: clone(rec.events[at].payload.request.request.blindedMessages) };
    rec.events.splice(at, 0, { ...clone(rec.events[at]), payload: {
      contestId: 'board', associationId: 'board-assoc-5',
      request: { request, publicKey: toHex(ed25519.getPublicKey(fake)), signature: signIssuedTokenRequest(fake, request) },
    } });
    const r = await verify(rehash(rec, { receiptSecret: honest.receiptSecret }));
    expectFailure(r, 'token_requests', /^issuance entry of association board-assoc-5, contest plwha: the key [0-9a-f]{16}… is not a published key of the association/);
  });

  it('a request signed for another contest, and a second one for the same association', async () => {
    const rec = fresh();
    const e = rec.events[indexOf(rec, 'token_issued', 0)];
    const first = e.payload.request.request.blindedMessages[0];
    first.blindedMessageHash = flipHex(first.blindedMessageHash);
    const dup = clone(rec.events[indexOf(rec, 'token_issued', 1)]);
    rec.events.splice(indexOf(rec, 'token_issued', 1) + 1, 0, dup);
    const r = await verify(rehash(rec, { receiptSecret: honest.receiptSecret }));
    expectFailure(r, 'token_requests', 'issuance entry of association board-assoc-1, contest plwha: the request\'s signature is not valid');
    expectFailure(r, 'token_requests', /^issuance entry of association board-assoc-2, contest plwha: a second valid request/);
  });
});
