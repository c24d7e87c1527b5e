/**
 * The election's phase machine (DESIGN.md §2). Phases move forward one step at a time;
 * each step has preconditions, checked over a snapshot of facts so that the rule is pure
 * and every failed precondition is named.
 * @module
 */
import { DomainError } from './errors.js';
import { failure, type Failure } from './failure.js';
import type { Election } from './model.js';
import { PHASES, type Phase } from './reference.js';

/**
 * The phase after `p`, or null at the end. Without the token window (rule `tokenWindow`
 * off) there is no `tokens` phase: the key ceremony leads to voting.
 */
export function nextPhase(p: Phase, tokenWindow: boolean): Phase | null {
  const i = PHASES.indexOf(p);
  const next = i >= 0 && i < PHASES.length - 1 ? PHASES[i + 1]! : null;
  return next === 'tokens' && !tokenWindow ? 'voting' : next;
}

/**
 * The phase in which the manifest is frozen and tokens are first issued: `tokens` under
 * the token window, else `voting`.
 */
export const openingPhase = (tokenWindow: boolean): Phase => (tokenWindow ? 'tokens' : 'voting');

/**
 * Whether voting tokens may be obtained now: in the token window only, or while voting
 * when the rule `tokenWindow` is off. The one place issuance asks.
 */
export function issuanceOpen(e: Pick<Election, 'phase' | 'rules'>): boolean {
  return e.phase === openingPhase(e.rules.tokenWindow);
}

/**
 * Refuse a token request outside the issuance phase ({@link issuanceOpen}): during voting
 * under the token window the refusal says the window has closed.
 */
export function requireIssuancePhase(e: Pick<Election, 'phase' | 'rules'>): void {
  if (issuanceOpen(e)) return;
  if (e.rules.tokenWindow && e.phase === 'voting') throw new DomainError('token_window_closed');
  throw new DomainError('wrong_phase', { expected: [openingPhase(e.rules.tokenWindow)], phase: e.phase });
}

/**
 * Refuse a ballot unless casting is open (`voting`); during the token window the refusal
 * says when casting opens instead.
 */
export function requireCastingPhase(e: Pick<Election, 'phase'>): void {
  if (e.phase === 'voting') return;
  if (e.phase === 'tokens') throw new DomainError('casting_not_open');
  throw new DomainError('wrong_phase', { expected: ['voting'], phase: e.phase });
}

/**
 * Entering these phases is a consequential decision: it needs multi-sector approval. Since
 * issue 11 every phase the committee moves to is (`tallied` follows from the t-th share).
 */
export const CONSEQUENTIAL_PHASES: ReadonlySet<Phase> = new Set<Phase>(PHASES.filter((p) => p !== 'draft' && p !== 'tallied'));

export interface ContestFacts {
  readonly id: string;
  readonly title: string;
  readonly accredited: number;
  readonly eligibleCandidates: number;
  readonly seats: number;
  /** The committee recorded its acknowledgement of a roll below `minRollSize`. */
  readonly smallRollAcknowledged: boolean;
}

/** What the preconditions look at; gathered by the service inside the transaction. */
export interface PhaseFacts {
  readonly compositionFailures: readonly Failure[];
  readonly contests: readonly ContestFacts[];
  readonly pendingApplications: number;
  readonly pendingAppeals: number;
  readonly pendingCandidates: number;
  /** Set by the key ceremony (a later stage); false until the joint key exists. */
  readonly jointKeyReady: boolean;
  readonly tallyReady: boolean;
  readonly resultsReady: boolean;
  /** The election rule `minRollSize`. */
  readonly minRollSize: number;
  /** Contests whose registered issuers cannot meet the issuance rule (issuers.service.ts). */
  readonly issuerFailures: readonly Failure[];
  /** Issuers who have not posted their signed issuance log (issuers.ts): the close waits for them. */
  readonly issuerLogFailures: readonly Failure[];
  /** Complaints of the `post_close` window not yet answered. */
  readonly openPostCloseComplaints: number;
  /** The election rule `tokenWindow`. */
  readonly tokenWindow: boolean;
}

