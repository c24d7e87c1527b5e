/**
 * Bad requests generated from the API's own OpenAPI document (`/docs/json`), for the fuzz
 * test (test/http/fuzz.int.test.ts), so a new route is fuzzed without editing the test.
 * Every request carries at least one fault that must get it refused — a forged or missing
 * token, a malformed path parameter, a body that breaks its schema or is not JSON, or an
 * exact replay of something already done — while the rest of it is as plausible as the
 * context allows (real ids, a token of a role the route admits), so that the fault, not
 * an accident, is what the server must refuse. A success of a write is then a finding.
 */
import fc from 'fast-check';
import { UNSTORABLE_TEXT, hostileTokens } from './hostile.js';

/** The parts of JSON Schema the API's document uses. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
}

export interface Operation {
  readonly method: string;
  /** The OpenAPI path template, e.g. `/elections/{id}/board`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly query: readonly { name: string; schema: Schema }[];
  readonly body: Schema | null;
  readonly secured: boolean;
}

export const opKey = (op: Pick<Operation, 'method' | 'path'>): string => `${op.method} ${op.path}`;

interface OpenApiDoc {
  paths: Record<string, Record<string, {
    parameters?: { in: string; name: string; schema: Schema }[];
    requestBody?: { content: Record<string, { schema: Schema }> };
    security?: unknown[];
  }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation of the document. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, o]) => ({
    method: method.toUpperCase(), path,
    pathParams: (o.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    query: (o.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
    body: o.requestBody?.content['application/json']?.schema ?? null,
    secured: (o.security ?? []).length > 0,
  })));
}

/** Fields holding a secret (hashed, never stored as text), where any text is acceptable. */
export const isSecret = (key: string | number | undefined): boolean => typeof key === 'string' && /password/i.test(key);

/** A request that was already made and must now be refused, with what it needs. */
export interface Replay {
  readonly params: Readonly<Record<string, string>>;
  readonly token?: string;
  readonly body?: unknown;
}

/** What the generator knows of the election as it stands. */
export interface FuzzContext {
  /** Real values of a path parameter, by the path segment before it (`elections`, `contests`, `tracking`…). */
  readonly ids: Readonly<Record<string, readonly string[]>>;
  /** Real ids of every kind, for the uuid fields of bodies. */
  readonly uuids: readonly string[];
  /** Access tokens by role. */
  readonly tokens: Readonly<Record<string, readonly string[]>>;
  /** The roles each protected operation admits, by {@link opKey}. */
  readonly roles: ReadonlyMap<string, readonly string[]>;
  /** Requests already made, by {@link opKey}. */
  readonly replays: ReadonlyMap<string, readonly Replay[]>;
}

/**
 * The kinds of fault a request can carry: a forged or missing token, a malformed path
 * parameter, a bad query or Accept-Language (GET), a bad body (other methods), or an exact
 * replay of something already done.
 */
export type FaultKind = 'auth' | 'path' | 'query' | 'header' | 'body' | 'replay';

/** The fault kinds that apply to `op` in the election described by `ctx`. */
export function faultKinds(op: Operation, ctx: Pick<FuzzContext, 'replays'>): FaultKind[] {
  return [
    ...(op.secured ? ['auth' as const] : []), ...(op.pathParams.length > 0 ? ['path' as const] : []),
    ...(op.method === 'GET' ? ['query' as const, 'header' as const] : ['body' as const]),
    ...((ctx.replays.get(opKey(op)) ?? []).length > 0 ? ['replay' as const] : []),
  ];
}

export interface FuzzRequest {
  readonly op: string;
  readonly kind: FaultKind;
  /** The fault that must get the request refused (for a GET, what was varied). */
  readonly fault: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
}

/** A number JSON.stringify cannot write (1e400, 30 digits): spliced into the text after. */
class RawNumber {
  constructor(readonly text: string) {}
  toJSON(): string { return `\u0001${this.text}\u0001`; }
}
const toJsonText = (v: unknown): string => JSON.stringify(v).replace(/"\\u0001([^"\\]*)\\u0001"/g, '$1');

