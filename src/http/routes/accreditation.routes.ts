import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appeal, apply, listApplications, roll } from '../../domain/accreditation.service.js';
import type { Store } from '../../domain/ports.js';
import { actorOf } from '../plugins/auth.js';
import { AppealIn, ApplicationIn, ApplicationOut, IdParams, RollOut, Uuid, presentApplication, problems } from '../schemas.js';

const routes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  const security = [{ bearer: [] }];
  app.post('/elections/:id/applications', {
    config: { access: ['association'] },
    schema: { tags: ['accreditation'], summary: 'Apply for accreditation in a contest', security, params: IdParams, body: ApplicationIn,
      response: { 201: ApplicationOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => reply.code(201).send(presentApplication(await apply(store, actorOf(req), req.params.id, req.body.contestId, req.body.documents ?? ''))));

  app.get('/elections/:id/applications', {
    config: { access: ['admin', 'committee', 'auditor', 'association'] },
    schema: { tags: ['accreditation'], summary: 'Applications (an association sees its own)', security, params: IdParams,
      response: { 200: z.array(ApplicationOut), ...problems(400, 401, 403, 404) } },
  }, async (req) => (await listApplications(store, actorOf(req), req.params.id)).map(presentApplication));

  app.post('/applications/:id/appeal', {
    config: { access: ['association'] },
    schema: { tags: ['accreditation'], summary: 'Appeal a rejection (once)', security, params: IdParams, body: AppealIn,
      response: { 200: ApplicationOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req) => presentApplication(await appeal(store, actorOf(req), req.params.id, req.body.text)));

  app.get('/elections/:id/contests/:contestId/roll', {
    config: { access: 'public' },
    schema: { tags: ['accreditation'], summary: 'The accredited roll of a contest', params: z.object({ id: Uuid, contestId: Uuid }),
      response: { 200: RollOut, ...problems(400, 404) } },
  }, async (req) => roll(store, req.params.id, req.params.contestId));
};
export default routes;
