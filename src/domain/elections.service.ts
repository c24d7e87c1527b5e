/**
 * Elections: creation with their contests, the committee, and the phase machine's
 * facts. Phase changes themselves go through `proposals.service.ts`.
 * @module
 */
import { checkComposition, checkDecisionFloors } from './committee.js';
import { DomainError } from './errors.js';
import type { Actor, CommitteeMember, Contest, Election } from './model.js';
import { issueInvitation, type IssuedInvitation } from './invitations.js';
import { nextPhase, checkPreconditions, type PhaseFacts } from './phases.js';
import { issuerBlockers, issuerLogBlockers, postedIssuerLogs, registeredIssuers } from './issuers.js';
import type { Repos, Store } from './ports.js';
import {
  CONSTITUENCY_CODE, CONSTITUENCY_TEMPLATE, MAX_CONSTITUENCIES, type CommitteeRole, type Constituency, type ConstituencyDef, type Phase, type Sector,
} from './reference.js';
import { checkTimeline, parseRules, type Timeline } from './rules.js';
import type { Failure } from './failure.js';
import { DEFAULT_LANGUAGES, LanguagesSchema, type Language } from './languages.js';

export interface ContestInput {
  readonly constituency: Constituency;
  readonly title: string;
  readonly seats: number;
  readonly alternates?: number | undefined;
  readonly maxSelections?: number | undefined;
}

export interface CreateElection {
  readonly title: string;
  readonly description?: string | undefined;
  readonly rules?: unknown;
  readonly timeline?: Timeline | undefined;
  /** The committee's constituencies; the model case's six when omitted. */
  readonly constituencies?: readonly ConstituencyDef[] | undefined;
  /** The languages it is run in, the first its default; Spanish then English when omitted. */
  readonly languages?: readonly Language[] | undefined;
  readonly contests: readonly ContestInput[];
}

const invalidConstituencies = (reasonEs: string, reasonEn: string): DomainError =>
  new DomainError('invalid_constituencies', { reasonEs, reasonEn });

/**
 * The election's constituencies as given, or the template: codes of the grammar, unique,
 * 1 to {@link MAX_CONSTITUENCIES} of them, each named in both languages. The HTTP schema
 * checks the same; the domain does not rely on it.
 */
export function checkConstituencies(defs: readonly ConstituencyDef[] | undefined): readonly ConstituencyDef[] {
  if (defs === undefined) return CONSTITUENCY_TEMPLATE;
  if (defs.length < 1 || defs.length > MAX_CONSTITUENCIES) {
    throw invalidConstituencies(`entre 1 y ${MAX_CONSTITUENCIES} circunscripciones`, `between 1 and ${MAX_CONSTITUENCIES} constituencies`);
  }
  const seen = new Set<string>();
  for (const d of defs) {
    if (!CONSTITUENCY_CODE.test(d.code)) {
      throw invalidConstituencies(`código «${d.code}» no válido (minúsculas, cifras y «_», empieza por letra, hasta 40)`,
        `invalid code "${d.code}" (lower-case letters, digits and "_", starting with a letter, up to 40)`);
    }
    if (seen.has(d.code)) throw invalidConstituencies(`código repetido «${d.code}»`, `repeated code "${d.code}"`);
    seen.add(d.code);
    if (d.nameEs.trim() === '' || d.nameEn.trim() === '') {
      throw invalidConstituencies(`«${d.code}» necesita nombre en español e inglés`, `"${d.code}" needs a name in Spanish and English`);
    }
  }
  return defs.map((d) => ({ code: d.code, nameEs: d.nameEs, nameEn: d.nameEn }));
}

/**
 * Create an election in `draft` with its constituencies and contests: each contest in one
 * of the election's constituencies, several per constituency (regional seats) told apart
 * by their titles.
 */
