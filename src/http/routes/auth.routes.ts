import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf as actorOfAccount, authenticate, createStaffAccount, getAccount } from '../../domain/accounts.service.js';
import type { Store } from '../../domain/ports.js';
import { actorOf } from '../plugins/auth.js';
import { Login, Me, StaffAccountIn, TokenResponse, problems } from '../schemas.js';

export interface RouteDeps {
  store: Store;
  accessTokenSeconds: number;
  loginRateLimit: number;
}

const routes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, accessTokenSeconds, loginRateLimit }) => {
  app.post('/auth/login', {
    config: { access: 'public', rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Sign in / Iniciar sesión', body: Login, response: { 200: TokenResponse, ...problems(400, 401, 429) } },
  }, async (req) => {
    const account = await authenticate(store, req.body.email, req.body.password);
    return { accessToken: app.issueAccessToken(actorOfAccount(account)), tokenType: 'Bearer' as const, expiresIn: accessTokenSeconds, role: account.role };
  });

  app.get('/auth/me', {
    config: { access: ['admin', 'committee', 'association', 'auditor'] },
    schema: { tags: ['auth'], summary: 'The signed-in account', security: [{ bearer: [] }], response: { 200: Me, ...problems(401) } },
  }, async (req) => {
    const a = await getAccount(store, actorOf(req), actorOf(req).accountId);
    return { id: a.id, email: a.email, role: a.role, associationId: a.associationId, committeeMemberId: a.committeeMemberId };
  });

  app.post('/accounts', {
    config: { access: ['admin'] },
    schema: { tags: ['auth'], summary: 'Create an auditor or administrator account', security: [{ bearer: [] }],
      body: StaffAccountIn, response: { 201: Me, ...problems(400, 401, 403, 409) } },
  }, async (req, reply) => {
    const a = await createStaffAccount(store, actorOf(req), req.body);
    return reply.code(201).send({ id: a.id, email: a.email, role: a.role, associationId: a.associationId, committeeMemberId: a.committeeMemberId });
  });
};
export default routes;
