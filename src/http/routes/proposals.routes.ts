import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { approve, listProposals, propose } from '../../domain/proposals.service.js';
import type { Store } from '../../domain/ports.js';
import { actorOf } from '../plugins/auth.js';
import { DecisionOut, IdParams, ProposalIn, ProposalOut, presentProposal, problems } from '../schemas.js';

const routes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  const security = [{ bearer: [] }];
  app.post('/elections/:id/proposals', {
    config: { access: ['committee'] },
    schema: { tags: ['decisions'], summary: 'Propose a consequential decision (counts as your approval)', security, params: IdParams,
      body: ProposalIn, response: { 200: DecisionOut, 202: DecisionOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const out = await propose(store, actorOf(req), req.params.id, req.body);
    return reply.code(out.status === 'executed' ? 200 : 202).send({ status: out.status, proposal: out.proposal && presentProposal(out.proposal) });
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
    const out = await approve(store, actorOf(req), req.params.id);
    return reply.code(out.status === 'executed' ? 200 : 202).send({ status: out.status, proposal: out.proposal && presentProposal(out.proposal) });
  });
};
export default routes;
