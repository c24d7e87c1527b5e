/**
 * Reading a record as a stream (docs/election-record.md §6.1 and §7.1 R1): the bytes are
 * hashed as they come (SHA-256 of exactly the bytes read), decoded as strict UTF-8, and
 * split at the record's known structure — the top-level members one by one, and the
 * `events` array one element at a time — so that memory is bounded by the largest
 * member or event, not by the record (a 100,000-ballot record is ≈ 700 MB of JSON,
 * beyond what one JavaScript string may hold).
 *
 * Why not a general streaming JSON parser from npm: those build every value character by
 * character in JavaScript and keep the last of a repeated member name without saying so.
 * Here the splitter only finds where each member and event ends (a bracket counter that
 * skips strings), and each piece is then parsed by the engine's own `JSON.parse` and
 * searched for repeated names by text.ts `findDuplicateKeys`, so the whole document is
 * valid JSON exactly when every piece parses and the punctuation between them is right.
 * Browser-safe.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { IncrementalHash } from '../crypto/transcript.js';
import { type DuplicateKey, MAX_DUPLICATES, findDuplicateKeys } from './duplicate-keys.js';
import { type BadNumber, MAX_BAD_NUMBERS, findBadNumbers } from './numbers.js';

/** One piece of the record, in document order. */
export type RecordPiece =
  /** A top-level member other than the `events` array (its value parsed). */
  | { readonly kind: 'member'; readonly name: string; readonly value: unknown }
  /** The top-level `events` array begins (its elements follow as `event` pieces). */
  | { readonly kind: 'events' }
  /** One element of the top-level `events` array, 0-based (its value parsed). */
  | { readonly kind: 'event'; readonly index: number; readonly value: unknown }
  /** The whole document, when its top level is not an object (not a record). */
  | { readonly kind: 'document'; readonly value: unknown };

/** What the reader says once the source is exhausted. */
export interface RecordEnd {
  /** SHA-256 (hex) of every byte read (of the UTF-8 encoding, for strings). */
  readonly sha256: string;
  /** Bytes read. */
  readonly bytes: number;
  /** Objects that repeat a member name (at most 20), in document order. */
  readonly duplicateKeys: readonly DuplicateKey[];
  /** Numbers written outside the record's integer grammar (at most 20), in document order. */
  readonly badNumbers: readonly BadNumber[];
  /** Why the bytes are not a JSON document (not UTF-8, truncated, trailing data…); absent if they are. */
  readonly unreadable?: string;
}

/** A SHA-256 being computed: noble's `sha256.create()`, or another implementation (Node's `createHash('sha256')`). */
export type Sha256 = IncrementalHash;

/** Why the text is not JSON: thrown inside the splitter, turned into `unreadable`. */
class NotJson extends Error {}

