/**
 * An election's rules: the configurable parts of DESIGN.md §2, with the model case's
 * values as defaults. Parsed with zod so stored rules are checked on the way in.
 *
 * Some values have a floor no configuration can lower (issue 11), since below it one
 * sector could act alone: decisions need at least {@link FLOORS}.approvalSectors sectors,
 * decryption at least {@link FLOORS}.threshold trustees, and the committee members of at
 * least {@link FLOORS}.committeeSectors sectors.
 * @module
 */
import { z } from 'zod';
import { failure, type Failure } from './failure.js';
import { SECTORS } from './reference.js';

/** The floors of the rules: whatever the administrator configures, never below these. */
export const FLOORS = Object.freeze({ approvalSectors: 2, threshold: 2, committeeSectors: 2, committeeMembers: 2, issuerThreshold: 2 });

const floor = (n: number, what: string) => ({ message: `${what} must be at least ${n} / debe ser al menos ${n}` });

export const CompositionRuleSchema = z.object({
  minMembers: z.number().int().min(FLOORS.committeeMembers, floor(FLOORS.committeeMembers, 'minMembers')).default(3),
  minDistinctSectors: z.number().int().min(FLOORS.committeeSectors, floor(FLOORS.committeeSectors, 'minDistinctSectors')).default(3),
  requiredSectors: z.array(z.enum(SECTORS)).default(['government', 'civil_society', 'international_cooperation']),
  chairAndViceChairDistinctSectors: z.boolean().default(true),
});

export const RulesSchema = z.object({
  composition: CompositionRuleSchema.prefault({}),
  /** Members of this many distinct sectors must approve a consequential decision. */
  approvalSectors: z.number().int().min(FLOORS.approvalSectors, floor(FLOORS.approvalSectors, 'approvalSectors')).max(SECTORS.length).default(2),
  /** Bar candidates who work for organisations implementing Global Fund projects. */
  barGlobalFundImplementers: z.boolean().default(true),
  /** Rotation rule: at most this many consecutive terms (null: no limit). */
  maxConsecutiveTerms: z.number().int().min(1).nullable().default(null),
  /** Decryption threshold t of the n trustees (the committee members). */
  threshold: z.number().int().min(FLOORS.threshold, floor(FLOORS.threshold, 'threshold')).max(1000).default(2),
  /** What happens to a second ballot with the same token. */
  revote: z.enum(['refused']).default('refused'),
  /**
   * Small-electorate safeguard: a contest whose accredited roll is smaller than this
   * cannot open for voting without a recorded committee decision acknowledging that its
   * exact published counts may expose how its few voters voted.
   */
  minRollSize: z.number().int().min(1).max(1000).default(5),
  /**
   * Token window (issue 12): tokens are obtained in a phase of their own, `tokens`, that
   * ends when casting opens, so the time and order of issuance carry nothing about the
   * time or order of ballots. Off: tokens are issued while voting, as before; the record
   * and the verifier's report say so. A stored or recorded rule set without it is off.
   */
  tokenWindow: z.boolean().default(true),
  /**
   * Issuance rule (issue 12): a voting token is valid only with blind signatures of this
   * many distinct issuers (committee members holding a contest's issuing key) of at least
   * two distinct sectors. Never below 2, so no single issuer can mint a token.
   */
  issuerThreshold: z.number().int().min(FLOORS.issuerThreshold, floor(FLOORS.issuerThreshold, 'issuerThreshold')).max(16).default(2),
});

export type CompositionRule = z.infer<typeof CompositionRuleSchema>;
export type Rules = z.infer<typeof RulesSchema>;

/** Rules with every default filled in. */
export function parseRules(input: unknown): Rules {
  return RulesSchema.parse(input ?? {});
}

export const TimelineSchema = z.object({
  accreditationOpens: z.iso.datetime({ offset: true }).optional(),
  accreditationCloses: z.iso.datetime({ offset: true }).optional(),
  nominationsClose: z.iso.datetime({ offset: true }).optional(),
  /** The token window opens (rule `tokenWindow`); it closes as voting opens. */
  tokensOpen: z.iso.datetime({ offset: true }).optional(),
  votingOpens: z.iso.datetime({ offset: true }).optional(),
  votingCloses: z.iso.datetime({ offset: true }).optional(),
});
export type Timeline = z.infer<typeof TimelineSchema>;

const TIMELINE_ORDER = ['accreditationOpens', 'accreditationCloses', 'nominationsClose', 'tokensOpen', 'votingOpens', 'votingCloses'] as const;

/**
 * Every pair of given timeline dates that is out of order: accreditation opens before it
 * closes, which is no later than nominations close, no later than the token window opens,
 * before voting opens, before voting closes. Dates left out are not compared.
 */
export function checkTimeline(t: Timeline): Failure[] {
  const given = TIMELINE_ORDER.filter((k) => t[k] !== undefined).map((k) => ({ k, at: Date.parse(t[k]!) }));
  const out: Failure[] = [];
  for (let i = 1; i < given.length; i++) {
    const a = given[i - 1]!;
    const b = given[i]!;
    // Opening and closing the same window at one instant leaves no window at all.
    const strict = (a.k === 'accreditationOpens' && b.k === 'accreditationCloses') || (a.k === 'votingOpens' && b.k === 'votingCloses')
      || (a.k === 'tokensOpen' && b.k === 'votingOpens');
    if (strict ? a.at >= b.at : a.at > b.at) {
      out.push(failure('timeline_order', `${b.k} debe ser posterior a ${a.k}`, `${b.k} must come after ${a.k}`));
    }
  }
  return out;
}
