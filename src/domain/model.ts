/**
 * The domain's entities as the services see them; `src/db` maps rows to these.
 * @module
 */
import type { AccountRole, CommitteeRole, Constituency, ConstituencyDef, Phase, Region, Sector } from './reference.js';
import type { ProposalKind } from './approvals.js';
import type {
  Attachment, ComplainantRole, ComplaintCategory, ComplaintDecision, ComplaintWindow, PublicComplainant,
} from './complaints.js';
import type { Rules, Timeline } from './rules.js';
import type { Language } from './languages.js';
import type { Statement, Vote } from '../record/statements.js';

/** `invited` until its owner activates it; `disabled` ends it for good. */
export type AccountStatus = 'invited' | 'active' | 'disabled';

export interface Account {
  readonly id: string;
  readonly email: string;
  /** Null until the owner activates the account (and again after a credential reset). */
  readonly passwordHash: string | null;
  readonly role: AccountRole;
  readonly associationId: string | null;
  readonly committeeMemberId: string | null;
  readonly status: AccountStatus;
  /** Lower-case hex of the owner's Ed25519 public key (32 bytes); null until activation or after revocation. */
  readonly signingKey: string | null;
  /** Carried in access tokens; bumping it ends every session of the account. */
  readonly sessionGeneration: number;
}

/** A one-time invitation to activate an account; the code itself is never stored. */
export interface Invitation {
  readonly id: string;
  readonly accountId: string;
  readonly reason: 'created' | 'credential_reset';
  readonly createdBy: string | null;
  readonly proposalId: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly voidedAt: Date | null;
}

/** A signing key revoked by a credential reset, with the decision that revoked it. */
export interface KeyRevocation {
  readonly accountId: string;
  readonly signingKey: string;
  readonly proposalId: string | null;
  readonly revokedAt: Date;
}

/** Who is acting: derived from a verified access token, never from the request body. */
export interface Actor {
  readonly accountId: string;
  readonly role: AccountRole;
  readonly associationId: string | null;
  readonly committeeMemberId: string | null;
  /**
   * The account's public signing key as read with the session (active account) in this
   * request, when the actor comes from one: a route checking a signature by it needs no
   * second read. Absent: the service reads the account.
   */
  readonly signingKey?: string | null;
}

export interface Association {
  readonly id: string;
  readonly legalName: string;
  readonly registrationNumber: string;
  readonly region: Region;
  readonly constituencies: readonly Constituency[];
  readonly contactName: string;
  readonly contactEmail: string;
  readonly contactPhone: string | null;
  readonly createdAt: Date;
}

export interface Election {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly phase: Phase;
  readonly rules: Rules;
  readonly timeline: Timeline;
  /** The constituencies its contests and associations name, in the committee's order. */
  readonly constituencies: readonly ConstituencyDef[];
  /** The languages it is run in, the first its default (languages.ts). */
  readonly languages: readonly Language[];
  readonly createdAt: Date;
  readonly phaseChangedAt: Date;
}

export interface Contest {
  readonly id: string;
  readonly electionId: string;
  readonly constituency: Constituency;
  readonly title: string;
  readonly seats: number;
  readonly alternates: number;
  readonly maxSelections: number;
  readonly position: number;
}

export interface CommitteeMember {
  readonly id: string;
  readonly electionId: string;
  readonly fullName: string;
  readonly sector: Sector;
  readonly organisation: string;
  readonly role: CommitteeRole;
}

export type ApplicationStatus = 'pending' | 'accredited' | 'rejected' | 'appealed';
export interface Application {
  readonly id: string;
  readonly electionId: string;
  readonly contestId: string;
  readonly associationId: string;
  readonly status: ApplicationStatus;
  /** The documents submitted with the application, described in text ('' when none were described). */
  readonly documents: string;
  readonly reason: string | null;
  readonly appealText: string | null;
  readonly appealOutcome: 'upheld' | 'overturned' | null;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
}

export type CandidateStatus = 'nominated' | 'eligible' | 'ineligible';
export interface Candidate {
  readonly id: string;
  readonly electionId: string;
  readonly contestId: string;
  readonly associationId: string;
  readonly fullName: string;
  readonly employer: string;
  readonly implementsGlobalFund: boolean;
  readonly consecutiveTerms: number;
  /** The campaign statement shown with the candidacy ('' when none was given). Not in the election record. */
  readonly statement: string;
  /** Where the candidate comes from, as the association wrote it ('' when not given). Not in the election record. */
  readonly region: string;
  readonly status: CandidateStatus;
  readonly reason: string | null;
}

/** `withdrawn` by its proposer; `rejected` when members of enough sectors voted against it. */
export type ProposalStatus = 'pending' | 'executed' | 'withdrawn' | 'rejected';
/** A member's signed vote on a proposal (the proposer's proposal is their approval). */
export interface Approval {
  readonly memberId: string;
  readonly sector: Sector;
  readonly approvedAt: Date;
  readonly vote: Vote;
  /** The member's registered key and Ed25519 signature over the statement (hex); null only for rows older than signed decisions. */
  readonly publicKey: string | null;
  readonly signature: string | null;
}
export interface Proposal {
  readonly id: string;
  readonly electionId: string;
  readonly kind: ProposalKind;
  readonly subjectId: string;
  readonly payload: Record<string, unknown>;
  readonly status: ProposalStatus;
  readonly proposedBy: string;
  readonly createdAt: Date;
  readonly executedAt: Date | null;
  /** Every vote: approvals, votes against and a withdrawal. */
  readonly approvals: readonly Approval[];
  /** The canonical statement the members sign (record/statements.ts). */
  readonly statement: Statement | null;
}

export interface ComplaintAnswer {
  readonly decision: ComplaintDecision;
  readonly reasoning: string;
  readonly proposalId: string;
  readonly answeredAt: Date;
  readonly boardSeq: number;
}

export interface Complaint {
  readonly id: string;
  readonly electionId: string;
  readonly window: ComplaintWindow;
  readonly category: ComplaintCategory;
  readonly text: string;
  readonly attachments: readonly Attachment[];
  readonly showIdentity: boolean;
  /** Kept for accountability, never published. */
  readonly complainantAccountId: string;
  readonly complainantRole: ComplainantRole;
  /** What the board shows: null unless the complainant chose to show their identity. */
  readonly complainant: PublicComplainant | null;
  readonly filedAt: Date;
  /** Seq and hash of the `complaint` board event. */
  readonly boardSeq: number;
  readonly boardHash: string;
  readonly answer: ComplaintAnswer | null;
}

/** The committee's recorded decision to open a contest whose roll is below `minRollSize`. */
export interface SmallRollAcknowledgement {
  readonly contestId: string;
  readonly electionId: string;
  readonly reason: string;
  readonly proposalId: string;
  readonly decidedAt: Date;
}
