/**
 * The storage port the domain needs. `src/db` implements it with Kysely; every method
 * runs inside the transaction that `Store.transaction` opened, so a service's whole
 * state change commits or rolls back as one.
 * @module
 */
import type {
  Account, Application, Association, Candidate, CommitteeMember, Contest, Election, Proposal,
} from './model.js';
import type { AccountRole } from './reference.js';

export interface NewAccount {
  email: string;
  passwordHash: string;
  role: AccountRole;
  associationId?: string | null;
  committeeMemberId?: string | null;
}

export type NewAssociation = Omit<Association, 'id' | 'createdAt'>;
export type NewElection = Pick<Election, 'title' | 'description' | 'rules' | 'timeline'>;
export type NewContest = Omit<Contest, 'id'>;
export type NewMember = Omit<CommitteeMember, 'id'>;
export type NewCandidate = Omit<Candidate, 'id' | 'status' | 'reason'>;

export interface Repos {
  accounts: {
    byEmail(email: string): Promise<Account | undefined>;
    byId(id: string): Promise<Account | undefined>;
    insert(a: NewAccount): Promise<Account>;
    countByRole(role: AccountRole): Promise<number>;
  };
  associations: {
    insert(a: NewAssociation): Promise<Association>;
    byId(id: string): Promise<Association | undefined>;
    byRegistrationNumber(n: string): Promise<Association | undefined>;
    list(): Promise<Association[]>;
  };
  elections: {
    insert(e: NewElection): Promise<Election>;
    byId(id: string): Promise<Election | undefined>;
    /** Locks the election row until the transaction ends: phase changes serialize on it. */
    lockById(id: string): Promise<Election | undefined>;
    list(): Promise<Election[]>;
    setPhase(id: string, phase: Election['phase']): Promise<void>;
  };
  contests: {
    insert(c: NewContest): Promise<Contest>;
    byId(id: string): Promise<Contest | undefined>;
    listByElection(electionId: string): Promise<Contest[]>;
  };
  committee: {
    insert(m: NewMember): Promise<CommitteeMember>;
    byId(id: string): Promise<CommitteeMember | undefined>;
    listByElection(electionId: string): Promise<CommitteeMember[]>;
  };
  applications: {
    insert(a: Pick<Application, 'electionId' | 'contestId' | 'associationId'>): Promise<Application>;
    byId(id: string): Promise<Application | undefined>;
    byContestAndAssociation(contestId: string, associationId: string): Promise<Application | undefined>;
    listByElection(electionId: string, associationId?: string): Promise<Application[]>;
    update(id: string, patch: Partial<Pick<Application, 'status' | 'reason' | 'appealText' | 'appealOutcome' | 'decidedAt'>>): Promise<void>;
  };
  candidates: {
    insert(c: NewCandidate): Promise<Candidate>;
    byId(id: string): Promise<Candidate | undefined>;
    listByElection(electionId: string): Promise<Candidate[]>;
    update(id: string, patch: Pick<Candidate, 'status' | 'reason'>): Promise<void>;
  };
  proposals: {
    insert(p: Pick<Proposal, 'electionId' | 'kind' | 'subjectId' | 'payload' | 'proposedBy'>): Promise<Proposal>;
    byId(id: string): Promise<Proposal | undefined>;
    /** Locks the proposal row: concurrent approvals of one proposal serialize on it. */
    lockById(id: string): Promise<Proposal | undefined>;
    pendingFor(electionId: string, kind: Proposal['kind'], subjectId: string): Promise<Proposal | undefined>;
    listByElection(electionId: string): Promise<Proposal[]>;
    addApproval(proposalId: string, memberId: string, sector: string): Promise<void>;
    markExecuted(id: string): Promise<void>;
  };
  audit: {
    append(entry: { electionId: string | null; accountId: string | null; action: string; details: Record<string, unknown> }): Promise<void>;
  };
}

export interface Store {
  /** Run `work` in one transaction; a thrown error rolls everything back. */
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
  /** Read-only access outside a transaction. */
  readonly read: Repos;
}
