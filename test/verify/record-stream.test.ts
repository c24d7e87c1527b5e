/**
 * Reading the record as a stream (src/verify/record-stream.ts, verify-record.ts
 * `verifyRecordStream`): the same report as the parsed document gives, however the bytes
 * are cut; one event at a time, with only the chunks needed read ahead; and a stream
 * that is not a JSON document (cut short, followed by more data, not UTF-8), or that
 * repeats a member name, fails the format check as the whole text did.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import {
  type RecordPiece, type VerificationReport, findDuplicateKeys, readRecordStream, verifyRecord, verifyRecordStream, verifyRecordText,
} from '../../src/verify/index.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { rehash } from './tamper.js';

let honest: SyntheticRecord;
let text: string;
beforeAll(async () => {
  honest = await syntheticRecord();
  text = JSON.stringify(honest.record);
}, 120_000);

const options = { tokenVerifier: verifyRsaPssNode };

/** `bytes` in chunks of `size` (the last one shorter), counting how many were pulled. */
function chunked(bytes: Uint8Array, size: number, pulled = { bytes: 0 }): Iterable<Uint8Array> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < bytes.length; i += size) {
        const c = bytes.subarray(i, i + size);
        pulled.bytes += c.length;
        yield c;
      }
    },
  };
}

/** Every piece, and what the reader said at the end. */
async function readAll(source: Iterable<Uint8Array | string>) {
  const it = readRecordStream(source);
  const pieces: RecordPiece[] = [];
  for (;;) {
    const r = await it.next();
    if (r.done) return { pieces, end: r.value };
    pieces.push(r.value);
  }
}

const withoutHash = (r: VerificationReport) => ({ ...r, recordSha256: null });

describe('the streamed record gives the report of the parsed document', () => {
  it('for the honest record and tampered ones, whatever the chunk size', async () => {
    const clone = () => structuredClone(honest.record);
    const ballotAt = (r: ReturnType<typeof clone>, n: number) => r.events.findIndex((e, i) => e.kind === 'ballot' && r.events.slice(0, i + 1).filter((x) => x.kind === 'ballot').length === n);
    const variants: [string, unknown][] = [['honest', honest.record]];
    {
      const r = clone();
      const b = r.events[ballotAt(r, 2)]!.payload as { ballot: { selections: { proof: { branches: { response: string }[] } }[] } };
      const resp = b.ballot.selections[1]!.proof.branches[0]!;
      resp.response = `${resp.response.slice(0, 2) === '00' ? '01' : '00'}${resp.response.slice(2)}`;
      variants.push(['a 0-or-1 proof changed, chain re-hashed', rehash(r)]);
    }
    {
      const r = clone();
      const i = ballotAt(r, 1);
      r.events.splice(i + 1, 0, structuredClone(r.events[i]!));
      variants.push(['a ballot repeated (one ballot per token, tracking codes)', rehash(r)]);
    }
    {
      const r = clone();
      const i = ballotAt(r, 3);
      const [moved] = r.events.splice(i, 1);
      r.events.splice(r.events.findIndex((e) => e.kind === 'close') + 1, 0, moved!);
      variants.push(['a ballot after the close', rehash(r)]);
    }
    {
      const r = clone();
      (r.events[4] as { hash: string }).hash = '00'.repeat(32);
      (r.events[7] as { kind: string }).kind = 'no_such_kind';
      variants.push(['a broken link and an unknown kind', r]);
    }
    {
      const r = clone();
      const i = r.events.findIndex((e) => e.kind === 'manifest');
      const [m] = r.events.splice(i, 1);
      r.events.splice(ballotAt(r, 2) + 1, 0, m!);
      variants.push(['the manifest after the first ballots', rehash(r)]);
    }
    {
      const r = clone() as Record<string, unknown>;
      const events = r.events;
      delete r.events;
      delete r.committee;
      variants.push(['the events before the header, the committee missing', { events, ...r }]);
    }
    variants.push(['not an object', [1, 2]], ['no events', { format: 'anfora-election-record' }]);
    for (const [k, [what, record]] of variants.entries()) {
      const parsed = await verifyRecord(record, options);
      const bytes = utf8ToBytes(JSON.stringify(record, null, what === 'honest' ? 1 : undefined));
      for (const size of k === 0 ? [977, 65_536] : [k % 2 === 0 ? 977 : 65_536]) {
        const { report, unreadable } = await verifyRecordStream(chunked(bytes, size), options);
        expect(unreadable, what).toBeUndefined();
        expect(report.recordSha256, what).toBe(bytesToHex(sha256(bytes)));
        expect(withoutHash(report), `${what}, chunks of ${size}`).toEqual(withoutHash(parsed));
      }
      if (what === 'honest') expect(parsed.ok).toBe(true);
      else expect(parsed.ok, what).toBe(false);
    }
  }, 240_000);
});

