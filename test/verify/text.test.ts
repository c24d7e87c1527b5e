/**
 * The record as text (src/verify/text.ts): a repeated member name, which JSON.parse
 * silently resolves to the last value, fails the format check naming the object; the
 * report carries the SHA-256 of the bytes; a text that is not UTF-8 or not JSON is a
 * failing report, never an exception.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { findDuplicateKeys, readRecordText, verifyRecordText } from '../../src/verify/index.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';

let honest: SyntheticRecord;
let text: string;
beforeAll(async () => {
  honest = await syntheticRecord();
  text = JSON.stringify(honest.record, null, 1);
}, 120_000);

const options = { tokenVerifier: verifyRsaPssNode };
const formatFailures = (r: Awaited<ReturnType<typeof verifyRecordText>>) =>
  r.checks.find((c) => c.key === 'format')!.failures.map((f) => `${f.item}: ${f.detail.en}`);

describe('repeated member names', () => {
  it('are found after unescaping, with the path of their object, and nothing else is', () => {
    expect(findDuplicateKeys('{"a":1,"b":{"c":[1,{"d":2,"d":3}]},"a":2}')).toEqual([{ path: 'b.c[1]', key: 'd' }, { path: '', key: 'a' }]);
    expect(findDuplicateKeys('{"a":1,"\\u0061":2}')).toEqual([{ path: '', key: 'a' }]);
    // Names that only look alike, values equal to names, escaped quotes and brackets inside strings.
    expect(findDuplicateKeys('{"a":"a","A":["a","a"],"x\\"":"}{,\\\\","y":{"a":1},"z":[{"a":1},{"a":2}]}')).toEqual([]);
    expect(findDuplicateKeys('[{"k":1},{"k":2,"k":3}]')).toEqual([{ path: '[1]', key: 'k' }]);
    expect(findDuplicateKeys('{"a b":{"x":1,"x":1}}')).toEqual([{ path: '["a b"]', key: 'x' }]);
  });

  it('fail the format check of a record, naming the object, though JSON.parse would hide them', async () => {
    expect(findDuplicateKeys(text)).toEqual([]);
    // A second count after the first: JSON.parse keeps the second, a reader keeping the first sees another close.
    const close = text.indexOf('"count"');
    const tampered = `${text.slice(0, close)}"count": 9,\n${text.slice(close)}`;
    expect(() => JSON.parse(tampered)).not.toThrow();
    const r = await verifyRecordText(tampered, options);
    expect(r.ok).toBe(false);
    const at = honest.record.events.findIndex((e) => e.kind === 'close');
    expect(formatFailures(r)).toEqual([`record events[${at}].payload.ballots[0]: the member "count" appears twice in one object (a JSON reader keeps the last)`]);
    // The header too.
    const header = await verifyRecordText(`{"format":"anfora-election-record",${text.trim().slice(1)}`, options);
    expect(formatFailures(header)).toEqual(['record: the member "format" appears twice in one object (a JSON reader keeps the last)']);
  });
});

describe('reading the text', () => {
  it('the honest text verifies, and the report carries the SHA-256 of its bytes', async () => {
    const r = await verifyRecordText(text, options);
    expect(r.ok).toBe(true);
    expect(r.recordSha256).toBe(bytesToHex(sha256(utf8ToBytes(text))));
    const bytes = utf8ToBytes(text);
    const fromBytes = await verifyRecordText(bytes, options);
    expect(fromBytes.ok).toBe(true);
    expect(fromBytes.recordSha256).toBe(r.recordSha256);
  });

  it('a text that is not JSON, or bytes that are not UTF-8, fail the format check with the hash of what was read', async () => {
    const r = await verifyRecordText('{"format":', options);
    expect(r.ok).toBe(false);
    expect(formatFailures(r)).toEqual([expect.stringMatching(/^record: is not a JSON document \(.+\)$/)]);
    expect(r.recordSha256).toBe(bytesToHex(sha256(utf8ToBytes('{"format":'))));
    const bad = Uint8Array.of(0x7b, 0xff, 0x7d);
    const read = readRecordText(bad);
    expect(read).toMatchObject({ ok: false, reason: expect.stringMatching(/^not UTF-8/) });
    const rb = await verifyRecordText(bad, options);
    expect(formatFailures(rb)).toEqual([expect.stringMatching(/^record: is not a JSON document \(not UTF-8/)]);
    expect(rb.checks).toHaveLength(35);
  });
});
