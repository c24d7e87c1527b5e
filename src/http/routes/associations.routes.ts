import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAssociation, listAssociations, registerAssociation } from '../../domain/associations.service.js';
import { actorOf } from '../plugins/auth.js';
import { importAssociations } from '../../domain/association-import.js';
import { checkRows } from '../import-rows.js';
import { AssociationCreated, AssociationImportIn, AssociationIn, AssociationsImported, AssociationOut, IdParams, presentAssociation, presentInvitation, problems } from '../schemas.js';
import { baseUrlOf, type AccountDeps } from './auth.routes.js';

/** A row of an import is a registration as `POST /associations` takes it. */
const AssociationRow = AssociationIn.transform((a) => ({ ...a, contactPhone: a.contactPhone ?? null }));

const routes: FastifyPluginAsyncZod<AccountDeps> = async (app, { store, policy, publicUrl }) => {
  const security = [{ bearer: [] }];
  app.post('/associations', {
    config: { access: ['admin'] },
    schema: { tags: ['associations'], summary: 'Register an association, with the invitation to its account', security, body: AssociationIn,
      response: { 201: AssociationCreated, ...problems(400, 401, 403, 409, 413) } },
  }, async (req, reply) => {
    const { association, invitation } = await registerAssociation(store, actorOf(req), { ...req.body, contactPhone: req.body.contactPhone ?? null }, policy);
    return reply.code(201).send({ ...presentAssociation(association), invitation: presentInvitation(invitation, baseUrlOf(publicUrl, req)) });
  });

  app.post('/associations/import', {
    config: { access: ['admin'] },
    schema: { tags: ['associations'], summary: 'Register many associations at once, each with its invitation: all or none (a refusal lists every bad row)',
      security, body: AssociationImportIn, response: { 201: AssociationsImported, ...problems(400, 401, 403, 413) } },
  }, async (req, reply) => {
    const created = await importAssociations(store, actorOf(req), checkRows(AssociationRow, req.body.rows), policy);
    const baseUrl = baseUrlOf(publicUrl, req);
    return reply.code(201).send({ associations: created.map(({ association, invitation }) => ({ ...presentAssociation(association), invitation: presentInvitation(invitation, baseUrl) })) });
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
