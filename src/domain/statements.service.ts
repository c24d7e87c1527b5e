/**
 * The canonical statement of a proposed decision (record/statements.ts), built by the
 * server from the current state, so that every member signs the same facts: the
 * association's name, region and registered key for an accreditation, the candidacy's
 * declared employer and terms, the complaint's board event… and the checks on a member's
 * signed vote: a valid Ed25519 signature under the key registered at activation, by a
 * member who is not the subject of the decision (recusal).
 * @module
 */
import {
  type Statement, type Vote, organisationKey, recusedMemberId, subjectOrganisations, verifyDecision,
} from '../record/statements.js';
import { DomainError } from './errors.js';
import type { CommitteeMember, Election } from './model.js';
import type { Repos } from './ports.js';
import type { ProposalInput } from './approvals.js';

const notAllowed = (reasonEs: string, reasonEn: string) => new DomainError('decision_not_allowed', { reasonEs, reasonEn });

async function associationFacts(r: Repos, associationId: string) {
  const a = await r.associations.byId(associationId);
  if (!a) throw new DomainError('not_found', { what: 'association' });
  const account = await r.accounts.byAssociation(associationId);
  if (!account?.signingKey) {
    throw notAllowed('la asociación no ha activado su cuenta ni registrado su clave de firma', 'the association has not activated its account nor registered its signing key');
  }
  return { associationId: a.id, legalName: a.legalName, region: a.region, publicKey: account.signingKey };
}

/**
 * The statement of `input` in election `e`, from the current state. Called after the
 * decision's own validation, inside the caller's transaction.
 */
export async function buildStatement(r: Repos, e: Election, input: ProposalInput): Promise<Statement> {
  const electionId = e.id;
  switch (input.kind) {
    case 'accreditation_decision':
    case 'appeal_decision': {
      const a = (await r.applications.byId(input.applicationId))!;
      const contest = (await r.contests.byId(a.contestId))!;
      const association = await associationFacts(r, a.associationId);
      const base = { electionId, applicationId: a.id, contestId: contest.id, constituency: contest.constituency, association };
      return input.kind === 'accreditation_decision'
        ? { kind: input.kind, ...base, decision: input.decision, reason: input.reason?.trim() ? input.reason : null }
        : { kind: input.kind, ...base, decision: input.decision, reason: input.reason };
    }
    case 'candidate_eligibility': {
      const c = (await r.candidates.byId(input.candidateId))!;
      const nominator = await r.associations.byId(c.associationId);
      return {
        kind: input.kind, electionId, candidateId: c.id, contestId: c.contestId, fullName: c.fullName,
        nominatedBy: { associationId: c.associationId, legalName: nominator?.legalName ?? c.associationId },
        employer: c.employer, implementsGlobalFund: c.implementsGlobalFund, consecutiveTerms: c.consecutiveTerms,
        eligible: input.eligible, reason: input.reason?.trim() ? input.reason : null,
      };
    }
    case 'phase_change':
      return { kind: input.kind, electionId, from: e.phase, to: input.to };
    case 'small_roll_acknowledgement':
      return { kind: input.kind, electionId, contestId: input.contestId, reason: input.reason };
    case 'complaint_answer': {
      const c = (await r.complaints.byId(input.complaintId))!;
      return { kind: input.kind, electionId, complaintId: c.id, complaintEvent: c.boardHash, decision: input.decision, reasoning: input.reasoning };
    }
    case 'credential_reset': {
      const account = (await r.accounts.byId(input.accountId))!;
      if (account.committeeMemberId) {
        const m = (await r.committee.byId(account.committeeMemberId))!;
        return { kind: input.kind, electionId, holder: 'member', holderId: m.id, name: m.fullName, revokedKey: account.signingKey, reason: input.reason };
      }
      const a = (await r.associations.byId(account.associationId!))!;
      return { kind: input.kind, electionId, holder: 'association', holderId: a.id, name: a.legalName, revokedKey: account.signingKey, reason: input.reason };
    }
  }
}

/** A member's signed vote, checked; what is stored and published with the decision. */
export interface SignedVote {
  readonly vote: Vote;
  readonly publicKey: string;
  readonly signature: string;
}

/**
 * Check `member`'s vote on `statement`: not recused, a registered key, a valid
 * signature. Throws `recused` (403) or `signature_invalid` (400); changes nothing.
 */
export async function checkVote(r: Repos, member: CommitteeMember, statement: Statement, vote: Vote, signature: unknown): Promise<SignedVote> {
  if (recusedMemberId(statement) === member.id || subjectOrganisations(statement).includes(organisationKey(member.organisation))) {
    throw new DomainError('recused', { organisation: member.organisation });
  }
  const account = await r.accounts.byCommitteeMember(member.id);
  const publicKey = account?.status === 'active' ? account.signingKey : null;
  if (!publicKey) throw new DomainError('signature_invalid', { reason: 'no_key' });
  if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) throw new DomainError('signature_invalid', { reason: 'malformed' });
  if (!verifyDecision(publicKey, statement, vote, signature)) throw new DomainError('signature_invalid', { reason: 'bad', what: statement.kind });
  return { vote, publicKey, signature };
}
