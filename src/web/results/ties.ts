/**
 * Ties in a verified result: candidates whose vote count another candidate shares, whose
 * order therefore came from the public lot (the results page and the acta mark them).
 * @module
 */
import type { ContestResult } from '../../verify/index.js';

/** The candidates whose vote count another candidate shares: their order came from the lot. */
export function tiedCandidates(r: ContestResult): Set<string> {
  const byVotes = new Map<number, number>();
  for (const c of r.candidates) byVotes.set(c.votes, (byVotes.get(c.votes) ?? 0) + 1);
  return new Set(r.candidates.filter((c) => byVotes.get(c.votes)! > 1).map((c) => c.candidateId));
}
