/**
 * Row → domain entity mapping, in one place.
 * @module
 */
import type {
  Account, Application, Invitation, KeyRevocation, Association, Candidate, CommitteeMember, Contest, Election, Proposal, Approval,
} from '../domain/model.js';
import { parseRules, TimelineSchema } from '../domain/rules.js';
import { CONSTITUENCY_TEMPLATE, type ConstituencyDef } from '../domain/reference.js';
import { DEFAULT_LANGUAGES, type Language } from '../domain/languages.js';
import type {
  AccountKeyRevocationRow, AccountRow, ApplicationRow, InvitationRow, ApprovalRow, AssociationRow, CandidateRow, CommitteeMemberRow, ContestRow,
  ElectionRow, ProposalRow,
} from './database.js';

export const toAccount = (r: AccountRow): Account => ({
  id: r.id, email: r.email, passwordHash: r.password_hash, role: r.role as Account['role'],
  associationId: r.association_id, committeeMemberId: r.committee_member_id,
  status: r.status as Account['status'], signingKey: r.signing_key, sessionGeneration: Number(r.session_generation),
});

export const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id, accountId: r.account_id, reason: r.reason as Invitation['reason'], createdBy: r.created_by,
  proposalId: r.proposal_id, createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at),
  usedAt: r.used_at ? new Date(r.used_at) : null, voidedAt: r.voided_at ? new Date(r.voided_at) : null,
});

export const toKeyRevocation = (r: AccountKeyRevocationRow): KeyRevocation => ({
  accountId: r.account_id, signingKey: r.signing_key, proposalId: r.proposal_id, revokedAt: new Date(r.revoked_at),
});

export const toAssociation = (r: AssociationRow): Association => ({
  id: r.id, legalName: r.legal_name, registrationNumber: r.registration_number,
  region: r.region as Association['region'], constituencies: r.constituencies as Association['constituencies'],
  contactName: r.contact_name, contactEmail: r.contact_email, contactPhone: r.contact_phone,
  createdAt: new Date(r.created_at),
});

/**
 * The columns an `Election` is built from: not the manifest or the ceremony result, large
 * JSON that the cast path would otherwise read and parse twice per ballot.
 */
export const ELECTION_COLUMNS = ['id', 'title', 'description', 'phase', 'rules', 'timeline', 'constituencies', 'languages', 'created_at', 'phase_changed_at'] as const;

export const toElection = (r: Pick<ElectionRow, (typeof ELECTION_COLUMNS)[number]>): Election => ({
  id: r.id, title: r.title, description: r.description, phase: r.phase as Election['phase'],
  // Rules stored before the token window existed had none: such an election runs without it.
  rules: parseRules({ tokenWindow: false, ...(r.rules as object) }), timeline: TimelineSchema.parse(r.timeline),
  constituencies: (r.constituencies as ConstituencyDef[] | null) ?? CONSTITUENCY_TEMPLATE,
  languages: (r.languages as Language[] | null) ?? DEFAULT_LANGUAGES,
  createdAt: new Date(r.created_at), phaseChangedAt: new Date(r.phase_changed_at),
});

export const toContest = (r: ContestRow): Contest => ({
  id: r.id, electionId: r.election_id, constituency: r.constituency as Contest['constituency'], title: r.title,
  seats: r.seats, alternates: r.alternates, maxSelections: r.max_selections, position: r.position,
});

export const toMember = (r: CommitteeMemberRow): CommitteeMember => ({
  id: r.id, electionId: r.election_id, fullName: r.full_name, sector: r.sector as CommitteeMember['sector'],
  organisation: r.organisation, role: r.role as CommitteeMember['role'],
});

export const toApplication = (r: ApplicationRow): Application => ({
  id: r.id, electionId: r.election_id, contestId: r.contest_id, associationId: r.association_id,
  status: r.status as Application['status'], documents: r.documents, reason: r.reason, appealText: r.appeal_text,
  appealOutcome: r.appeal_outcome as Application['appealOutcome'], createdAt: new Date(r.created_at),
  decidedAt: r.decided_at ? new Date(r.decided_at) : null,
});

export const toCandidate = (r: CandidateRow): Candidate => ({
  id: r.id, electionId: r.election_id, contestId: r.contest_id, associationId: r.association_id,
  fullName: r.full_name, employer: r.employer, implementsGlobalFund: r.implements_global_fund,
  consecutiveTerms: r.consecutive_terms, statement: r.statement, region: r.region,
  status: r.status as Candidate['status'], reason: r.reason,
});

export const toApproval = (r: ApprovalRow): Approval => ({
  memberId: r.member_id, sector: r.sector as Approval['sector'], approvedAt: new Date(r.approved_at),
  vote: r.vote as Approval['vote'], publicKey: r.public_key, signature: r.signature,
});

export const toProposal = (r: ProposalRow, approvals: readonly ApprovalRow[]): Proposal => ({
  id: r.id, electionId: r.election_id, kind: r.kind as Proposal['kind'], subjectId: r.subject_id,
  payload: r.payload as Record<string, unknown>, status: r.status as Proposal['status'],
  proposedBy: r.proposed_by, createdAt: new Date(r.created_at),
  executedAt: r.executed_at ? new Date(r.executed_at) : null, approvals: approvals.map(toApproval),
  statement: (r.statement ?? null) as Proposal['statement'],
});
