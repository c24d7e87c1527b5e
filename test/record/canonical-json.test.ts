import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { concatBytes } from '@noble/hashes/utils.js';
import { TAGS, Transcript, framedMessage } from '../../src/crypto/transcript.js';
import { canonicalJson, canonicalJsonChunks, canonicalJsonString, isCanonicalJson, sameCanonicalJson } from '../../src/record/canonical-json.js';

describe('canonical JSON', () => {
  it('sorts object keys and writes no whitespace', () => {
    expect(canonicalJsonString({ b: 1, a: [true, false, null], c: 'x' })).toBe('{"a":[true,false,null],"b":1,"c":"x"}');
  });

  it('sorts nested objects, including objects inside arrays, and keeps array order', () => {
    const v = { z: { y: 2, x: 1 }, a: [{ d: 4, c: 3 }, { f: 6, e: 5 }] };
    expect(canonicalJsonString(v)).toBe('{"a":[{"c":3,"d":4},{"e":5,"f":6}],"z":{"x":1,"y":2}}');
  });

  it('orders keys by UTF-16 code units, not code points or locale', () => {
    // U+FF21 (one unit 0xff21) sorts after U+1F600 (surrogates 0xd83d 0xde00) by code
    // units, though its code point is smaller; 'B' sorts before 'a'.
    const v = { '\uff21': 1, '\u{1f600}': 2, a: 3, B: 4, é: 5 };
    expect(canonicalJsonString(v)).toBe('{"B":4,"a":3,"é":5,"\u{1f600}":2,"\uff21":1}');
  });

  it('writes strings as JSON.stringify does and encodes them as UTF-8', () => {
    const s = 'Ánfora "quoted" \\ \n\t\u0001 \u2028 €';
    expect(canonicalJsonString(s)).toBe(JSON.stringify(s));
    expect(canonicalJson('é€😀')).toEqual(new Uint8Array([0x22, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x22]));
  });

  it('escapes a lone surrogate so the bytes stay well-formed UTF-8', () => {
    expect(canonicalJsonString('\ud800')).toBe('"\\ud800"');
    expect(new TextDecoder('utf-8', { fatal: true }).decode(canonicalJson({ '\udc00': '\ud800' }))).toBe('{"\\udc00":"\\ud800"}');
  });

  it('writes integers plainly, -0 as 0, and accepts the extreme safe integers', () => {
    expect(canonicalJsonString([0, -0, -17, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]))
      .toBe('[0,0,-17,9007199254740991,-9007199254740991]');
  });

  it('is the same for objects built with keys in any order', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.integer()), (d) => {
      const reversed = Object.fromEntries(Object.entries(d).reverse());
      expect(canonicalJsonString(reversed)).toBe(canonicalJsonString(d));
      expect(JSON.parse(canonicalJsonString(d))).toEqual(d);
    }));
  });

  it('sameCanonicalJson: the same data in any member order, and never for a value without canonical JSON', () => {
    expect(sameCanonicalJson({ a: 1, b: [{ y: 'ñ', x: null }] }, { b: [{ x: null, y: 'ñ' }], a: 1 })).toBe(true);
    expect(sameCanonicalJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameCanonicalJson([1, 2], [2, 1])).toBe(false);
    expect(sameCanonicalJson({ a: 1n }, { a: 1n })).toBe(false);
    expect(sameCanonicalJson({ a: 1.5 }, { a: 1.5 })).toBe(false);
  });

  it('in chunks, joins to the same bytes, whatever the chunk size, with characters of 1 to 4 bytes', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 1, max: 40 }), (v, size) => {
      const value = JSON.parse(JSON.stringify(v)) as unknown; // -0 and the like as JSON has them
      let ok = true;
      try { canonicalJson(value); } catch { ok = false; }
      fc.pre(ok);
      const chunks = canonicalJsonChunks(value, size);
      expect(concatBytes(...chunks)).toEqual(canonicalJson(value));
      expect(chunks.every((c) => c.length > 0)).toBe(true);
    }));
    const log = { entries: Array.from({ length: 3000 }, (_, i) => ({ id: `asociación-${i}`, k: '€𝄞'.repeat(i % 7), n: i })) };
    const chunks = canonicalJsonChunks(log);
    expect(chunks.length).toBeGreaterThan(1);
    expect(concatBytes(...chunks)).toEqual(canonicalJson(log));
  });

  it('in chunks, hashes and frames as the joined bytes, below and above the size where a transcript stops joining', () => {
    for (const n of [10, 80_000]) {
      const value = Array.from({ length: n }, (_, i) => ({ i, s: 'ñ'.repeat(i % 5) }));
      const chunks = canonicalJsonChunks(value);
      const joined = canonicalJson(value);
      expect(joined.length > 1 << 20).toBe(n === 80_000);
      expect(new Transcript(TAGS.event).u32(7).pieces(chunks).digest()).toEqual(new Transcript(TAGS.event).u32(7).bytes(joined).digest());
      expect(new Transcript(TAGS.event).pieces(chunks).challenge()).toBe(new Transcript(TAGS.event).bytes(joined).challenge());
      expect(framedMessage(TAGS.issuerLog, chunks)).toEqual(framedMessage(TAGS.issuerLog, joined));
      // One byte changed in one chunk changes the digest.
      const last = chunks.at(-1)!;
      const changed = [...chunks.slice(0, -1), last.map((b, j) => (j === 0 ? b ^ 1 : b))];
      expect(new Transcript(TAGS.event).u32(7).pieces(changed).digest()).not.toEqual(new Transcript(TAGS.event).u32(7).bytes(joined).digest());
    }
  });

  it.each([
    ['a float', { a: 1.5 }],
    ['NaN', [Number.NaN]],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an unsafe integer', 2 ** 53],
    ['undefined', undefined],
    ['an undefined member', { a: undefined }],
    ['an array hole', [1, , 3]],
    ['a function', { f: () => 1 }],
    ['a bigint', { n: 1n }],
    ['a symbol', Symbol('s')],
    ['a symbol key', { [Symbol('s')]: 1 }],
    ['a Date', { d: new Date(0) }],
    ['bytes', new Uint8Array(2)],
    ['a Map', new Map()],
  ])('throws TypeError on %s', (_name, v) => {
    expect(() => canonicalJson(v)).toThrow(TypeError);
  });

  it('names the path of the offending value', () => {
    expect(() => canonicalJson({ a: [{ b: 0.1 }] })).toThrow(/"value\.a\[0\]\.b" expected a safe integer/);
  });

  it('throws TypeError on a cycle but accepts a shared (acyclic) subtree', () => {
    const shared = { x: 1 };
    expect(canonicalJsonString({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(TypeError);
  });

  it('accepts objects with a null prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 1;
    o.a = 2;
    expect(canonicalJsonString(o)).toBe('{"a":2,"b":1}');
  });

  it('recognises canonical texts and refuses every other form of the same value', () => {
    expect(isCanonicalJson('{"a":1,"b":[2,"x"]}')).toBe(true);
    for (const t of ['{"b":[2,"x"],"a":1}', '{"a": 1,"b":[2,"x"]}', '{"a":1.0,"b":[2,"x"]}', '{"a":1e0,"b":[2,"x"]}',
      '{"a":1,"b":[2,"\\u0078"]}', '{"a":-0,"b":[2,"x"]}', '{"a":0.5}', '1e400', '{', '', ' 1']) {
      expect(isCanonicalJson(t), t).toBe(false);
    }
    expect(isCanonicalJson(42 as unknown as string)).toBe(false);
  });
});
