import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { ProposalInput } from '../../domain/approvals.js';
import { listProposals, previewStatement, propose, vote, type DecisionOutcome } from '../../domain/proposals.service.js';
import type { Vote } from '../../record/statements.js';
import { baseUrlOf, type AccountDeps } from './auth.routes.js';
import { actorOf } from '../plugins/auth.js';
import {
  DecisionOut, IdParams, ProposalIn, ProposalOut, SignedProposalIn, VoteIn, presentInvitation, presentProposal, problems,
} from '../schemas.js';

const routes: FastifyPluginAsyncZod<AccountDeps> = async (app, { store, policy, publicUrl, relay }) => {
  const opts = { invitationSeconds: policy.invitationSeconds, relay };
  const send = (req: FastifyRequest, out: DecisionOutcome) => ({
    status: out.status, proposal: out.proposal && presentProposal(out.proposal),
    ...(out.invitation && { invitation: presentInvitation(out.invitation, baseUrlOf(publicUrl, req)) }),
  });
  const security = [{ bearer: [] }];

  app.post('/elections/:id/statements', {
    config: { access: ['committee'] },
    schema: { tags: ['decisions'], summary: 'The canonical statement a proposal would carry, to be signed by the proposer (changes nothing)', security,
      params: IdParams, body: ProposalIn, response: { 200: z.object({ statement: z.record(z.string(), z.unknown()) }), ...problems(400, 401, 403, 404, 409) } },
  }, async (req) => ({ statement: await previewStatement(store, actorOf(req), req.params.id, req.body as ProposalInput) as Record<string, unknown> }));

  app.post('/elections/:id/proposals', {
    config: { access: ['committee'] },
    schema: { tags: ['decisions'], summary: 'Propose a consequential decision, signed over its statement (counts as your approval)', security, params: IdParams,
      body: SignedProposalIn, response: { 200: DecisionOut, 202: DecisionOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const { signature, ...input } = req.body;
    const out = await propose(store, actorOf(req), req.params.id, input as ProposalInput, signature, opts);
    return reply.code(out.status === 'executed' ? 200 : 202).send(send(req, out));
  });

  app.get('/elections/:id/proposals', {
    config: { access: ['admin', 'committee', 'auditor'] },
    schema: { tags: ['decisions'], summary: 'Proposals with their statements and signed votes', security, params: IdParams,
      response: { 200: z.array(ProposalOut), ...problems(400, 401, 403, 404) } },
  }, async (req) => (await listProposals(store, req.params.id)).map(presentProposal));

  const voteRoute = (path: string, kind: Vote, summary: string) => app.post(path, {
    config: { access: ['committee'] },
    schema: { tags: ['decisions'], summary, security, params: IdParams, body: VoteIn,
      response: { 200: DecisionOut, 202: DecisionOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const out = await vote(store, actorOf(req), req.params.id, kind, req.body.signature, opts);
    return reply.code(out.status === 'pending' ? 202 : 200).send(send(req, out));
  });
  voteRoute('/proposals/:id/approvals', 'approve', 'Approve a pending proposal, signed over its statement');
  voteRoute('/proposals/:id/against', 'against', 'Vote against a pending proposal, signed over its statement');
  voteRoute('/proposals/:id/withdrawal', 'withdraw', 'Withdraw your own pending proposal, signed over its statement');
};
export default routes;
