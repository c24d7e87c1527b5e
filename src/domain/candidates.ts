/**
 * Candidate eligibility against the rules (DESIGN.md §2): the conflict-of-interest bar
 * on employees of Global Fund implementers, and the optional rotation rule.
 * @module
 */
import { failure, type Failure } from './failure.js';
import type { Rules } from './rules.js';

export interface CandidateDeclaration {
  readonly employer: string;
  readonly implementsGlobalFund: boolean;
  readonly consecutiveTerms: number;
}

/** The rules a candidacy breaks; empty when the committee may declare it eligible. */
export function assessEligibility(rules: Rules, c: CandidateDeclaration): Failure[] {
  const out: Failure[] = [];
  if (rules.barGlobalFundImplementers && c.implementsGlobalFund) {
    out.push(failure('coi_global_fund',
      `conflicto de intereses: trabaja para «${c.employer}», que implementa proyectos del Fondo Mundial`,
      `conflict of interest: works for "${c.employer}", which implements Global Fund projects`));
  }
  if (rules.maxConsecutiveTerms !== null && c.consecutiveTerms >= rules.maxConsecutiveTerms) {
    out.push(failure('rotation_limit',
      `ya cumplió ${c.consecutiveTerms} periodos consecutivos (máximo ${rules.maxConsecutiveTerms})`,
      `has already served ${c.consecutiveTerms} consecutive terms (maximum ${rules.maxConsecutiveTerms})`));
  }
  return out;
}
