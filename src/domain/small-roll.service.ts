/**
 * The small-electorate safeguard (issue: exact counts of a contest with very few voters
 * can expose how each voted). A contest whose accredited roll is shorter than the rule
 * `minRollSize` opens for voting only after the committee records, by a multi-sector
 * `small_roll_acknowledgement` decision, that it accepts the risk; the manifest carries
 * that decision so that voters and verifiers see it.
 * @module
 */
import type { SmallRoll } from '../record/manifest.js';
import { DomainError } from './errors.js';
import { requirePhase } from './elections.service.js';
import type { Election, Proposal, SmallRollAcknowledgement } from './model.js';
import type { Repos } from './ports.js';

export interface AcknowledgementInput {
  readonly contestId: string;
  readonly reason: string;
}

const notAllowed = (reasonEs: string, reasonEn: string) => new DomainError('decision_not_allowed', { reasonEs, reasonEn });

/**
 * Throws unless the acknowledgement may be recorded now: the roll is final (phases
 * `nominations` and `key_ceremony`), the contest's roll is below the minimum, none was
 * recorded before, and a reason is given.
 */
export async function validateAcknowledgement(r: Repos, e: Election, p: AcknowledgementInput): Promise<void> {
  requirePhase(e, 'nominations', 'key_ceremony');
  const contest = await r.contests.byId(p.contestId);
  if (!contest || contest.electionId !== e.id) throw new DomainError('not_found', { what: 'contest' });
  const roll = (await r.applications.listByElection(e.id)).filter((a) => a.contestId === contest.id && a.status === 'accredited').length;
  const min = e.rules.minRollSize;
  if (roll >= min) {
    throw notAllowed(`la contienda «${contest.title}» tiene ${roll} asociaciones acreditadas, no menos del mínimo ${min}`,
      `contest "${contest.title}" has ${roll} accredited associations, not fewer than the minimum ${min}`);
  }
  if ((await r.acknowledgements.listByElection(e.id)).some((a) => a.contestId === contest.id)) {
    throw notAllowed('el riesgo de esta contienda ya fue reconocido', 'the risk of this contest was already acknowledged');
  }
  if (!p.reason?.trim()) throw notAllowed('el reconocimiento requiere un motivo', 'the acknowledgement needs a reason');
}

export async function executeAcknowledgement(r: Repos, e: Election, p: AcknowledgementInput, proposal: Proposal): Promise<void> {
  await r.acknowledgements.insert({ contestId: p.contestId, electionId: e.id, reason: p.reason, proposalId: proposal.id, decidedAt: new Date() });
}

/** The manifest's `smallRoll` field of a contest. */
export function smallRollEntry(ack: SmallRollAcknowledgement | undefined): SmallRoll | null {
  return ack ? { acknowledged: true, decidedAt: ack.decidedAt.toISOString(), reason: ack.reason, proposalId: ack.proposalId } : null;
}
