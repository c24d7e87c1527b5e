/**
 * Serving the built web pages: `/` leads to `/app/`, pages are revalidated and hashed
 * assets cached for good, a missing file or any way out of the pages' folder is a 404
 * problem (never a file outside, never a 500), the pages stay out of the OpenAPI document,
 * and without a build the API runs alone.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let root: string;
let t: TestApp;
let bare: TestApp;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'anfora-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>inicio</title>');
  writeFileSync(join(root, 'booth.html'), '<!doctype html><title>cabina</title>');
  writeFileSync(join(root, 'assets', 'booth-abc123.js'), 'export {};');
  writeFileSync(join(root, '.built'), 'secret-ish');
  // A file beside the pages' folder that must never be served.
  writeFileSync(join(root, '..', `${root.split('/').pop()}-outside.txt`), 'OUTSIDE-CONTENT-7f3');
  t = await createTestApp({ webRoot: root });
  bare = await createTestApp();
});

afterAll(async () => {
  await t?.close();
  await bare?.close();
  rmSync(root, { recursive: true, force: true });
  rmSync(join(root, '..', `${root.split('/').pop()}-outside.txt`), { force: true });
});

describe('the web pages served by the API', () => {
  it('/ redirects to /app/, which serves index.html; pages are revalidated, hashed assets cached', async () => {
    const home = await t.call('GET', '/');
    expect(home.statusCode).toBe(302);
    expect(home.headers.location).toBe('/app/');
    const index = await t.call('GET', '/app/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.body).toContain('inicio');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const booth = await t.call('GET', '/app/booth.html');
    expect(booth.body).toContain('cabina');
    const asset = await t.call('GET', '/app/assets/booth-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('a missing page, a dotfile or a way out of the folder is a 404 problem (a malformed escape a 400), never a file outside and never a 500', async () => {
    const outside = `${root.split('/').pop()}-outside.txt`;
    for (const url of [
      '/app/nope.html', '/app/.built', `/app/../${outside}`, `/app/%2e%2e/${outside}`, `/app/%2E%2E%2F${outside}`,
      `/app/assets/..%2F..%2F${outside}`, '/app/%E0%A4%A', '/app/..%5C..%5Cetc%5Cpasswd', '/app/%00index.html',
    ]) {
      const r = await t.call('GET', url);
      // A malformed escape is refused by the router itself as a bad request.
      expect(r.statusCode, url).toBe(url.endsWith('%A') ? 400 : 404);
      if (r.statusCode === 404) expect(r.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(r.body, url).not.toContain('OUTSIDE-CONTENT-7f3');
    }
  });

  it('the pages are not part of the API description', async () => {
    const doc = (await t.call('GET', '/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p === '/' || p === '/app' || p.startsWith('/app/'))).toEqual([]);
  });

  it('without built pages the API serves no /app/ and / is not found', async () => {
    expect((await bare.call('GET', '/app/')).statusCode).toBe(404);
    expect((await bare.call('GET', '/')).statusCode).toBe(404);
    expect((await bare.call('GET', '/health')).statusCode).toBe(200);
  });
});
