/**
 * The election's timeline (issue 13): the stages in order with the current one marked,
 * the planned dates of the election's timeline, the times the board records for the
 * opening (manifest), the close, the results and their publication, and, while voting is
 * open, a countdown to the planned close. The countdown ticks in place every second
 * without speaking (role "timer"); its text is also the page's printed deadline.
 * @module
 */
import { errorText, publicApi } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { PHASE_NAMES, formatTime, texts } from '../lib/i18n.js';
import { type PublicElection, fetchElection, publicNav } from '../lib/public.js';
import { electionParam, mountShell } from '../lib/shell.js';
import { TIMELINE, type TimelineTexts } from './strings.js';

const PHASES = ['draft', 'accreditation', 'nominations', 'key_ceremony', 'tokens', 'voting', 'closed', 'tallied', 'published'] as const;
type Recorded = Partial<Record<'opened' | 'castingOpened' | 'closed' | 'tallied' | 'published', string>>;

const electionId = electionParam();
const state = { election: null as PublicElection | null, recorded: {} as Recorded, error: null as string | null };
const shell = mountShell('timeline', { es: TIMELINE.es.title, en: TIMELINE.en.title }, () => render());
let ticker: ReturnType<typeof setInterval> | null = null;

/** The times the board records: the stage-marking events sit at its tail (after every ballot). */
async function recordedTimes(id: string): Promise<Recorded> {
  const api = publicApi();
  const path = `/elections/${encodeURIComponent(id)}/board`;
  const first = (await api.get(`${path}?from=0&limit=1`)) as { head: { seq: number } | null };
  if (first.head === null) return {};
  const tail = (await api.get(`${path}?from=${Math.max(0, first.head.seq - 499)}&limit=500`)) as { events: { kind: string; at: string }[] };
  const at = (kind: string) => tail.events.find((e) => e.kind === kind)?.at;
  const out: Recorded = {};
  for (const [key, kind] of [['opened', 'manifest'], ['castingOpened', 'token_window'], ['closed', 'close'], ['tallied', 'result'], ['published', 'published']] as const) {
    const when = at(kind);
    if (when !== undefined) out[key] = when;
  }
  if (out.opened === undefined && state.election !== null && PHASES.indexOf(state.election.phase as never) >= PHASES.indexOf('tokens')) {
    // A long board: the manifest is before the last 500 events; its own route says when voting opened.
    const m = (await api.get(`/elections/${encodeURIComponent(id)}/manifest`).catch(() => null)) as { manifest?: { openedAt?: string } } | null;
    if (typeof m?.manifest?.openedAt === 'string') out.opened = m.manifest.openedAt;
  }
  return out;
}