const WS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const IDENT = /^[A-Za-z_$][\w$]*$/;
const STRING_STOP = /["\\]/g;

/** `prefix` joined to a path relative to the piece, as findDuplicateKeys writes paths. */
function joinPath(prefix: string, rel: string): string {
  return rel === '' ? prefix : rel.startsWith('[') ? `${prefix}${rel}` : `${prefix}.${rel}`;
}

type Mode = 'start' | 'key' | 'colon' | 'value' | 'after' | 'element' | 'afterElement' | 'end' | 'whole';

/**
 * The push parser: text goes in chunk by chunk, pieces come out. Holds at most one
 * unfinished piece's text.
 */
export class RecordSplitter {
  readonly duplicateKeys: DuplicateKey[] = [];
  readonly badNumbers: BadNumber[] = [];
  #mode: Mode = 'start';
  /** Position (characters) of the current chunk's start in the text. */
  #offset = 0;
  /** Expecting the first member or element (so `}` / `]` may close at once). */
  #first = true;
  readonly #names = new Set<string>();
  #name = '';
  #eventsSeen = false;
  /** Skipping a second `events` array (a repeated name: already a format failure). */
  #skip = false;
  #index = 0;
  // The value being captured.
  #parts: string[] = [];
  #depth = 0;
  #inString = false;
  #escape = false;
  #scalar = false;
  #capturing = false;
  /** Capturing a member name rather than a value. */
  #isKey = false;

  /** Feed the next chunk of text; returns the pieces it completed. @throws NotJson */
  push(chunk: string, out: RecordPiece[]): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.#capturing) {
        const end = this.#scan(chunk, i);
        if (end < 0) {
          this.#parts.push(i === 0 ? chunk : chunk.slice(i));
          break;
        }
        this.#parts.push(chunk.slice(i, end));
        i = end;
        this.#complete(out);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (this.#mode === 'whole') {
        this.#parts.push(i === 0 ? chunk : chunk.slice(i));
        break;
      }
      if (WS(c)) { i++; continue; }
      switch (this.#mode) {
        case 'start':
          if (c === 0x7b) { this.#mode = 'key'; this.#first = true; i++; }
          else { this.#mode = 'whole'; }
          continue;
        case 'key':
          if (c === 0x7d && this.#first) { this.#mode = 'end'; i++; continue; }
          if (c !== 0x22) this.#fail(i, chunk);
          this.#begin(true);
          continue;
        case 'colon':
          if (c !== 0x3a) this.#fail(i, chunk);
          this.#mode = 'value';
          i++;
          continue;
        case 'value':
          if (this.#name === 'events' && c === 0x5b) {
            this.#skip = this.#eventsSeen;
            if (!this.#eventsSeen) out.push({ kind: 'events' });
            this.#eventsSeen = true;
            this.#mode = 'element';
            this.#first = true;
            this.#index = 0;
            i++;
            continue;
          }
          this.#begin(false);
          continue;
        case 'after':
          if (c === 0x2c) { this.#mode = 'key'; this.#first = false; i++; continue; }
          if (c === 0x7d) { this.#mode = 'end'; i++; continue; }
          this.#fail(i, chunk);
          continue;
        case 'element':
          if (c === 0x5d && this.#first) { this.#mode = 'after'; i++; continue; }
          this.#begin(false);
          continue;
        case 'afterElement':
          if (c === 0x2c) { this.#mode = 'element'; this.#first = false; i++; continue; }
          if (c === 0x5d) { this.#mode = 'after'; i++; continue; }
          this.#fail(i, chunk);
          continue;
        default: // 'end'
          throw new NotJson(`Unexpected non-whitespace character after JSON at position ${this.#offset + i}`);
      }
    }
    this.#offset += n;
  }

  /** The text is over: the whole document must have been read. @throws NotJson */
  end(out: RecordPiece[]): void {
    if (this.#mode === 'whole') {
      const text = this.#take();
      out.push({ kind: 'document', value: this.#parse(text) });
      for (const d of findDuplicateKeys(text, MAX_DUPLICATES - this.duplicateKeys.length)) this.duplicateKeys.push(d);
      for (const b of findBadNumbers(text, MAX_BAD_NUMBERS - this.badNumbers.length)) this.badNumbers.push(b);
      this.#mode = 'end';
      return;
    }
    // A scalar at the very end of the text (only possible in a broken document).
    if (this.#mode !== 'end') throw new NotJson('Unexpected end of JSON input');
  }

  #begin(isKey: boolean): void {
    this.#capturing = true;
    this.#isKey = isKey;
    this.#parts = [];
    this.#depth = 0;
    this.#inString = false;
    this.#escape = false;
    this.#scalar = false;
  }

  /**
   * Scan the captured value from `i`: the index just past its end, or -1 if the chunk ends
   * first. A string is skipped to its closing quote; brackets are counted (a mismatched
   * pair is left for JSON.parse to refuse); a number or literal ends at a delimiter.
   */
  #scan(s: string, i: number): number {
    const n = s.length;
    while (i < n) {
      if (this.#inString) {
        if (this.#escape) { this.#escape = false; i++; continue; }
        STRING_STOP.lastIndex = i;
        const m = STRING_STOP.exec(s);
        if (m === null) return -1;
        if (s.charCodeAt(m.index) === 0x5c) { this.#escape = true; i = m.index + 1; continue; }
        this.#inString = false;
        i = m.index + 1;
        if (this.#depth === 0) return i;
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        if (this.#scalar) return i;
        this.#inString = true;
        i++;
      } else if (c === 0x7b || c === 0x5b) {
        if (this.#scalar) return i;
        this.#depth++;
        i++;
      } else if (c === 0x7d || c === 0x5d) {
        if (this.#depth === 0) return i;
        this.#depth--;
        i++;
        if (this.#depth === 0) return i;
      } else if (this.#depth === 0 && (c === 0x2c || c === 0x3a || WS(c))) {
        return i;
      } else {
        if (this.#depth === 0) this.#scalar = true;
        i++;
      }
    }
    return -1;
  }

  #take(): string {
    const text = this.#parts.length === 1 ? this.#parts[0]! : this.#parts.join('');
    this.#parts = [];
    return text;
  }

  #parse(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new NotJson(`${(e as Error).message} (in the value ending at position ${this.#offset})`);
    }
  }

  #duplicates(text: string, prefix: string): void {
    // Numbers too: a piece may be a bare number (a top-level member's value).
    const numbersRoom = MAX_BAD_NUMBERS - this.badNumbers.length;
    if (numbersRoom > 0) for (const b of findBadNumbers(text, numbersRoom)) this.badNumbers.push({ path: joinPath(prefix, b.path), text: b.text });
    const room = MAX_DUPLICATES - this.duplicateKeys.length;
    if (room <= 0 || (text.charCodeAt(0) !== 0x7b && text.charCodeAt(0) !== 0x5b)) return;
    for (const d of findDuplicateKeys(text, room)) this.duplicateKeys.push({ path: joinPath(prefix, d.path), key: d.key });
  }

  #complete(out: RecordPiece[]): void {
    this.#capturing = false;
    const text = this.#take();
    if (this.#isKey) {
      const name = this.#parse(text) as string;
      if (this.#names.has(name)) {
        if (this.duplicateKeys.length < MAX_DUPLICATES) this.duplicateKeys.push({ path: '', key: name });
      } else this.#names.add(name);
      this.#name = name;
      this.#mode = 'colon';
      return;
    }
    const value = this.#parse(text);
    if (this.#mode === 'element') {
      const index = this.#index++;
      if (!this.#skip) {
        this.#duplicates(text, `events[${index}]`);
        out.push({ kind: 'event', index, value });
      }
      this.#mode = 'afterElement';
      return;
    }
    this.#duplicates(text, IDENT.test(this.#name) ? this.#name : `[${JSON.stringify(this.#name)}]`);
    out.push({ kind: 'member', name: this.#name, value });
    this.#mode = 'after';
  }

  #fail(i: number, chunk: string): never {
    throw new NotJson(`Unexpected token '${chunk[i]}' in JSON at position ${this.#offset + i}`);
  }
}

/**
 * Read a record from a stream of bytes (or strings): the pieces one at a time, then (as
 * the generator's return value) the SHA-256 of the bytes and whether they were a JSON
 * document. A source that is not UTF-8 JSON is read to its end all the same (the hash is
 * that of every byte), and yields no more pieces after the fault. Never throws for bad
 * content; an error of the source itself (a failed download) propagates. `createHash`: the
 * SHA-256 implementation (default noble's).
 * @example
 * const it = readRecordStream(createReadStream(path));
 * for (let r = await it.next(); !r.done; r = await it.next()) handle(r.value);
 */
export async function* readRecordStream(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, createHash: () => Sha256 = () => sha256.create(),
): AsyncGenerator<RecordPiece, RecordEnd, undefined> {
  const hash = createHash();
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const splitter = new RecordSplitter();
  let bytes = 0;
  let unreadable: string | undefined;
  const out: RecordPiece[] = [];
  for await (const chunk of source) {
    const raw = typeof chunk === 'string' ? utf8ToBytes(chunk) : chunk;
    hash.update(raw);
    bytes += raw.length;
    if (unreadable !== undefined) continue;
    try {
      let s: string;
      try {
        s = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      } catch (e) {
        throw new NotJson(`not UTF-8 (${(e as Error).message})`);
      }
      splitter.push(s, out);
    } catch (e) {
      if (!(e instanceof NotJson)) throw e;
      unreadable = e.message;
    }
    // Hand out what this chunk completed; a piece is dropped as soon as the caller is done with it.
    while (out.length > 0) yield out.shift()!;
  }
  if (unreadable === undefined) {
    try {
      try {
        splitter.push(decoder.decode(), out);
      } catch (e) {
        if (e instanceof NotJson) throw e;
        throw new NotJson(`not UTF-8 (${(e as Error).message})`);
      }
      splitter.end(out);
    } catch (e) {
      if (!(e instanceof NotJson)) throw e;
      unreadable = e.message;
    }
    while (out.length > 0) yield out.shift()!;
  }
  const end = { sha256: bytesToHex(hash.digest()), bytes, duplicateKeys: splitter.duplicateKeys, badNumbers: splitter.badNumbers };
  return unreadable === undefined ? end : { ...end, unreadable };
}
