/**
 * The committee console's data: what the API shows of the election, loaded for the
 * signed-in member, and the facts the sections derive from it. The access token lives in
 * the session (lib/session.ts), in this page's memory only.
 * @module
 */
import { type ApiClient, errorText, publicApi } from '../lib/api.js';
import { SECTOR_NAMES, texts } from '../lib/i18n.js';
import { sessionApi } from '../lib/session.js';
import { electionParam } from '../lib/shell.js';
import { type CeremonyState, sharesOnBoard } from '../lib/trustee-task.js';
import type { CommitteeTexts } from './strings.js';

export interface Contest { id: string; title: string }
export interface Election {
  id: string; title: string; phase: string; rules: { approvalSectors: number; threshold: number; minRollSize?: number }; contests?: Contest[];
}
export interface Failure { code: string; es: string; en: string; contestId?: string }
export interface PhaseStatus { phase: string; next: string | null; blockers: Failure[] }
export interface Member { id: string; fullName: string; sector: string; organisation: string; role: string }
export interface Approval { memberId: string; sector: string; approvedAt: string; vote: 'approve' | 'against' | 'withdraw' }
export interface Proposal {
  id: string; kind: string; subjectId: string; payload: Record<string, unknown>; status: 'pending' | 'executed' | 'withdrawn' | 'rejected';
  /** The canonical statement every vote signs. */
  statement: unknown;
  proposedBy: string; createdAt: string; approvals: Approval[]; approvingSectors: string[];
}
export interface Application { id: string; contestId: string; associationId: string; status: string; documents: string; reason: string | null; appealText: string | null }
export interface Association { id: string; legalName: string; region: string }
export interface Candidate {
  id: string; contestId: string; fullName: string; employer: string; implementsGlobalFund: boolean; consecutiveTerms: number;
  /** Free text, '' when the association gave none. */
  statement: string; region: string; status: string; reason: string | null;
}
export type Ceremony = CeremonyState;

export interface Complaint {
  id: string; window: string; category: string; text: string; attachments: { name: string; sha256: string }[];
  complainant: { role: string; name: string | null } | null; status: 'open' | 'answered'; filedAt: string; boardSeq: number;
  answer: { decision: string; reasoning: string; proposalId: string; answeredAt: string; boardSeq: number } | null;
}
export interface ComplaintLog { open: string | null; windows: { window: string; phases: string[] }[]; complaints: Complaint[] }

export interface Data {
  election: Election; phase: PhaseStatus; committee: Member[]; proposals: Proposal[]; applications: Application[];
  associations: Map<string, Association>; candidates: Candidate[]; ceremony: Ceremony | null; sharesPosted: number[] | null;
  complaints: ComplaintLog;
}

/** The decisions the sections offer; main.ts runs them and shows their outcome. */
export interface Actions {
  propose(body: Record<string, unknown> & { kind: string }): void;
  proposePhase(to: string): void;
  approve(id: string): void;
  voteAgainst(id: string): void;
  withdraw(id: string): void;
}

export const electionId = electionParam();
export const state = {
  /** The member's signing key, unlocked at sign-in from this browser's store or the key file; memory only. */
  signingKey: null as Uint8Array | null,
  me: null as Member | null,
  /** The election's title as the public loader read it at start-up, shown over the sign-in form. */
  electionTitle: null as string | null,
  data: null as Data | null,
  loadError: null as string | null,
  flash: null as { ok: boolean; text: (t: CommitteeTexts) => string } | null,
  busy: false,
};

export const api = (): ApiClient => sessionApi();
export const path = (p: string) => `/elections/${encodeURIComponent(electionId!)}${p}`;
// ---- data ----

export async function load(): Promise<void> {
  const pub = publicApi();
  const me = api();
  const [election, phase, committee, proposals, applications, associations, candidates, ceremony, complaints] = await Promise.all([
    pub.get(path('')) as Promise<Election>,
    pub.get(path('/phase')) as Promise<PhaseStatus>,
    pub.get(path('/committee')) as Promise<Member[]>,
    me.get(path('/proposals')) as Promise<Proposal[]>,
    me.get(path('/applications')) as Promise<Application[]>,
    me.get('/associations') as Promise<Association[]>,
    pub.get(path('/candidates')) as Promise<Candidate[]>,
    (pub.get(path('/ceremony')) as Promise<Ceremony>).catch(() => null),
    pub.get(path('/complaints')) as Promise<ComplaintLog>,
  ]);
  state.data = {
    election, phase, committee, proposals, applications, candidates, ceremony, complaints,
    associations: new Map(associations.map((a) => [a.id, a])), sharesPosted: await sharesOnBoard(pub, electionId!, election.phase),
  };
}

export async function reload(): Promise<void> {
  try {
    await load();
    state.loadError = null;
  } catch (e) {
    state.loadError = errorText(e);
  }
}
// ---- what the sections derive ----

export function memberName(d: Data, id: string): string {
  return d.committee.find((m) => m.id === id)?.fullName ?? id;
}

export function contestTitle(d: Data, id: string): string {
  return d.election.contests?.find((c) => c.id === id)?.title ?? id;
}
export const sectorName = (s: string) => texts(SECTOR_NAMES)[s] ?? s;

/** The election's minimum roll (rules.minRollSize, default 5). */
export function minRoll(d: Data): number {
  return d.election.rules.minRollSize ?? 5;
}

/** Accredited associations of a contest: its roll once accreditation is settled. */
export function rollOf(d: Data, contestId: string): number {
  return d.applications.filter((a) => a.contestId === contestId && a.status === 'accredited').length;
}

/** When a proposal took effect: its last approval. */
export function executedAt(p: Proposal): string {
  return p.approvals.map((a) => a.approvedAt).sort().at(-1) ?? p.createdAt;
}

export interface SmallRoll { contest: Contest; roll: number; acknowledged: Proposal | undefined; pending: boolean }

/** Contests below the minimum roll, with the committee's acknowledgement if recorded. */
export function smallRolls(d: Data): SmallRoll[] {
  return (d.election.contests ?? []).map((contest) => ({
    contest, roll: rollOf(d, contest.id),
    acknowledged: d.proposals.find((p) => p.status === 'executed' && p.kind === 'small_roll_acknowledgement' && p.subjectId === contest.id),
    pending: pendingFor(d, 'small_roll_acknowledgement', contest.id),
  })).filter((x) => x.roll < minRoll(d));
}

export function pendingFor(d: Data, kind: string, subjectId: string): boolean {
  return d.proposals.some((p) => p.status === 'pending' && p.kind === kind && p.subjectId === subjectId);
}
