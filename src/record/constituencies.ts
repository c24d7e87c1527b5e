/**
 * Constituencies: the grammar of their codes, an election's definitions (code and names),
 * and the model case's six as the template. An election defines its own; an election or
 * record from before configurable constituencies is read as the template. No
 * dependencies, browser-safe: the domain, the verifier and the pages share it.
 * @module
 */

/**
 * The grammar of a constituency code: what contests, associations and the manifest name a
 * constituency by. Lower-case ASCII so that it reads the same in every language and in the
 * verifier's item names.
 */
export const CONSTITUENCY_CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** How many constituencies an election may define. */
export const MAX_CONSTITUENCIES = 50;

/** A constituency an election defines: its code and its name in each language. */
export interface ConstituencyDef {
  readonly code: string;
  readonly nameEs: string;
  readonly nameEn: string;
}

/** The model case's six constituencies, in order. */
export const CONSTITUENCY_TEMPLATE: readonly ConstituencyDef[] = Object.freeze([
  { code: 'plwha', nameEs: 'Personas que viven con VIH', nameEn: 'People living with HIV' },
  { code: 'tb', nameEs: 'Personas afectadas por la tuberculosis', nameEn: 'People affected by tuberculosis' },
  { code: 'malaria', nameEs: 'Personas afectadas por la malaria', nameEn: 'People affected by malaria' },
  { code: 'sex_workers', nameEs: 'Trabajadoras y trabajadores sexuales', nameEn: 'Sex workers' },
  { code: 'gay_men', nameEs: 'Hombres gais y otros hombres que tienen sexo con hombres', nameEn: 'Gay men and other men who have sex with men' },
  { code: 'transgender', nameEs: 'Personas trans', nameEn: 'Transgender people' },
].map((c) => Object.freeze(c)));

/**
 * The name of `code` among `defs` in `lang`; the template's when `defs` lacks it (an old
 * record), the code itself as a last resort.
 * @example constituencyName('tb', 'en') // 'People affected by tuberculosis'
 */
export function constituencyName(code: string, lang: 'es' | 'en', defs: readonly ConstituencyDef[] = CONSTITUENCY_TEMPLATE): string {
  const d = defs.find((c) => c.code === code) ?? CONSTITUENCY_TEMPLATE.find((c) => c.code === code);
  return d === undefined ? code : lang === 'es' ? d.nameEs : d.nameEn;
}
