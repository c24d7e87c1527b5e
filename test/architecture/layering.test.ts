/**
 * The dependency rules of DESIGN.md §5 and STYLE.md, checked over every import:
 * crypto imports nothing of ours; domain imports neither Fastify nor Kysely nor pg;
 * verify and client import only crypto and record.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) out.push(m[1]!);
  return out;
}

/** The top folder under src/ that an import lands in, or the package name. */
function target(file: string, spec: string): { layer?: string; pkg?: string } {
  if (spec.startsWith('.')) {
    const abs = resolve(dirname(file), spec);
    const rel = relative(SRC, abs);
    return rel.startsWith('..') ? { layer: `outside:${relative(resolve(SRC, '..'), abs).split('/')[0]}` } : { layer: rel.split('/')[0]!.replace(/\.js$/, '') };
  }
  return { pkg: spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]! };
}

function violations(layer: string, allowedLayers: string[], allowedPkg: (p: string) => boolean): string[] {
  const dir = join(SRC, layer);
  let list: string[] = [];
  try { list = files(dir); } catch { return []; }
  const out: string[] = [];
  for (const f of list) {
    for (const spec of imports(f)) {
      const t = target(f, spec);
      if (t.layer !== undefined && t.layer !== layer && !allowedLayers.includes(t.layer)) out.push(`${relative(SRC, f)} → ${spec}`);
      if (t.pkg !== undefined && !allowedPkg(t.pkg)) out.push(`${relative(SRC, f)} → ${spec}`);
    }
  }
  return out;
}

describe('layering', () => {
  it('crypto imports only @noble/*, node:crypto and the blind-RSA client', () => {
    expect(violations('crypto', [], (p) => p.startsWith('@noble/') || p === 'node:crypto' || p === '@cloudflare/blindrsa-ts'
      || p === 'libsodium-wrappers-sumo')).toEqual([]);
  });
  it('libsodium serves only the server-side proof backend (DESIGN §3: a measured hot path; the browser keeps noble)', () => {
    // crypto/sodium-ballots.ts checks ballots' proofs on encodings ≈ 1.7× faster than noble's
    // decoding + folded check (bench: record verifier vs libsodium), and lends its raw exports
    // to crypto/sodium-sums.ts (the close's and the trustee CLI's sums); the auditor page must
    // not carry the WASM, so no other file imports it.
    const bad = files(SRC).filter((f) => !f.endsWith('crypto/sodium-ballots.ts'))
      .flatMap((f) => imports(f).filter((s) => s === 'libsodium-wrappers-sumo').map((s) => `${relative(SRC, f)} → ${s}`));
    expect(bad).toEqual([]);
  });
  it('the trustee page\'s layers (client, record) sum with noble: neither imports the libsodium modules', () => {
    const bad = ['client', 'record'].flatMap((layer) => files(join(SRC, layer)))
      .flatMap((f) => imports(f).filter((s) => /\/sodium-(ballots|sums)\.js$/.test(s)).map((s) => `${relative(SRC, f)} → ${s}`));
    expect(bad).toEqual([]);
  });
  it('browser-side crypto modules import no node:* module', () => {
    const serverOnly = new Set(['token-issuer.ts', 'ballot-signature-node.ts']);
    const bad = files(join(SRC, 'crypto')).filter((f) => !serverOnly.has(f.split('/').pop()!))
      .flatMap((f) => imports(f).filter((s) => s.startsWith('node:')).map((s) => `${relative(SRC, f)} → ${s}`));
    expect(bad).toEqual([]);
  });
  it('domain imports neither fastify, kysely nor pg, and no outer layer', () => {
    expect(violations('domain', ['crypto', 'record'], (p) => !/^(fastify|@fastify|kysely|pg|@electric-sql)/.test(p))).toEqual([]);
  });
  it('db depends on domain and below, never on http', () => {
    expect(violations('db', ['domain', 'crypto', 'record', 'outside:migrations'], () => true)).toEqual([]);
  });
  it('record imports only crypto', () => {
    expect(violations('record', ['crypto'], (p) => p === 'zod' || p.startsWith('@noble/'))).toEqual([]);
  });
  it('verify and client import only crypto and record', () => {
    for (const layer of ['verify', 'client']) {
      expect(violations(layer, ['crypto', 'record'], (p) => p.startsWith('@noble/') || p === 'zod' || p === '@cloudflare/blindrsa-ts')).toEqual([]);
    }
  });
  it('the web pages import only client, verify, record and browser-side crypto, and no node:* module', () => {
    const serverOnly = /\/(token-issuer|ballot-signature-node|sodium-ballots|sodium-sums)\.js$/;
    // The build configuration runs in Node, not in the page.
    const pages = files(join(SRC, 'web')).filter((f) => !f.endsWith('vite.config.ts'));
    const bad = pages.flatMap((f) => imports(f).filter((spec) => {
      const t = target(f, spec);
      if (t.pkg !== undefined) return !(t.pkg.startsWith('@noble/') || t.pkg === 'zod' || t.pkg === '@cloudflare/blindrsa-ts');
      return !['web', 'client', 'verify', 'record', 'crypto'].includes(t.layer!) || serverOnly.test(spec);
    }).map((spec) => `${relative(SRC, f)} → ${spec}`));
    expect(pages.length).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });
  it('the checker sees imports (it would catch a violation)', () => {
    expect(imports(join(SRC, 'db/connect.ts'))).toContain('kysely');
  });
});
