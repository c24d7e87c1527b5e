/**
 * The phase section: the election's phase, what blocks the next one, and the contests below
 * the minimum roll with the way to acknowledge them.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { PHASE_NAMES, formatTime, lang, texts } from '../lib/i18n.js';
import { btn, decisionForm } from './controls.js';
import { type Actions, type Data, type Failure, type SmallRoll, electionId, executedAt, minRoll, smallRolls } from './state.js';
import type { CommitteeTexts } from './strings.js';
import { tokenWindowNote } from './token-window.js';
import { closeConfirmation, confirmClose } from './turnout.js';

/** A contest below the minimum roll: the pending proposal, or the form that proposes the acknowledgement. */
function acknowledgeForm(x: SmallRoll, t: CommitteeTexts, a: Actions): Child {
  if (x.pending) return h('p', { class: 'muted' }, t.pendingInProposals);
  return decisionForm(`small-${x.contest.id}`, t, t.smallRollReason, [{
    label: t.acknowledge, needReason: true, primary: true, testid: `acknowledge-${x.contest.id}`,
    run: (reason) => a.propose({ kind: 'small_roll_acknowledgement', contestId: x.contest.id, reason }),
  }]);
}

/**
 * Contests below the minimum roll while the acknowledgement can be recorded (the roll is
 * final: nominations and key ceremony). Those the blockers already show with their form
 * (`shown`) are not repeated.
 */
function renderSmallRolls(d: Data, t: CommitteeTexts, a: Actions, shown: ReadonlySet<string>): Child {
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
        : acknowledgeForm(x, t, a)))),
  ];
}

export function renderPhase(d: Data, t: CommitteeTexts, a: Actions): Child {
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
    return h('li', { 'data-testid': `blocker-small-roll-${x.contest.id}` }, h('p', null, text), acknowledgeForm(x, t, a));
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
          () => void (next === 'closed' ? confirmClose(electionId!, () => a.proposePhase(next)) : a.proposePhase(next)),
          { primary: blockers.length === 0, testid: 'propose-phase' })),
      next === 'closed' ? closeConfirmation() : null,
      next !== 'tallied' ? h('p', { class: 'muted' }, t.consequential) : null,
    ],
    renderSmallRolls(d, t, a, shown));
}
