/**
 * Consequential decisions as proposals (DESIGN.md §2; issue 11): a committee member
 * proposes by signing the decision's canonical statement (which counts as their
 * approval); others approve, vote against or (the proposer) withdraw, each by signing the
 * same statement with their own key. The decision takes effect, in the same transaction
 * as the approval that completes the multi-sector quorum, after its validity is checked
 * again, and goes on the board with its statement and signatures. Every phase change is
 * such a decision. A pending proposal blocks only an identical one, not the opposite.
 * @module
 */
import { approvingSectors, quorumReached, type ProposalInput, type ProposalKind } from './approvals.js';
import { canonicalJsonString } from '../record/canonical-json.js';
import type { Statement, Vote } from '../record/statements.js';
import { publishCommittee, publishDecision } from './governance.service.js';
import { buildStatement, checkVote } from './statements.service.js';
import { assessEligibility } from './candidates.js';
import { executeAnswer, validateAnswer } from './complaints.service.js';
import { executeReset, validateReset } from './credential-reset.service.js';
import { DEFAULT_INVITATION_SECONDS, type IssuedInvitation } from './invitations.js';
import { DomainError } from './errors.js';
import { gatherFacts, requireElection, requireMember, requirePhase } from './elections.service.js';
import type { Actor, Election, Proposal } from './model.js';
import { checkTransition, openingPhase } from './phases.js';
import type { RelayStore, Repos, Store } from './ports.js';
import type { Phase } from './reference.js';
import { executeAcknowledgement, validateAcknowledgement } from './small-roll.service.js';
import { closeVoting, publishResults } from './tally.service.js';
import { closeTokenWindow, openVoting } from './voting.service.js';

export type { ProposalInput };

/**
 * Options of a decision's execution: how long a credential reset's new invitation lasts,
 * and the token relay (issue 12), whose counts close the token window and whose signed
 * requests go on the board at the close.
 */
export interface DecisionOptions {
  readonly invitationSeconds?: number;
  readonly relay?: RelayStore;
}

function relayOf(opts: DecisionOptions): RelayStore {
  if (!opts.relay) throw new Error('this decision needs the token relay (DecisionOptions.relay)');
  return opts.relay;
}

const notAllowed = (reasonEs: string, reasonEn: string) => new DomainError('decision_not_allowed', { reasonEs, reasonEn });

function subjectOf(p: ProposalInput, electionId: string): string {
  switch (p.kind) {
    case 'accreditation_decision':
    case 'appeal_decision':
      return p.applicationId;
    case 'candidate_eligibility':
      return p.candidateId;
    case 'phase_change':
      return electionId;
    case 'complaint_answer':
      return p.complaintId;
    case 'small_roll_acknowledgement':
      return p.contestId;
    case 'credential_reset':
      return p.accountId;
  }
}

/** Throws unless the decision is still valid in the current state. */
async function validate(r: Repos, e: Election, p: ProposalInput): Promise<void> {
  switch (p.kind) {
    case 'accreditation_decision': {
      requirePhase(e, 'accreditation');
      const a = await r.applications.byId(p.applicationId);
      if (!a || a.electionId !== e.id) throw new DomainError('not_found', { what: 'application' });
      if (a.status !== 'pending') throw notAllowed('la solicitud ya fue decidida', 'the application was already decided');
      if (p.decision === 'reject' && !p.reason?.trim()) throw notAllowed('un rechazo requiere un motivo', 'a rejection needs a reason');
      return;
    }
    case 'appeal_decision': {
      requirePhase(e, 'accreditation');
      const a = await r.applications.byId(p.applicationId);
      if (!a || a.electionId !== e.id) throw new DomainError('not_found', { what: 'application' });
      if (a.status !== 'appealed') throw notAllowed('no hay una apelación pendiente', 'there is no pending appeal');
      return;
    }
    case 'candidate_eligibility': {
      requirePhase(e, 'nominations');
      const c = await r.candidates.byId(p.candidateId);
      if (!c || c.electionId !== e.id) throw new DomainError('not_found', { what: 'candidate' });
      if (c.status !== 'nominated') throw notAllowed('la candidatura ya fue evaluada', 'the candidacy was already vetted');
      if (p.eligible) {
        const v = assessEligibility(e.rules, c);
        if (v.length > 0) {
          throw new DomainError('decision_conflicts_rules', { violationsEs: v.map((x) => x.es), violationsEn: v.map((x) => x.en) });
        }
      } else if (!p.reason?.trim()) {
        throw notAllowed('declarar no apta una candidatura requiere un motivo', 'declaring a candidacy ineligible needs a reason');
      }
      return;
    }
    case 'phase_change': {
      const check = checkTransition(e.phase, p.to, await gatherFacts(r, e));
      if (!check.ok && check.reason === 'order') {
        throw new DomainError('phase_order', { from: e.phase, to: p.to, next: check.next ?? '—' });
      }
      if (!check.ok && check.reason === 'preconditions') {
        throw new DomainError('precondition_failed', {
          to: p.to, failed: check.failures.map((f) => f.code),
          failedEs: check.failures.map((f) => f.es), failedEn: check.failures.map((f) => f.en),
        });
      }
      return;
    }
    case 'complaint_answer':
      return validateAnswer(r, e, p);
    case 'small_roll_acknowledgement':
      return validateAcknowledgement(r, e, p);
    case 'credential_reset':
      return validateReset(r, e, p);
  }
}

