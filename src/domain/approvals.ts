/**
 * Multi-sector approval of consequential decisions (DESIGN.md §2): a proposal takes
 * effect only when members of at least `approvalSectors` distinct sectors approved it.
 * @module
 */
import type { ComplaintDecision } from './complaints.js';
import type { Phase, Sector } from './reference.js';

export interface ApprovalSummary {
  readonly memberId: string;
  readonly sector: Sector | string;
}

/** The distinct sectors that have approved. */
export function approvingSectors(approvals: readonly ApprovalSummary[]): string[] {
  return [...new Set(approvals.map((a) => a.sector))].sort();
}

/** No decision is ever taken by fewer sectors than this, whatever the rules say (issue 11). */
export const MIN_APPROVAL_SECTORS = 2;

/** True when the approvals reach the quorum of distinct sectors (never fewer than {@link MIN_APPROVAL_SECTORS}). */
export function quorumReached(approvalSectors: number, approvals: readonly ApprovalSummary[]): boolean {
  return approvingSectors(approvals).length >= Math.max(MIN_APPROVAL_SECTORS, approvalSectors);
}

/** The consequential decisions: each one is a proposal that needs the quorum. */
export const PROPOSAL_KINDS = Object.freeze([
  'accreditation_decision', 'appeal_decision', 'candidate_eligibility', 'phase_change',
  'complaint_answer', 'small_roll_acknowledgement', 'credential_reset',
] as const);
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** What a member proposes, by kind (the statement the members sign is built from it: statements.service.ts). */
export type ProposalInput =
  | { kind: 'accreditation_decision'; applicationId: string; decision: 'accredit' | 'reject'; reason?: string | undefined }
  | { kind: 'appeal_decision'; applicationId: string; decision: 'uphold' | 'overturn'; reason: string }
  | { kind: 'candidate_eligibility'; candidateId: string; eligible: boolean; reason?: string | undefined }
  | { kind: 'phase_change'; to: Phase }
  | { kind: 'complaint_answer'; complaintId: string; decision: ComplaintDecision; reasoning: string }
  | { kind: 'small_roll_acknowledgement'; contestId: string; reason: string }
  | { kind: 'credential_reset'; accountId: string; reason: string };
