/**
 * A constituency's name in the page's language, from the election's own list (the
 * manifest's or the API's); the model case's names for a record or an election that
 * declares none (src/record/constituencies.ts).
 * @module
 */
import { CONSTITUENCY_TEMPLATE, type ConstituencyDef, constituencyName } from '../../record/constituencies.js';
import { lang } from './i18n.js';

/** The name of constituency `code` among `defs` (the template when absent), in the current language. */
export function constituencyLabel(code: string, defs: readonly ConstituencyDef[] | undefined): string {
  return constituencyName(code, lang(), defs ?? CONSTITUENCY_TEMPLATE);
}
