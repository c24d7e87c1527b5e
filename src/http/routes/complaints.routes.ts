/**
 * Complaints: filing (accredited associations of the election, its committee members,
 * auditors) and the public log. Answers are `complaint_answer` proposals
 * (proposals.routes.ts). Nothing here ever returns the complainant's account.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { COMPLAINT_CATEGORIES, COMPLAINT_DECISIONS, COMPLAINT_WINDOWS } from '../../domain/complaints.js';
import { fileComplaint, listComplaints, publicComplaint } from '../../domain/complaints.service.js';
import type { Store } from '../../domain/ports.js';
import { PHASES } from '../../domain/reference.js';
import { ATTACHMENT_NAME_MAX, ATTACHMENTS_MAX, COMPLAINT_TEXT_MAX } from '../../record/board.js';
import { actorOf } from '../plugins/auth.js';
import { IdParams, Text, Uuid, problems } from '../schemas.js';

const ComplaintIn = z.object({
  category: z.enum(COMPLAINT_CATEGORIES),
  text: Text(COMPLAINT_TEXT_MAX),
  attachments: z.array(z.object({
    name: Text(ATTACHMENT_NAME_MAX),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 as 64 hex digits'),
  }).strict()).max(ATTACHMENTS_MAX).optional(),
  showIdentity: z.boolean(),
}).strict();

const ComplaintOut = z.object({
  id: Uuid, window: z.enum(COMPLAINT_WINDOWS), category: z.enum(COMPLAINT_CATEGORIES), text: z.string(),
  attachments: z.array(z.object({ name: z.string(), sha256: z.string() })),
  complainant: z.object({ role: z.enum(['association', 'committee', 'auditor']), name: z.string().nullable() }).nullable(),
  status: z.enum(['open', 'answered']), filedAt: z.iso.datetime(), boardSeq: z.number().int(),
  answer: z.object({
    decision: z.enum(COMPLAINT_DECISIONS), reasoning: z.string(), proposalId: Uuid, answeredAt: z.iso.datetime(), boardSeq: z.number().int(),
  }).nullable(),
}).meta({ id: 'Complaint' });

const ComplaintLog = z.object({
  open: z.enum(COMPLAINT_WINDOWS).nullable(),
  windows: z.array(z.object({ window: z.enum(COMPLAINT_WINDOWS), phases: z.array(z.enum(PHASES)) })),
  complaints: z.array(ComplaintOut),
});

const routes: FastifyPluginAsyncZod<{ store: Store }> = async (app, { store }) => {
  app.post('/elections/:id/complaints', {
    config: { access: ['association', 'committee', 'auditor'] },
    schema: { tags: ['complaints'], summary: 'File a complaint in the window open now (it goes on the board)', security: [{ bearer: [] }],
      params: IdParams, body: ComplaintIn, response: { 201: ComplaintOut, ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => reply.code(201).send(publicComplaint(await fileComplaint(store, actorOf(req), req.params.id, req.body))));

  app.get('/elections/:id/complaints', {
    config: { access: 'public' },
    schema: { tags: ['complaints'], summary: 'The complaint log: windows, complaints and answers (identity only when chosen)',
      params: IdParams, response: { 200: ComplaintLog, ...problems(400, 404) } },
  }, async (req) => listComplaints(store, req.params.id));
};
export default routes;
