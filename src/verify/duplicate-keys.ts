/**
 * Repeated member names in a JSON text (docs/election-record.md §7.1 R1), which
 * `JSON.parse` silently resolves to the last value, so that a record could show one value
 * to this verifier and another to a reader that keeps the first. Used on the whole text
 * (text.ts) and piece by piece on a streamed record (record-stream.ts). Browser-safe.
 * @module
 */

/** An object of the text that repeats a member name. */
export interface DuplicateKey {
  /** The object's path: `events[3].payload`, or '' for the top level. */
  readonly path: string;
  /** The repeated name. */
  readonly key: string;
}

/** Repeated names listed at most (one is enough to refuse the record). */
export const MAX_DUPLICATES = 20;

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
