/**
 * The record's one integer grammar (docs/election-record.md §2.2): every number is
 * written `-?(0|[1-9][0-9]*)` with |x| ≤ 2^53 − 1 — no fraction, no exponent, no leading
 * zero, no `-0`. `JSON.parse` takes `66.00000000000000000001`, `66.0`, `6.6e1` and
 * `9007199254740993` to a number that prints as an integer, so two readers could see two
 * values in one text; here each number is judged by its spelling. Used on the whole text
 * (text.ts) and piece by piece on a streamed record (record-stream.ts). Browser-safe.
 * @module
 */

/** A number of the text outside the grammar, with where it is. */
export interface BadNumber {
  /** The path of the value: `events[3].payload.ballots[0].count`, or '' for the top level. */
  readonly path: string;
  /** The number as written. */
  readonly text: string;
}

/** Bad numbers listed at most (one is enough to refuse the record). */
export const MAX_BAD_NUMBERS = 20;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const INTEGER = /^-?(?:0|[1-9]\d*)$/;

/** Is `token` (a JSON number as written) an integer of the record's grammar? */
export function isRecordInteger(token: string): boolean {
  return INTEGER.test(token) && token !== '-0' && Number.isSafeInteger(Number(token));
}

interface Frame {
  readonly array: boolean;
  key: string;
  index: number;
  expectKey: boolean;
}

function pathOf(stack: readonly Frame[]): string {
  let path = '';
  for (const f of stack) {
    path += f.array ? `[${f.index}]` : /^[A-Za-z_$][\w$]*$/.test(f.key) ? `${path ? '.' : ''}${f.key}` : `[${JSON.stringify(f.key)}]`;
  }
  return path;
}

/**
 * The numbers of a JSON text written outside the record's integer grammar, in text order.
 * `text` must be valid JSON (parse it first); one pass, strings skipped by search.
 * @example findBadNumbers('{"count":66.00000000000000000001}') // [{ path: 'count', text: '66.00000000000000000001' }]
 */
export function findBadNumbers(text: string, max = MAX_BAD_NUMBERS): BadNumber[] {
  const out: BadNumber[] = [];
  const stack: Frame[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && out.length < max) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return out;
        let backslashes = 0;
        for (let k = end - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      const top = stack[stack.length - 1];
      if (top !== undefined && !top.array && top.expectKey) {
        const raw = text.slice(i + 1, end);
        top.key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        top.expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const token = m === null ? text[i]! : m[0];
      if (!isRecordInteger(token)) out.push({ path: pathOf(stack), text: token });
      i += token.length;
      continue;
    }
    if (c === 0x7b || c === 0x5b) stack.push({ array: c === 0x5b, key: '', index: 0, expectKey: c === 0x7b });
    else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.array) top.index++;
        else top.expectKey = true;
      }
    }
    i++;
  }
  return out;
}

/**
 * The numbers of an already parsed document that no text of the grammar could give: not a
 * safe integer, or −0 (the text `-0`). What {@link findBadNumbers} finds in the text, as far
 * as a parsed value still shows it — `66.0` and `66` parse alike — so that a record handed
 * over parsed (verify-record.ts `verifyRecord`) fails the format check with the same
 * findings as its text would. Same paths as {@link findBadNumbers}, in document order.
 * @example findBadParsedNumbers({ count: 1.5 }) // [{ path: 'count', text: '1.5' }]
 */
export function findBadParsedNumbers(value: unknown, max = MAX_BAD_NUMBERS): BadNumber[] {
  const out: BadNumber[] = [];
  const stack: Frame[] = [];
  const walk = (v: unknown): void => {
    if (out.length >= max) return;
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v) || Object.is(v, -0)) out.push({ path: pathOf(stack), text: Object.is(v, -0) ? '-0' : Number.isInteger(v) ? BigInt(v).toString() : String(v) });
    } else if (Array.isArray(v)) {
      const frame: Frame = { array: true, key: '', index: 0, expectKey: false };
      stack.push(frame);
      v.forEach((x, k) => { frame.index = k; walk(x); });
      stack.pop();
    } else if (typeof v === 'object' && v !== null) {
      const frame: Frame = { array: false, key: '', index: 0, expectKey: false };
      stack.push(frame);
      for (const [k, x] of Object.entries(v)) { frame.key = k; walk(x); }
      stack.pop();
    }
  };
  walk(value);
  return out;
}
