/**
 * Authentication and authorization in one place. Every route declares
 * `config.access`: `'public'` or the account roles allowed. A route without it refuses
 * to register, so no route is open by omission. The actor comes from the verified access
 * token, checked on every request against the account itself: it must still exist, be
 * active, hold the token's role and the token's session generation (which a password
 * change, a deactivation or a credential reset moves on, ending older sessions).
 * @module
 */
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { Actor } from '../../domain/model.js';
import { ACCOUNT_ROLES, type AccountRole } from '../../domain/reference.js';
import { DomainError } from '../../domain/errors.js';
import { actorOf as actorOfAccount, sessionAccount } from '../../domain/accounts.service.js';
import type { Store } from '../../domain/ports.js';

export type Access = 'public' | readonly AccountRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    issueAccessToken(actor: Actor, sessionGeneration: number): string;
  }
}

interface TokenClaims {
  sub: string;
  role: AccountRole;
  aid: string | null;
  mid: string | null;
  /** The account's session generation when the token was issued. */
  gen: number;
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: TokenClaims;
  }
}

export interface AuthOptions {
  store: Store;
  secret: string;
  accessTokenSeconds: number;
}

// Routes served by plugins we do not write (the OpenAPI UI) are public documentation.
const isDocsRoute = (url: string) => url === '/docs' || url.startsWith('/docs/');

export default fp<AuthOptions>(
  async (app, opts) => {
    await app.register(jwt, { secret: opts.secret, sign: { expiresIn: opts.accessTokenSeconds, algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } });

    app.decorateRequest('actor', null);
    app.decorate('issueAccessToken', (actor: Actor, sessionGeneration: number) =>
      app.jwt.sign({ sub: actor.accountId, role: actor.role, aid: actor.associationId, mid: actor.committeeMemberId, gen: sessionGeneration }));

    app.addHook('onRoute', (route) => {
      if (isDocsRoute(route.url)) {
        route.config = { ...(route.config ?? {}), access: 'public' };
        return;
      }
      if (route.config?.access === undefined) throw new Error(`route ${route.method} ${route.url} declares no access`);
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config.access;
      // `undefined` only for the not-found handler: onRoute refuses routes without access.
      if (access === undefined || access === 'public') return;
      const claims = await request.jwtVerify<TokenClaims>();
      if (!ACCOUNT_ROLES.includes(claims.role) || typeof claims.sub !== 'string' || !Number.isSafeInteger(claims.gen)) {
        throw new DomainError('unauthenticated');
      }
      const account = await sessionAccount(opts.store, { accountId: claims.sub, role: claims.role, generation: claims.gen });
      request.actor = actorOfAccount(account);
      if (Array.isArray(access) && !access.includes(claims.role)) {
        throw new DomainError('forbidden', { reason: `role ${claims.role}` });
      }
    });
  },
  { name: 'auth', dependencies: ['problem'] },
);

/** The authenticated actor of a protected route. */
export function actorOf(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new DomainError('unauthenticated');
  return request.actor;
}
