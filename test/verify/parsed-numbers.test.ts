/**
 * The integer grammar (docs/election-record.md §2.2) gives the same findings whether the
 * verifier reads the record's text (verifyRecordText, streamed) or is handed the parsed
 * document (verifyRecord): a fraction, an unsafe integer or −0 fails the format check
 * naming its path either way (numbers.ts `findBadParsedNumbers`), and every other check
 * reports the same items. Before, the parsed path missed the number itself and reported
 * only the shape check's finding.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { type VerificationReport, verifyRecord, verifyRecordText } from '../../src/verify/index.js';
import { findBadNumbers, findBadParsedNumbers } from '../../src/verify/numbers.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';

let honest: SyntheticRecord;
beforeAll(async () => { honest = await syntheticRecord(); }, 120_000);

const options = { tokenVerifier: verifyRsaPssNode };
type AnyRecord = { committee: Record<string, unknown>[]; events: { kind: string; payload: Record<string, unknown> }[] } & Record<string, unknown>;
const failures = (r: VerificationReport) => r.checks.filter((c) => !c.ok).map((c) => [c.key, c.failures.map((f) => f.item)]);

describe('numbers outside the grammar, in a parsed record and in its text', () => {
  it.each<[string, (r: AnyRecord) => void, string]>([
    ['a fractional count in the close', (r) => { (r.events.find((e) => e.kind === 'close')!.payload.ballots as { count: number }[])[0]!.count = 1.5; }, 'payload.ballots[0].count'],
    ['a count of 2^53', (r) => { (r.events.find((e) => e.kind === 'close')!.payload.ballots as { count: number }[])[0]!.count = 2 ** 53; }, 'payload.ballots[0].count'],
    ['a committee index of 1.5', (r) => { r.committee[0]!.index = 1.5; }, 'committee[0].index'],
    ['a version of 1.5', (r) => { r.version = 1.5; }, 'version'],
  ])('%s fails the format check with the same findings', async (_, tamper, path) => {
    const r = structuredClone(honest.record) as unknown as AnyRecord;
    tamper(r);
    const parsed = await verifyRecord(r, options);
    const read = await verifyRecordText(JSON.stringify(r), options);
    expect(parsed.ok).toBe(false);
    expect(failures(parsed)).toEqual(failures(read));
    const format = parsed.checks.find((c) => c.key === 'format')!;
    expect(format.failures.some((f) => f.item.endsWith(path) && /grammar/.test(f.detail.en))).toBe(true);
  });

  it('the honest record has none, parsed or as text', async () => {
    expect(findBadParsedNumbers(honest.record)).toEqual([]);
    expect((await verifyRecord(honest.record, options)).ok).toBe(true);
  });

  it('the parsed walk names what the text scan names, where a parsed value can show it', () => {
    const doc = { a: [1, 1.5, { 'b c': -0, d: 2 ** 60 }], e: -3 };
    const text = '{"a":[1,1.5,{"b c":-0,"d":1152921504606846976}],"e":-3}';
    expect(findBadParsedNumbers(doc).map((x) => x.path)).toEqual(findBadNumbers(text).map((x) => x.path));
    expect(findBadParsedNumbers(doc).map((x) => x.text)).toEqual(['1.5', '-0', '1152921504606846976']);
  });
});
