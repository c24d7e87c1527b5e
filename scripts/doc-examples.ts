/**
 * Writes the worked examples of docs/election-record.md §9 in full: every hex value the
 * text shortens as `01234567…89abcdef` is replaced by the one value of the known-answer
 * files (test/crypto/vectors/*.json, written by the code: scripts/generate-vectors.ts)
 * that starts and ends so, so that an outside implementer can reproduce each example from
 * the document alone. A shortened value that matches no vector, or more than one, stops
 * the script naming it. test/record/independent-check.test.ts checks that §9 shortens
 * nothing and that its values are the vectors'.
 *
 * Then it writes the blocks of doc-example-blocks.ts (whole transcripts: the dealer, 0-or-1,
 * range and Chaum–Pedersen challenges, the contest digest, the RSA-PSS token) between their
 * markers `<!-- example:NAME -->` … `<!-- /example:NAME -->`; a marker missing from the
 * document stops the script. test/record/doc-examples.test.ts holds the document to them.
 *
 *   npx tsx scripts/doc-examples.ts
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { markers, workedExamples } from './doc-example-blocks.js';

const DOC = resolve(import.meta.dirname, '../docs/election-record.md');
const VECTORS = resolve(import.meta.dirname, '../test/crypto/vectors');

/** Every hex string of 16 or more digits in the vector files. */
export function vectorHex(): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(VECTORS).filter((x) => x.endsWith('.json'))) {
    for (const m of readFileSync(resolve(VECTORS, f), 'utf8').matchAll(/"([0-9a-f]{16,})"/g)) out.add(m[1]!);
  }
  return out;
}

/** The §9 text of `doc`, and where it starts and ends. */
export function section9(doc: string): { start: number; end: number; text: string } {
  const start = doc.indexOf('## 9. Worked examples');
  const end = doc.indexOf('## 10.', start);
  return { start, end, text: doc.slice(start, end) };
}

/** Shortened values: 8 hex digits, an ellipsis, 8 hex digits. */
export const SHORT = /([0-9a-f]{8})…([0-9a-f]{8})/g;

/** `doc` with each example's block put between its markers. */
export function fillBlocks(doc: string, blocks: ReadonlyMap<string, string>): string {
  let out = doc;
  for (const [name, body] of blocks) {
    const { open, close } = markers(name);
    const a = out.indexOf(open);
    const b = out.indexOf(close, a);
    if (a < 0 || b < 0) throw new Error(`docs/election-record.md has no markers for the example ${name}`);
    out = out.slice(0, a + open.length) + body + out.slice(b);
  }
  return out;
}

async function main(): Promise<void> {
  const doc = fillBlocks(readFileSync(DOC, 'utf8'), await workedExamples());
  const { start, end, text } = section9(doc);
  const all = [...vectorHex()];
  const missing: string[] = [];
  const full = text.replace(SHORT, (short, head: string, tail: string) => {
    const found = [...new Set(all.filter((h) => h.startsWith(head) && h.endsWith(tail)))];
    if (found.length !== 1) { missing.push(`${short} (${found.length} matches)`); return short; }
    return found[0]!;
  });
  writeFileSync(DOC, doc.slice(0, start) + full + doc.slice(end));
  if (missing.length > 0) {
    process.stderr.write(`not in the vectors, left shortened:\n  ${missing.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