describe('the reader', () => {
  it('hands out the members and then one event at a time, reading ahead no more than the chunk it is in', async () => {
    const bytes = utf8ToBytes(text);
    const pulled = { bytes: 0 };
    const it = readRecordStream(chunked(bytes, 1000, pulled));
    const seen: string[] = [];
    const events = honest.record.events;
    for (let r = await it.next(); !r.done; r = await it.next()) {
      const p = r.value;
      if (p.kind === 'member') seen.push(p.name);
      else if (p.kind === 'events') seen.push('[');
      else if (p.kind === 'event') {
        expect(p.value).toEqual(events[p.index]);
        // Event i is handed out before the text of event i + 1 is read past its first chunk.
        const endChar = text.indexOf(JSON.stringify(events[p.index]!)) + JSON.stringify(events[p.index]!).length;
        const end = utf8ToBytes(text.slice(0, endChar)).length;
        expect(pulled.bytes).toBeLessThan(end + 1000 + 1);
        seen.push(String(p.index));
      }
    }
    expect(seen).toEqual(['format', 'version', 'electionId', 'exportedAt', 'committee', '[', ...events.map((_, i) => String(i))]);
  });

  it('stops reading when its caller stops asking (it never runs ahead of the events taken)', async () => {
    const bytes = utf8ToBytes(text);
    const pulled = { bytes: 0 };
    const it = readRecordStream(chunked(bytes, 512, pulled));
    let r = await it.next();
    while (!r.done && r.value.kind !== 'event') r = await it.next();
    const after = pulled.bytes;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pulled.bytes).toBe(after);
    expect(after).toBeLessThan(bytes.length / 4);
  });

  it('agrees with JSON.parse and findDuplicateKeys on every cut, and on random edits of a record-shaped text', async () => {
    const small = JSON.stringify({
      format: 'anfora-election-record', 'a b': { x: [1, -2.5e3, true, null] }, events: [{ seq: 0, s: 'q\\"}]{,' }, [], {}, 'x', 7, { k: { k: 1 } }],
      after: '\u00e9\ud83d\ude00',
    });
    const check = async (t: string, size: number) => {
      let ok = true;
      try { JSON.parse(t); } catch { ok = false; }
      const { end } = await readAll(chunked(utf8ToBytes(t), size));
      expect(end.unreadable === undefined, t).toBe(ok);
      if (ok) expect(end.duplicateKeys, t).toEqual(findDuplicateKeys(t));
    };
    for (let cut = 0; cut < small.length; cut++) await check(small.slice(0, cut), 3);
    await check(small, 1);
    await fc.assert(fc.asyncProperty(
      fc.nat(small.length - 1), fc.constantFrom('', ' ', ',', '"', '{', '}', '[', ']', ':', '1', 'e', '\\', '"k":1,', '"events":[]'), fc.nat(4), fc.integer({ min: 1, max: 9 }),
      async (at, insert, remove, size) => check(small.slice(0, at) + insert + small.slice(at + remove), size),
    ), { numRuns: 400, seed: 14 });
  });
});

describe('a malformed stream fails the format check as the whole text did', () => {
  const formatFailures = (r: VerificationReport) => r.checks.find((c) => c.key === 'format')!.failures.map((f) => `${f.item}: ${f.detail.en}`);

  it('cut short, or followed by more data: not a JSON document, with the hash of every byte read', async () => {
    for (const bad of [text.slice(0, text.length - 2), text.slice(0, Math.floor(text.length / 2)), `${text}{}`, `${text} x`, `${text},`]) {
      const bytes = utf8ToBytes(bad);
      const { report, unreadable } = await verifyRecordStream(chunked(bytes, 4096), options);
      expect(unreadable).toBeDefined();
      expect(formatFailures(report)).toEqual([expect.stringMatching(/^record: is not a JSON document \(.+\)$/)]);
      expect(report.recordSha256).toBe(bytesToHex(sha256(bytes)));
      expect(report.ok).toBe(false);
      expect(report.counts.events).toBe(0);
      // As the whole text did.
      expect(withoutHash(report)).toEqual({ ...withoutHash(await verifyRecordText(bad, options)), checks: report.checks });
    }
  });

  it('bytes that are not UTF-8, even split between chunks', async () => {
    const bytes = utf8ToBytes(text);
    const at = text.indexOf('"fullName"') + 13;
    const bad = new Uint8Array([...bytes.subarray(0, at), 0xc3, ...bytes.subarray(at)]);
    const { unreadable } = await verifyRecordStream(chunked(bad, at + 1), options);
    expect(unreadable).toMatch(/^not UTF-8/);
    // A two-byte character cut between chunks is fine.
    const e = utf8ToBytes(JSON.stringify({ ...honest.record, exportedAt: 'é' }));
    const cut = e.indexOf(0xc3) + 1;
    expect((await verifyRecordStream(chunked(e, cut), options)).unreadable).toBeUndefined();
  });

  it('a repeated member name, in an event or at the top, names its object', async () => {
    const close = text.indexOf('"count"');
    const tampered = `${text.slice(0, close)}"count":9,${text.slice(close)}`;
    const { report } = await verifyRecordStream(chunked(utf8ToBytes(tampered), 333), options);
    const at = honest.record.events.findIndex((e) => e.kind === 'close');
    expect(formatFailures(report)).toEqual([`record events[${at}].payload.ballots[0]: the member "count" appears twice in one object (a JSON reader keeps the last)`]);
    const twice = await verifyRecordStream([`{"version":1,${text.slice(1)}`], options);
    expect(formatFailures(twice.report)).toEqual(['record: the member "version" appears twice in one object (a JSON reader keeps the last)']);
    // A second events array is refused too (its events are not read).
    const again = await verifyRecordStream([`${text.slice(0, -1)},"events":[]}`], options);
    expect(formatFailures(again.report)).toEqual(['record: the member "events" appears twice in one object (a JSON reader keeps the last)']);
  });
});
