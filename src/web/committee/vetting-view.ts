/**
 * Applications to accredit or reject (and appeals), and candidacies to vet.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { regionName } from '../lib/regions.js';
import { decisionForm } from './controls.js';
import { type Actions, type Application, type Data, contestTitle, pendingFor } from './state.js';
import type { CommitteeTexts } from './strings.js';


export function renderApplications(d: Data, t: CommitteeTexts, act: Actions): Child {
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
              { label: t.accredit, needReason: false, primary: true, testid: `accredit-${a.id}`, run: (reason) => act.propose({ kind: 'accreditation_decision', applicationId: a.id, decision: 'accredit', ...(reason && { reason }) }) },
              { label: t.reject, needReason: true, testid: `reject-${a.id}`, run: (reason) => act.propose({ kind: 'accreditation_decision', applicationId: a.id, decision: 'reject', reason }) },
            ])
            : decisionForm(a.id, t, t.reasonLabel, [
              { label: t.overturn, needReason: true, primary: true, testid: `overturn-${a.id}`, run: (reason) => act.propose({ kind: 'appeal_decision', applicationId: a.id, decision: 'overturn', reason }) },
              { label: t.uphold, needReason: true, testid: `uphold-${a.id}`, run: (reason) => act.propose({ kind: 'appeal_decision', applicationId: a.id, decision: 'uphold', reason }) },
            ]));
    })),
    decided.length === 0 ? null : h('details', { class: 'card' },
      h('summary', null, t.decided(decided.length)),
      h('ul', null, decided.map((a) => h('li', null,
        `${assoc(a)?.legalName ?? a.associationId} — ${contestTitle(d, a.contestId)}: ${t.status[a.status] ?? a.status}${a.reason ? ` (${a.reason})` : ''}`)))));
}

export function renderCandidates(d: Data, t: CommitteeTexts, act: Actions): Child {
  const open = d.candidates.filter((c) => c.status === 'nominated');
  const vetted = d.candidates.filter((c) => c.status !== 'nominated');
  if (d.candidates.length === 0 && d.election.phase !== 'nominations') return null;
  return h('section', { 'aria-labelledby': 'cands-h' },
    h('h2', { id: 'cands-h' }, t.candidatesTitle),
    open.length === 0 ? h('p', null, t.noCandidates) : h('ul', { class: 'audit-rows' }, open.map((c) => h('li', { class: 'card', 'data-testid': `candidate-${c.id}` },
      h('h3', null, c.fullName),
      h('dl', null,
        h('dt', null, t.contest), h('dd', null, contestTitle(d, c.contestId)),
        // The candidate's region as the association wrote it (free text, not one of the associations' region ids).
        h('dt', null, t.region), h('dd', { 'data-testid': 'candidate-region' }, c.region === '' ? '—' : c.region),
        h('dt', null, t.employer), h('dd', null, c.employer),
        h('dt', null, t.globalFund), h('dd', { class: c.implementsGlobalFund ? 'error-text' : '' }, c.implementsGlobalFund ? t.yes : t.no),
        h('dt', null, t.terms), h('dd', null, String(c.consecutiveTerms)),
        h('dt', null, t.statement), h('dd', { class: 'multiline', 'data-testid': 'candidate-statement' }, c.statement === '' ? '—' : c.statement)),
      pendingFor(d, 'candidate_eligibility', c.id) ? h('p', { class: 'muted' }, t.pendingProposal)
        : decisionForm(c.id, t, t.reasonLabel, [
          { label: t.eligibleBtn, needReason: false, primary: true, testid: `eligible-${c.id}`, run: (reason) => act.propose({ kind: 'candidate_eligibility', candidateId: c.id, eligible: true, ...(reason && { reason }) }) },
          { label: t.ineligibleBtn, needReason: true, testid: `ineligible-${c.id}`, run: (reason) => act.propose({ kind: 'candidate_eligibility', candidateId: c.id, eligible: false, reason }) },
        ])))),
    vetted.length === 0 ? null : h('details', { class: 'card' },
      h('summary', null, t.vetted(vetted.length)),
      h('ul', null, vetted.map((c) => h('li', null, `${c.fullName} — ${contestTitle(d, c.contestId)}: ${c.status === 'eligible' ? t.eligibleBtn : t.ineligibleBtn}${c.reason ? ` (${c.reason})` : ''}`)))));
}
