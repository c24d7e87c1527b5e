/**
 * Consequential decisions as proposals (DESIGN.md §2): a committee member proposes (which
 * counts as their approval); the decision takes effect, in the same transaction as the
 * approval that completes the multi-sector quorum, after its validity is checked again.
 * Non-consequential phase steps take effect at once.
 * @module
 */
import { quorumReached, type ProposalKind } from './approvals.js';
import { assessEligibility } from './candidates.js';
import type { ComplaintDecision } from './complaints.js';
import { executeAnswer, validateAnswer } from './complaints.service.js';
import { executeReset, validateReset } from './credential-reset.service.js';
import { DEFAULT_INVITATION_SECONDS, type IssuedInvitation } from './invitations.js';
import { DomainError } from './errors.js';
import { gatherFacts, requireElection, requireMember, requirePhase } from './elections.service.js';
import type { Actor, Election, Proposal } from './model.js';
import { checkTransition } from './phases.js';
import type { Repos, Store } from './ports.js';
import type { Phase } from './reference.js';
import { executeAcknowledgement, validateAcknowledgement } from './small-roll.service.js';
import { closeVoting, publishResults } from './tally.service.js';
import { openVoting } from './voting.service.js';

export type ProposalInput =
  | { kind: 'accreditation_decision'; applicationId: string; decision: 'accredit' | 'reject'; reason?: string | undefined }
  | { kind: 'appeal_decision'; applicationId: string; decision: 'uphold' | 'overturn'; reason: string }
  | { kind: 'candidate_eligibility'; candidateId: string; eligible: boolean; reason?: string | undefined }
  | { kind: 'phase_change'; to: Phase }
  | { kind: 'complaint_answer'; complaintId: string; decision: ComplaintDecision; reasoning: string }
  | { kind: 'small_roll_acknowledgement'; contestId: string; reason: string }
  | { kind: 'credential_reset'; accountId: string; reason: string };

/** Options of a decision's execution: how long a credential reset's new invitation lasts. */
export interface DecisionOptions {
  readonly invitationSeconds?: number;
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
      if (p.to === 'voting') await openVoting(r, e);
      await r.elections.setPhase(e.id, p.to);
      if (p.to === 'closed') await closeVoting(r, e);
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

export type DecisionOutcome = {
  status: 'executed' | 'pending';
  proposal: Proposal | null;
  /** An executed credential reset's new invitation (its code exists only here). */
  invitation?: IssuedInvitation;
};

/** Propose a consequential decision; the proposer's approval is recorded with it. */
export async function propose(store: Store, actor: Actor, electionId: string, input: ProposalInput, opts: DecisionOptions = {}): Promise<DecisionOutcome> {
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    const member = await requireMember(r, actor, electionId);
    await validate(r, e, input);
    const subjectId = subjectOf(input, electionId);
    if (await r.proposals.pendingFor(electionId, input.kind, subjectId)) throw new DomainError('proposal_pending');
    const created = await r.proposals.insert({ electionId, kind: input.kind, subjectId, payload: payloadOf(input), proposedBy: member.id });
    await r.proposals.addApproval(created.id, member.id, member.sector);
    await r.audit.append({ electionId, accountId: actor.accountId, action: 'propose', details: { proposalId: created.id, kind: input.kind } });
    return settle(r, e, created.id, actor, opts);
  });
}

/** Approve a pending proposal as the acting member. */
export async function approve(store: Store, actor: Actor, proposalId: string, opts: DecisionOptions = {}): Promise<DecisionOutcome> {
  return store.transaction(async (r) => {
    const p = await r.proposals.byId(proposalId);
    if (!p) throw new DomainError('not_found', { what: 'proposal' });
    const e = await requireElection(r, p.electionId, true);
    const locked = (await r.proposals.lockById(proposalId))!;
    const member = await requireMember(r, actor, e.id);
    if (locked.status !== 'pending') throw new DomainError('proposal_closed', { status: locked.status });
    if (locked.approvals.some((a) => a.memberId === member.id)) throw new DomainError('already_approved');
    await r.proposals.addApproval(locked.id, member.id, member.sector);
    await r.audit.append({ electionId: e.id, accountId: actor.accountId, action: 'approve', details: { proposalId, sector: member.sector } });
    return settle(r, e, locked.id, actor, opts);
  });
}

async function settle(r: Repos, e: Election, proposalId: string, actor: Actor, opts: DecisionOptions): Promise<DecisionOutcome> {
  const p = (await r.proposals.byId(proposalId))!;
  if (!quorumReached(e.rules.approvalSectors, p.approvals)) return { status: 'pending', proposal: p };
  const input = toInput(p);
  await validate(r, e, input);
  const invitation = await execute(r, e, input, p, opts);
  await r.proposals.markExecuted(p.id);
  await r.audit.append({ electionId: e.id, accountId: actor.accountId, action: 'execute', details: { proposalId: p.id, kind: p.kind } });
  return { status: 'executed', proposal: (await r.proposals.byId(p.id))!, ...(invitation && { invitation }) };
}

/**
 * Move the election to its next phase. A consequential step becomes a proposal; the
 * others take effect now. Either way the preconditions are checked first.
 */
export async function changePhase(store: Store, actor: Actor, electionId: string, to: Phase): Promise<DecisionOutcome> {
  const e = await requireElection(store.read, electionId);
  const check = checkTransition(e.phase, to, await gatherFacts(store.read, e));
  if (check.ok && check.consequential) return propose(store, actor, electionId, { kind: 'phase_change', to });
  return store.transaction(async (r) => {
    const locked = await requireElection(r, electionId, true);
    await requireMember(r, actor, electionId);
    await validate(r, locked, { kind: 'phase_change', to });
    await execute(r, locked, { kind: 'phase_change', to }, null);
    await r.audit.append({ electionId, accountId: actor.accountId, action: 'phase_change', details: { from: locked.phase, to } });
    return { status: 'executed', proposal: null };
  });
}

export async function listProposals(store: Store, electionId: string): Promise<Proposal[]> {
  await requireElection(store.read, electionId);
  return store.read.proposals.listByElection(electionId);
}

export type { ProposalKind };
