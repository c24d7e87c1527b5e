/**
 * The committee on the board (issue 11): the `committee` event as the election leaves
 * draft (members, sectors, organisations, registered keys, rules), one `decision` event
 * per executed decision with its statement and every signed vote, and a
 * `key_registered` event when an owner registers a key after that (a member activating
 * late or after a reset; an association after a reset). The caller holds the election
 * lock (appendToBoard).
 * @module
 */
import type { Statement } from '../record/statements.js';
import { appendToBoard } from './board.service.js';
import type { Account, Election, Proposal } from './model.js';
import type { Repos } from './ports.js';

/** Append the `committee` event: the board's first. */
export async function publishCommittee(r: Repos, e: Election): Promise<void> {
  const members = await r.committee.listByElection(e.id);
  const rows = [];
  for (const m of members) {
    const account = await r.accounts.byCommitteeMember(m.id);
    rows.push({
      memberId: m.id, fullName: m.fullName, sector: m.sector, organisation: m.organisation, role: m.role,
      publicKey: account?.status === 'active' ? account.signingKey : null,
    });
  }
  await appendToBoard(r, e.id, 'committee', { members: rows, rules: e.rules });
}

/** Append the `decision` event of an executed proposal: its statement, approvals (proposer first) and votes against. */
export async function publishDecision(r: Repos, e: Election, p: Proposal, statement: Statement): Promise<void> {
  const signed = (vote: string) => p.approvals.filter((a) => a.vote === vote && a.publicKey && a.signature)
    .map((a) => ({ memberId: a.memberId, publicKey: a.publicKey!, signature: a.signature! }));
  await appendToBoard(r, e.id, 'decision', { proposalId: p.id, statement, approvals: signed('approve'), against: signed('against') });
}

/** True once the election's board is open (its committee event is there). */
async function boardOpen(r: Repos, electionId: string): Promise<boolean> {
  return (await r.board.byKind(electionId, 'committee')).length > 0;
}

/**
 * After an activation: put the new key on every open board that must know it — the
 * member's election, or each election in which the association is accredited (its first
 * key came with its accreditation decision; this one follows a reset).
 */
export async function publishKeyRegistration(r: Repos, account: Account): Promise<void> {
  if (!account.signingKey) return;
  if (account.committeeMemberId) {
    const m = await r.committee.byId(account.committeeMemberId);
    if (m && await boardOpen(r, m.electionId)) {
      await r.elections.lockById(m.electionId);
      await appendToBoard(r, m.electionId, 'key_registered', { holder: 'member', holderId: m.id, publicKey: account.signingKey });
    }
    return;
  }
  if (!account.associationId) return;
  const elections = await r.elections.list();
  for (const e of elections) {
    const accredited = (await r.applications.listByElection(e.id, account.associationId)).some((a) => a.status === 'accredited');
    if (!accredited || !(await boardOpen(r, e.id))) continue;
    await r.elections.lockById(e.id);
    await appendToBoard(r, e.id, 'key_registered', { holder: 'association', holderId: account.associationId, publicKey: account.signingKey });
  }
}
