/**
 * Canonical JSON (docs/voting-protocol.md "Canonical JSON"): the one byte form in which
 * every hashed or signed JSON object of the record is hashed. UTF-8 of JSON with
 *
 * 1. object keys sorted by UTF-16 code units (JavaScript's default string order),
 * 2. no whitespace,
 * 3. strings exactly as `JSON.stringify` writes them (lone surrogates escaped as `\udxxx`),
 * 4. numbers only as safe integers (no floats, NaN, ±Infinity; `-0` is written `0`),
 * 5. only `null`, booleans, integers, strings, arrays and plain objects — no `undefined`
 *    (not even as an object member), functions, symbols, bigints, class instances
 *    (`Date`, `Uint8Array`, `Map`, …) or cycles.
 *
 * A value outside this set is a programming error of the caller (the record only ever
 * hashes values it built or parsed with zod), so it throws `TypeError`. To judge an
 * untrusted *text*, use {@link isCanonicalJson}, which never throws.
 * @module
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Where the canonical text goes, piece by piece. */
interface Out {
  push(...pieces: string[]): unknown;
}

function write(v: unknown, path: string, open: Set<object>, out: Out): void {
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isSafeInteger(v)) throw new TypeError(`"${path}" expected a safe integer, got ${String(v)}`);
      out.push(String(v === 0 ? 0 : v));
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`"${path}" expected a JSON value, got ${typeof v}`);
  }
  if (v === null) {
    out.push('null');
    return;
  }
  if (open.has(v)) throw new TypeError(`"${path}" expected a tree, got a cycle`);
  open.add(v);
  if (Array.isArray(v)) {
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out.push(',');
      if (!Object.hasOwn(v, i)) throw new TypeError(`"${path}[${i}]" expected a JSON value, got a hole`);
      write(v[i], `${path}[${i}]`, open, out);
    }
    out.push(']');
  } else {
    if (!isPlainObject(v)) throw new TypeError(`"${path}" expected a plain object, got ${v.constructor?.name ?? 'an object'}`);
    if (Object.getOwnPropertySymbols(v).length > 0) throw new TypeError(`"${path}" expected string keys, got a symbol`);
    const keys = Object.keys(v).sort();
    out.push('{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(k), ':');
      write((v as Record<string, unknown>)[k], `${path}.${k}`, open, out);
    });
    out.push('}');
  }
  open.delete(v);
}

/**
 * The canonical JSON text of `value` (see the module comment).
 * @throws TypeError if `value` holds anything but null, booleans, safe integers, strings,
 *   arrays and plain objects, or a cycle
 * @example canonicalJsonString({ b: [1, 'x'], a: null }) // '{"a":null,"b":[1,"x"]}'
 */
export function canonicalJsonString(value: unknown): string {
  const out: string[] = [];
  write(value, 'value', new Set(), out);
  return out.join('');
}

/** Text pieces gathered and encoded as UTF-8 a chunk at a time. */
class Utf8Chunks implements Out {
  readonly chunks: Uint8Array[] = [];
  #pending: string[] = [];
  #chars = 0;

  constructor(readonly chunkChars: number) {}

  push(...pieces: string[]): void {
    for (const p of pieces) {
      this.#pending.push(p);
      this.#chars += p.length;
    }
    if (this.#chars >= this.chunkChars) this.flush();
  }

  flush(): void {
    if (this.#chars === 0) return;
    this.chunks.push(utf8ToBytes(this.#pending.join('')));
    this.#pending = [];
    this.#chars = 0;
  }
}

/**
 * {@link canonicalJson} of `value` as consecutive chunks of its bytes (each cut after a
 * piece of text of about `chunkChars` characters), never as one string or one array: a
 * verifier hashing an issuer log of 100,000 entries (70 MB) so holds its encoding once,
 * not as a string, its bytes and their framing at the same time. Joined, the chunks are
 * exactly `canonicalJson(value)`.
 * @throws TypeError as {@link canonicalJsonString}
 * @example canonicalJsonChunks({ a: 1 }) // [utf8ToBytes('{"a":1}')]
 */
export function canonicalJsonChunks(value: unknown, chunkChars = 1 << 16): Uint8Array[] {
  const out = new Utf8Chunks(chunkChars);
  write(value, 'value', new Set(), out);
  out.flush();
  return out.chunks;
}

/**
 * The canonical JSON bytes of `value`: UTF-8 of {@link canonicalJsonString}. These are
 * the bytes the manifest hash, board event hashes and receipt signatures cover.
 * @throws TypeError as {@link canonicalJsonString}
 * @example new Transcript(TAGS.manifest).bytes(canonicalJson(manifest)).digest()
 */
export function canonicalJson(value: unknown): Uint8Array {
  return utf8ToBytes(canonicalJsonString(value));
}

/**
 * True if `a` and `b` have the same canonical JSON (the same data, whatever the order of
 * their members); false if either has none. Never throws.
 * @example sameCanonicalJson({ a: 1, b: 2 }, { b: 2, a: 1 }) // true
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJsonString(a) === canonicalJsonString(b);
  } catch {
    return false;
  }
}

/**
 * True if `text` is a JSON text already in canonical form (parses, and re-encodes to
 * the very same string). For untrusted input: never throws.
 * @example isCanonicalJson('{"a":1,"b":2}') // true; isCanonicalJson('{"b":2,"a":1}') // false
 */
export function isCanonicalJson(text: string): boolean {
  if (typeof text !== 'string') return false;
  try {
    return canonicalJsonString(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
