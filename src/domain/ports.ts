/**
 * The storage port the domain needs. `src/db` implements it with Kysely; every method
 * runs inside the transaction that `Store.transaction` opened, so a service's whole
 * state change commits or rolls back as one.
 * @module
 */
import type {
  Account, Approval, AccountStatus, Application, Invitation, KeyRevocation, Association, Candidate, CommitteeMember, Complaint, ComplaintAnswer, Contest, Election, Proposal,
  SmallRollAcknowledgement,
} from './model.js';
import type { AccountRole } from './reference.js';
import type { CastProofItem, CastProofVerdict } from '../record/cast-proofs.js';

/** A new account is an invitation: no password, no key, until its owner activates it. */
export interface NewAccount {
  email: string;
  role: AccountRole;
  associationId?: string | null;
  committeeMemberId?: string | null;
}

export type NewAssociation = Omit<Association, 'id' | 'createdAt'>;
export type NewElection = Pick<Election, 'title' | 'description' | 'rules' | 'timeline' | 'constituencies' | 'languages'>;
export type NewContest = Omit<Contest, 'id'>;
export type NewMember = Omit<CommitteeMember, 'id'>;
export type NewCandidate = Omit<Candidate, 'id' | 'status' | 'reason'>;
export type NewComplaint = Omit<Complaint, 'id' | 'answer'>;

