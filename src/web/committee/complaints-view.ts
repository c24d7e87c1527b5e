/**
 * The complaints with their status, and the form that proposes an answer.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { COMPLAINT_WORDS, complainantText } from '../lib/complaints.js';
import { formatTime, texts } from '../lib/i18n.js';
import { btn } from './controls.js';
import { type Actions, type Complaint, type Data, pendingFor } from './state.js';
import type { CommitteeTexts } from './strings.js';


/** Decision (upheld or dismissed) and the reasoning, both required, for an open complaint. */
function answerForm(c: Complaint, t: CommitteeTexts, a: Actions): HTMLElement {
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
      a.propose({ kind: 'complaint_answer', complaintId: id, decision, reasoning: text });
    }, { primary: true, testid: `answer-${id}` })));
}

export function renderComplaints(d: Data, t: CommitteeTexts, a: Actions): Child {
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
            : answerForm(c, t, a)))));
}
