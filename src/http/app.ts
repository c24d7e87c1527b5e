/**
 * The application as a plugin-wired Fastify instance. It does not listen: `cli/server.ts`
 * does, and tests use `inject`.
 * @module
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { batchingChecker, inThreadRunner } from '../domain/cast-queue.js';
import { DEFAULT_INVITATION_SECONDS } from '../domain/invitations.js';
import { PASSWORD_COST, type PasswordCost } from '../domain/password.js';
import type { CastProofChecker, RelayStore, Store } from '../domain/ports.js';
import { MAX_ISSUER_LOG_BODY_BYTES } from '../record/issuer-statements.js';
import auth from './plugins/auth.js';
import problem, { sendProblem } from './plugins/problem.js';
import { rateLimitKey } from './rate-limit.js';
import accreditationRoutes from './routes/accreditation.routes.js';
import associationsRoutes from './routes/associations.routes.js';
import authRoutes from './routes/auth.routes.js';
import candidatesRoutes from './routes/candidates.routes.js';
import complaintsRoutes from './routes/complaints.routes.js';
import electionsRoutes from './routes/elections.routes.js';
import proposalsRoutes from './routes/proposals.routes.js';
import referenceRoutes from './routes/reference.routes.js';
import votingRoutes, { type CastRateLimit } from './routes/voting.routes.js';
import issuanceRoutes from './routes/issuance.routes.js';
import web from './web.js';

export interface AppOptions {
  store: Store;
  jwtSecret: string;
  accessTokenSeconds: number;
  loginRateLimit: number;
  bodyLimit: number;
  /**
   * The largest issuer log post (default and most MAX_ISSUER_LOG_BODY_BYTES, 256 MiB): read
   * only from a registered issuer of the election, who is checked before the body is.
   */
  issuerLogBodyLimit?: number;
  /** How long an invitation stays valid (default 14 days). */
  invitationSeconds?: number;
  /** The public address of the service, for invitation links (default: the request's). */
  publicUrl?: string | undefined;
  /** Fastify's `trustProxy`: the proxies whose X-Forwarded-For names the real client (default none). */
  trustProxy?: boolean | number | string[];
  /** scrypt cost of password hashes. Tests only: production always uses PASSWORD_COST (N = 2^17). */
  passwordCost?: PasswordCost;
  logger?: FastifyServerOptions['logger'];
  /** The built web pages (dist/web), served under /app/; none when absent. */
  webRoot?: string;
  /**
   * Checks casts' proofs in batches (domain/cast-queue.ts); default in this thread. The app
   * closes it when it closes. The server passes worker threads (cli/cast-pool.ts).
   */
  castProofs?: CastProofChecker;
  /** Casts per minute per client address and per ballot key; default 600 and 10. */
  castRateLimit?: CastRateLimit;
  /** The token relay's store, a database apart from the ballots' (db/relay.ts); no relay routes without it. */
  relay?: RelayStore;
}

/** Default cast limits: a client behind a shared address, a voter retrying a refused ballot. */
export const CAST_RATE_LIMIT: CastRateLimit = Object.freeze({ perClient: 600, perBallotKey: 10 });

/**
 * Log options: no client address, no authorization header, no body. Secrecy of the vote
 * (DESIGN.md §6) starts with logs that cannot join a request to a person.
 */
export function loggerOptions(level: string): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.oldPassword', '*.newPassword', '*.code', '*.accessToken'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
  };
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit,
    // A hop count is valid for Fastify (proxy-addr) though its types leave it out.
    trustProxy: (opts.trustProxy ?? false) as boolean | string[],
    ajv: { customOptions: { removeAdditional: false } },
    // Errors the router raises before any handler (a malformed %-escape in the URL) also
    // answer problem+json, not Fastify's plain JSON.
    frameworkErrors: (err, request, reply) => {
      sendProblem(request, reply, 'validation_failed', { issues: [`url: ${err.code === 'FST_ERR_BAD_URL' ? 'malformed percent-encoding' : err.message}`] }, 400);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(problem);
  await app.register(helmet, { contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (req) => rateLimitKey(req.ip),
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode, code: 'FST_RATE_LIMITED' }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Ánfora API', version: '0.1.0', description: 'Elecciones verificables de voto secreto / Verifiable secret-ballot elections' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(auth, { store: opts.store, secret: opts.jwtSecret, accessTokenSeconds: opts.accessTokenSeconds });

  const policy = { passwordCost: opts.passwordCost ?? PASSWORD_COST, invitationSeconds: opts.invitationSeconds ?? DEFAULT_INVITATION_SECONDS };
  const deps = { store: opts.store, policy, publicUrl: opts.publicUrl, relay: opts.relay };
  await app.register(referenceRoutes);
  await app.register(authRoutes, { ...deps, accessTokenSeconds: opts.accessTokenSeconds, loginRateLimit: opts.loginRateLimit });
  await app.register(associationsRoutes, deps);
  await app.register(electionsRoutes, deps);
  await app.register(accreditationRoutes, deps);
  await app.register(candidatesRoutes, deps);
  await app.register(proposalsRoutes, deps);
  const castProofs = opts.castProofs ?? batchingChecker(inThreadRunner());
  app.addHook('onClose', async () => castProofs.close());
  await app.register(votingRoutes, {
    ...deps, castProofs, castRateLimit: opts.castRateLimit ?? CAST_RATE_LIMIT, issuerLogBodyLimit: opts.issuerLogBodyLimit ?? MAX_ISSUER_LOG_BODY_BYTES,
  });
  if (opts.relay) await app.register(issuanceRoutes, { store: opts.store, relay: opts.relay });
  await app.register(complaintsRoutes, deps);
  if (opts.webRoot !== undefined) await app.register(web, { root: opts.webRoot });
  await app.ready();
  return app;
}
