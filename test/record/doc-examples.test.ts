/**
 * The worked examples of docs/election-record.md §9 that print whole transcripts are the
 * project's own computation (scripts/doc-example-blocks.ts, which re-hashes each listing
 * and compares it with the project's functions before returning it). Here the document
 * must hold exactly those blocks, so that it cannot drift from the code: a changed
 * encoding, tag or vector fails this test until `npx tsx scripts/doc-examples.ts` is run
 * again. And no document of the protocol shortens a hex value.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markers, workedExamples } from '../../scripts/doc-example-blocks.js';
import { fillBlocks } from '../../scripts/doc-examples.js';

const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
const RECORD = doc('election-record.md');

describe('the worked examples of docs/election-record.md §9 (scripts/doc-examples.ts)', () => {
  it('the document holds exactly the blocks the script computes, each between its markers', async () => {
    const blocks = await workedExamples();
    expect([...blocks.keys()]).toEqual(['dealer-challenge', 'zero-or-one-challenge', 'range-challenge', 'contest-digest', 'chaum-pedersen-challenge', 'rsa-pss-token']);
    for (const [name, body] of blocks) {
      const { open, close } = markers(name);
      expect(RECORD.split(open).length, `one opening marker for ${name}`).toBe(2);
      const inDoc = RECORD.slice(RECORD.indexOf(open) + open.length, RECORD.indexOf(close));
      expect(inDoc, name).toBe(body);
    }
    // The same thing said once more: writing the blocks changes nothing.
    expect(fillBlocks(RECORD, blocks)).toBe(RECORD);
  });

  it('a block changed by hand is caught (one digit of the range challenge)', async () => {
    const blocks = await workedExamples();
    const tampered = RECORD.replace('`2d3325482931888631be0cc3373ec4cf300c8211cf42af81bdeaa59beb684b00` = c_0', '`2d3325482931888631be0cc3373ec4cf300c8211cf42af81bdeaa59beb684b01` = c_0');
    expect(tampered).not.toBe(RECORD);
    expect(fillBlocks(tampered, blocks)).toBe(RECORD);
  });

  it('every value a block names is printed in full, and the listings carry every length prefix', async () => {
    for (const [name, body] of await workedExamples()) {
      expect(body, name).not.toMatch(/…/);
      for (const line of body.split('\n').filter((l) => /^[0-9a-f]{8} /.test(l))) {
        // u32be(len) then exactly len bytes (continued on the indented lines that follow).
        const lines = body.split('\n');
        const i = lines.indexOf(line);
        let hex = line.slice(9).split(/\s+/)[0]!;
        for (let k = i + 1; k < lines.length && /^ {9}[0-9a-f]+$/.test(lines[k]!); k++) hex += lines[k]!.trim();
        expect(hex.length / 2, `${name}: ${line.slice(0, 40)}`).toBe(Number.parseInt(line.slice(0, 8), 16));
      }
    }
  });

  it('no protocol document shortens a hex value (the report\'s shortened tracking codes are described as such)', () => {
    for (const name of ['election-record.md', 'voting-protocol.md']) expect(doc(name), name).not.toMatch(/[0-9a-f]{2}…|…[0-9a-f]{2}/);
    const verification = doc('verification.md').replace(/tracking code [0-9a-f]{16}…\)/g, '');
    expect(verification).not.toMatch(/[0-9a-f]{2}…|…[0-9a-f]{2}/);
  });
});

describe('the tag table of docs/election-record.md §4.2', () => {
  it('names every tag of the code, each in the record with its length prefix', async () => {
    const { TAGS } = await import('../../src/crypto/transcript.js');
    const start = RECORD.indexOf('### 4.2 Tags');
    const table = RECORD.slice(start, RECORD.indexOf('### 4.3', start));
    const reserved = table.split('\n').find((l) => l.startsWith('| `anfora/v1/batch-weights`'))!;
    for (const tag of Object.values(TAGS)) {
      expect(table, tag).toContain(`\`${tag}\``);
      if (reserved.includes(`\`${tag}\``)) continue;
      const n = new TextEncoder().encode(tag).length;
      const row = table.split('\n').find((l) => l.startsWith(`| \`${tag}\` |`));
      expect(row, tag).toBeDefined();
      expect(row, tag).toContain(`| ${n} (\`${n.toString(16).padStart(8, '0')}\`) |`);
    }
  });
});
