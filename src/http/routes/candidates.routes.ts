import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listCandidates, nominate } from '../../domain/candidates.service.js';
import type { Store } from '../../domain/ports.js';
import { actorOf } from '../plugins/auth.js';
import { CandidateOut, IdParams, NominationIn, presentCandidate, problems } from '../schemas.js';

const routes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  app.post('/elections/:id/candidates', {
    config: { access: ['association'] },
    schema: { tags: ['candidates'], summary: 'Nominate a candidate (accredited associations of the constituency)', security: [{ bearer: [] }],
      params: IdParams, body: NominationIn, response: { 201: CandidateOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => reply.code(201).send(presentCandidate(await nominate(store, actorOf(req), req.params.id, req.body))));

  app.get('/elections/:id/candidates', {
    config: { access: 'public' },
    schema: { tags: ['candidates'], summary: 'Candidates and their eligibility', params: IdParams,
      response: { 200: z.array(CandidateOut), ...problems(400, 404) } },
  }, async (req) => (await listCandidates(store, req.params.id)).map(presentCandidate));
};
export default routes;
