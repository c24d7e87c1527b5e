import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { COMMITTEE_ROLES, CONSTITUENCIES, CONSTITUENCY_TEMPLATE, PHASES, REGIONS, SECTORS } from '../../domain/reference.js';
import { ConstituencyDefSchema, presentConstituencies } from '../schemas.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    config: { access: 'public' },
    schema: { tags: ['service'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/reference', {
    config: { access: 'public' },
    schema: {
      tags: ['service'], summary: 'Fixed lists: regions, the template\'s constituency codes, sectors, roles, phases',
      response: { 200: z.object({
        regions: z.array(z.string()), constituencies: z.array(z.string()), sectors: z.array(z.string()),
        committeeRoles: z.array(z.string()), phases: z.array(z.string()),
      }) },
    },
  }, async () => ({
    regions: [...REGIONS], constituencies: [...CONSTITUENCIES], sectors: [...SECTORS],
    committeeRoles: [...COMMITTEE_ROLES], phases: [...PHASES],
  }));

  app.get('/templates/constituencies', {
    config: { access: 'public' },
    schema: {
      tags: ['service'], summary: 'The model case\'s six constituencies, a template for a new election\'s list',
      response: { 200: z.array(ConstituencyDefSchema) },
    },
  }, async () => presentConstituencies(CONSTITUENCY_TEMPLATE));
};
export default routes;
