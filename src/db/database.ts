/**
 * The one Kysely `Database` interface: every table the service stores, as columns. Only
 * the `…Row` (Selectable) aliases leave `src/db`.
 * @module
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A non-null column with a database default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface AssociationsTable {
  id: Generated<string>;
  legal_name: string;
  registration_number: string;
  region: string;
  constituencies: string[];
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  created_at: Timestamp;
}

export interface ElectionsTable {
  id: Generated<string>;
  title: string;
  description: Defaulted<string>;
  phase: Defaulted<string>;
  rules: Json<unknown>;
  timeline: Json<unknown>;
  /** `[{ code, nameEs, nameEn }]`; null for an election from before configurable constituencies (the template). */
  constituencies: ColumnType<unknown, string | null | undefined, string | null>;
  /** `["es", "en"]`, the first the default; null for an election from before (Spanish, then English). */
  languages: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
  phase_changed_at: Timestamp;
  joint_public_key: string | null;
  ceremony_result: Json<unknown> | null;
  manifest: Json<unknown> | null;
  manifest_hash: string | null;
  receipt_secret_key: Uint8Array | null;
}

export interface ContestsTable {
  id: Generated<string>;
  election_id: string;
  constituency: string;
  title: string;
  seats: number;
  alternates: number;
  max_selections: number;
  position: number;
}

export interface CommitteeMembersTable {
  id: Generated<string>;
  election_id: string;
  full_name: string;
  sector: string;
  organisation: string;
  role: string;
  created_at: Timestamp;
}

export interface AccountsTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  role: string;
  association_id: string | null;
  committee_member_id: string | null;
  created_at: Timestamp;
  signing_key: string | null;
  status: Defaulted<string>;
  session_generation: Defaulted<number>;
}

export interface InvitationsTable {
  id: Generated<string>;
  account_id: string;
  code_hash: string;
  reason: string;
  created_by: string | null;
  proposal_id: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  voided_at: Timestamp | null;
}

export interface AccountKeyRevocationsTable {
  account_id: string;
  signing_key: string;
  proposal_id: string | null;
  revoked_at: Timestamp;
}

export interface ApplicationsTable {
  id: Generated<string>;
  election_id: string;
  contest_id: string;
  association_id: string;
  status: Defaulted<string>;
  documents: Defaulted<string>;
  reason: string | null;
  appeal_text: string | null;
  appeal_outcome: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface CandidatesTable {
  id: Generated<string>;
  election_id: string;
  contest_id: string;
  association_id: string;
  full_name: string;
  employer: string;
  implements_global_fund: boolean;
  consecutive_terms: Defaulted<number>;
  statement: Defaulted<string>;
  region: Defaulted<string>;
  status: Defaulted<string>;
  reason: string | null;
  created_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface ProposalsTable {
  id: Generated<string>;
  election_id: string;
  kind: string;
  subject_id: string;
  payload: Json<unknown>;
  status: Defaulted<string>;
  proposed_by: string;
  created_at: Timestamp;
  executed_at: Timestamp | null;
  statement: Json<unknown> | null;
}

export interface ApprovalsTable {
  proposal_id: string;
  member_id: string;
  sector: string;
  approved_at: Timestamp;
  vote: Defaulted<string>;
  public_key: string | null;
  signature: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  election_id: string | null;
  account_id: string | null;
  action: string;
  details: Json<unknown>;
  at: Timestamp;
}

export interface CeremonyKeysTable { election_id: string; trustee: number; public_key: Json<unknown> }
export interface CeremonyDealingsTable { election_id: string; dealer: number; dealing: Json<unknown> }
export interface CeremonyVerificationsTable { election_id: string; trustee: number; complaints: Json<unknown> }
export interface BoardEventsTable {
  election_id: string; seq: number; kind: string; at: string; payload: Json<unknown>; prev_hash: string; hash: string;
}
export interface BallotsTable {
  id: Generated<number>; election_id: string; contest_id: string; ballot_public_key: string; tracking_code: string;
  board_seq: number; body: Json<unknown>;
}
export interface DecryptionSharesTable { election_id: string; trustee: number; payload: Json<unknown> }
export interface ResultsTable { election_id: string; payload: Json<unknown> }

export interface ComplaintsTable {
  id: string;
  election_id: string;
  complaint_window: string;
  category: string;
  text: string;
  attachments: Json<unknown>;
  show_identity: boolean;
  complainant_account_id: string;
  complainant_role: string;
  complainant: Json<unknown> | null;
  filed_at: Timestamp;
  board_seq: number;
  board_hash: string;
  status: Defaulted<string>;
  answer_decision: string | null;
  answer_reasoning: string | null;
  answer_proposal_id: string | null;
  answered_at: Timestamp | null;
  answer_board_seq: number | null;
}

export interface SmallRollAcknowledgementsTable {
  contest_id: string;
  election_id: string;
  reason: string;
  proposal_id: string;
  decided_at: Timestamp;
}

export interface Database {
  ceremony_keys: CeremonyKeysTable;
  ceremony_dealings: CeremonyDealingsTable;
  ceremony_verifications: CeremonyVerificationsTable;
  board_events: BoardEventsTable;
  ballots: BallotsTable;
  decryption_shares: DecryptionSharesTable;
  results: ResultsTable;
  complaints: ComplaintsTable;
  small_roll_acknowledgements: SmallRollAcknowledgementsTable;
  associations: AssociationsTable;
  elections: ElectionsTable;
  contests: ContestsTable;
  committee_members: CommitteeMembersTable;
  accounts: AccountsTable;
  invitations: InvitationsTable;
  account_key_revocations: AccountKeyRevocationsTable;
  applications: ApplicationsTable;
  candidates: CandidatesTable;
  proposals: ProposalsTable;
  approvals: ApprovalsTable;
  audit_log: AuditLogTable;
}

export type AssociationRow = Selectable<AssociationsTable>;
export type ElectionRow = Selectable<ElectionsTable>;
export type ContestRow = Selectable<ContestsTable>;
export type CommitteeMemberRow = Selectable<CommitteeMembersTable>;
export type AccountRow = Selectable<AccountsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type AccountKeyRevocationRow = Selectable<AccountKeyRevocationsTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type CandidateRow = Selectable<CandidatesTable>;
export type ProposalRow = Selectable<ProposalsTable>;
export type ApprovalRow = Selectable<ApprovalsTable>;
export type ComplaintRow = Selectable<ComplaintsTable>;
export type SmallRollAcknowledgementRow = Selectable<SmallRollAcknowledgementsTable>;
export type NewAssociation = Insertable<AssociationsTable>;
