import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addCommitteeMember, createElection, getElection, listCommittee, listElections, phaseStatus,
} from '../../domain/elections.service.js';
import { changePhase } from '../../domain/proposals.service.js';
import { actorOf } from '../plugins/auth.js';
import {
  DecisionOut, ElectionIn, ElectionOut, IdParams, MemberCreated, MemberIn, MemberOut, PhaseChangeIn, PhaseStatus,
  presentElection, presentInvitation, presentMember, presentProposal, problems,
} from '../schemas.js';
import { baseUrlOf, type AccountDeps } from './auth.routes.js';

const routes: FastifyPluginAsyncZod<AccountDeps> = async (app, { store, policy, publicUrl, relay }) => {
  const security = [{ bearer: [] }];
  app.post('/elections', {
    config: { access: ['admin'] },
    schema: { tags: ['elections'], summary: 'Create an election with its contests', security, body: ElectionIn,
      response: { 201: ElectionOut, ...problems(400, 401, 403, 413) } },
  }, async (req, reply) => reply.code(201).send(presentElection(await createElection(store, actorOf(req), req.body))));

  app.get('/elections', {
    config: { access: 'public' },
    schema: { tags: ['elections'], summary: 'All elections', response: { 200: z.array(ElectionOut) } },
  }, async () => (await listElections(store)).map(presentElection));

  app.get('/elections/:id', {
    config: { access: 'public' },
    schema: { tags: ['elections'], summary: 'One election with its contests', params: IdParams, response: { 200: ElectionOut, ...problems(400, 404) } },
  }, async (req) => presentElection(await getElection(store, req.params.id)));

  app.get('/elections/:id/phase', {
    config: { access: 'public' },
    schema: { tags: ['elections'], summary: 'The phase, the next one, and what blocks it', params: IdParams,
      response: { 200: PhaseStatus, ...problems(400, 404) } },
  }, async (req) => phaseStatus(store, req.params.id));

  app.post('/elections/:id/phase', {
    config: { access: ['committee'] },
    schema: { tags: ['elections'], summary: 'Propose the next phase, signed (every phase change needs multi-sector approval)',
      security, params: IdParams, body: PhaseChangeIn, response: { 200: DecisionOut, 202: DecisionOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const out = await changePhase(store, actorOf(req), req.params.id, req.body.to, req.body.signature, { relay });
    return reply.code(out.status === 'executed' ? 200 : 202).send({ status: out.status, proposal: out.proposal && presentProposal(out.proposal) });
  });

  app.post('/elections/:id/committee', {
    config: { access: ['admin'] },
    schema: { tags: ['committee'], summary: 'Add a committee member, with the invitation to their account (draft only)', security, params: IdParams,
      body: MemberIn, response: { 201: MemberCreated, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const { member, invitation } = await addCommitteeMember(store, actorOf(req), req.params.id, req.body, policy);
    return reply.code(201).send({ ...presentMember(member), invitation: presentInvitation(invitation, baseUrlOf(publicUrl, req)) });
  });

  app.get('/elections/:id/committee', {
    config: { access: 'public' },
    schema: { tags: ['committee'], summary: 'The electoral committee', params: IdParams, response: { 200: z.array(MemberOut), ...problems(400, 404) } },
  }, async (req) => (await listCommittee(store, req.params.id)).map(presentMember));
};
export default routes;
