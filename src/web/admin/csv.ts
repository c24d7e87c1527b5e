/**
 * The associations' CSV: an RFC 4180 reader (quoted fields with commas, doubled quotes and
 * line breaks; CRLF or LF; a byte-order mark ignored; `;` as separator when the header
 * uses it, as spreadsheets set to Spanish write) and the check of each row as the API's
 * `POST /associations/import` takes it. Each row keeps the line it starts on, so a bad
 * row is named by its row and its line in the file.
 * @module
 */

/** A parsed record and the 1-based line of the file where it starts. */
export interface CsvRecord { readonly line: number; readonly fields: string[] }

/** Why the file as a whole cannot be read (an unterminated quote). */
export interface CsvFailure { readonly line: number; readonly kind: 'unterminated_quote' }

/** Records of `text`; blank lines are skipped. */
export function parseCsv(text: string): { ok: true; records: CsvRecord[] } | { ok: false; failure: CsvFailure } {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = s.slice(0, s.search(/\r?\n|$/));
  const sep = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === '"' && field.trim() === '') {
      // A quoted field: up to the closing quote; "" inside is one quote.
      const opened = line;
      field = '';
      i++;
      for (;;) {
        if (i >= s.length) return { ok: false, failure: { line: opened, kind: 'unterminated_quote' } };
        const q = s[i]!;
        if (q === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
        if (q === '"') { i++; break; }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      // Anything between the closing quote and the separator is kept, as spreadsheets do.
      while (i < s.length && s[i] !== sep && s[i] !== '\n' && s[i] !== '\r') field += s[i++];
      continue;
    }
    if (c === sep) { fields.push(field); field = ''; i++; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}

/** The columns of the file, by header name, in the API's field names. */
export const COLUMNS = ['legalName', 'registrationNumber', 'region', 'constituencies', 'contactName', 'contactEmail', 'contactPhone', 'accountEmail'] as const;
export type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = COLUMNS.filter((c) => c !== 'contactPhone');

/** A problem found in the page, named by code so the page words it in either language. */
export interface RowProblem { readonly field: string; readonly code: 'missing' | 'too_long' | 'region' | 'constituency' | 'email' | 'repeat' | 'columns'; readonly value?: string; readonly otherRow?: number }

/** An association as the import takes it. */
export interface AssociationRow {
  legalName: string; registrationNumber: string; region: string; constituencies: string[];
  contactName: string; contactEmail: string; contactPhone: string | null; accountEmail: string;
}

/** One data row of the file: its number (from 1, after the header), line, value and problems. */
export interface CheckedRow { readonly row: number; readonly line: number; readonly value: AssociationRow; readonly problems: RowProblem[] }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const MAX: Partial<Record<Column, number>> = { legalName: 200, registrationNumber: 64, contactName: 200, contactPhone: 40 };

/**
 * The header's problems (missing or unknown columns), or each data row checked: required
 * fields, lengths, a known region, constituency codes (separated by `;`, each known when
 * `constituencies` lists them), e-mail form, and registration numbers and account e-mails
 * not repeated in the file. The server checks all of it again, and against what is registered.
 */
export function checkRecords(records: readonly CsvRecord[], regions: readonly string[], constituencies: readonly string[] | null):
  { ok: true; rows: CheckedRow[] } | { ok: false; missing: string[]; unknown: string[] } {
  const header = (records[0]?.fields ?? []).map((h) => h.trim());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => h !== '' && !(COLUMNS as readonly string[]).includes(h));
  if (missing.length > 0 || unknown.length > 0) return { ok: false, missing, unknown };
  const firstOf = { registrationNumber: new Map<string, number>(), accountEmail: new Map<string, number>() };
  const rows = records.slice(1).map((rec, i): CheckedRow => {
    const get = (c: Column) => (rec.fields[header.indexOf(c)] ?? '').trim();
    const problems: RowProblem[] = [];
    if (rec.fields.length > header.length) problems.push({ field: '—', code: 'columns', value: String(rec.fields.length) });
    const value: AssociationRow = {
      legalName: get('legalName'), registrationNumber: get('registrationNumber'), region: get('region'),
      constituencies: [...new Set(get('constituencies').split(';').map((x) => x.trim()).filter((x) => x !== ''))],
      contactName: get('contactName'), contactEmail: get('contactEmail'), contactPhone: get('contactPhone') === '' ? null : get('contactPhone'),
      accountEmail: get('accountEmail').toLowerCase(),
    };
    for (const c of REQUIRED) if (get(c) === '') problems.push({ field: c, code: 'missing' });
    for (const [c, n] of Object.entries(MAX) as [Column, number][]) if (get(c).length > n) problems.push({ field: c, code: 'too_long', value: String(n) });
    if (value.region !== '' && !regions.includes(value.region)) problems.push({ field: 'region', code: 'region', value: value.region });
    for (const code of value.constituencies) {
      if (!CODE.test(code) || (constituencies !== null && !constituencies.includes(code))) problems.push({ field: 'constituencies', code: 'constituency', value: code });
    }
    for (const c of ['contactEmail', 'accountEmail'] as const) if (value[c] !== '' && !EMAIL.test(value[c])) problems.push({ field: c, code: 'email', value: value[c] });
    for (const c of ['registrationNumber', 'accountEmail'] as const) {
      if (value[c] === '') continue;
      const first = firstOf[c].get(value[c]);
      if (first === undefined) firstOf[c].set(value[c], i + 1);
      else problems.push({ field: c, code: 'repeat', value: value[c], otherRow: first });
    }
    return { row: i + 1, line: rec.line, value, problems };
  });
  return { ok: true, rows };
}

/** A file to start from: the header and one example row. */
export function csvTemplate(): string {
  return `${COLUMNS.join(',')}\r\n"Asociación Ejemplo, Lima",REG-0001,lima_metropolitana,plwha;tb,Ana Pérez,ana@ejemplo.pe,+51 1 555 0101,cuenta@ejemplo.pe\r\n`;
}