/**
 * Apply a validated decision; `proposal` is the executed proposal (null for a
 * non-consequential phase step). A credential reset returns its new invitation.
 */
async function execute(r: Repos, e: Election, p: ProposalInput, proposal: Proposal | null, opts: DecisionOptions = {}): Promise<IssuedInvitation | void> {
  const now = new Date();
  switch (p.kind) {
    case 'accreditation_decision':
      await r.applications.update(p.applicationId, {
        status: p.decision === 'accredit' ? 'accredited' : 'rejected', reason: p.reason ?? null, decidedAt: now,
      });
      return;
    case 'appeal_decision':
      await r.applications.update(p.applicationId, {
        status: p.decision === 'overturn' ? 'accredited' : 'rejected',
        appealOutcome: p.decision === 'overturn' ? 'overturned' : 'upheld', reason: p.reason, decidedAt: now,
      });
      return;
    case 'candidate_eligibility':
      await r.candidates.update(p.candidateId, { status: p.eligible ? 'eligible' : 'ineligible', reason: p.reason ?? null });
      return;
    case 'phase_change':
      if (p.to === openingPhase(e.rules.tokenWindow)) await openVoting(r, e);
      await r.elections.setPhase(e.id, p.to);
      if (p.to === 'voting' && e.rules.tokenWindow) await closeTokenWindow(r, e, relayOf(opts));
      if (p.to === 'closed') await closeVoting(r, e, relayOf(opts));
      if (p.to === 'published') await publishResults(r, e);
      return;
    case 'complaint_answer':
    case 'small_roll_acknowledgement':
      if (!proposal) throw new Error(`${p.kind} executes only as an approved proposal`);
      return p.kind === 'complaint_answer' ? executeAnswer(r, e, p, proposal) : executeAcknowledgement(r, e, p, proposal);
    case 'credential_reset':
      if (!proposal) throw new Error('credential_reset executes only as an approved proposal');
      return executeReset(r, e, p, proposal, opts.invitationSeconds ?? DEFAULT_INVITATION_SECONDS);
  }
}

const toInput = (p: Proposal): ProposalInput => ({ kind: p.kind, ...p.payload }) as ProposalInput;

function payloadOf(p: ProposalInput): Record<string, unknown> {
  const { kind: _, ...rest } = p;
  return rest;
}

const sameStatement = (a: Statement | null, b: Statement): boolean => a !== null && canonicalJsonString(a) === canonicalJsonString(b);

export type DecisionOutcome = {
  status: 'executed' | 'pending' | 'withdrawn' | 'rejected';
  proposal: Proposal | null;
  /** An executed credential reset's new invitation (its code exists only here). */
  invitation?: IssuedInvitation;
};

/**
 * The statement a member would sign to propose `input` now (it is what the proposal will
 * carry). Checks the decision is valid, changes nothing.
 */
export async function previewStatement(store: Store, actor: Actor, electionId: string, input: ProposalInput): Promise<Statement> {
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId);
    await requireMember(r, actor, electionId);
    await validate(r, e, input);
    return buildStatement(r, e, input);
  });
}

/** Propose a consequential decision, signed by the proposer; it counts as their approval. */
export async function propose(
  store: Store, actor: Actor, electionId: string, input: ProposalInput, signature: unknown, opts: DecisionOptions = {},
): Promise<DecisionOutcome> {
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    const member = await requireMember(r, actor, electionId);
    await validate(r, e, input);
    const statement = await buildStatement(r, e, input);
    const vote = await checkVote(r, member, statement, 'approve', signature);
    const subjectId = subjectOf(input, electionId);
    if ((await r.proposals.pendingFor(electionId, input.kind, subjectId)).some((p) => sameStatement(p.statement, statement))) {
      throw new DomainError('proposal_pending');
    }
    const created = await r.proposals.insert({ electionId, kind: input.kind, subjectId, payload: payloadOf(input), proposedBy: member.id, statement });
    await r.proposals.addApproval(created.id, member.id, member.sector, vote);
    await r.audit.append({ electionId, accountId: actor.accountId, action: 'propose', details: { proposalId: created.id, kind: input.kind } });
    return settle(r, e, created.id, actor, opts);
  });
}