/** "2 d 03 h 04 min 05 s" until `deadline`, or null once it has passed. */
function remaining(deadline: string, t: TimelineTexts): string | null {
  let s = Math.floor((new Date(deadline).getTime() - Date.now()) / 1000);
  if (!(s > 0)) return null;
  const d = Math.floor(s / 86400); s -= d * 86400;
  const hh = Math.floor(s / 3600); s -= hh * 3600;
  const mm = Math.floor(s / 60); s -= mm * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d > 0 ? `${d} ${t.units.d} ` : ''}${pad(hh)} ${t.units.h} ${pad(mm)} ${t.units.min} ${pad(s)} ${t.units.s}`;
}

function renderCountdown(e: PublicElection, t: TimelineTexts): HTMLElement | null {
  if (e.phase !== 'voting') return null;
  const closes = e.timeline.votingCloses;
  const line = h('p', { class: 'big', role: 'timer', 'aria-live': 'off', 'data-testid': 'countdown' });
  const left = closes === undefined ? null : remaining(closes, t);
  line.textContent = closes === undefined ? t.noDeadline : left === null ? t.countdownPassed : t.countdown(left);
  if (closes !== undefined && ticker === null) {
    // The line is found anew at each tick: a language switch renders a new one.
    ticker = setInterval(() => {
      const tt = texts(TIMELINE);
      const left = remaining(closes, tt);
      const el = shell.main.querySelector('[data-testid="countdown"]');
      if (el !== null) el.textContent = left === null ? tt.countdownPassed : tt.countdown(left);
      if (left === null && ticker !== null) { clearInterval(ticker); ticker = null; }
    }, 1000);
  }
  return h('section', { class: 'notice', 'aria-labelledby': 'countdown-h', 'data-testid': 'countdown-section' },
    h('h2', { id: 'countdown-h' }, t.countdownTitle),
    line,
    closes === undefined ? null : h('p', null, t.deadlineIs(formatTime(closes))));
}

function dateRows(rows: [string, string | undefined][]): HTMLElement | null {
  const shown = rows.filter(([, v]) => v !== undefined);
  if (shown.length === 0) return null;
  return h('dl', null, shown.map(([label, v]) => [h('dt', null, label), h('dd', null, formatTime(v!))]));
}

function renderSteps(e: PublicElection, t: TimelineTexts): HTMLElement {
  const names = texts(PHASE_NAMES);
  const now = PHASES.indexOf(e.phase as (typeof PHASES)[number]);
  const tl = e.timeline;
  // Without the token window (rule off, or an election from before it) there is no such step.
  const window = e.rules?.tokenWindow === true;
  const steps = PHASES.filter((p) => p !== 'tokens' || window);
  const planned: Partial<Record<(typeof PHASES)[number], [string, string | undefined][]>> = {
    accreditation: [[t.dates.accreditationOpens, tl.accreditationOpens], [t.dates.accreditationCloses, tl.accreditationCloses]],
    nominations: [[t.dates.nominationsClose, tl.nominationsClose]],
    tokens: [[t.dates.tokensOpen, tl.tokensOpen]],
    voting: [[window ? t.dates.votingOpensWindow : t.dates.votingOpens, tl.votingOpens], [t.dates.votingCloses, tl.votingCloses]],
  };
  const recorded: Partial<Record<(typeof PHASES)[number], [string, string | undefined][]>> = {
    ...(window ? { tokens: [[t.happened.windowOpened, state.recorded.opened]], voting: [[t.happened.castingOpened, state.recorded.castingOpened]] }
      : { voting: [[t.happened.opened, state.recorded.opened]] }),
    closed: [[t.happened.closed, state.recorded.closed]],
    tallied: [[t.happened.tallied, state.recorded.tallied]],
    published: [[t.happened.published, state.recorded.published]],
  };
  return h('section', { 'aria-labelledby': 'steps-h' },
    h('h2', { id: 'steps-h' }, t.stepsTitle),
    h('p', { class: 'muted' }, t.stepsNote),
    h('ol', { class: 'timeline', 'data-testid': 'steps' }, steps.map((p) => {
      const i = PHASES.indexOf(p);
      const status = i < now ? 'done' : i === now ? 'current' : 'upcoming';
      const plan = dateRows(planned[p] ?? []);
      const seen = dateRows(recorded[p] ?? []);
      return h('li', { class: `step ${status}`, 'data-phase': p, ...(status === 'current' && { 'aria-current': 'step' }) },
        h('h3', null, `${names[p] ?? p} `, h('span', { class: 'tag' }, t.status[status])),
        plan === null ? null : [h('p', { class: 'label' }, t.planned), plan],
        seen === null ? null : [h('p', { class: 'label' }, t.actual), seen]);
    })));
}

function render(): void {
  const t = texts(TIMELINE);
  if (electionId === null) {
    void renderElectionChooser(shell.main, 'timeline');
    return;
  }
  const e = state.election;
  replace(shell.main,
    publicNav('timeline'),
    state.error !== null ? h('p', { class: 'notice error', role: 'alert' }, state.error)
      : e === null ? h('p', { role: 'status' }, t.loading) : [
        h('p', { class: 'lead' }, e.title),
        h('p', { class: 'big', 'data-testid': 'phase' }, t.phaseNow(texts(PHASE_NAMES)[e.phase] ?? e.phase)),
        h('p', { class: 'muted' }, t.since(formatTime(e.phaseChangedAt))),
        renderCountdown(e, t),
        renderSteps(e, t),
      ]);
}

render();
if (electionId !== null) {
  fetchElection(electionId)
    .then(async (e) => { state.election = e; state.recorded = await recordedTimes(e.id).catch(() => ({})); })
    .catch((e) => { state.error = errorText(e); })
    .finally(render);
}