/** A bulletin-board event as stored (the record's BoardEvent). */
export interface StoredEvent {
  readonly seq: number;
  readonly kind: string;
  readonly at: string;
  readonly payload: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

export interface VotingState {
  readonly jointPublicKey: string | null;
  readonly ceremonyResult: unknown;
  readonly manifest: unknown;
  readonly manifestHash: string | null;
  readonly receiptSecretKey: Uint8Array | null;
}

export interface Repos {
  accounts: {
    byEmail(email: string): Promise<Account | undefined>;
    byId(id: string): Promise<Account | undefined>;
    insert(a: NewAccount): Promise<Account>;
    /** The bootstrap administrator: the only account created active, with a password and no key. */
    insertActiveAdmin(email: string, passwordHash: string): Promise<Account>;
    countByRole(role: AccountRole): Promise<number>;
    /** Locks the account row until the transaction ends. */
    lockById(id: string): Promise<Account | undefined>;
    /** Activation: password and signing key set, status active. */
    activate(id: string, passwordHash: string, signingKey: string): Promise<void>;
    /** A new password hash; `endSessions` bumps the session generation. */
    setPasswordHash(id: string, passwordHash: string, endSessions: boolean): Promise<void>;
    /** Status change; anything but `active` also ends the sessions. */
    setStatus(id: string, status: AccountStatus): Promise<void>;
    /** Back to `invited`: password and key cleared, sessions ended (a credential reset). */
    resetCredentials(id: string): Promise<void>;
    byAssociation(associationId: string): Promise<Account | undefined>;
    byCommitteeMember(memberId: string): Promise<Account | undefined>;
    bySigningKey(signingKey: string): Promise<Account | undefined>;
  };
  invitations: {
    insert(i: { accountId: string; codeHash: string; reason: Invitation['reason']; createdBy: string | null; proposalId: string | null; expiresAt: Date }): Promise<Invitation>;
    /** The invitation with this code hash, locked until the transaction ends. */
    lockByCodeHash(codeHash: string): Promise<Invitation | undefined>;
    markUsed(id: string): Promise<void>;
    /** Voids the account's open invitations (a newer one replaces them). */
    voidOpen(accountId: string): Promise<void>;
    listByAccount(accountId: string): Promise<Invitation[]>;
  };
  keyRevocations: {
    insert(r: { accountId: string; signingKey: string; proposalId: string | null }): Promise<void>;
    listByAccount(accountId: string): Promise<KeyRevocation[]>;
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
    /** Its phase alone, without the rest of the row (the cast path's check); with `lock`, locks the row as lockById does. */
    phaseOf(id: string, lock?: boolean): Promise<Election['phase'] | undefined>;
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
    insert(a: Pick<Application, 'electionId' | 'contestId' | 'associationId' | 'documents'>): Promise<Application>;
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
    insert(p: Pick<Proposal, 'electionId' | 'kind' | 'subjectId' | 'payload' | 'proposedBy' | 'statement'>): Promise<Proposal>;
    byId(id: string): Promise<Proposal | undefined>;
    /** Locks the proposal row: concurrent approvals of one proposal serialize on it. */
    lockById(id: string): Promise<Proposal | undefined>;
    /** The pending proposals on a subject (opposite decisions may be pending side by side). */
    pendingFor(electionId: string, kind: Proposal['kind'], subjectId: string): Promise<Proposal[]>;
    listByElection(electionId: string): Promise<Proposal[]>;
    /** Record a member's signed vote. */
    addApproval(proposalId: string, memberId: string, sector: string, vote?: { vote: Approval['vote']; publicKey: string; signature: string }): Promise<void>;
    markExecuted(id: string): Promise<void>;
    setStatus(id: string, status: 'withdrawn' | 'rejected'): Promise<void>;
  };
  voting: {
    state(electionId: string): Promise<VotingState>;
    setCeremonyResult(electionId: string, jointPublicKey: string, result: unknown): Promise<void>;
    setManifest(electionId: string, manifest: unknown, hash: string, receiptSecretKey: Uint8Array): Promise<void>;
  };
  ceremony: {
    keys(electionId: string): Promise<{ trustee: number; publicKey: unknown }[]>;
    addKey(electionId: string, trustee: number, publicKey: unknown): Promise<void>;
    dealings(electionId: string): Promise<{ dealer: number; dealing: unknown }[]>;
    addDealing(electionId: string, dealer: number, dealing: unknown): Promise<void>;
    verifications(electionId: string): Promise<{ trustee: number; complaints: unknown }[]>;
    addVerification(electionId: string, trustee: number, complaints: unknown): Promise<void>;
  };
  board: {
    head(electionId: string): Promise<StoredEvent | undefined>;
    insert(electionId: string, e: StoredEvent): Promise<void>;
    /** Several consecutive events in one statement (a chain computed by the caller). */
    insertMany(electionId: string, events: readonly StoredEvent[]): Promise<void>;
    list(electionId: string, from: number, limit: number): Promise<StoredEvent[]>;
    byKind(electionId: string, kind: string): Promise<StoredEvent[]>;
    /** The contest and member of each `issuer_log` on the board, without the logs (each up to 256 MiB). */
    issuerLogAuthors(electionId: string): Promise<{ contestId: string; memberId: string }[]>;
  };
  ballots: {
    /** Stores a counted ballot; false when its token (ballot key) was already used. */
    insert(b: { electionId: string; contestId: string; ballotPublicKey: string; trackingCode: string; boardSeq: number; body: unknown }): Promise<boolean>;
    /**
     * Stores several counted ballots in one statement; returns the contest and ballot key of
     * those stored: a key already used in its contest is skipped.
     */
    insertMany(bs: readonly { electionId: string; contestId: string; ballotPublicKey: string; trackingCode: string; boardSeq: number; body: unknown }[]): Promise<{ contestId: string; ballotPublicKey: string }[]>;
    /**
     * What a cast needs before its checks, in one statement: the election's phase, and
     * whether a ballot of this ballot key is already counted in the contest (indexed
     * lookups). Undefined when there is no such election.
     */
    castLookup(electionId: string, contestId: string, ballotPublicKey: string): Promise<{ phase: Election['phase']; keyUsed: boolean } | undefined>;
    /**
     * The ends of the election's two chains, in one statement, each read by index (O(log n),
     * not a scan): the tracking code of its last ballot, and the board head's position,
     * hash and time (not its payload). Read after taking the election lock, in a statement
     * of its own: a statement's snapshot is taken when it starts, so reads that shared the
     * locking statement could miss the writes of the transaction the lock waited for.
     */
    chainEnds(electionId: string): Promise<{ lastTrackingCode?: string; head?: Pick<StoredEvent, 'seq' | 'hash' | 'at'> }>;
    seqOfTrackingCode(electionId: string, code: string): Promise<number | undefined>;
    /**
     * One page of counted ballots' ciphertexts (the `ballot.selections[*].ciphertext` of
     * each stored body, in candidate order) at the board positions after `after` (-1 to
     * start) up to `after + span`, in board order: the close sums them page by page instead
     * of loading every body. A page is a range of the board, so that it costs a page without
     * statistics; other events hold positions too, so it may hold fewer ballots, or none.
     * `row` is the ballot's board position.
     */
    ciphertexts(electionId: string, after: number, span: number): Promise<{ row: number; contestId: string; ciphertexts: unknown }[]>;
    /** Those of `hexes` that are a tracking code, a ballot key or a ballot event's hash of this election. */
    ballotMaterial(electionId: string, hexes: readonly string[]): Promise<string[]>;
  };
  complaints: {
    /** Stores a filed complaint with its board event (the id is chosen by the caller). */
    insert(c: NewComplaint & { id: string }): Promise<Complaint>;
    byId(id: string): Promise<Complaint | undefined>;
    listByElection(electionId: string): Promise<Complaint[]>;
    setAnswer(id: string, answer: ComplaintAnswer): Promise<void>;
    countOpen(electionId: string, window: Complaint['window']): Promise<number>;
  };
  acknowledgements: {
    insert(a: Omit<SmallRollAcknowledgement, 'decidedAt'> & { decidedAt: Date }): Promise<void>;
    listByElection(electionId: string): Promise<SmallRollAcknowledgement[]>;
  };
  tally: {
    shares(electionId: string): Promise<{ trustee: number; payload: unknown }[]>;
    addShares(electionId: string, trustee: number, payload: unknown): Promise<void>;
    results(electionId: string): Promise<unknown | undefined>;
    setResults(electionId: string, payload: unknown): Promise<void>;
  };
  audit: {
    append(entry: { electionId: string | null; accountId: string | null; action: string; details: Record<string, unknown> }): Promise<void>;
  };
}

/**
 * Checks the costly part of casts (record/cast-proofs.ts): in this thread or in worker
 * threads, casts arriving together folded into one batch (domain/cast-queue.ts).
 */
export interface CastProofChecker {
  check(item: CastProofItem): Promise<CastProofVerdict>;
  /** Stop the workers, if any; pending checks are refused. */
  close(): Promise<void>;
}

/** A token request as the relay keeps it (issue 12): blinded messages (hex) by issuer key id (hex). */
export interface RelayRequest {
  readonly electionId: string;
  readonly contestId: string;
  readonly associationId: string;
  readonly request: unknown;
  readonly publicKey: string;
  readonly signature: string;
  readonly blinded: Readonly<Record<string, string>>;
}

/**
 * The token relay's storage, a database apart from the ballots' (db/relay.ts). Each
 * operation is one statement; idempotent inserts return what is stored.
 */
export interface RelayStore {
  /** Store the request unless one exists for the contest and association; return the stored one. */
  insertRequest(r: RelayRequest): Promise<RelayRequest & { readonly inserted: boolean }>;
  request(contestId: string, associationId: string): Promise<RelayRequest | undefined>;
  /** These requests (those stored), in one read, keyed `${contestId} ${associationId}`. */
  requestsOf(requests: readonly { contestId: string; associationId: string }[]): Promise<Map<string, RelayRequest>>;
  /** The request's election and its blind signatures by key id, in one read (undefined: no such request). */
  requestState(contestId: string, associationId: string): Promise<{ electionId: string; blindSignatures: { keyId: string; blindSignature: string }[] } | undefined>;
  /** Requests of the election naming key `keyId` that it has not answered, at most `limit`. */
  pending(electionId: string, keyId: string, limit: number): Promise<RelayRequest[]>;
  /** Store a blind signature unless one exists; return the stored one. */
  addSignature(contestId: string, associationId: string, keyId: string, blindSignature: string): Promise<string>;
  /** {@link addSignature} of several in one statement; returns the stored ones in the same order. */
  addSignatures(rows: readonly { contestId: string; associationId: string; keyId: string; blindSignature: string }[]): Promise<string[]>;
  signatures(contestId: string, associationId: string): Promise<{ keyId: string; blindSignature: string }[]>;
  /** How many blind signatures each of these requests holds, in one read, keyed `${contestId} ${associationId}` (none: absent). */
  signatureCounts(requests: readonly { contestId: string; associationId: string }[]): Promise<Map<string, number>>;
  /** The blind signatures of each of these requests by key id, in one read, keyed `${contestId} ${associationId}` (none: absent). */
  signaturesOf(requests: readonly { contestId: string; associationId: string }[]): Promise<Map<string, { keyId: string; blindSignature: string }[]>>;
  /** Every request of the election, in contest then association order (the issuance log at the close). */
  requests(electionId: string): Promise<RelayRequest[]>;
  /** Requests per contest (the live count of tokens asked for). */
  counts(electionId: string): Promise<{ contestId: string; requested: number }[]>;
  /** The requests key `keyId` answered, in contest then association order. */
  answered(electionId: string, keyId: string): Promise<RelayRequest[]>;
}

export interface Store {
  /** Run `work` in one transaction; a thrown error rolls everything back. */
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
  /** Read-only access outside a transaction. */
  readonly read: Repos;
}
