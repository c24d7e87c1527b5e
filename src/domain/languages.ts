/**
 * The languages an election is run in (issue 13): an ordered list of codes among the
 * ones the pages and messages are written in, the first being the election's default.
 * Spanish and English by default, Spanish first.
 *
 * Kept as election metadata, outside the signed manifest: it says which language a page
 * opens in, nothing the verifier checks or the tally depends on, and every text stays
 * available in both languages whatever it says (docs/voting-protocol.md, "Languages").
 * @module
 */
import { z } from 'zod';

/** The languages every page and message is written in. */
export const LANGUAGES = Object.freeze(['es', 'en'] as const);
export type Language = (typeof LANGUAGES)[number];

/** An election that names none (or was created before the field): Spanish, then English. */
export const DEFAULT_LANGUAGES: readonly Language[] = Object.freeze(['es', 'en']);

/** At least one language, each once; the order is the election's preference. */
export const LanguagesSchema = z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length)
  .refine((l) => new Set(l).size === l.length, 'idiomas repetidos / repeated languages');
