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
import { type DuplicateKey, findDuplicateKeys } from './duplicate-keys.js';
import { type BadNumber, findBadNumbers } from './numbers.js';
import type { VerificationReport } from './report.js';
import { type VerifyOptions, verifyParsed, verifyRecordStream } from './verify-record.js';

export { type DuplicateKey, findDuplicateKeys };

/** What {@link readRecordText} makes of the bytes or text of a record. */
export type RecordText =
  | {
    readonly ok: true;
    /** The parsed document (JSON.parse: a repeated name keeps its last value). */
    readonly record: unknown;
    /** SHA-256 (hex) of the bytes (of the UTF-8 encoding, for a string). */
    readonly sha256: string;
    readonly duplicateKeys: readonly DuplicateKey[];
    /** Numbers written outside the record's integer grammar (numbers.ts). */
    readonly badNumbers: readonly BadNumber[];
  }
  | { readonly ok: false; readonly sha256: string; readonly reason: string };

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
  return { ok: true, record, sha256: hash, duplicateKeys: findDuplicateKeys(text), badNumbers: findBadNumbers(text) };
}

/**
 * Verify a record from its bytes or text (or what {@link readRecordText} made of them):
 * like `verifyRecord`, and also a text that is not JSON, or repeats a member name, fails
 * the format check; the report carries the bytes' SHA-256. Bytes and text are read as a
 * stream (verify-record.ts `verifyRecordStream`), as a file or a download would be. Never
 * throws.
 * @example const report = await verifyRecordText(await (await fetch(url)).text());
 */
export async function verifyRecordText(input: string | Uint8Array | RecordText, options: VerifyOptions = {}): Promise<VerificationReport> {
  if (typeof input === 'string' || input instanceof Uint8Array) return (await verifyRecordStream([input], options)).report;
  if (!input.ok) return verifyParsed(null, options, { sha256: input.sha256, unreadable: input.reason });
  return verifyParsed(input.record, options, { sha256: input.sha256, duplicateKeys: input.duplicateKeys, badNumbers: input.badNumbers });
}
