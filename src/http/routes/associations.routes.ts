import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAssociation, listAssociations, registerAssociation } from '../../domain/associations.service.js';
import type { Store } from '../../domain/ports.js';
import { actorOf } from '../plugins/auth.js';
import { AssociationIn, AssociationOut, IdParams, presentAssociation, problems } from '../schemas.js';

const routes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  const security = [{ bearer: [] }];
  app.post('/associations', {
    config: { access: ['admin'] },
    schema: { tags: ['associations'], summary: 'Register an association and its account', security, body: AssociationIn,
      response: { 201: AssociationOut, ...problems(400, 401, 403, 409, 413) } },
  }, async (req, reply) => {
    const a = await registerAssociation(store, actorOf(req), { ...req.body, contactPhone: req.body.contactPhone ?? null });
    return reply.code(201).send(presentAssociation(a));
  });

  app.get('/associations', {
    config: { access: ['admin', 'committee'] },
    schema: { tags: ['associations'], summary: 'All registered associations', security,
      response: { 200: z.array(AssociationOut), ...problems(401, 403) } },
  }, async () => (await listAssociations(store)).map(presentAssociation));

  app.get('/associations/:id', {
    config: { access: ['admin', 'committee', 'association'] },
    schema: { tags: ['associations'], summary: 'One association (an association sees only itself)', security, params: IdParams,
      response: { 200: AssociationOut, ...problems(400, 401, 403, 404) } },
  }, async (req) => presentAssociation(await getAssociation(store, actorOf(req), req.params.id)));
};
export default routes;