/** The preconditions of entering `to` that do not hold. */
export function checkPreconditions(to: Phase, f: PhaseFacts): Failure[] {
  const out: Failure[] = [];
  switch (to) {
    case 'accreditation':
      out.push(...f.compositionFailures);
      if (f.contests.length === 0) {
        out.push(failure('no_contests', 'la elección no tiene contiendas', 'the election has no contests'));
      }
      break;
    case 'nominations':
      if (f.pendingApplications > 0) {
        out.push(failure('applications_pending',
          `${f.pendingApplications} solicitudes de acreditación sin decidir`,
          `${f.pendingApplications} accreditation applications undecided`));
      }
      if (f.pendingAppeals > 0) {
        out.push(failure('appeals_pending', `${f.pendingAppeals} apelaciones sin decidir`, `${f.pendingAppeals} appeals undecided`));
      }
      for (const c of f.contests.filter((c) => c.accredited === 0)) {
        out.push(failure('empty_roll', `la contienda «${c.title}» no tiene asociaciones acreditadas`,
          `contest "${c.title}" has no accredited associations`));
      }
      break;
    case 'key_ceremony':
      if (f.pendingCandidates > 0) {
        out.push(failure('candidates_pending',
          `${f.pendingCandidates} candidaturas sin evaluar`, `${f.pendingCandidates} candidacies not yet vetted`));
      }
      for (const c of f.contests.filter((c) => c.eligibleCandidates === 0)) {
        out.push(failure('no_candidates', `la contienda «${c.title}» no tiene candidaturas aptas`,
          `contest "${c.title}" has no eligible candidates`));
      }
      break;
    // Opening: entering the token window, or voting directly without it (entering voting
    // from the window finds both facts unchanged: the key and the acknowledgements stay).
    case 'tokens':
    case 'voting':
      if (!f.jointKeyReady) {
        out.push(failure('joint_key_missing', 'la ceremonia de claves no ha producido la clave conjunta',
          'the key ceremony has not produced the joint key'));
      }
      for (const c of f.contests.filter((c) => c.accredited < f.minRollSize && !c.smallRollAcknowledged)) {
        out.push(failure('small_roll_unacknowledged',
          `la contienda «${c.title}» tiene ${c.accredited} asociaciones acreditadas (mínimo ${f.minRollSize}): el comité debe reconocer el riesgo para el secreto del voto`,
          `contest "${c.title}" has ${c.accredited} accredited associations (minimum ${f.minRollSize}): the committee must acknowledge the risk to ballot secrecy`,
          { contestId: c.id }));
      }
      out.push(...f.issuerFailures);
      break;
    case 'closed':
      out.push(...f.issuerLogFailures);
      break;
    case 'tallied':
      if (!f.tallyReady) {
        out.push(failure('tally_missing', 'el escrutinio no está descifrado', 'the tally has not been decrypted'));
      }
      break;
    case 'published':
      if (!f.resultsReady) {
        out.push(failure('results_missing', 'no hay resultados que publicar', 'there are no results to publish'));
      }
      if (f.openPostCloseComplaints > 0) {
        out.push(failure('complaints_unanswered',
          `${f.openPostCloseComplaints} reclamos presentados tras el cierre sin respuesta del comité`,
          `${f.openPostCloseComplaints} complaints filed after the close not yet answered by the committee`));
      }
      break;
    default:
      break;
  }
  return out;
}

export type TransitionCheck =
  | { ok: true; consequential: boolean }
  | { ok: false; reason: 'order'; next: Phase | null }
  | { ok: false; reason: 'preconditions'; failures: Failure[] };

/** Whether `from → to` may happen now. */
export function checkTransition(from: Phase, to: Phase, facts: PhaseFacts): TransitionCheck {
  const next = nextPhase(from, facts.tokenWindow);
  if (next !== to) return { ok: false, reason: 'order', next };
  const failures = checkPreconditions(to, facts);
  if (failures.length > 0) return { ok: false, reason: 'preconditions', failures };
  return { ok: true, consequential: CONSEQUENTIAL_PHASES.has(to) };
}
