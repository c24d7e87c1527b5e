/**
 * The administration page's CSV reader and row checks (src/web/admin/csv.ts): RFC 4180
 * quoting (commas, doubled quotes and line breaks inside quotes), CRLF and LF, a BOM,
 * `;` as separator; each row named with the line it starts on; bad rows named with the
 * reason; an unterminated quote refused with its line.
 */
import { describe, expect, it } from 'vitest';
import { COLUMNS, checkRecords, csvTemplate, parseCsv } from '../../src/web/admin/csv.js';

const REGIONS = ['cusco', 'lima_metropolitana', 'puno'];
const CONS = ['plwha', 'tb'];

function rows(text: string, constituencies: string[] | null = CONS) {
  const p = parseCsv(text);
  if (!p.ok) throw new Error('unreadable');
  const c = checkRecords(p.records, REGIONS, constituencies);
  if (!c.ok) throw new Error(`header ${c.missing} ${c.unknown}`);
  return c.rows;
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and keeps each record’s first line', () => {
    const p = parseCsv('\uFEFFa,b,c\r\n"x, y","he said ""hi""","two\r\nlines"\r\n\r\nlast,1,2');
    expect(p).toEqual({ ok: true, records: [
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'he said "hi"', 'two\r\nlines'] },
      { line: 5, fields: ['last', '1', '2'] },
    ] });
  });
  it('takes ";" as separator when the header uses it, and LF line ends', () => {
    expect(parseCsv('a;b\n1;"2;3"\n')).toEqual({ ok: true, records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2;3'] }] });
  });
  it('refuses an unterminated quote, naming the line where it opens', () => {
    expect(parseCsv('a,b\n1,2\n3,"open\nstill open')).toEqual({ ok: false, failure: { line: 3, kind: 'unterminated_quote' } });
  });
});

describe('checkRecords', () => {
  const header = COLUMNS.join(',');
  const good = (n: number) => `Asociación ${n},REG-${n},cusco,plwha;tb,Contacto ${n},c${n}@x.pe,,cuenta${n}@x.pe`;

  it('the template is a good file', () => {
    expect(rows(csvTemplate(), null).map((r) => r.problems)).toEqual([[]]);
  });
  it('good rows become the import’s values; constituencies split on ";"', () => {
    const [r] = rows(`${header}\n${good(1)}\n`);
    expect(r).toEqual({ row: 1, line: 2, problems: [], value: {
      legalName: 'Asociación 1', registrationNumber: 'REG-1', region: 'cusco', constituencies: ['plwha', 'tb'],
      contactName: 'Contacto 1', contactEmail: 'c1@x.pe', contactPhone: null, accountEmail: 'cuenta1@x.pe',
    } });
  });
  it('names each bad row, its line and reason', () => {
    const text = [header, good(1), '"Multi\nline name",REG-2,atlantis,plwha;malaria,C,no-mail,,cuenta2@x.pe', good(3).replace('REG-3', 'REG-1'), ',REG-4,puno,tb,C,c@x.pe,,CUENTA1@x.pe'].join('\n');
    const out = rows(text).map((r) => ({ row: r.row, line: r.line, problems: r.problems.map((p) => `${p.field}:${p.code}${p.otherRow ? `@${p.otherRow}` : ''}`) }));
    expect(out).toEqual([
      { row: 1, line: 2, problems: [] },
      { row: 2, line: 3, problems: ['region:region', 'constituencies:constituency', 'contactEmail:email'] },
      { row: 3, line: 5, problems: ['registrationNumber:repeat@1'] },
      { row: 4, line: 6, problems: ['legalName:missing', 'accountEmail:repeat@1'] },
    ]);
  });
  it('with configurable constituencies any well-formed code passes here; a malformed one does not', () => {
    const text = `${header}\n${good(1).replace('plwha;tb', 'regional_norte')}\n${good(2).replace('plwha;tb', 'Norte')}`;
    expect(rows(text, null).map((r) => r.problems.map((p) => p.code))).toEqual([[], ['constituency']]);
  });
  it('a header missing a column or naming an unknown one is refused as a whole', () => {
    const p = parseCsv('legalName,region,colour\n');
    if (!p.ok) throw new Error('unreadable');
    const c = checkRecords(p.records, REGIONS, CONS);
    expect(c).toEqual({ ok: false, missing: ['registrationNumber', 'constituencies', 'contactName', 'contactEmail', 'accountEmail'], unknown: ['colour'] });
  });
});
