/**
 * Kysely implementations of the domain's storage port. Each function takes the
 * transaction (or the database) it runs on; `store.ts` binds them.
 * @module
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Repos } from '../domain/ports.js';
import type { Election } from '../domain/model.js';
import type { Database } from './database.js';
import {
  ELECTION_COLUMNS, toApplication, toAssociation, toCandidate, toContest, toElection, toMember, toProposal,
} from './mappers.js';
import { accountsRepos } from './accounts.repository.js';
import { complaintsRepos } from './complaints.repository.js';
import type { SecretBox } from './secrets.js';
import { votingRepos } from './voting.repository.js';

type Q = Kysely<Database> | Transaction<Database>;

function associations(db: Q): Repos['associations'] {
  return {
    async insert(a) {
      const r = await db.insertInto('associations').values({
        legal_name: a.legalName, registration_number: a.registrationNumber, region: a.region,
        constituencies: [...a.constituencies], contact_name: a.contactName, contact_email: a.contactEmail,
        contact_phone: a.contactPhone,
      }).returningAll().executeTakeFirstOrThrow();
      return toAssociation(r);
    },
    async byId(id) {
      const r = await db.selectFrom('associations').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toAssociation(r);
    },
    async byRegistrationNumber(n) {
      const r = await db.selectFrom('associations').selectAll().where('registration_number', '=', n).executeTakeFirst();
      return r && toAssociation(r);
    },
    async list() {
      const rows = await db.selectFrom('associations').selectAll().orderBy('legal_name').orderBy('id').execute();
      return rows.map(toAssociation);
    },
  };
}

function elections(db: Q): Repos['elections'] {
  return {
    async insert(e) {
      const r = await db.insertInto('elections').values({
        title: e.title, description: e.description, rules: JSON.stringify(e.rules), timeline: JSON.stringify(e.timeline),
        constituencies: JSON.stringify(e.constituencies), languages: JSON.stringify(e.languages),
      }).returningAll().executeTakeFirstOrThrow();
      return toElection(r);
    },
    async byId(id) {
      const r = await db.selectFrom('elections').select(ELECTION_COLUMNS).where('id', '=', id).executeTakeFirst();
      return r && toElection(r);
    },
    async lockById(id) {
      const r = await db.selectFrom('elections').select(ELECTION_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
      return r && toElection(r);
    },
    async phaseOf(id, lock = false) {
      const q = db.selectFrom('elections').select('phase').where('id', '=', id);
      const r = await (lock ? q.forUpdate() : q).executeTakeFirst();
      return r?.phase as Election['phase'] | undefined;
    },
    async list() {
      const rows = await db.selectFrom('elections').select(ELECTION_COLUMNS).orderBy('created_at', 'desc').execute();
      return rows.map(toElection);
    },
    async setPhase(id, phase) {
      await db.updateTable('elections').set({ phase, phase_changed_at: new Date() }).where('id', '=', id).execute();
    },
  };
}

function contests(db: Q): Repos['contests'] {
  return {
    async insert(c) {
      const r = await db.insertInto('contests').values({
        election_id: c.electionId, constituency: c.constituency, title: c.title, seats: c.seats,
        alternates: c.alternates, max_selections: c.maxSelections, position: c.position,
      }).returningAll().executeTakeFirstOrThrow();
      return toContest(r);
    },
    async byId(id) {
      const r = await db.selectFrom('contests').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toContest(r);
    },
    async listByElection(electionId) {
      const rows = await db.selectFrom('contests').selectAll().where('election_id', '=', electionId).orderBy('position').execute();
      return rows.map(toContest);
    },
  };
}

function committee(db: Q): Repos['committee'] {
  return {
    async insert(m) {
      const r = await db.insertInto('committee_members').values({
        election_id: m.electionId, full_name: m.fullName, sector: m.sector, organisation: m.organisation, role: m.role,
      }).returningAll().executeTakeFirstOrThrow();
      return toMember(r);
    },
    async byId(id) {
      const r = await db.selectFrom('committee_members').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toMember(r);
    },
    async listByElection(electionId) {
      const rows = await db.selectFrom('committee_members').selectAll().where('election_id', '=', electionId)
        .orderBy('created_at').orderBy('id').execute();
      return rows.map(toMember);
    },
  };
}

function applications(db: Q): Repos['applications'] {
  return {
    async insert(a) {
      const r = await db.insertInto('applications').values({
        election_id: a.electionId, contest_id: a.contestId, association_id: a.associationId, documents: a.documents,
      }).returningAll().executeTakeFirstOrThrow();
      return toApplication(r);
    },
    async byId(id) {
      const r = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toApplication(r);
    },
    async byContestAndAssociation(contestId, associationId) {
      const r = await db.selectFrom('applications').selectAll()
        .where('contest_id', '=', contestId).where('association_id', '=', associationId).executeTakeFirst();
      return r && toApplication(r);
    },
    async listByElection(electionId, associationId) {
      let q = db.selectFrom('applications').selectAll().where('election_id', '=', electionId);
      if (associationId) q = q.where('association_id', '=', associationId);
      const rows = await q.orderBy('created_at').orderBy('id').execute();
      return rows.map(toApplication);
    },
    async update(id, p) {
      await db.updateTable('applications').set({
        ...(p.status !== undefined && { status: p.status }),
        ...(p.reason !== undefined && { reason: p.reason }),
        ...(p.appealText !== undefined && { appeal_text: p.appealText }),
        ...(p.appealOutcome !== undefined && { appeal_outcome: p.appealOutcome }),
        ...(p.decidedAt !== undefined && { decided_at: p.decidedAt }),
      }).where('id', '=', id).execute();
    },
  };
}

function candidates(db: Q): Repos['candidates'] {
  return {
    async insert(c) {
      const r = await db.insertInto('candidates').values({
        election_id: c.electionId, contest_id: c.contestId, association_id: c.associationId, full_name: c.fullName,
        employer: c.employer, implements_global_fund: c.implementsGlobalFund, consecutive_terms: c.consecutiveTerms,
        statement: c.statement, region: c.region,
      }).returningAll().executeTakeFirstOrThrow();
      return toCandidate(r);
    },
    async byId(id) {
      const r = await db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toCandidate(r);
    },
    async listByElection(electionId) {
      const rows = await db.selectFrom('candidates').selectAll().where('election_id', '=', electionId)
        .orderBy('created_at').orderBy('id').execute();
      return rows.map(toCandidate);
    },
    async update(id, p) {
      await db.updateTable('candidates').set({ status: p.status, reason: p.reason, decided_at: new Date() })
        .where('id', '=', id).execute();
    },
  };
}

function proposals(db: Q): Repos['proposals'] {
  type ApprovalRow = Selectable<Database['approvals']>;
  // Each proposal's approvals, grouped once: filtering every approval for every proposal
  // made the list of an election's proposals quadratic (issue 14).
  function attach(rows: Awaited<ReturnType<typeof selectProposals>>, approvals: ApprovalRow[]) {
    const byProposal = new Map<string, ApprovalRow[]>();
    for (const a of approvals) {
      const list = byProposal.get(a.proposal_id);
      if (list) list.push(a);
      else byProposal.set(a.proposal_id, [a]);
    }
    return rows.map((r) => toProposal(r, byProposal.get(r.id) ?? []));
  }
  async function withApprovals(rows: Awaited<ReturnType<typeof selectProposals>>) {
    if (rows.length === 0) return [];
    const approvals = await db.selectFrom('approvals').selectAll()
      .where('proposal_id', 'in', rows.map((r) => r.id)).orderBy('approved_at').execute();
    return attach(rows, approvals);
  }
  function selectProposals() {
    return db.selectFrom('proposals').selectAll().execute();
  }
  return {
    async insert(p) {
      const r = await db.insertInto('proposals').values({
        election_id: p.electionId, kind: p.kind, subject_id: p.subjectId, payload: JSON.stringify(p.payload),
        proposed_by: p.proposedBy, statement: p.statement === null ? null : JSON.stringify(p.statement),
      }).returningAll().executeTakeFirstOrThrow();
      return toProposal(r, []);
    },
    async byId(id) {
      const r = await db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
      return r && (await withApprovals([r]))[0];
    },
    async lockById(id) {
      const r = await db.selectFrom('proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      return r && (await withApprovals([r]))[0];
    },
    async pendingFor(electionId, kind, subjectId) {
      const r = await db.selectFrom('proposals').selectAll().where('election_id', '=', electionId)
        .where('kind', '=', kind).where('subject_id', '=', subjectId).where('status', '=', 'pending').execute();
      return withApprovals(r);
    },
    async listByElection(electionId) {
      const rows = await db.selectFrom('proposals').selectAll().where('election_id', '=', electionId)
        .orderBy('created_at').orderBy('id').execute();
      // The election's approvals by a join, not by a list of its proposals' ids: an election
      // of 100,000 associations has as many accreditation decisions, more than the 65,535
      // parameters a PostgreSQL statement may carry.
      const approvals = await db.selectFrom('approvals').innerJoin('proposals', 'proposals.id', 'approvals.proposal_id')
        .selectAll('approvals').where('proposals.election_id', '=', electionId).orderBy('approvals.approved_at').execute();
      return attach(rows, approvals);
    },
    async addApproval(proposalId, memberId, sector, vote) {
      await db.insertInto('approvals').values({
        proposal_id: proposalId, member_id: memberId, sector,
        ...(vote && { vote: vote.vote, public_key: vote.publicKey, signature: vote.signature }),
      }).execute();
    },
    async setStatus(id, status) {
      await db.updateTable('proposals').set({ status }).where('id', '=', id).execute();
    },
    async markExecuted(id) {
      await db.updateTable('proposals').set({ status: 'executed', executed_at: new Date() }).where('id', '=', id).execute();
    },
  };
}

function audit(db: Q): Repos['audit'] {
  return {
    async append(e) {
      await db.insertInto('audit_log').values({
        election_id: e.electionId, account_id: e.accountId, action: e.action, details: JSON.stringify(e.details),
      }).execute();
    },
  };
}

/** All repositories bound to one query executor. */
export function bindRepos(db: Q, box: SecretBox): Repos {
  return {
    ...accountsRepos(db), associations: associations(db), elections: elections(db), contests: contests(db),
    committee: committee(db), applications: applications(db), candidates: candidates(db),
    proposals: proposals(db), audit: audit(db), ...votingRepos(db, box), ...complaintsRepos(db),
  };
}
