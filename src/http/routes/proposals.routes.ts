import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { approve, listProposals, propose, type DecisionOutcome } from '../../domain/proposals.service.js';
import { baseUrlOf, type AccountDeps } from './auth.routes.js';
import { actorOf } from '../plugins/auth.js';
import { DecisionOut, IdParams, ProposalIn, ProposalOut, presentInvitation, presentProposal, problems } from '../schemas.js';

const routes: FastifyPluginAsyncZod<AccountDeps> = async (app, { store, policy, publicUrl }) => {
  const opts = { invitationSeconds: policy.invitationSeconds };
  const send = (req: FastifyRequest, out: DecisionOutcome) => ({
    status: out.status, proposal: out.proposal && presentProposal(out.proposal),
    ...(out.invitation && { invitation: presentInvitation(out.invitation, baseUrlOf(publicUrl, req)) }),
  });
  const security = [{ bearer: [] }];
  app.post('/elections/:id/proposals', {
    config: { access: ['committee'] },
    schema: { tags: ['decisions'], summary: 'Propose a consequential decision (counts as your approval)', security, params: IdParams,
      body: ProposalIn, response: { 200: DecisionOut, 202: DecisionOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const out = await propose(store, actorOf(req), req.params.id, req.body, opts);
    return reply.code(out.status === 'executed' ? 200 : 202).send(send(req, out));
  });

  app.get('/elections/:id/proposals', {
    config: { access: ['admin', 'committee', 'auditor'] },
    schema: { tags: ['decisions'], summary: 'Proposals with their approvals', security, params: IdParams,
      response: { 200: z.array(ProposalOut), ...problems(400, 401, 403, 404) } },
  }, async (req) => (await listProposals(store, req.params.id)).map(presentProposal));

  app.post('/proposals/:id/approvals', {
    config: { access: ['committee'] },
    schema: { tags: ['decisions'], summary: 'Approve a pending proposal', security, params: IdParams,
      response: { 200: DecisionOut, 202: DecisionOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const out = await approve(store, actorOf(req), req.params.id, opts);
    return reply.code(out.status === 'executed' ? 200 : 202).send(send(req, out));
  });
};
export default routes;
