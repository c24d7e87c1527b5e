/**
 * Complaints (electoral disputes): who may file, when, and what the public sees. Pure;
 * the service in `complaints.service.ts` applies it inside a transaction.
 *
 * Windows follow the phase machine (`phases.ts`), which is what the server enforces; the
 * optional timeline dates are informational only:
 * - `roll`: once the roll is final and published — phases `nominations` and
 *   `key_ceremony` (accreditation decisions and appeals are settled on entering
 *   `nominations`, and the roll is frozen into the manifest on entering `voting`);
 * - `post_close`: after voting closes and before results are published — phases
 *   `closed` and `tallied`. An unanswered complaint of this window blocks publishing.
 * @module
 */
import { COMPLAINT_CATEGORIES, COMPLAINT_WINDOWS } from '../record/board.js';
import type { Phase } from './reference.js';

export { COMPLAINT_CATEGORIES, COMPLAINT_WINDOWS };
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export type ComplaintWindow = (typeof COMPLAINT_WINDOWS)[number];

/** The phases in which each window is open. */
export const WINDOW_PHASES: Readonly<Record<ComplaintWindow, readonly Phase[]>> = Object.freeze({
  roll: Object.freeze(['nominations', 'key_ceremony'] as const),
  post_close: Object.freeze(['closed', 'tallied'] as const),
});

/** The window open in `phase`, or null when no complaint can be filed. */
export function complaintWindow(phase: Phase): ComplaintWindow | null {
  return COMPLAINT_WINDOWS.find((w) => WINDOW_PHASES[w].includes(phase)) ?? null;
}

export const COMPLAINT_DECISIONS = Object.freeze(['upheld', 'dismissed'] as const);
export type ComplaintDecision = (typeof COMPLAINT_DECISIONS)[number];

export type ComplainantRole = 'association' | 'committee' | 'auditor';

/**
 * The complainant as published when they chose to show their identity: the role, and
 * the association's legal name or the member's full name (auditor accounts carry no
 * name, so an auditor is shown by role only).
 */
export interface PublicComplainant {
  readonly role: ComplainantRole;
  readonly name: string | null;
}

export interface Attachment {
  readonly name: string;
  /** SHA-256 of the attached file, lower-case hex: the file itself stays with the complainant. */
  readonly sha256: string;
}

const HEX64 = /[0-9a-fA-F]{64}/g;

/**
 * Every 32-byte hex string in the complaint's texts, lower-cased: candidates for a
 * tracking code or a ballot event's hash, which must not be joined to a complainant.
 */
export function hexMentions(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((t) => (t.match(HEX64) ?? []).map((x) => x.toLowerCase())))];
}
