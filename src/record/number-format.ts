/**
 * Numbers as each language writes them, one rule for every page (src/web/lib/i18n.ts),
 * the HTML report and the text report (src/verify): Spanish with a decimal comma, thousands
 * grouped with "." from five digits on ("1234", "12.345") and a space before the percent
 * sign ("66,7 %"), as the Real Academia and Intl's `es` write them; English with a
 * decimal point and "," for thousands ("12,345", "66.7%"). Here because src/verify may not
 * import src/web, and both import src/record. No dependencies, browser-safe.
 * @module
 */

/** The languages numbers are written in (the same two as every text). */
export type NumberLang = 'es' | 'en';

// One formatter per language: Intl's own rules, never a locale of a country ('es-PE'
// groups thousands with "," like English and would mix separators with the percentages).
const LOCALE: Readonly<Record<NumberLang, string>> = { es: 'es', en: 'en-GB' };
const NUMBER: Readonly<Record<NumberLang, Intl.NumberFormat>> = {
  es: new Intl.NumberFormat(LOCALE.es),
  en: new Intl.NumberFormat(LOCALE.en),
};
const PERCENT: Readonly<Record<NumberLang, Intl.NumberFormat>> = {
  es: new Intl.NumberFormat(LOCALE.es, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat(LOCALE.en, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/**
 * A number (a count: the record has integers only) in `lang`.
 * @example formatCount(12345, 'es') // '12.345'; formatCount(1234, 'es') // '1234'; formatCount(12345, 'en') // '12,345'
 */
export function formatCount(n: number, lang: NumberLang): string {
  return NUMBER[lang].format(n);
}

/**
 * `n` of `of` as a percentage with one decimal in `lang`; 0 of 0 is 0.
 * @example formatShare(2, 3, 'es') // '66,7 %' (a no-break space before the sign); formatShare(2, 3, 'en') // '66.7%'
 */
export function formatShare(n: number, of: number, lang: NumberLang): string {
  return PERCENT[lang].format(of === 0 ? 0 : n / of);
}
