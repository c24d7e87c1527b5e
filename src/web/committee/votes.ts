/**
 * A member's votes on a pending proposal in the console: approve, vote against, or (its
 * proposer) withdraw it — each a signature over the proposal's statement
 * (client/committee.ts `voteSigned`). Also who voted which way, and the proposals that
 * ended without taking effect.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { formatTime } from '../lib/i18n.js';
import type { CommitteeTexts } from './strings.js';

export interface VotedProposal {
  id: string; status: string; proposedBy: string; createdAt: string;
  approvals: { memberId: string; sector: string; approvedAt: string; vote?: 'approve' | 'against' | 'withdraw' }[];
}

export interface VoteActions {
  approve(id: string): void;
  against(id: string): void;
  withdraw(id: string): void;
}

type Button = (label: string, onclick: () => void, opts?: { primary?: boolean; testid?: string; danger?: boolean }) => HTMLButtonElement;

const voteOf = (a: VotedProposal['approvals'][number]) => a.vote ?? 'approve';

/** Approvals and votes against, each with its sector and member. */
export function votesCast(p: VotedProposal, t: CommitteeTexts, who: (memberId: string, sector: string) => string): Child {
  const against = p.approvals.filter((a) => voteOf(a) === 'against');
  return [
    h('p', null, t.approvedBy, ' ', p.approvals.filter((a) => voteOf(a) === 'approve').map((a) => h('span', { class: 'tag ok' }, `✓ ${who(a.memberId, a.sector)}`))),
    against.length === 0 ? null
      : h('p', { 'data-testid': 'votes-against' }, t.againstBy, ' ', against.map((a) => h('span', { class: 'tag' }, `✗ ${who(a.memberId, a.sector)}`))),
  ];
}

/** What the signed-in member can still do with a pending proposal: vote, or withdraw their own. */
export function voteControls(p: VotedProposal, meId: string, t: CommitteeTexts, btn: Button, actions: VoteActions): Child {
  const mine = p.approvals.find((a) => a.memberId === meId);
  const withdraw = p.proposedBy === meId ? btn(t.withdraw, () => actions.withdraw(p.id), { danger: true, testid: `withdraw-${p.id}` }) : null;
  if (mine !== undefined) {
    return [
      h('p', { class: voteOf(mine) === 'against' ? 'error-text' : 'ok-text' }, voteOf(mine) === 'against' ? t.youAgainst : t.youApproved),
      withdraw === null ? null : h('div', { class: 'actions' }, withdraw),
    ];
  }
  return h('div', { class: 'actions' },
    btn(t.approve, () => actions.approve(p.id), { primary: true, testid: `approve-${p.id}` }),
    btn(t.against, () => actions.against(p.id), { danger: true, testid: `against-${p.id}` }),
    withdraw);
}

/** The outcome of a vote against, as the API answered it. */
export function againstOutcome(answer: unknown, approvalSectors: number): (t: CommitteeTexts) => string {
  return (answer as { status?: string }).status === 'rejected' ? (t) => t.rejectedOutcome : (t) => t.againstPending(approvalSectors);
}

/** Proposals withdrawn or rejected, described as the pending ones are. */
export function closedProposals<P extends VotedProposal>(all: readonly P[], t: CommitteeTexts, describe: (p: P) => string): Child {
  const closed = all.filter((p) => p.status === 'withdrawn' || p.status === 'rejected');
  if (closed.length === 0) return null;
  return h('details', { class: 'card', 'data-testid': 'closed-proposals' },
    h('summary', null, t.closedTitle(closed.length)),
    h('ul', null, closed.map((p) => h('li', { 'data-testid': `closed-${p.id}` },
      `${describe(p)} — ${t.closedStatus[p.status] ?? p.status} (${formatTime(p.createdAt)})`))));
}