const BAD_SEGMENTS = [
  'not-a-uuid', '0', '-1', '1e400', '00000000-0000-0000-0000-00000000000g', '00000000-0000-4000-8000-0000000000000',
  "'%20OR%201=1--", '%00', '%ZZ', '%E0%A4%A', '%2F', '%2e%2e', 'null', '%F0%9F%98%80', '%ED%A0%80', '%C0%80', 'A'.repeat(3000),
  'ABCDEF', 'abc', '',
];
const BAD_QUERY_VALUES = ['-1', '1e400', '2147483648', '4294967296', '4294967295', '9'.repeat(400), '1.5', 'abc', '', '0x10', 'NaN', 'Infinity', '%00', '1%00', '%201', '%ZZ'];
const NOT_JSON = ['', '{', '{"a":', '[1,', '\u0000', 'nul', '{"a":1}}', "{'a':1}", '\ufeff{', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,}'];
const NOT_AN_OBJECT = ['null', '1', '"x"', '[]', 'true', `${'['.repeat(5000)}${']'.repeat(5000)}`, '1e400'];
const OTHER_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/jsonx'];
const BAD_AUTHORIZATION = ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNzd29yZA==', 'Token abc', 'Bearer a.b', 'Bearer ....', `Bearer ${'a'.repeat(6000)}`];
const BAD_LANGUAGES = ['', '*', 'xx', 'es;q=abc', 'en-GB,en;q=0.8,es;q=2', 'a'.repeat(6000), ';;;,,,'];

/** Any UTF-16 text, lone surrogates included (fast-check's `binary` unit takes seconds to set up). */
const ANY_UTF16 = fc.string({ maxLength: 30, unit: fc.nat({ max: 0xffff }).map((c) => String.fromCharCode(c)) });
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

type G = fc.GeneratorValue;
const pick = <T>(g: G, xs: readonly T[]): T => xs[g(fc.nat, { max: xs.length - 1 })]!;
const chance = (g: G, p: number): boolean => g(fc.double, { min: 0, max: 1, noNaN: true }) < p;

/**
 * The arbitrary of bad requests over `ops` for the election described by `ctx`: each
 * request picks one operation and one of its fault kinds ({@link faultKinds}, replays
 * weighted double), or carries fault `kind` when given (which must apply to every op).
 * One op and a kind let the caller cover every (operation, fault) pair deterministically.
 */
