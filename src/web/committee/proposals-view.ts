/**
 * Pending proposals in words, with the votes cast, and the closed ones.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { COMPLAINT_WORDS } from '../lib/complaints.js';
import { PHASE_NAMES, formatTime, texts } from '../lib/i18n.js';
import { btn } from './controls.js';
import { type Actions, type Data, type Proposal, contestTitle, memberName, minRoll, rollOf, sectorName, state } from './state.js';
import type { CommitteeTexts } from './strings.js';
import { closedProposals, voteControls, votesCast } from './votes.js';

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


export function renderProposals(d: Data, t: CommitteeTexts, a: Actions): Child {
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
          approve: (id) => a.approve(id), against: (id) => a.voteAgainst(id), withdraw: (id) => a.withdraw(id),
        })))),
    closedProposals(d.proposals, t, (p) => describe(d, p, t)));
}
