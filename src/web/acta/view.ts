/**
 * The acta's sections: results (as the verifier reports them, titulars, alternates and
 * ties by lot marked), the committee's decisions with who approved them (the board's
 * signed `decision` events), and the committee with room for signatures.
 * @module
 */
import type { BoardEvent } from '../../record/board.js';
import type { ContestResult, VerificationReport } from '../../verify/index.js';
import { type Child, h } from '../lib/dom.js';
import { PHASE_NAMES, SECTOR_NAMES, formatNumber, formatPercent, formatTime, texts } from '../lib/i18n.js';
import { RESULTS } from '../results/strings.js';
import { tiedCandidates } from '../results/ties.js';
import type { ActaTexts } from './strings.js';

export interface Member { memberId: string; fullName: string; sector: string; organisation?: string; role?: string }

interface DecisionPayload {
  statement: Record<string, unknown> & { kind: string };
  approvals: { memberId: string }[];
  against: { memberId: string }[];
}

export function renderResults(report: VerificationReport, t: ActaTexts): Child {
  const r = texts(RESULTS);
  const seat = (s: 'titular' | 'alternate' | null) => (s === 'titular' ? r.titular : s === 'alternate' ? r.alternate : r.none);
  const contest = (c: ContestResult) => {
    const ties = tiedCandidates(c);
    const counts = report.counts.contests.find((x) => x.contestId === c.contestId);
    const counted = counts?.countedBallots ?? 0;
    const roll = counts?.rollSize ?? 0;
    return h('section', { class: 'acta-contest', 'aria-labelledby': `c-${c.contestId}`, 'data-testid': `acta-${c.contestId}` },
      h('h3', { id: `c-${c.contestId}` }, c.title),
      h('p', null, r.seats(c.seats, c.alternates), ' · ', r.ballots(formatNumber(counted), formatNumber(roll), formatPercent(counted, roll))),
      c.verified ? null : h('p', { class: 'notice error' }, r.notVerified),
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': `c-${c.contestId}` },
        h('table', { class: 'acta-table' },
          h('thead', null, h('tr', null, [r.rank, r.candidate, r.votes, t.cols.seat].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, c.candidates.map((x) => h('tr', { 'data-seat': x.seat ?? 'none', 'data-candidate': x.candidateId },
            h('td', null, formatNumber(x.rank)),
            h('td', null, x.fullName),
            h('td', null, formatNumber(x.votes)),
            h('td', null, h('span', { class: `tag${x.seat === null ? '' : ' ok'}` }, seat(x.seat)),
              ties.has(x.candidateId) ? [' ', h('span', { class: 'tag tie', 'data-testid': 'tie' }, r.tie)] : null)))))),
      ties.size === 0 ? null : h('p', { class: 'muted' }, r.tieNote));
  };
  return h('section', { 'aria-labelledby': 'results-h' },
    h('h2', { id: 'results-h' }, t.resultsTitle),
    h('p', { class: `notice ${report.ok ? 'ok' : 'error'}`, 'data-testid': 'verified' }, report.ok ? t.verifiedOk(report.checks.length) : t.verifiedBad),
    (report.results ?? []).map(contest));
}

function describe(s: DecisionPayload['statement'], t: ActaTexts, contestTitle: (id: string) => string): string {
  const k = t.kinds;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const assoc = (s.association as { legalName?: string } | undefined)?.legalName ?? '';
  const reason = str(s.reason) === '' ? '' : ` — ${k.reason(str(s.reason))}`;
  const phase = (p: unknown) => texts(PHASE_NAMES)[str(p)] ?? str(p);
  switch (s.kind) {
    case 'phase_change': return k.phase(phase(s.from), phase(s.to));
    case 'accreditation_decision': return (s.decision === 'accredit' ? k.accredit(assoc, contestTitle(str(s.contestId))) : k.reject(assoc, contestTitle(str(s.contestId)))) + reason;
    case 'appeal_decision': return (s.decision === 'overturn' ? k.appealOverturn(assoc) : k.appealUphold(assoc)) + reason;
    case 'candidate_eligibility': {
      const by = (s.nominatedBy as { legalName?: string } | undefined)?.legalName ?? '';
      return (s.eligible === true ? k.eligible(str(s.fullName), by) : k.ineligible(str(s.fullName), by)) + reason;
    }
    case 'rule_change': return k.rules;
    case 'small_roll_acknowledgement': return k.smallRoll(contestTitle(str(s.contestId))) + reason;
    case 'complaint_answer': return k.complaint(s.decision === 'upheld');
    case 'credential_reset': return k.reset(str(s.name)) + reason;
    default: return k.other(s.kind);
  }
}

export function renderApprovals(decisions: readonly BoardEvent[], members: readonly Member[], t: ActaTexts, contestTitle: (id: string) => string): Child {
  const who = (id: string) => {
    const m = members.find((x) => x.memberId === id);
    return m === undefined ? id : `${m.fullName} (${texts(SECTOR_NAMES)[m.sector] ?? m.sector})`;
  };
  const list = (xs: { memberId: string }[]) => (xs.length === 0 ? t.nobody : h('ul', { class: 'plain' }, xs.map((x) => h('li', null, who(x.memberId)))));
  return h('section', { 'aria-labelledby': 'approvals-h' },
    h('h2', { id: 'approvals-h' }, t.approvalsTitle),
    h('p', null, t.approvalsLead),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'approvals-h' },
      h('table', { class: 'acta-table', 'data-testid': 'approvals' },
        h('thead', null, h('tr', null, [t.cols.when, t.cols.decision, t.cols.approvedBy, t.cols.against].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, decisions.map((e) => {
          const p = e.payload as DecisionPayload;
          return h('tr', { 'data-seq': String(e.seq), 'data-kind': p.statement.kind },
            h('td', null, formatTime(e.at)),
            h('td', null, describe(p.statement, t, contestTitle)),
            h('td', null, list(p.approvals)),
            h('td', null, list(p.against)));
        })))));
}

export function renderSignatures(members: readonly Member[], t: ActaTexts): Child {
  return h('section', { class: 'acta-signatures', 'aria-labelledby': 'committee-h' },
    h('h2', { id: 'committee-h' }, t.committeeTitle),
    h('ul', { class: 'plain' }, members.map((m) => h('li', { class: 'acta-signature' },
      h('span', null, `${m.fullName} — ${texts(SECTOR_NAMES)[m.sector] ?? m.sector}${m.organisation ? `, ${m.organisation}` : ''}`),
      h('span', { class: 'acta-line', 'aria-hidden': 'true' }, `${t.signature}: ____________________`)))));
}
