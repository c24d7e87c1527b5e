/**
 * Accreditation (DESIGN.md §2): an association applies for a contest of its
 * constituency; the committee accredits or rejects with a reason (a proposal); a
 * rejected association may appeal once, and the appeal is decided like any decision.
 * @module
 */
import { DomainError } from './errors.js';
import { requireElection, requirePhase } from './elections.service.js';
import type { Actor, Application, Association, Contest } from './model.js';
import type { Repos, Store } from './ports.js';

async function requireContest(r: Repos, electionId: string, contestId: string): Promise<Contest> {
  const c = await r.contests.byId(contestId);
  if (!c || c.electionId !== electionId) throw new DomainError('not_found', { what: 'contest' });
  return c;
}

/** The acting association applies for accreditation in a contest, with its documents described in text. */
export async function apply(store: Store, actor: Actor, electionId: string, contestId: string, documents = ''): Promise<Application> {
  const associationId = actor.associationId;
  if (!associationId) throw new DomainError('forbidden');
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId);
    requirePhase(e, 'accreditation');
    const contest = await requireContest(r, electionId, contestId);
    const association = await r.associations.byId(associationId);
    if (!association) throw new DomainError('not_found', { what: 'association' });
    if (!association.constituencies.includes(contest.constituency)) {
      throw new DomainError('not_in_constituency', { constituency: contest.constituency });
    }
    if (await r.applications.byContestAndAssociation(contestId, associationId)) throw new DomainError('already_applied');
    const a = await r.applications.insert({ electionId, contestId, associationId, documents });
    await r.audit.append({ electionId, accountId: actor.accountId, action: 'apply', details: { applicationId: a.id } });
    return a;
  });
}

/** A rejected association appeals its rejection, once. */
export async function appeal(store: Store, actor: Actor, applicationId: string, text: string): Promise<Application> {
  return store.transaction(async (r) => {
    const a = await r.applications.byId(applicationId);
    if (!a || a.associationId !== actor.associationId) throw new DomainError('not_found', { what: 'application' });
    const e = await requireElection(r, a.electionId);
    requirePhase(e, 'accreditation');
    if (a.status !== 'rejected') {
      throw new DomainError('appeal_not_allowed', { reasonEs: 'solo se apela una solicitud rechazada', reasonEn: 'only a rejected application can be appealed' });
    }
    if (a.appealText !== null) {
      throw new DomainError('appeal_not_allowed', { reasonEs: 'ya se apeló una vez', reasonEn: 'it was already appealed once' });
    }
    await r.applications.update(a.id, { status: 'appealed', appealText: text });
    await r.audit.append({ electionId: a.electionId, accountId: actor.accountId, action: 'appeal', details: { applicationId: a.id } });
    return { ...a, status: 'appealed', appealText: text };
  });
}

/** Applications: the committee, administrators and auditors see all; an association its own. */
export async function listApplications(store: Store, actor: Actor, electionId: string): Promise<Application[]> {
  await requireElection(store.read, electionId);
  if (actor.role === 'association') return store.read.applications.listByElection(electionId, actor.associationId ?? '-');
  return store.read.applications.listByElection(electionId);
}

export type RollEntry = Pick<Association, 'id' | 'legalName' | 'registrationNumber' | 'region'>;

/** The public roll of a contest: its accredited associations. */
export async function roll(store: Store, electionId: string, contestId: string): Promise<RollEntry[]> {
  await requireContest(store.read, electionId, contestId);
  const apps = await store.read.applications.listByElection(electionId);
  const ids = apps.filter((a) => a.contestId === contestId && a.status === 'accredited').map((a) => a.associationId);
  const all = await store.read.associations.list();
  return all.filter((a) => ids.includes(a.id))
    .map(({ id, legalName, registrationNumber, region }) => ({ id, legalName, registrationNumber, region }));
}

export { requireContest };