export async function createElection(store: Store, actor: Actor, input: CreateElection): Promise<Election & { contests: Contest[] }> {
  const rules = parseRules(input.rules);
  const timelineFailures = checkTimeline(input.timeline ?? {});
  if (timelineFailures.length > 0) {
    throw new DomainError('invalid_timeline', { failedEs: timelineFailures.map((f) => f.es), failedEn: timelineFailures.map((f) => f.en) });
  }
  const constituencies = checkConstituencies(input.constituencies);
  // The HTTP schema checks the same; the domain does not rely on it.
  const languages = LanguagesSchema.safeParse(input.languages ?? DEFAULT_LANGUAGES);
  if (!languages.success) {
    throw new DomainError('validation_failed', { issues: languages.error.issues.map((i) => `languages${i.path.map((p) => `.${String(p)}`).join('')}: ${i.message}`) });
  }
  const codes = new Set(constituencies.map((d) => d.code));
  const seen = new Set<string>();
  for (const c of input.contests) {
    if (!codes.has(c.constituency)) {
      throw new DomainError('invalid_contest', {
        reasonEs: `la circunscripción «${c.constituency}» no es de esta elección`, reasonEn: `constituency "${c.constituency}" is not one of this election's`,
      });
    }
    const key = JSON.stringify([c.constituency, c.title]);
    if (seen.has(key)) {
      throw new DomainError('invalid_contest', {
        reasonEs: `dos contiendas «${c.title}» en la circunscripción «${c.constituency}»`, reasonEn: `two contests "${c.title}" in constituency "${c.constituency}"`,
      });
    }
    seen.add(key);
    const n = c.maxSelections ?? c.seats;
    if (n < 1 || n > 32) {
      throw new DomainError('invalid_contest', { reasonEs: 'votar por hasta N requiere 1 ≤ N ≤ 32', reasonEn: 'vote for up to N needs 1 ≤ N ≤ 32' });
    }
  }
  return store.transaction(async (r) => {
    const election = await r.elections.insert({
      title: input.title, description: input.description ?? '', rules, timeline: input.timeline ?? {}, constituencies, languages: languages.data,
    });
    const contests: Contest[] = [];
    for (const [i, c] of input.contests.entries()) {
      contests.push(await r.contests.insert({
        electionId: election.id, constituency: c.constituency, title: c.title, seats: c.seats,
        alternates: c.alternates ?? c.seats, maxSelections: c.maxSelections ?? c.seats, position: i,
      }));
    }
    await r.audit.append({ electionId: election.id, accountId: actor.accountId, action: 'create_election', details: { title: input.title } });
    return { ...election, contests };
  });
}

export async function requireElection(r: Repos, id: string, lock = false): Promise<Election> {
  const e = lock ? await r.elections.lockById(id) : await r.elections.byId(id);
  if (!e) throw new DomainError('not_found', { what: 'election' });
  return e;
}

/**
 * The election's phase alone, for a path that needs nothing else of it (each cast): no
 * parse of its rules and timeline. With `lock`, as {@link requireElection}.
 * @throws DomainError `not_found`
 */
export async function requireElectionPhase(r: Repos, id: string, lock = false): Promise<Election['phase']> {
  const phase = await r.elections.phaseOf(id, lock);
  if (phase === undefined) throw new DomainError('not_found', { what: 'election' });
  return phase;
}

/** Refuse unless the election is in one of `phases`. */
export function requirePhase(e: Election, ...phases: Phase[]): void {
  if (!phases.includes(e.phase)) throw new DomainError('wrong_phase', { expected: phases, phase: e.phase });
}

export async function getElection(store: Store, id: string): Promise<Election & { contests: Contest[] }> {
  // Both reads at once, each on its own pooled connection: under load (casting) a public
  // GET waits for the pool and the database once, not twice. They were two statements
  // before as well; the contests of an unknown election are simply not used.
  const [e, contests] = await Promise.all([requireElection(store.read, id), store.read.contests.listByElection(id)]);
  return { ...e, contests };
}

export const listElections = (store: Store): Promise<Election[]> => store.read.elections.list();

export interface AddMember {
  readonly fullName: string;
  readonly sector: Sector;
  readonly organisation: string;
  readonly role: CommitteeRole;
  readonly accountEmail: string;
}

/**
 * Add a committee member while the election is in `draft`, with an invitation to their
 * account: the member chooses their own password and signing key.
 */
