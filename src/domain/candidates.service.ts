/**
 * Candidates: nominated by an association accredited in the contest's constituency, with
 * a conflict-of-interest declaration. Eligibility is a committee decision (a proposal).
 * @module
 */
import { requireContest } from './accreditation.service.js';
import { DomainError } from './errors.js';
import { requireElection, requirePhase } from './elections.service.js';
import type { Actor, Candidate } from './model.js';
import type { Store } from './ports.js';

export interface Nomination {
  readonly contestId: string;
  readonly fullName: string;
  readonly employer: string;
  readonly implementsGlobalFund: boolean;
  readonly consecutiveTerms: number;
  /** The campaign statement, free text ('' for none). */
  readonly statement: string;
  /** The region the candidate comes from, free text ('' for none). */
  readonly region: string;
}

export async function nominate(store: Store, actor: Actor, electionId: string, n: Nomination): Promise<Candidate> {
  const associationId = actor.associationId;
  if (!associationId) throw new DomainError('forbidden');
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId);
    requirePhase(e, 'nominations');
    const contest = await requireContest(r, electionId, n.contestId);
    const app = await r.applications.byContestAndAssociation(contest.id, associationId);
    if (app?.status !== 'accredited') throw new DomainError('not_accredited', { constituency: contest.constituency });
    const c = await r.candidates.insert({ electionId, associationId, ...n });
    await r.audit.append({ electionId, accountId: actor.accountId, action: 'nominate', details: { candidateId: c.id } });
    return c;
  });
}

/** Candidates are public, without the nominating association's contact data. */
export async function listCandidates(store: Store, electionId: string): Promise<Candidate[]> {
  await requireElection(store.read, electionId);
  return store.read.candidates.listByElection(electionId);
}
