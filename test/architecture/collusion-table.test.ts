/**
 * docs/voting-protocol.md "Who must collude to do what": every row names at least one
 * test file that shows it, and every named file exists. The rows are those of DESIGN §7
 * (trust model) plus denial of service, and the honest limits the issue asks to state.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Test files named by the table for rows that do not hold yet (their rows say so). None
 * now. A name left here once its file exists fails.
 */
const PENDING: readonly string[] = [];

const ROOT = resolve(import.meta.dirname, '../..');
const DOC = readFileSync(resolve(ROOT, 'docs/voting-protocol.md'), 'utf8');

/** The table rows of the section: first cell and every `test/…` file named in the row. */
function rows(): { first: string; files: string[] }[] {
  const start = DOC.indexOf('\n## Who must collude to do what');
  expect(start, 'the section exists').toBeGreaterThan(0);
  const next = DOC.indexOf('\n## ', start + 1);
  const section = DOC.slice(start, next < 0 ? undefined : next);
  return section.split('\n')
    .filter((l) => l.startsWith('| ') && !/^\|\s*(to…|limit)\s*\|/.test(l) && !/^\|---/.test(l))
    .map((l) => ({
      first: l.split('|')[1]!.trim(),
      files: [...l.matchAll(/`(test\/[^`\s]+\.ts)`/g)].map((m) => m[1]!),
    }));
}

describe('the collusion table of docs/voting-protocol.md', () => {
  it('has the rows of DESIGN §7, denial of service and the honest limits', () => {
    const first = rows().map((r) => r.first);
    for (const row of [
      'add a ballot', 'act as an association or a member', 'make a committee decision', 'link an association to its ballot',
      'read one vote', 'choose a tie\'s winner', 'rewrite the board unseen', 'drop a cast ballot unseen',
      'stop the election (denial of service)',
      'the network address the server sees', 'a coerced voter', 'the operator seeing request timing during the token window',
      'a trustee quorum of ≥ 2 sectors can decrypt single ballots',
    ]) expect(first).toContain(row);
  });

  it('every row names a test file, and every named file exists (or is pending its merge)', () => {
    const missing: string[] = [];
    for (const r of rows()) {
      expect(r.files.length, `row "${r.first}" names no test file`).toBeGreaterThan(0);
      for (const f of r.files) if (!PENDING.includes(f) && !existsSync(resolve(ROOT, f))) missing.push(`${r.first}: ${f}`);
    }
    expect(missing).toEqual([]);
  });

  it('a pending name is one the table uses and whose file has not landed', () => {
    const named = new Set(rows().flatMap((r) => r.files));
    for (const f of PENDING) {
      expect(named.has(f), `${f} is pending but not in the table`).toBe(true);
      expect(existsSync(resolve(ROOT, f)), `${f} exists: take it off PENDING`).toBe(false);
    }
  });
});
