/**
 * Fixed reference lists of the domain: Peru's regions, the constituency template and
 * grammar, committee sectors and roles, election phases.
 * @module
 */

/** Peru's 24 departments, the Constitutional Province of Callao, and Lima Metropolitana. */
export const REGIONS = Object.freeze([
  'amazonas', 'ancash', 'apurimac', 'arequipa', 'ayacucho', 'cajamarca', 'callao', 'cusco',
  'huancavelica', 'huanuco', 'ica', 'junin', 'la_libertad', 'lambayeque', 'lima_metropolitana',
  'lima_provincias', 'loreto', 'madre_de_dios', 'moquegua', 'pasco', 'piura', 'puno',
  'san_martin', 'tacna', 'tumbes', 'ucayali',
] as const);
export type Region = (typeof REGIONS)[number];

export { CONSTITUENCY_CODE, CONSTITUENCY_TEMPLATE, MAX_CONSTITUENCIES, constituencyName, type ConstituencyDef } from '../record/constituencies.js';

/** The template's codes, in order. */
export const CONSTITUENCIES = Object.freeze([
  'plwha', 'tb', 'malaria', 'sex_workers', 'gay_men', 'transgender',
] as const);
/** One of the template's codes (the demo's and tests' model case). */
export type TemplateConstituency = (typeof CONSTITUENCIES)[number];
/** A constituency code (see {@link CONSTITUENCY_CODE}); which ones exist is the election's. */
export type Constituency = string;

export const SECTORS = Object.freeze([
  'government', 'civil_society', 'international_cooperation', 'ngo', 'academia', 'religious',
] as const);
export type Sector = (typeof SECTORS)[number];

export const COMMITTEE_ROLES = Object.freeze(['chair', 'vice_chair', 'member'] as const);
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

export const ACCOUNT_ROLES = Object.freeze(['admin', 'committee', 'association', 'auditor'] as const);
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/**
 * Election phases in their order. `tokens` (the token window) is there only when the
 * election's rule `tokenWindow` is on; otherwise `key_ceremony` leads to `voting`
 * (phases.ts `nextPhase`).
 */
export const PHASES = Object.freeze([
  'draft', 'accreditation', 'nominations', 'key_ceremony', 'tokens', 'voting', 'closed', 'tallied', 'published',
] as const);
export type Phase = (typeof PHASES)[number];
