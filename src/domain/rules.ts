/**
 * An election's rules: the configurable parts of DESIGN.md §2, with the model case's
 * values as defaults. Parsed with zod so stored rules are checked on the way in.
 * @module
 */
import { z } from 'zod';
import { SECTORS } from './reference.js';

export const CompositionRuleSchema = z.object({
  minMembers: z.number().int().min(1).default(3),
  minDistinctSectors: z.number().int().min(1).default(3),
  requiredSectors: z.array(z.enum(SECTORS)).default(['government', 'civil_society', 'international_cooperation']),
  chairAndViceChairDistinctSectors: z.boolean().default(true),
});

export const RulesSchema = z.object({
  composition: CompositionRuleSchema.prefault({}),
  /** Members of this many distinct sectors must approve a consequential decision. */
  approvalSectors: z.number().int().min(1).default(2),
  /** Bar candidates who work for organisations implementing Global Fund projects. */
  barGlobalFundImplementers: z.boolean().default(true),
  /** Rotation rule: at most this many consecutive terms (null: no limit). */
  maxConsecutiveTerms: z.number().int().min(1).nullable().default(null),
  /** Decryption threshold t of the n trustees (the committee members). */
  threshold: z.number().int().min(1).default(2),
  /** What happens to a second ballot with the same token. */
  revote: z.enum(['refused']).default('refused'),
  /**
   * Small-electorate safeguard: a contest whose accredited roll is smaller than this
   * cannot open for voting without a recorded committee decision acknowledging that its
   * exact published counts may expose how its few voters voted.
   */
  minRollSize: z.number().int().min(1).max(1000).default(5),
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
  votingOpens: z.iso.datetime({ offset: true }).optional(),
  votingCloses: z.iso.datetime({ offset: true }).optional(),
});
export type Timeline = z.infer<typeof TimelineSchema>;
