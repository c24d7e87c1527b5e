/**
 * The committee console (issues 6 and 7): the election's phase and what blocks the next one
 * (the API's own list of failed preconditions, a contest below the minimum roll with the
 * way to acknowledge it), pending proposals in words with the sectors that have approved
 * them, the complaints with their status and a way to propose an answer, applications to
 * accredit or reject, candidacies to vet, the key ceremony's progress and who has posted
 * decryption shares. Every decision goes through the API's
 * multi-sector proposals; the console adds no rule of its own. The access token lives in
 * this page's memory only.
 * @module
 */
import { proposeSigned, voteSigned } from '../../client/committee.js';
import { importAccountKeyfileAsync } from '../../crypto/account-keyfile.js';
import { unlockStoredAccountKey } from '../lib/account-key.js';
import { type ApiClient, errorText, publicApi } from '../lib/api.js';
import { type Child, h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { COMPLAINT_WORDS, complainantText } from '../lib/complaints.js';
import { PHASE_NAMES, SECTOR_NAMES, formatTime, lang, texts } from '../lib/i18n.js';
import { tokenWindowNote } from './token-window.js';
import { regionName } from '../lib/regions.js';
import { endSession, sessionApi, signInWithPassword } from '../lib/session.js';
import { installSessionDialog } from '../lib/session-dialog.js';
import { electionParam, focusHeading, mountShell } from '../lib/shell.js';
import { COMMITTEE_TEXTS, type CommitteeTexts } from './strings.js';
import { closeConfirmation, confirmClose, turnoutPanel } from './turnout.js';
import { againstOutcome, closedProposals, voteControls, votesCast } from './votes.js';
import { myTrusteeTask } from './my-task.js';
import { type CeremonyState, sharesOnBoard } from '../lib/trustee-task.js';

interface Contest { id: string; title: string }
interface Election {
  id: string; title: string; phase: string; rules: { approvalSectors: number; threshold: number; minRollSize?: number }; contests?: Contest[];
}
interface Failure { code: string; es: string; en: string; contestId?: string }
interface PhaseStatus { phase: string; next: string | null; blockers: Failure[] }
interface Member { id: string; fullName: string; sector: string; organisation: string; role: string }
interface Approval { memberId: string; sector: string; approvedAt: string; vote: 'approve' | 'against' | 'withdraw' }
interface Proposal {
  id: string; kind: string; subjectId: string; payload: Record<string, unknown>; status: 'pending' | 'executed' | 'withdrawn' | 'rejected';
  /** The canonical statement every vote signs. */
  statement: unknown;
  proposedBy: string; createdAt: string; approvals: Approval[]; approvingSectors: string[];
}
interface Application { id: string; contestId: string; associationId: string; status: string; documents: string; reason: string | null; appealText: string | null }
interface Association { id: string; legalName: string; region: string }
interface Candidate { id: string; contestId: string; fullName: string; employer: string; implementsGlobalFund: boolean; consecutiveTerms: number; status: string; reason: string | null }
type Ceremony = CeremonyState;

interface Complaint {
  id: string; window: string; category: string; text: string; attachments: { name: string; sha256: string }[];
  complainant: { role: string; name: string | null } | null; status: 'open' | 'answered'; filedAt: string; boardSeq: number;
  answer: { decision: string; reasoning: string; proposalId: string; answeredAt: string; boardSeq: number } | null;
}
interface ComplaintLog { open: string | null; windows: { window: string; phases: string[] }[]; complaints: Complaint[] }

interface Data {
  election: Election; phase: PhaseStatus; committee: Member[]; proposals: Proposal[]; applications: Application[];
  associations: Map<string, Association>; candidates: Candidate[]; ceremony: Ceremony | null; sharesPosted: number[] | null;
  complaints: ComplaintLog;
}

const electionId = electionParam();
// The session (lib/session.ts) holds the access token, in this page's memory only.
const state = {
  /** The member's signing key, unlocked at sign-in from this browser's store or the key file; memory only. */
  signingKey: null as Uint8Array | null,
  me: null as Member | null,
  data: null as Data | null,
  loadError: null as string | null,
  flash: null as { ok: boolean; text: (t: CommitteeTexts) => string } | null,
  busy: false,
};

const shell = mountShell('committee', { es: COMMITTEE_TEXTS.es.title, en: COMMITTEE_TEXTS.en.title }, () => render());
const main = shell.main;

const api = (): ApiClient => sessionApi();
const path = (p: string) => `/elections/${encodeURIComponent(electionId!)}${p}`;

// ---- data ----

async function load(): Promise<void> {
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

async function reload(): Promise<void> {
  try {
    await load();
    state.loadError = null;
  } catch (e) {
    state.loadError = errorText(e);
  }
}

// ---- actions ----

async function signIn(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  state.flash = null;
  state.busy = true;
  render();
  try {
    const who = await signInWithPassword(String(data.get('email') ?? '').trim(), String(data.get('password') ?? ''));
    // Every proposal and approval is signed with the member's own key: the key file chosen,
    // or the one this browser kept at activation, opened with its passphrase.
    const keyfile = data.get('keyfile');
    const passphrase = String(data.get('passphrase') ?? '');
    const unlocked = who.role !== 'committee' ? null : keyfile instanceof Blob && keyfile.size > 0
      ? await importAccountKeyfileAsync(await keyfile.text(), passphrase)
      : typeof who.id === 'string' ? await unlockStoredAccountKey(who.id, passphrase) : null;
    if (who.role !== 'committee') {
      state.flash = { ok: false, text: (t) => t.notCommittee };
    } else if (unlocked === null || !unlocked.ok || unlocked.key.accountId !== who.id) {
      state.flash = { ok: false, text: (t) => (unlocked === null ? t.keyMissing : t.keyRefused) };
    } else {
      state.signingKey = unlocked.key.secretKey;
      const committee = (await publicApi().get(path('/committee'))) as Member[];
      const member = committee.find((m) => m.id === who.committeeMemberId);
      if (member === undefined) state.flash = { ok: false, text: (t) => t.notMember };
      else {
        state.me = member;
        await reload();
      }
    }
  } catch (e) {
    const text = errorText(e);
    state.flash = { ok: false, text: () => text };
  }
  if (state.me === null) endSession();
  state.busy = false;
  render();
  if (state.me !== null) focusHeading(main);
  else main.querySelector<HTMLElement>('#flash')?.focus();
}

/** Run a decision, then show its outcome and the refreshed console, focus on the outcome. */
async function act(run: () => Promise<(t: CommitteeTexts) => string>): Promise<void> {
  state.busy = true;
  state.flash = null;
  render();
  try {
    const text = await run();
    state.flash = { ok: true, text };
  } catch (e) {
    // A refused phase change's detail lists the failed preconditions in the page's language.
    const detail = errorText(e);
    state.flash = { ok: false, text: (t) => `${t.refused}: ${detail}` };
  }
  await reload();
  state.busy = false;
  render();
  main.querySelector<HTMLElement>('#flash')?.focus();
}

async function refresh(): Promise<void> {
  state.busy = true;
  state.flash = null;
  render();
  await reload();
  state.busy = false;
  render();
  shell.announce(texts(COMMITTEE_TEXTS).refresh);
}

function outcome(answer: unknown, executed: (t: CommitteeTexts) => string, pending: (t: CommitteeTexts) => string): (t: CommitteeTexts) => string {
  return (answer as { status?: string }).status === 'executed' ? executed : pending;
}

const proposePhase = (to: string) => act(async () => outcome(
  await proposeSigned(api(), electionId!, { kind: 'phase_change', to }, state.signingKey!),
  (t) => t.phaseChanged(texts(PHASE_NAMES)[to] ?? to), (t) => t.proposalCreated));

const approve = (id: string) => act(async () => {
  const p = state.data?.proposals.find((x) => x.id === id);
  if (p === undefined) throw new Error(id);
  return outcome(await voteSigned(api(), electionId!, p, 'approve', state.signingKey!), (t) => t.executed, (t) => t.approved);
});

const voteAgainst = (id: string) => act(async () => {
  const p = state.data?.proposals.find((x) => x.id === id);
  if (p === undefined) throw new Error(id);
  return againstOutcome(await voteSigned(api(), electionId!, p, 'against', state.signingKey!), state.data!.election.rules.approvalSectors);
});

const withdraw = (id: string) => act(async () => {
  const p = state.data?.proposals.find((x) => x.id === id);
  if (p === undefined) throw new Error(id);
  await voteSigned(api(), electionId!, p, 'withdraw', state.signingKey!);
  return (t) => t.withdrawnOutcome;
});

function signOut(): void {
  endSession();
  state.signingKey?.fill(0);
  state.signingKey = null;
  state.me = null;
  state.data = null;
  render();
}

// A lapsed session: the sign-in form over the console, which stays as it was (the key too).
installSessionDialog({
  onResumed(message) {
    shell.announce(message);
    if (state.loadError !== null) void refresh();
  },
  onSignOut: signOut,
});

const propose = (body: Record<string, unknown> & { kind: string }) => act(async () => outcome(
  await proposeSigned(api(), electionId!, body, state.signingKey!), (t) => t.executed, (t) => t.proposalCreated));

// ---- rendering ----

function memberName(d: Data, id: string): string {
  return d.committee.find((m) => m.id === id)?.fullName ?? id;
}

function contestTitle(d: Data, id: string): string {
  return d.election.contests?.find((c) => c.id === id)?.title ?? id;
}

function describe(d: Data, p: Proposal, t: CommitteeTexts): string {
  const k = t.kinds;
  const app = d.applications.find((a) => a.id === p.subjectId);
  const who = app === undefined ? p.subjectId : d.associations.get(app.associationId)?.legalName ?? app.associationId;
  const reason = typeof p.payload.reason === 'string' && p.payload.reason !== '' ? ` — ${k.reason(p.payload.reason)}` : '';
  switch (p.kind) {
    case 'accreditation_decision':
      return (p.payload.decision === 'accredit' ? k.accreditAccredit(who, contestTitle(d, app?.contestId ?? '')) : k.accreditReject(who, contestTitle(d, app?.contestId ?? ''))) + reason;
    case 'appeal_decision':
      return (p.payload.decision === 'overturn' ? k.appealOverturn(who) : k.appealUphold(who)) + reason;
    case 'candidate_eligibility': {
      const c = d.candidates.find((x) => x.id === p.subjectId)?.fullName ?? p.subjectId;
      return (p.payload.eligible === true ? k.eligible(c) : k.ineligible(c)) + reason;
    }
    case 'phase_change': {
      const to = String(p.payload.to);
      return k.phase(texts(PHASE_NAMES)[to] ?? to);
    }
    case 'complaint_answer': {
      const w = texts(COMPLAINT_WORDS);
      const i = d.complaints.complaints.findIndex((c) => c.id === p.subjectId);
      const category = i < 0 ? '?' : w.categories[d.complaints.complaints[i]!.category] ?? d.complaints.complaints[i]!.category;
      const decision = String(p.payload.decision);
      return k.answer(i < 0 ? p.subjectId : String(i + 1), category, w.decisions[decision] ?? decision);
    }
    case 'small_roll_acknowledgement':
      return k.smallRoll(contestTitle(d, p.subjectId), rollOf(d, p.subjectId), minRoll(d)) + reason;
    default:
      return `${k.other(p.kind)}${reason}`;
  }
}

/** What a proposal says beyond its title: the complaint answered and the reasoning given. */
function proposalDetail(d: Data, p: Proposal, t: CommitteeTexts): Child {
  if (p.kind !== 'complaint_answer') return null;
  const c = d.complaints.complaints.find((x) => x.id === p.subjectId);
  return [
    c === undefined ? null : h('p', null, h('strong', null, `${t.complaintText}: `), c.text),
    h('p', null, h('strong', null, `${t.reasoning}: `), String(p.payload.reasoning ?? '')),
  ];
}

const sectorName = (s: string) => texts(SECTOR_NAMES)[s] ?? s;

/** The election's minimum roll (rules.minRollSize, default 5). */
function minRoll(d: Data): number {
  return d.election.rules.minRollSize ?? 5;
}

/** Accredited associations of a contest: its roll once accreditation is settled. */
function rollOf(d: Data, contestId: string): number {
  return d.applications.filter((a) => a.contestId === contestId && a.status === 'accredited').length;
}

/** When a proposal took effect: its last approval. */
function executedAt(p: Proposal): string {
  return p.approvals.map((a) => a.approvedAt).sort().at(-1) ?? p.createdAt;
}

interface SmallRoll { contest: Contest; roll: number; acknowledged: Proposal | undefined; pending: boolean }

/** Contests below the minimum roll, with the committee's acknowledgement if recorded. */
function smallRolls(d: Data): SmallRoll[] {
  return (d.election.contests ?? []).map((contest) => ({
    contest, roll: rollOf(d, contest.id),
    acknowledged: d.proposals.find((p) => p.status === 'executed' && p.kind === 'small_roll_acknowledgement' && p.subjectId === contest.id),
    pending: pendingFor(d, 'small_roll_acknowledgement', contest.id),
  })).filter((x) => x.roll < minRoll(d));
}

function pendingFor(d: Data, kind: string, subjectId: string): boolean {
  return d.proposals.some((p) => p.status === 'pending' && p.kind === kind && p.subjectId === subjectId);
}

function btn(label: string, onclick: () => void, opts: { primary?: boolean; testid?: string; danger?: boolean } = {}): HTMLButtonElement {
  return h('button', {
    type: 'button', class: `btn small${opts.primary ? ' primary' : ''}${opts.danger ? ' danger' : ''}`, onclick,
    disabled: state.busy, 'data-testid': opts.testid,
  }, label);
}

/** A reason field and the buttons that decide with it; `needReason` buttons refuse an empty reason. */
function decisionForm(id: string, t: CommitteeTexts, label: string, choices: { label: string; needReason: boolean; run: (reason: string) => void; testid: string; primary?: boolean }[]): HTMLElement {
  const input = h('input', { type: 'text', id: `reason-${id}`, name: 'reason', 'aria-describedby': `reason-err-${id}` });
  const err = h('p', { id: `reason-err-${id}`, class: 'error-text', 'aria-live': 'polite' });
  return h('div', { class: 'stack' },
    h('div', { class: 'field' }, h('label', { for: `reason-${id}` }, label), input, err),
    h('div', { class: 'actions' }, choices.map((c) => btn(c.label, () => {
      const reason = input.value.trim();
      if (c.needReason && reason === '') {
        err.textContent = t.reasonRequired;
        input.focus();
        return;
      }
      c.run(reason);
    }, { testid: c.testid, primary: c.primary ?? false, danger: !c.primary }))));
}

/** A contest below the minimum roll: the pending proposal, or the form that proposes the acknowledgement. */
function acknowledgeForm(x: SmallRoll, t: CommitteeTexts): Child {
  if (x.pending) return h('p', { class: 'muted' }, t.pendingInProposals);
  return decisionForm(`small-${x.contest.id}`, t, t.smallRollReason, [{
    label: t.acknowledge, needReason: true, primary: true, testid: `acknowledge-${x.contest.id}`,
    run: (reason) => void propose({ kind: 'small_roll_acknowledgement', contestId: x.contest.id, reason }),
  }]);
}

/**
 * Contests below the minimum roll while the acknowledgement can be recorded (the roll is
 * final: nominations and key ceremony). Those the blockers already show with their form
 * (`shown`) are not repeated.
 */
function renderSmallRolls(d: Data, t: CommitteeTexts, shown: ReadonlySet<string>): Child {
  if (!['nominations', 'key_ceremony'].includes(d.election.phase)) return null;
  const list = smallRolls(d).filter((x) => !shown.has(x.contest.id));
  if (list.length === 0) return null;
  return [
    h('h3', null, t.smallRollsTitle(minRoll(d))),
    h('p', { class: 'muted' }, t.smallRollsLead),
    h('ul', { class: 'audit-rows', 'data-testid': 'small-rolls' }, list.map((x) => h('li', { class: 'card', 'data-testid': `small-roll-${x.contest.id}` },
      h('p', null, h('strong', null, x.contest.title), ` — ${t.smallRollCount(x.roll, minRoll(d))}`),
      x.acknowledged !== undefined
        ? [h('p', { class: 'ok-text' }, `✓ ${t.smallRollAcknowledged(formatTime(executedAt(x.acknowledged)))}`),
          h('p', null, t.kinds.reason(String(x.acknowledged.payload.reason ?? '')))]
        : acknowledgeForm(x, t)))),
  ];
}

function renderPhase(d: Data, t: CommitteeTexts): Child {
  const phases = texts(PHASE_NAMES);
  const { phase, next, blockers } = d.phase;
  const pendingPhase = d.proposals.find((p) => p.status === 'pending' && p.kind === 'phase_change');
  const small = smallRolls(d).filter((x) => x.acknowledged === undefined);
  const shown = new Set<string>();
  const blocker = (b: Failure): Child => {
    const text = lang() === 'es' ? b.es : b.en;
    if (b.code !== 'small_roll_unacknowledged') return h('li', null, text);
    const x = small.find((s) => s.contest.id === b.contestId && !shown.has(s.contest.id));
    if (x === undefined) return h('li', null, text);
    shown.add(x.contest.id);
    return h('li', { 'data-testid': `blocker-small-roll-${x.contest.id}` }, h('p', null, text), acknowledgeForm(x, t));
  };
  return h('section', { 'aria-labelledby': 'phase-h', class: 'card' },
    h('h2', { id: 'phase-h' }, t.phaseTitle),
    h('p', { class: 'big', 'data-testid': 'phase' }, t.phaseNow(phases[phase] ?? phase)),
    h('p', null, next === null ? t.phaseLast : t.phaseNext(phases[next] ?? next)),
    tokenWindowNote(phase, next),
    next === null ? null : [
      h('h3', null, t.blockersTitle),
      blockers.length === 0 ? h('p', { class: 'ok-text' }, `✓ ${t.noBlockers}`)
        : h('ul', { 'data-testid': 'blockers' }, blockers.map(blocker)),
      pendingPhase !== undefined ? h('p', { class: 'muted' }, t.pendingInProposals)
        : h('div', { class: 'actions' }, btn(t.propose(phases[next] ?? next),
          () => void (next === 'closed' ? confirmClose(electionId!, () => void proposePhase(next)) : proposePhase(next)),
          { primary: blockers.length === 0, testid: 'propose-phase' })),
      next === 'closed' ? closeConfirmation() : null,
      next !== 'tallied' ? h('p', { class: 'muted' }, t.consequential) : null,
    ],
    renderSmallRolls(d, t, shown));
}

function renderProposals(d: Data, t: CommitteeTexts): Child {
  const pending = d.proposals.filter((p) => p.status === 'pending');
  return h('section', { 'aria-labelledby': 'proposals-h' },
    h('h2', { id: 'proposals-h' }, t.proposalsTitle),
    pending.length === 0 ? h('p', null, t.noProposals) : h('ul', { class: 'audit-rows', 'data-testid': 'proposals' }, pending.map((p) =>
      h('li', { class: 'card', 'data-testid': `proposal-${p.id}` },
        h('h3', null, describe(d, p, t)),
        proposalDetail(d, p, t),
        h('p', { class: 'muted' }, t.proposedBy(memberName(d, p.proposedBy), formatTime(p.createdAt))),
        votesCast(p, t, (id, sector) => `${sectorName(sector)} (${memberName(d, id)})`),
        h('p', { class: 'muted' }, t.needs(d.election.rules.approvalSectors)),
        voteControls(p, state.me!.id, t, btn, {
          approve: (id) => void approve(id), against: (id) => void voteAgainst(id), withdraw: (id) => void withdraw(id),
        })))),
    closedProposals(d.proposals, t, (p) => describe(d, p, t)));
}

/** Decision (upheld or dismissed) and the reasoning, both required, for an open complaint. */
function answerForm(c: Complaint, t: CommitteeTexts): HTMLElement {
  const w = texts(COMPLAINT_WORDS);
  const id = c.id;
  const radios = (['upheld', 'dismissed'] as const).map((decision) => h('input', {
    type: 'radio', id: `decision-${decision}-${id}`, name: `decision-${id}`, value: decision, 'aria-describedby': `answer-err-${id}`,
  }));
  const reasoning = h('textarea', { id: `reasoning-${id}`, name: 'reasoning', maxlength: '5000', 'aria-describedby': `answer-err-${id}` });
  const err = h('p', { id: `answer-err-${id}`, class: 'error-text', 'aria-live': 'polite' });
  return h('fieldset', { class: 'card stack', 'data-testid': `answer-form-${id}` },
    h('legend', null, t.answerLegend),
    h('ul', { class: 'candidates' }, radios.map((r, i) => h('li', null,
      h('label', { for: r.id, class: 'choice' }, r, h('span', null, i === 0 ? t.upheldLabel(w.decisions.upheld!) : t.dismissedLabel(w.decisions.dismissed!)))))),
    h('div', { class: 'field' }, h('label', { for: reasoning.id }, t.reasoningLabel), reasoning),
    err,
    h('div', { class: 'actions' }, btn(t.proposeAnswer, () => {
      const decision = radios.find((r) => r.checked)?.value;
      const text = reasoning.value.trim();
      if (decision === undefined) {
        err.textContent = t.decisionRequired;
        radios[0]!.focus();
        return;
      }
      if (text === '') {
        err.textContent = t.reasoningRequired;
        reasoning.focus();
        return;
      }
      void propose({ kind: 'complaint_answer', complaintId: id, decision, reasoning: text });
    }, { primary: true, testid: `answer-${id}` })));
}

function renderComplaints(d: Data, t: CommitteeTexts): Child {
  const log = d.complaints;
  const w = texts(COMPLAINT_WORDS);
  return h('section', { 'aria-labelledby': 'complaints-h' },
    h('h2', { id: 'complaints-h' }, t.complaintsTitle),
    h('p', { 'data-testid': 'complaint-window' }, log.open === null ? t.noWindow : t.windowOpen(w.windows[log.open] ?? log.open)),
    h('p', { class: 'muted' }, t.complaintsLead(d.election.rules.approvalSectors)),
    log.complaints.length === 0 ? h('p', null, t.noComplaints) : h('ol', { class: 'audit-rows', 'data-testid': 'complaints' }, log.complaints.map((c, i) =>
      h('li', { class: 'card', 'data-testid': `complaint-${c.id}` },
        h('h3', null, t.complaintHeading(i + 1, w.categories[c.category] ?? c.category), ' ',
          h('span', { class: c.status === 'answered' ? 'tag ok' : 'tag', 'data-testid': 'complaint-status' }, w.status[c.status] ?? c.status)),
        h('dl', null,
          h('dt', null, t.complaintWindow), h('dd', null, w.windows[c.window] ?? c.window),
          h('dt', null, t.complaintFiled), h('dd', null, formatTime(c.filedAt)),
          h('dt', null, t.complainant), h('dd', null, complainantText(w, c.complainant)),
          h('dt', null, t.complaintText), h('dd', null, c.text),
          c.attachments.length === 0 ? null : [
            h('dt', null, t.attachments),
            h('dd', null, h('ul', null, c.attachments.map((a) => h('li', null, `${a.name} — SHA-256 `, h('span', { class: 'hex' }, a.sha256))))),
          ]),
        c.answer !== null
          ? h('div', { class: 'card explain', 'data-testid': 'complaint-answer' },
            h('p', null, h('strong', null, t.answered(w.decisions[c.answer.decision] ?? c.answer.decision, formatTime(c.answer.answeredAt)))),
            h('p', null, h('strong', null, `${t.reasoning}: `), c.answer.reasoning))
          : pendingFor(d, 'complaint_answer', c.id) ? h('p', { class: 'muted' }, t.pendingProposal)
            : answerForm(c, t)))));
}

function renderApplications(d: Data, t: CommitteeTexts): Child {
  const open = d.applications.filter((a) => a.status === 'pending' || a.status === 'appealed');
  const decided = d.applications.filter((a) => a.status !== 'pending' && a.status !== 'appealed');
  if (d.applications.length === 0 && d.election.phase !== 'accreditation') return null;
  const assoc = (a: Application) => d.associations.get(a.associationId);
  return h('section', { 'aria-labelledby': 'apps-h' },
    h('h2', { id: 'apps-h' }, t.applicationsTitle),
    open.length === 0 ? h('p', null, t.noApplications) : h('ul', { class: 'audit-rows', 'data-testid': 'applications' }, open.map((a) => {
      const name = assoc(a)?.legalName ?? a.associationId;
      const kind = a.status === 'appealed' ? 'appeal_decision' : 'accreditation_decision';
      return h('li', { class: 'card', 'data-testid': `application-${a.id}` },
        h('h3', null, name),
        h('dl', null,
          h('dt', null, t.contest), h('dd', null, contestTitle(d, a.contestId)),
          h('dt', null, t.region), h('dd', null, assoc(a) === undefined ? '—' : regionName(assoc(a)!.region)),
          a.documents === '' ? null : [h('dt', null, t.documents), h('dd', null, a.documents)],
          a.status === 'appealed' ? [h('dt', null, t.appealText), h('dd', null, a.appealText ?? '')] : null),
        pendingFor(d, kind, a.id) ? h('p', { class: 'muted' }, t.pendingProposal)
          : a.status === 'pending'
            ? decisionForm(a.id, t, t.reasonLabel, [
              { label: t.accredit, needReason: false, primary: true, testid: `accredit-${a.id}`, run: (reason) => void propose({ kind: 'accreditation_decision', applicationId: a.id, decision: 'accredit', ...(reason && { reason }) }) },
              { label: t.reject, needReason: true, testid: `reject-${a.id}`, run: (reason) => void propose({ kind: 'accreditation_decision', applicationId: a.id, decision: 'reject', reason }) },
            ])
            : decisionForm(a.id, t, t.reasonLabel, [
              { label: t.overturn, needReason: true, primary: true, testid: `overturn-${a.id}`, run: (reason) => void propose({ kind: 'appeal_decision', applicationId: a.id, decision: 'overturn', reason }) },
              { label: t.uphold, needReason: true, testid: `uphold-${a.id}`, run: (reason) => void propose({ kind: 'appeal_decision', applicationId: a.id, decision: 'uphold', reason }) },
            ]));
    })),
    decided.length === 0 ? null : h('details', { class: 'card' },
      h('summary', null, t.decided(decided.length)),
      h('ul', null, decided.map((a) => h('li', null,
        `${assoc(a)?.legalName ?? a.associationId} — ${contestTitle(d, a.contestId)}: ${t.status[a.status] ?? a.status}${a.reason ? ` (${a.reason})` : ''}`)))));
}

function renderCandidates(d: Data, t: CommitteeTexts): Child {
  const open = d.candidates.filter((c) => c.status === 'nominated');
  const vetted = d.candidates.filter((c) => c.status !== 'nominated');
  if (d.candidates.length === 0 && d.election.phase !== 'nominations') return null;
  return h('section', { 'aria-labelledby': 'cands-h' },
    h('h2', { id: 'cands-h' }, t.candidatesTitle),
    open.length === 0 ? h('p', null, t.noCandidates) : h('ul', { class: 'audit-rows' }, open.map((c) => h('li', { class: 'card', 'data-testid': `candidate-${c.id}` },
      h('h3', null, c.fullName),
      h('dl', null,
        h('dt', null, t.contest), h('dd', null, contestTitle(d, c.contestId)),
        h('dt', null, t.employer), h('dd', null, c.employer),
        h('dt', null, t.globalFund), h('dd', { class: c.implementsGlobalFund ? 'error-text' : '' }, c.implementsGlobalFund ? t.yes : t.no),
        h('dt', null, t.terms), h('dd', null, String(c.consecutiveTerms))),
      pendingFor(d, 'candidate_eligibility', c.id) ? h('p', { class: 'muted' }, t.pendingProposal)
        : decisionForm(c.id, t, t.reasonLabel, [
          { label: t.eligibleBtn, needReason: false, primary: true, testid: `eligible-${c.id}`, run: (reason) => void propose({ kind: 'candidate_eligibility', candidateId: c.id, eligible: true, ...(reason && { reason }) }) },
          { label: t.ineligibleBtn, needReason: true, testid: `ineligible-${c.id}`, run: (reason) => void propose({ kind: 'candidate_eligibility', candidateId: c.id, eligible: false, reason }) },
        ])))),
    vetted.length === 0 ? null : h('details', { class: 'card' },
      h('summary', null, t.vetted(vetted.length)),
      h('ul', null, vetted.map((c) => h('li', null, `${c.fullName} — ${contestTitle(d, c.contestId)}: ${c.status === 'eligible' ? t.eligibleBtn : t.ineligibleBtn}${c.reason ? ` (${c.reason})` : ''}`)))));
}

function mark(ok: boolean, t: CommitteeTexts): Child {
  return h('span', { class: ok ? 'ok-text' : 'muted' }, ok ? `✓ ${t.posted}` : t.missing);
}

function renderCeremony(d: Data, t: CommitteeTexts): Child {
  const c = d.ceremony;
  if (c === null || ['draft', 'accreditation', 'nominations'].includes(d.election.phase)) return null;
  const dealt = new Set(c.dealings.map((x) => x.dealer));
  const posted = new Set(d.sharesPosted ?? []);
  return h('section', { 'aria-labelledby': 'ceremony-h' },
    h('h2', { id: 'ceremony-h' }, t.ceremonyTitle),
    h('p', null, t.ceremonyParams(c.n, c.t)),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'ceremony-h' },
      h('table', { 'data-testid': 'ceremony' },
        h('thead', null, h('tr', null, [t.trustee, t.key, t.dealing, t.verification].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, c.trustees.map((tr) => h('tr', null,
          h('th', { scope: 'row' }, `${tr.index}. ${tr.fullName} (${sectorName(tr.sector)})`,
            c.disqualified.includes(tr.index) ? h('span', { class: 'error-text' }, ` — ${t.disqualified}`) : null),
          h('td', null, mark(tr.publicKey !== null, t)),
          h('td', null, mark(dealt.has(tr.index), t)),
          h('td', null, mark(c.verified.includes(tr.index), t))))))),
    h('p', null, `${t.complaints}: ${c.complaints.length}`),
    h('p', { class: c.jointPublicKey === null ? 'muted' : 'ok-text' }, c.jointPublicKey === null ? t.jointKeyMissing : `✓ ${t.jointKeyReady}`),
    h('h3', null, t.sharesTitle),
    d.sharesPosted === null ? h('p', { class: 'muted' }, t.sharesBefore) : [
      h('p', { 'data-testid': 'shares-progress' }, t.sharesProgress(Math.min(posted.size, c.t), c.t)),
      h('ul', { 'data-testid': 'shares' }, c.trustees.map((tr) => h('li', null, `${tr.index}. ${tr.fullName}: `,
        h('span', { class: posted.has(tr.index) ? 'ok-text' : 'muted' }, posted.has(tr.index) ? `✓ ${t.sharePosted}` : t.shareMissing)))),
    ]);
}

function renderSignIn(t: CommitteeTexts): Child[] {
  const form = h('form', { class: 'card stack', 'aria-labelledby': 'signin-h', novalidate: true },
    h('h2', { id: 'signin-h' }, t.signinTitle),
    h('div', { class: 'field' }, h('label', { for: 'email' }, t.email),
      h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t.password),
      h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'passphrase' }, t.passphrase),
      h('input', { id: 'passphrase', name: 'passphrase', type: 'password', autocomplete: 'off', required: true })),
    h('div', { class: 'field' }, h('label', { for: 'keyfile' }, t.keyfile),
      h('input', { id: 'keyfile', name: 'keyfile', type: 'file', accept: '.json,application/json' })),
    h('button', { type: 'submit', class: 'btn primary', disabled: state.busy, 'data-testid': 'signin' }, state.busy ? t.signingIn : t.signin));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void signIn(form);
  });
  return [h('p', { class: 'lead' }, t.lead), flash(), form];
}