export async function addCommitteeMember(
  store: Store, actor: Actor, electionId: string, input: AddMember, policy: { invitationSeconds: number },
): Promise<{ member: CommitteeMember; invitation: IssuedInvitation }> {
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    requirePhase(e, 'draft');
    const members = await r.committee.listByElection(electionId);
    if (input.role !== 'member' && members.some((m) => m.role === input.role)) {
      throw new DomainError('committee_role_taken', { role: input.role });
    }
    if (await r.accounts.byEmail(input.accountEmail)) throw new DomainError('duplicate_email', { email: input.accountEmail });
    const member = await r.committee.insert({
      electionId, fullName: input.fullName, sector: input.sector, organisation: input.organisation, role: input.role,
    });
    const account = await r.accounts.insert({ email: input.accountEmail, role: 'committee', committeeMemberId: member.id });
    await r.audit.append({ electionId, accountId: actor.accountId, action: 'add_committee_member', details: { memberId: member.id, sector: input.sector, accountId: account.id } });
    const invitation = await issueInvitation(r, account, member.fullName,
      { reason: 'created', createdBy: actor.accountId, proposalId: null, seconds: policy.invitationSeconds });
    return { member, invitation };
  });
}

export const listCommittee = (store: Store, electionId: string): Promise<CommitteeMember[]> =>
  requireElection(store.read, electionId).then(() => store.read.committee.listByElection(electionId));

/** The committee member acting, who must sit on this election's committee. */
export async function requireMember(r: Repos, actor: Actor, electionId: string): Promise<CommitteeMember> {
  const m = actor.committeeMemberId ? await r.committee.byId(actor.committeeMemberId) : undefined;
  if (!m || m.electionId !== electionId) {
    throw new DomainError('forbidden', { reason: 'not a member of this election committee' });
  }
  return m;
}

/** Facts the phase preconditions look at, read inside the caller's transaction. */
export async function gatherFacts(r: Repos, e: Election): Promise<PhaseFacts> {
  const [members, contests, applications, candidates, voting, results, acknowledgements, openPostCloseComplaints] = await Promise.all([
    r.committee.listByElection(e.id), r.contests.listByElection(e.id),
    r.applications.listByElection(e.id), r.candidates.listByElection(e.id),
    r.voting.state(e.id), r.tally.results(e.id),
    r.acknowledgements.listByElection(e.id), r.complaints.countOpen(e.id, 'post_close'),
  ]);
  const issuers = await registeredIssuers(r, e.id);
  return {
    compositionFailures: [...checkComposition(e.rules.composition, members), ...checkDecisionFloors(e.rules, members)],
    contests: contests.map((c) => ({
      id: c.id, title: c.title, seats: c.seats,
      accredited: applications.filter((a) => a.contestId === c.id && a.status === 'accredited').length,
      eligibleCandidates: candidates.filter((k) => k.contestId === c.id && k.status === 'eligible').length,
      smallRollAcknowledged: acknowledgements.some((a) => a.contestId === c.id),
    })),
    pendingApplications: applications.filter((a) => a.status === 'pending').length,
    pendingAppeals: applications.filter((a) => a.status === 'appealed').length,
    pendingCandidates: candidates.filter((k) => k.status === 'nominated').length,
    jointKeyReady: voting.jointPublicKey !== null,
    tallyReady: results !== undefined,
    resultsReady: results !== undefined,
    minRollSize: e.rules.minRollSize,
    issuerFailures: issuerBlockers(e, contests, issuers),
    issuerLogFailures: issuerLogBlockers(contests, issuers, await postedIssuerLogs(r, e.id)),
    openPostCloseComplaints,
    tokenWindow: e.rules.tokenWindow,
  };
}

/** The election's phase, the next one, and what blocks it (for the console). */
export async function phaseStatus(store: Store, electionId: string): Promise<{ phase: Phase; next: Phase | null; blockers: Failure[] }> {
  const e = await requireElection(store.read, electionId);
  const next = nextPhase(e.phase, e.rules.tokenWindow);
  const blockers = next ? checkPreconditions(next, await gatherFacts(store.read, e)) : [];
  return { phase: e.phase, next, blockers };
}
