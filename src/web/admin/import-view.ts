/**
 * The CSV import: the columns documented, a file chosen and read in the page, a preview
 * that names each bad row with its line and reason, and the import button, offered only
 * when every row is good. The server checks again and, if it refuses (a registration
 * number already registered, say), its reasons are shown against the same rows: nothing
 * has been registered then.
 * @module
 */
import { type Child, download, h } from '../lib/dom.js';
import { lang } from '../lib/i18n.js';
import { type CheckedRow, type CsvRecord, checkRecords, csvTemplate, parseCsv } from './csv.js';
import type { Texts } from './strings.js';

/** A row the server refused, as its problem document lists it. */
export interface ServerRowProblem { row: number; field: string; es: string; en: string }

export type CsvState =
  | { kind: 'none' }
  | { kind: 'unreadable'; name: string; line: number }
  | { kind: 'header'; name: string; missing: string[]; unknown: string[] }
  | { kind: 'rows'; name: string; rows: CheckedRow[]; server: ServerRowProblem[] };

/** Read a file's text into the import's state. */
export function readCsv(name: string, text: string, regions: readonly string[], constituencies: readonly string[] | null): CsvState {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { kind: 'unreadable', name, line: parsed.failure.line };
  const checked = checkRecords(parsed.records as CsvRecord[], regions, constituencies);
  if (!checked.ok) return { kind: 'header', name, missing: checked.missing, unknown: checked.unknown };
  return { kind: 'rows', name, rows: checked.rows, server: [] };
}

export interface ImportHandlers { file(f: File): void; importRows(): void }

function previewTable(s: Extract<CsvState, { kind: 'rows' }>, t: Texts): Child {
  const l = lang();
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'preview-h' },
    h('table', { 'data-testid': 'csv-preview' },
      h('caption', { id: 'preview-h' }, `${t.preview}: ${s.name}`),
      h('thead', null, h('tr', null, [t.row, t.line, t.legalName, t.registrationNumber, t.region, 'constituencies', t.accountEmail, t.status].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, s.rows.map((r) => {
        const server = s.server.filter((p) => p.row === r.row);
        const bad = r.problems.length > 0 || server.length > 0;
        return h('tr', { class: bad ? 'row-bad' : null, 'data-testid': bad ? 'csv-bad-row' : 'csv-row' },
          h('th', { scope: 'row' }, String(r.row)), h('td', null, String(r.line)),
          h('td', null, r.value.legalName), h('td', null, r.value.registrationNumber), h('td', null, r.value.region),
          h('td', null, r.value.constituencies.join('; ')), h('td', null, r.value.accountEmail),
          h('td', { class: 'csv-status' }, bad
            ? h('ul', { class: 'error-text' }, [...r.problems.map((p) => t.problem(p)), ...server.map((p) => `${p.field}: ${p[l]}`)].map((x) => h('li', null, x)))
            : h('span', { class: 'ok-text' }, `✓ ${t.ok}`)));
      }))));
}

function summary(s: CsvState, t: Texts, busy: boolean, on: ImportHandlers): Child {
  const l = lang();
  switch (s.kind) {
    case 'none': return null;
    case 'unreadable': return h('p', { class: 'notice error', role: 'alert', 'data-testid': 'csv-summary' }, t.csvUnreadable(s.line));
    case 'header': return h('p', { class: 'notice error', role: 'alert', 'data-testid': 'csv-summary' }, t.csvHeader(s.missing.join(', '), s.unknown.join(', ')));
    case 'rows': {
      if (s.rows.length === 0) return h('p', { class: 'notice error', role: 'alert', 'data-testid': 'csv-summary' }, t.csvEmpty);
      const lineOf = (row: number) => s.rows.find((r) => r.row === row)?.line ?? '?';
      if (s.server.length > 0) {
        return h('div', { class: 'notice error', role: 'alert', 'data-testid': 'csv-summary' }, h('p', null, t.serverRefused),
          h('ul', null, s.server.map((p) => h('li', null, `${t.row} ${p.row} (${t.line.toLowerCase()} ${lineOf(p.row)}) — ${p.field}: ${p[l]}`))));
      }
      const bad = s.rows.filter((r) => r.problems.length > 0);
      if (bad.length > 0) {
        return h('div', { class: 'notice error', role: 'alert', 'data-testid': 'csv-summary' }, h('p', null, t.problems(bad.length, s.rows.length)),
          h('ul', null, bad.flatMap((r) => r.problems.map((p) => h('li', null, `${t.row} ${r.row} (${t.line.toLowerCase()} ${r.line}) — ${t.problem(p)}`)))));
      }
      return h('div', { class: 'notice ok', role: 'status', 'data-testid': 'csv-summary' }, h('p', null, t.allGood(s.rows.length)),
        h('button', { type: 'button', class: 'btn primary', disabled: busy, 'data-testid': 'csv-import', onclick: () => on.importRows() }, busy ? t.importing : t.importN(s.rows.length)));
    }
  }
}

export function importSection(s: CsvState, t: Texts, busy: boolean, on: ImportHandlers): Child {
  const file = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', 'data-testid': 'csv-file' });
  file.addEventListener('change', () => { const f = file.files?.[0]; if (f !== undefined) on.file(f); });
  return h('div', { class: 'card stack', 'aria-labelledby': 'csv-h', role: 'group' },
    h('h3', { id: 'csv-h' }, t.csvTitle),
    h('p', null, t.csvLead),
    h('p', null, t.csvColumns),
    h('ul', { class: 'csv-columns' }, t.csvColumnList.map(([c, what]) => h('li', null, h('code', null, c), ` — ${what}`))),
    h('button', { type: 'button', class: 'btn small', onclick: () => download('asociaciones-plantilla.csv', csvTemplate(), 'text/csv;charset=utf-8') }, t.csvTemplate),
    h('div', { class: 'field' }, h('label', { for: 'csv-file' }, t.csvFile), file),
    summary(s, t, busy, on),
    s.kind === 'rows' && s.rows.length > 0 ? previewTable(s, t) : null);
}
