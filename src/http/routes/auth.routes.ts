import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  activateAccount, actorOf as actorOfAccount, authenticate, changePassword, disableAccount, getAccount, inspectInvitation,
  inviteStaff, reissueInvitation, type AccountPolicy,
} from '../../domain/accounts.service.js';
import { DomainError } from '../../domain/errors.js';
import type { RelayStore, Store } from '../../domain/ports.js';
import { actorOf } from '../plugins/auth.js';
import {
  ActivateIn, ActivatedOut, IdParams, InvitationCodeIn, InvitationInfo, InvitationOut, Login, Me, PasswordChangeIn, StaffAccountIn, StaffInvited,
  TokenResponse, presentAccount, presentInvitation, problems,
} from '../schemas.js';
import { createThrottle } from '../throttle.js';

/** What the routes that issue invitations need. */
export interface AccountDeps {
  store: Store;
  policy: AccountPolicy;
  /** The public address of the service, for invitation links; else the request's own. */
  publicUrl?: string | undefined;
  /** The token relay (issue 12): its counts close the token window, its requests go on the board at the close. */
  relay?: RelayStore | undefined;
}

export interface RouteDeps extends AccountDeps {
  accessTokenSeconds: number;
  loginRateLimit: number;
}

/** Where invitation links point: the configured public address, or the one this request came to. */
export const baseUrlOf = (publicUrl: string | undefined, req: FastifyRequest): string =>
  publicUrl ?? `${req.protocol}://${req.host}`;

const routes: FastifyPluginAsyncZod<RouteDeps> = async (app, { store, policy, accessTokenSeconds, loginRateLimit, publicUrl }) => {
  const security = [{ bearer: [] }];
  // Per account as well as per address: many addresses cannot share out guesses at one account.
  const perAccount = createThrottle(loginRateLimit, 60_000);
  const limited = { rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } };
  const tokenFor = (a: Parameters<typeof actorOfAccount>[0]) => ({
    accessToken: app.issueAccessToken(actorOfAccount(a), a.sessionGeneration), tokenType: 'Bearer' as const, expiresIn: accessTokenSeconds, role: a.role,
  });

  app.post('/auth/login', {
    config: { access: 'public', ...limited },
    schema: { tags: ['auth'], summary: 'Sign in / Iniciar sesión', body: Login, response: { 200: TokenResponse, ...problems(400, 401, 429) } },
  }, async (req) => {
    if (!perAccount.hit(req.body.email.toLowerCase())) throw new DomainError('rate_limited');
    return tokenFor(await authenticate(store, req.body.email, req.body.password, policy.passwordCost));
  });

  // The session checks of every protected route (account active, same role and session
  // generation) run before this one: a token they refuse cannot be renewed, so a password
  // change or a deactivation still ends every session.
  app.post('/auth/refresh', {
    config: { access: ['admin', 'committee', 'association', 'auditor'] },
    schema: { tags: ['auth'], summary: 'Renew the session: a new access token with a fresh expiry / Renovar la sesión', security,
      response: { 200: TokenResponse, ...problems(401) } },
  }, async (req) => tokenFor(await getAccount(store, actorOf(req), actorOf(req).accountId)));

  app.get('/auth/me', {
    config: { access: ['admin', 'committee', 'association', 'auditor'] },
    schema: { tags: ['auth'], summary: 'The signed-in account', security, response: { 200: Me, ...problems(401) } },
  }, async (req) => presentAccount(await getAccount(store, actorOf(req), actorOf(req).accountId)));

  app.post('/auth/password', {
    config: { access: ['admin', 'committee', 'association', 'auditor'], ...limited },
    schema: { tags: ['auth'], summary: 'Change your own password (old and new); your other sessions end', security,
      body: PasswordChangeIn, response: { 200: TokenResponse, ...problems(400, 401, 403, 429) } },
  }, async (req) => tokenFor(await changePassword(store, actorOf(req), req.body, policy.passwordCost)));

  app.post('/invitations/inspect', {
    config: { access: 'public', ...limited },
    schema: { tags: ['auth'], summary: 'Which account an invitation code opens (before activating it)', body: InvitationCodeIn,
      response: { 200: InvitationInfo, ...problems(400, 429) } },
  }, async (req) => {
    const { account, expiresAt } = await inspectInvitation(store, req.body.code);
    return { accountId: account.id, email: account.email, role: account.role, expiresAt: expiresAt.toISOString() };
  });

  app.post('/invitations/activate', {
    config: { access: 'public', ...limited },
    schema: { tags: ['auth'], summary: 'Activate an account: your password, and your public signing key with its proof of possession',
      body: ActivateIn, response: { 200: ActivatedOut, ...problems(400, 409, 429) } },
  }, async (req) => {
    const a = await activateAccount(store, req.body, policy.passwordCost);
    const { accessToken, tokenType, expiresIn } = tokenFor(a);
    return { ...presentAccount(a), accessToken, tokenType, expiresIn };
  });

  app.post('/accounts', {
    config: { access: ['admin'] },
    schema: { tags: ['auth'], summary: 'Invite an auditor or administrator (no password: the owner chooses it)', security,
      body: StaffAccountIn, response: { 201: StaffInvited, ...problems(400, 401, 403, 409) } },
  }, async (req, reply) => {
    const issued = await inviteStaff(store, actorOf(req), req.body, policy);
    const account = await getAccount(store, actorOf(req), issued.account.id);
    return reply.code(201).send({ account: presentAccount(account), invitation: presentInvitation(issued, baseUrlOf(publicUrl, req)) });
  });

  app.post('/accounts/:id/invitation', {
    config: { access: ['admin'] },
    schema: { tags: ['auth'], summary: 'A new invitation for an account never activated (the old one is void)', security, params: IdParams,
      response: { 201: InvitationOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => reply.code(201).send(presentInvitation(await reissueInvitation(store, actorOf(req), req.params.id, policy), baseUrlOf(publicUrl, req))));

  app.post('/accounts/:id/disable', {
    config: { access: ['admin'] },
    schema: { tags: ['auth'], summary: 'Disable an account for good; its sessions end', security, params: IdParams,
      response: { 200: Me, ...problems(400, 401, 403, 404, 409) } },
  }, async (req) => presentAccount(await disableAccount(store, actorOf(req), req.params.id)));
};
export default routes;