export function badRequests(doc: OpenApiDoc, ops: readonly Operation[], ctx: FuzzContext, kind?: FaultKind): fc.Arbitrary<FuzzRequest> {
  if (kind !== undefined) {
    const without = ops.filter((o) => !faultKinds(o, ctx).includes(kind));
    if (without.length > 0) throw new RangeError(`fault ${kind} does not apply to ${without.map(opKey).join(', ')}`);
  }
  const resolve = (s: Schema): Schema => (s.$ref ? doc.components!.schemas![s.$ref.split('/').pop()!]! : s);
  const forged = Object.values(hostileTokens('admin'));

  /** A value that satisfies `s` as far as the generator can tell; `nodes` collects every place a fault can go. */
  function valid(g: G, s0: Schema, path: (string | number)[], nodes: { path: (string | number)[]; schema: Schema }[]): unknown {
    const s = resolve(s0);
    nodes.push({ path, schema: s });
    if (s.anyOf) {
      const nonNull = s.anyOf.filter((x) => x.type !== 'null');
      return chance(g, 0.1) && nonNull.length < s.anyOf.length ? null : valid(g, pick(g, nonNull), path, []);
    }
    if (s.oneOf) return valid(g, pick(g, s.oneOf), path, nodes);
    if (s.const !== undefined) return s.const;
    if (s.enum) return pick(g, s.enum);
    switch (s.type) {
      case 'string': return validString(g, s);
      case 'integer':
      case 'number': {
        const min = s.minimum ?? 0;
        return g(fc.integer, { min, max: Math.min(s.maximum ?? min + 50, min + 50) });
      }
      case 'boolean': return g(fc.boolean);
      case 'array': {
        const n = g(fc.integer, { min: s.minItems ?? 0, max: Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 2) });
        return Array.from({ length: n }, (_, i) => valid(g, s.items ?? {}, [...path, i], i === 0 ? nodes : []));
      }
      case 'object': {
        if (!s.properties) return g(fc.dictionary, fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
        const out: Record<string, unknown> = {};
        for (const [k, p] of Object.entries(s.properties)) {
          if ((s.required ?? []).includes(k) || chance(g, 0.5)) out[k] = valid(g, p, [...path, k], nodes);
        }
        return out;
      }
      default: return g(fc.jsonValue, { maxDepth: 2 });
    }
  }

  function validString(g: G, s: Schema): string {
    if (s.format === 'uuid') return chance(g, 0.8) && ctx.uuids.length > 0 ? pick(g, ctx.uuids) : g(fc.uuid);
    if (s.format === 'email') return `fuzz-${g(fc.nat, { max: 9999 })}@asociaciones.test`;
    if (s.format === 'date-time') return new Date(Date.UTC(2026, 0, 1) + g(fc.nat, { max: 1e10 })).toISOString();
    if (s.pattern?.includes('{64}')) return hex(g(fc.uint8Array, { minLength: 32, maxLength: 32 }));
    if (s.pattern?.includes('[0-9a-f]{2}')) return hex(g(fc.uint8Array, { minLength: 1, maxLength: 32 }));
    const min = Math.max(s.minLength ?? 0, 1);
    return g(fc.string, { minLength: min, maxLength: Math.max(min, Math.min(s.maxLength ?? 30, 30)), unit: 'grapheme' }).trim().padEnd(min, 'x');
  }

  /** Values `s` must refuse in place of `v`. */
  function invalid(s0: Schema, v: unknown, key: string | number | undefined): unknown[] {
    const nullable = s0.anyOf?.some((x) => x.type === 'null') ?? false;
    const s = resolve(s0.anyOf?.find((x) => x.type !== 'null') ?? s0);
    const type = s.oneOf ? 'union' : s.type ?? 'any';
    const out: unknown[] = nullable ? [] : [null];
    switch (type) {
      case 'string': {
        out.push(7, true, {}, []);
        if (s.enum) out.push('no-such-value');
        // Any text but a secret, which is hashed and never stored as text: a password may hold anything.
        if (!isSecret(key)) for (const x of Object.values(UNSTORABLE_TEXT)) out.push(`${String(v)}${x}`);
        if (s.maxLength !== undefined) out.push('x'.repeat(s.maxLength + 1));
        if ((s.minLength ?? 0) > 0) out.push('');
        // Free text is trimmed before its length is checked (a password is not).
        if ((s.minLength ?? 0) > 0 && s.pattern?.includes('p{Cs}')) out.push(' '.repeat(s.minLength!));
        break;
      }
      case 'integer':
      case 'number':
        out.push('1', true, {}, [], new RawNumber('1e400'), new RawNumber('-1e400'), new RawNumber('123456789012345678901234567890'));
        if (type === 'integer') out.push(1.5, 2 ** 53 + 2);
        if (s.maximum !== undefined) out.push(s.maximum + 1, 1e308);
        if (s.minimum !== undefined) out.push(s.minimum - 1, -1e308);
        break;
      case 'boolean': out.push('true', 1, 0, {}); break;
      case 'array':
        out.push({}, 'x', 1);
        if (s.maxItems !== undefined) out.push(new Array(s.maxItems + 1).fill(Array.isArray(v) && v.length > 0 ? v[0] : {}));
        if ((s.minItems ?? 0) > 0) out.push([]);
        break;
      case 'object':
      case 'union':
        out.push([], 'x', 1, true);
        break;
      default: break;
    }
    return out;
  }

  /** `v` with one fault at one of `nodes`. */
  function mutate(g: G, v: unknown, nodes: { path: (string | number)[]; schema: Schema }[]): { value: unknown; what: string } {
    const node = pick(g, nodes);
    const objectFaults: { value: unknown; what: string }[] = [];
    const s = resolve(node.schema);
    const here = getAt(v, node.path);
    if (s.type === 'object' && s.additionalProperties === false && here !== null && typeof here === 'object') {
      objectFaults.push({ value: setAt(v, [...node.path, 'fuzzUnknownField'], 1), what: 'an unknown field' });
      for (const k of s.required ?? []) objectFaults.push({ value: setAt(v, [...node.path, k], undefined), what: `no ${k}` });
    }
    const bad = invalid(node.schema, here, node.path.at(-1));
    if (objectFaults.length > 0 && chance(g, 0.4)) return pick(g, objectFaults);
    const replacement = pick(g, bad);
    return { value: setAt(v, node.path, replacement), what: `${node.path.join('/') || 'body'} := ${toJsonText(replacement)?.slice(0, 40)}` };
  }

  function realValue(g: G, op: Operation, param: string): string {
    const segments = op.path.split('/');
    const kind = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
    const real = ctx.ids[kind] ?? [];
    return real.length > 0 && chance(g, 0.9) ? pick(g, real) : chance(g, 0.5) && ctx.uuids.length > 0 ? pick(g, ctx.uuids) : g(fc.uuid);
  }

  function badSegment(g: G): string {
    if (chance(g, 0.2)) return g(fc.uuid);
    if (chance(g, 0.2)) {
      const text = g(() => ANY_UTF16);
      try {
        return encodeURIComponent(text);
      } catch {
        return '%ED%A0%80';
      }
    }
    return pick(g, BAD_SEGMENTS);
  }

  return fc.gen().map((g): FuzzRequest => {
    const op = pick(g, ops);
    const key = opKey(op);
    const replays = ctx.replays.get(key) ?? [];
    const kinds = faultKinds(op, ctx);
    const chosen: FaultKind = kind ?? pick(g, kinds.includes('replay') ? [...kinds, 'replay'] : kinds);
    let fault: string = chosen;
    const headers: Record<string, string> = {};
    let params: Record<string, string> = Object.fromEntries(op.pathParams.map((p) => [p, realValue(g, op, p)]));
    let token: string | undefined;
    if (op.secured) {
      const roles = ctx.roles.get(key) ?? Object.keys(ctx.tokens);
      token = pick(g, ctx.tokens[pick(g, roles)] ?? []);
    } else if (chance(g, 0.2)) {
      token = pick(g, Object.values(ctx.tokens).flat());
    }
    const nodes: { path: (string | number)[]; schema: Schema }[] = [];
    let body: unknown = op.body ? valid(g, op.body, [], nodes) : undefined;
    let payload: string | undefined = body === undefined ? undefined : toJsonText(body);
    let query = '';

    switch (chosen) {
      case 'replay': {
        const r = pick(g, replays);
        params = { ...r.params };
        token = r.token;
        body = r.body;
        payload = body === undefined ? undefined : toJsonText(body);
        break;
      }
      case 'auth':
        token = undefined;
        if (chance(g, 0.7)) token = pick(g, forged);
        else if (chance(g, 0.8)) headers.authorization = pick(g, BAD_AUTHORIZATION);
        fault = `auth: ${headers.authorization?.slice(0, 20) ?? (token ? `forged ${token.slice(0, 16)}…` : 'none')}`;
        break;
      case 'path': {
        const p = pick(g, op.pathParams);
        params[p] = badSegment(g);
        fault = `path: ${p} = ${params[p]!.slice(0, 40)}`;
        break;
      }
      case 'query': {
        const name = op.query.length > 0 ? pick(g, op.query).name : pick(g, ['from', 'limit', '__proto__', 'x']);
        const value = pick(g, BAD_QUERY_VALUES);
        query = `?${name}=${value}${chance(g, 0.2) ? `&${name}=${value}` : ''}`;
        fault = `query: ${query.slice(0, 40)}`;
        break;
      }
      case 'header':
        headers['accept-language'] = pick(g, BAD_LANGUAGES);
        fault = `accept-language: ${headers['accept-language'].slice(0, 20)}`;
        break;
      case 'body': {
        const kinds = op.body ? ['not JSON', 'not an object', 'content type', 'schema', 'schema', 'schema'] : ['not JSON'];
        const kind = pick(g, kinds);
        if (kind === 'not JSON') payload = pick(g, NOT_JSON);
        else if (kind === 'not an object') payload = pick(g, NOT_AN_OBJECT);
        else if (kind === 'content type') headers['content-type'] = pick(g, OTHER_CONTENT_TYPES);
        else {
          const m = mutate(g, body, nodes);
          payload = toJsonText(m.value);
          fault = `body: ${m.what}`;
          break;
        }
        fault = `body: ${kind} ${headers['content-type'] ?? JSON.stringify(payload?.slice(0, 20))}`;
        break;
      }
      default: break;
    }
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    if (token !== undefined && headers.authorization === undefined) headers.authorization = `Bearer ${token}`;
    const url = op.path.replace(/\{(\w+)\}/g, (_, n: string) => params[n]!) + query;
    return { op: key, kind: chosen, fault, method: op.method, url, headers, ...(payload !== undefined && { payload }) };
  });
}

function getAt(v: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((x, k) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), v);
}

/** A copy of `v` with `path` set to `x` (deleted when `x` is undefined). */
function setAt(v: unknown, path: readonly (string | number)[], x: unknown): unknown {
  if (path.length === 0) return x;
  const [k, ...rest] = path;
  const copy: Record<string | number, unknown> = Array.isArray(v) ? [...v] as never : { ...(v as object) };
  if (rest.length === 0 && x === undefined) delete copy[k!];
  else copy[k!] = setAt(copy[k!], rest, x);
  return copy;
}
