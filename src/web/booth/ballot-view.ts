/**
 * The booth's ballot steps drawn: choose (with the small-roll notice), review, the sealed
 * ballot with its fingerprint, and an audit's result.
 * @module
 */
import { toHex } from '../../crypto/group.js';
import { type ManifestContest, manifestConstituencies } from '../../record/manifest.js';
import { constituencyLabel } from '../lib/constituencies.js';
import { type Child, download, groupHex, h } from '../lib/dom.js';
import { formatTime, lang } from '../lib/i18n.js';
import { auditNow, cast, encryptBallot, reencrypt } from './ballot-flow.js';
import { button, feedback, go, progress } from './page.js';
import { currentContest, minRollSize, state } from './state.js';
import type { BoothTexts } from './strings.js';
import { deadlineNotice } from './window.js';

/**
 * A contest the committee opened below the minimum roll: said before the voter chooses,
 * since the exact counts of so few ballots may show how each voted.
 */
function smallRollNotice(c: ManifestContest, t: BoothTexts): Child {
  const ack = c.smallRoll;
  if (ack === null || ack === undefined) return null;
  return h('section', { class: 'notice warn', 'aria-labelledby': 'small-roll-h', 'data-testid': 'small-roll-notice' },
    h('h3', { id: 'small-roll-h' }, t.smallRollTitle),
    h('p', null, t.smallRollFew(c.roll.length, minRollSize())),
    h('p', null, t.smallRollRisk),
    h('p', null, t.smallRollDecision(formatTime(ack.decidedAt))),
    h('p', null, h('strong', null, `${t.smallRollReason}: `), h('span', { 'data-testid': 'small-roll-reason' }, ack.reason)));
}

export function renderChoose(t: BoothTexts): Child[] {
  const c = currentContest();
  const max = c.maxSelections;
  const count = h('p', { id: 'count', class: 'count', 'aria-live': 'polite' });
  const boxes: HTMLInputElement[] = [];
  const update = (): void => {
    const k = state.chosen.size;
    count.textContent = k >= max ? `${t.chosenCount(k, max)} ${t.limitReached(max)}` : t.chosenCount(k, max);
    for (const b of boxes) b.disabled = !b.checked && k >= max;
  };
  // Only what the signed manifest says of a candidate (the name): the statement and region
  // come from the operator's API, unsigned, and the booth shows nothing the record does not.
  const list = h('ul', { class: 'candidates' }, c.candidates.map((cand, i) => {
    const box = h('input', { type: 'checkbox', id: `cand-${i}`, name: 'choice', value: cand.id, checked: state.chosen.has(cand.id), 'aria-describedby': 'choose-hint' });
    box.addEventListener('change', () => {
      if (box.checked) state.chosen.add(cand.id);
      else state.chosen.delete(cand.id);
      update();
    });
    boxes.push(box);
    return h('li', null, h('label', { for: `cand-${i}`, class: 'choice' }, box, h('span', null, cand.fullName)));
  }));
  update();
  return [
    progress(t, 2),
    h('h2', null, t.chooseTitle(c.title)),
    h('p', { class: 'muted', 'data-testid': 'contest-constituency' }, constituencyLabel(c.constituency, state.manifest ? manifestConstituencies(state.manifest.manifest) : undefined)),
    deadlineNotice(),
    smallRollNotice(c, t),
    h('fieldset', { class: 'card' },
      h('legend', null, t.chooseLegend(c.title, max)),
      h('p', { id: 'choose-hint', class: 'muted' }, t.chooseHint(max)),
      list,
      count),
    ...feedback(t),
    h('div', { class: 'actions' }, button(t.review, () => go('review'), { primary: true, testid: 'review' })),
  ];
}

export function renderReview(t: BoothTexts): Child[] {
  const c = currentContest();
  const chosen = c.candidates.filter((x) => state.chosen.has(x.id));
  return [
    progress(t, 3),
    h('h2', null, t.reviewTitle),
    h('p', null, t.reviewLead(c.title)),
    chosen.length === 0
      ? h('div', { class: 'card' }, h('p', { class: 'big' }, t.blank), h('p', { class: 'muted' }, t.blankNote))
      : h('ul', { class: 'card chosen', 'data-testid': 'review-list' }, chosen.map((x) => h('li', null, h('span', { 'aria-hidden': 'true' }, '✓ '), x.fullName))),
    ...feedback(t),
    h('div', { class: 'actions' },
      button(t.change, () => go('choose'), { testid: 'change' }),
      button(t.encrypt, () => void encryptBallot(), { primary: true, testid: 'encrypt' })),
  ];
}

export function renderSealed(t: BoothTexts): Child[] {
  const p = state.prepared!;
  const fp = toHex(p.digest);
  // Once sent, the ballot may be on the board: revealing its randomness now would reveal a cast vote.
  const sent = state.memory?.sent?.[p.contestId] !== undefined;
  return [
    progress(t, 4),
    h('h2', null, t.sealedTitle),
    h('p', null, t.sealedLead),
    h('div', { class: 'card' },
      h('p', { class: 'label', id: 'fp-label' }, t.fingerprint),
      h('p', { class: 'hex big-hex', 'aria-labelledby': 'fp-label', 'data-testid': 'fingerprint' }, groupHex(fp.slice(0, 32))),
      h('details', null, h('summary', null, '…'), h('p', { class: 'hex' }, groupHex(fp)))),
    sent ? null : h('p', null, t.castOrAudit),
    sent ? null : h('details', { class: 'card explain', open: state.audits === 0 }, h('summary', null, t.audit), h('p', null, t.auditExplain)),
    state.audits > 0 ? h('p', { class: 'muted', 'data-testid': 'audits-done' }, t.auditsDone(state.audits)) : null,
    ...feedback(t),
    h('div', { class: 'actions' },
      sent ? null : button(t.audit, auditNow, { testid: 'audit' }),
      button(t.cast, () => void cast(), { primary: true, testid: 'cast' })),
  ];
}

export function renderAudit(t: BoothTexts): Child[] {
  const a = state.audit!;
  return [
    progress(t, 4),
    h('h2', null, t.auditTitle),
    h('p', { class: `notice ${a.ok ? 'ok' : 'error'}`, role: a.ok ? 'status' : 'alert', 'data-testid': 'audit-verdict' },
      a.ok ? `✓ ${t.auditOk}` : t.auditBad(a.detail)),
    h('p', null, t.auditLead),
    h('ul', { class: 'audit-rows', 'data-testid': 'audit-rows' }, a.rows.map((row) => h('li', { class: 'card' },
      h('p', null, h('strong', null, row.candidate), ' — ', row.choice === 1 ? t.marked : t.notMarked),
      h('dl', null,
        h('dt', null, t.randomness), h('dd', { class: 'hex' }, row.r),
        h('dt', null, t.published), h('dd', { class: 'hex' }, row.published.join(' , ')),
        h('dt', null, t.recomputed), h('dd', { class: 'hex' }, row.recomputed.join(' , '))),
      h('p', { class: row.same ? 'ok-text' : 'error-text' }, row.same ? `✓ ${t.matches}` : `✗ ${t.differs}`)))),
    h('p', { class: 'muted' }, t.auditPrivate),
    ...feedback(t),
    h('div', { class: 'actions' },
      button(t.downloadAudit, () => download(`${lang() === 'es' ? 'auditoria' : 'audit'}-${Date.now()}.json`, a.json), { testid: 'download-audit' }),
      button(t.change, () => go('choose'), { testid: 'change' }),
      button(t.reencrypt, () => void reencrypt(), { primary: true, testid: 'reencrypt' })),
  ];
}