/** Cast a signed vote on a pending proposal: approve, vote against, or (its proposer) withdraw. */
export async function vote(store: Store, actor: Actor, proposalId: string, kind: Vote, signature: unknown, opts: DecisionOptions = {}): Promise<DecisionOutcome> {
  return store.transaction(async (r) => {
    const p = await r.proposals.byId(proposalId);
    if (!p) throw new DomainError('not_found', { what: 'proposal' });
    const e = await requireElection(r, p.electionId, true);
    const locked = (await r.proposals.lockById(proposalId))!;
    const member = await requireMember(r, actor, e.id);
    if (locked.status !== 'pending') throw new DomainError('proposal_closed', { status: locked.status });
    if (!locked.statement) throw new DomainError('proposal_closed', { status: 'unsigned' });
    if (kind === 'withdraw' && locked.proposedBy !== member.id) throw new DomainError('forbidden', { reason: 'only its proposer withdraws a proposal' });
    if (kind !== 'withdraw' && locked.approvals.some((a) => a.memberId === member.id)) throw new DomainError('already_approved');
    const signed = await checkVote(r, member, locked.statement, kind, signature);
    if (kind === 'withdraw') {
      await r.proposals.setStatus(locked.id, 'withdrawn');
      await r.audit.append({ electionId: e.id, accountId: actor.accountId, action: 'withdraw', details: { proposalId, signature: signed.signature } });
      return { status: 'withdrawn', proposal: (await r.proposals.byId(locked.id))! };
    }
    await r.proposals.addApproval(locked.id, member.id, member.sector, signed);
    await r.audit.append({ electionId: e.id, accountId: actor.accountId, action: kind, details: { proposalId, sector: member.sector } });
    return settle(r, e, locked.id, actor, opts);
  });
}

/** Approve a pending proposal as the acting member, with their signature over its statement. */
export const approve = (store: Store, actor: Actor, proposalId: string, signature: unknown, opts: DecisionOptions = {}) =>
  vote(store, actor, proposalId, 'approve', signature, opts);

async function settle(r: Repos, e: Election, proposalId: string, actor: Actor, opts: DecisionOptions): Promise<DecisionOutcome> {
  const p = (await r.proposals.byId(proposalId))!;
  const against = p.approvals.filter((a) => a.vote === 'against');
  if (quorumReached(e.rules.approvalSectors, against)) {
    await r.proposals.setStatus(p.id, 'rejected');
    return { status: 'rejected', proposal: (await r.proposals.byId(p.id))! };
  }
  const approvals = p.approvals.filter((a) => a.vote === 'approve');
  if (!quorumReached(e.rules.approvalSectors, approvals)) return { status: 'pending', proposal: p };
  const input = toInput(p);
  await validate(r, e, input);
  // What the members signed must still be what is executed (e.g. no key reset meanwhile).
  const statement = await buildStatement(r, e, input);
  if (!sameStatement(p.statement, statement)) throw new DomainError('statement_changed');
  if (input.kind === 'phase_change' && e.phase === 'draft') await publishCommittee(r, e);
  await publishDecision(r, e, p, statement);
  const invitation = await execute(r, e, input, p, opts);
  await r.proposals.markExecuted(p.id);
  await r.audit.append({ electionId: e.id, accountId: actor.accountId, action: 'execute', details: { proposalId: p.id, kind: p.kind, sectors: approvingSectors(approvals) } });
  return { status: 'executed', proposal: (await r.proposals.byId(p.id))!, ...(invitation && { invitation }) };
}

/** Move the election to its next phase: always a multi-sector decision (issue 11), proposed with a signature. */
export async function changePhase(store: Store, actor: Actor, electionId: string, to: Phase, signature: unknown, opts: DecisionOptions = {}): Promise<DecisionOutcome> {
  return propose(store, actor, electionId, { kind: 'phase_change', to }, signature, opts);
}

export async function listProposals(store: Store, electionId: string): Promise<Proposal[]> {
  await requireElection(store.read, electionId);
  return store.read.proposals.listByElection(electionId);
}

export type { ProposalKind };
