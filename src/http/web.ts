/**
 * The web pages (booth, ballot check, committee console, auditor page), built by Vite into
 * dist/web, served under `/app/`; `/` redirects there. Public like the OpenAPI UI: the
 * pages carry no data, they call the API from the browser like any other client.
 * @module
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface WebOptions {
  /** The built pages (dist/web). */
  root: string;
}

/** Whether `root` holds a built site. */
export function webBuilt(root: string): boolean {
  return existsSync(join(root, 'index.html'));
}

const web: FastifyPluginAsync<WebOptions> = async (app, { root }) => {
  await app.register(fastifyStatic, { root, serve: false, index: false });
  const page = { config: { access: 'public' as const }, schema: { hide: true } };

  app.get('/', page, (_req, reply) => reply.redirect('/app/', 302));
  app.get('/app', page, (_req, reply) => reply.redirect('/app/', 301));
  app.get('/app/*', {
    ...page,
    // A path that `send` refuses (403 for a way out of the root, 400 for bad encoding) is simply not a page here.
    errorHandler: (err, req, reply) => {
      if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return reply.callNotFound();
      return app.errorHandler(err, req, reply);
    },
  }, (req, reply) => {
    const rest = (req.params as { '*': string })['*'];
    let decoded: string;
    try {
      decoded = decodeURIComponent(rest);
    } catch {
      return reply.callNotFound();
    }
    if (/(^|[/\\])\.\.([/\\]|$)|\\|\0/.test(decoded)) return reply.callNotFound();
    const file = rest === '' ? 'index.html' : rest;
    // Hashed bundles never change under one name; pages must be revalidated to pick up a new build.
    const immutable = file.startsWith('assets/');
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.sendFile(file, root, { dotfiles: 'deny', cacheControl: false });
  });
};
export default web;