function flash(): Child {
  const f = state.flash;
  const t = texts(COMMITTEE_TEXTS);
  return h('div', { id: 'flash', tabindex: '-1', 'data-testid': 'flash', role: f?.ok === false ? 'alert' : 'status', class: f === null ? 'notice empty' : `notice ${f.ok ? 'ok' : 'error'}` }, f?.text(t) ?? '');
}

function render(): void {
  const t = texts(COMMITTEE_TEXTS);
  if (electionId === null) {
    void renderElectionChooser(main, 'committee');
    return;
  }
  if (state.me === null) {
    replace(main, renderSignIn(t));
    return;
  }
  const d = state.data;
  const me = state.me;
  replace(main,
    h('div', { class: 'bar', style: 'display:flex;flex-wrap:wrap;gap:0.75rem;align-items:center;justify-content:space-between' },
      h('p', { 'data-testid': 'signed-in' }, t.signedInAs(me.fullName, sectorName(me.sector))),
      h('div', { class: 'actions', style: 'margin:0' },
        btn(t.refresh, () => void refresh()),
        btn(t.signOut, signOut))),
    flash(),
    state.loadError !== null ? h('p', { class: 'notice error', role: 'alert' }, state.loadError) : null,
    d === null ? h('p', null, t.loading) : [
      h('p', { class: 'lead' }, d.election.title),
      renderPhase(d, t),
      myTrusteeTask(electionId, d.election.phase, d.ceremony, me.id, d.sharesPosted),
      turnoutPanel(electionId, d.election.phase),
      renderProposals(d, t),
      renderComplaints(d, t),
      renderApplications(d, t),
      renderCandidates(d, t),
      renderCeremony(d, t),
    ]);
}

render();
