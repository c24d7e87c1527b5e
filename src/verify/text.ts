/**
 * The record as text (docs/election-record.md §3 and §7.1 R1): what `JSON.parse` cannot
 * tell. A text whose object repeats a member name is malformed — `JSON.parse` silently
 * keeps the last, so a record could show one value to this verifier and another to a
 * reader that keeps the first — and the record's identity is the SHA-256 of the bytes as
 * published. {@link verifyRecordText} is the entry point for a record read from a file or
 * a URL (the command line, the auditor page). Browser-safe.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { VerificationReport } from './report.js';
import { type VerifyOptions, verifyParsed } from './verify-record.js';

/** An object of the text that repeats a member name. */
export interface DuplicateKey {
  /** The object's path: `events[3].payload`, or '' for the top level. */
  readonly path: string;
  /** The repeated name. */
  readonly key: string;
}

/** What {@link readRecordText} makes of the bytes or text of a record. */
export type RecordText =
  | {
    readonly ok: true;
    /** The parsed document (JSON.parse: a repeated name keeps its last value). */
    readonly record: unknown;
    /** SHA-256 (hex) of the bytes (of the UTF-8 encoding, for a string). */
    readonly sha256: string;
    readonly duplicateKeys: readonly DuplicateKey[];
  }
  | { readonly ok: false; readonly sha256: string; readonly reason: string };

/** Repeated names listed at most (one is enough to refuse the record). */
const MAX_DUPLICATES = 20;

function pathOf(stack: readonly Frame[]): string {
  let path = '';
  for (let i = 0; i < stack.length - 1; i++) {
    const f = stack[i]!;
    path += f.keys === null ? `[${f.index}]` : /^[A-Za-z_$][\w$]*$/.test(f.key) ? `${path ? '.' : ''}${f.key}` : `[${JSON.stringify(f.key)}]`;
  }
  return path;
}

interface Frame {
  /** The member names seen so far; null for an array. */
  readonly keys: Set<string> | null;
  /** The current member name (objects) … */
  key: string;
  /** … or element index (arrays). */
  index: number;
}

/**
 * The objects of a JSON text that repeat a member name (compared after unescaping, so
 * `"a"` and `"\u0061"` are the same name). `text` must be valid JSON (parse it first);
 * one pass, strings skipped by search. Never throws on valid JSON.
 * @example findDuplicateKeys('{"a":1,"a":2}') // [{ path: '', key: 'a' }]
 */
export function findDuplicateKeys(text: string, max = MAX_DUPLICATES): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  const n = text.length;
  let i = 0;
  while (i < n && out.length < max) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string: find its closing quote (one not escaped by an odd run of backslashes)
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return out; // not valid JSON: nothing more to say
        let backslashes = 0;
        for (let k = end - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      const top = stack[stack.length - 1];
      if (expectKey && top !== undefined && top.keys !== null) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.keys.has(key)) out.push({ path: pathOf(stack), key });
        else top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b) { // {
      stack.push({ keys: new Set(), key: '', index: 0 });
      expectKey = true;
    } else if (c === 0x5b) { // [
      stack.push({ keys: null, key: '', index: 0 });
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) { // } ]
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) { // ,
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.keys === null) top.index++;
        else expectKey = true;
      }
    }
    i++;
  }
  return out;
}

/**
 * Read a record's bytes or text: SHA-256 of the bytes, UTF-8 (strict), JSON, and the
 * repeated member names. Never throws.
 * @example const read = readRecordText(await readFile(path)); if (!read.ok) console.error(read.reason);
 */
export function readRecordText(input: string | Uint8Array): RecordText {
  let bytes: Uint8Array;
  let text: string;
  try {
    if (typeof input === 'string') {
      text = input;
      bytes = utf8ToBytes(input);
    } else {
      bytes = input;
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    }
  } catch (e) {
    const sha = input instanceof Uint8Array ? bytesToHex(sha256(input)) : '';
    return { ok: false, sha256: sha, reason: `not UTF-8 (${(e as Error).message})` };
  }
  const hash = bytesToHex(sha256(bytes));
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (e) {
    return { ok: false, sha256: hash, reason: (e as Error).message };
  }
  return { ok: true, record, sha256: hash, duplicateKeys: findDuplicateKeys(text) };
}

/**
 * Verify a record from its bytes or text (or what {@link readRecordText} made of them):
 * like `verifyRecord`, and also a text that is not JSON, or repeats a member name, fails
 * the format check; the report carries the bytes' SHA-256. Never throws.
 * @example const report = await verifyRecordText(await (await fetch(url)).text());
 */
export async function verifyRecordText(input: string | Uint8Array | RecordText, options: VerifyOptions = {}): Promise<VerificationReport> {
  const read = typeof input === 'string' || input instanceof Uint8Array ? readRecordText(input) : input;
  if (!read.ok) return verifyParsed(null, options, { sha256: read.sha256, unreadable: read.reason });
  return verifyParsed(read.record, options, { sha256: read.sha256, duplicateKeys: read.duplicateKeys });
}
