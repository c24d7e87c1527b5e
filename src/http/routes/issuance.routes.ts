/**
 * The token relay (issue 12; domain/relay.service.ts). Every identifier travels in the
 * body, never in the URL: request log lines carry the URL, and a token-request line naming
 * the election and contest next to its time would rebuild the issuance times.
 * @module
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RelayStore, Store } from '../../domain/ports.js';
import { pendingRequests, postBlindSignature, postTokenRequest, tokenRequestState } from '../../domain/relay.service.js';
import { issuanceCounts } from '../../domain/voting.service.js';
import { actorOf } from '../plugins/auth.js';
import { IdParams, Uuid, problems } from '../schemas.js';

const Hex = z.string().regex(/^(?:[0-9a-f]{2})+$/, 'lower-case hex').max(2048);
const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 32 bytes of lower-case hex');
const State = z.object({ contestId: z.string(), issuers: z.number().int(), blindSignatures: z.array(z.object({ keyId: z.string(), blindSignature: z.string() })) });

export interface IssuanceRouteOptions {
  store: Store;
  relay: RelayStore;
}

const routes: FastifyPluginAsyncZod<IssuanceRouteOptions> = async (app, { store, relay }) => {
  const security = [{ bearer: [] }];

  app.get('/elections/:id/issuance', {
    config: { access: 'public' },
    schema: {
      tags: ['voting'], summary: 'Tokens asked for per contest (the relay\'s count); who asked goes on the board at the close', params: IdParams,
      response: { 200: z.object({ contests: z.array(z.object({ contestId: z.string(), issued: z.number().int() })) }), ...problems(400, 404) },
    },
  }, async (req) => issuanceCounts(store, relay, req.params.id));

  app.post('/issuance/requests', {
    config: { access: ['association'] },
    schema: {
      tags: ['voting'], summary: 'Ask the contest\'s issuers for your token: one blinded message per issuer, signed with your account key (idempotent)', security,
      body: z.object({
        electionId: Uuid, request: z.record(z.string(), z.unknown()),
        blindedMessages: z.array(z.object({ keyId: Hex32, blindedMessage: Hex }).strict()).min(1).max(16), signature: Hex.max(256),
      }).strict(),
      response: { 200: State, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req) => postTokenRequest(store, relay, actorOf(req), req.body));

  app.post('/issuance/status', {
    config: { access: ['association'] },
    schema: {
      tags: ['voting'], summary: 'The blind signatures your token request has received so far', security,
      body: z.object({ electionId: Uuid, contestId: Uuid }).strict(), response: { 200: State, ...problems(400, 401, 403, 404) },
    },
  }, async (req) => tokenRequestState(store, relay, actorOf(req), req.body.electionId, req.body.contestId));

  app.post('/issuance/pending', {
    config: { access: ['committee'] },
    schema: {
      tags: ['voting'], summary: 'Issuers: the token requests waiting for your blind signature', security,
      body: z.object({ electionId: Uuid, limit: z.number().int().min(1).max(1000).optional() }).strict(),
      response: { 200: z.object({ requests: z.array(z.record(z.string(), z.unknown())) }), ...problems(400, 401, 403, 404) },
    },
  }, async (req) => ({ requests: (await pendingRequests(store, relay, actorOf(req), req.body.electionId, req.body.limit)).map((r) => ({ ...r })) }));

  app.post('/issuance/signatures', {
    config: { access: ['committee'] },
    schema: {
      tags: ['voting'], summary: 'Issuers: post your blind signature of one request (checked: s^e = m)', security,
      body: z.object({ electionId: Uuid, contestId: Uuid, associationId: Uuid, keyId: Hex32, blindSignature: Hex }).strict(),
      response: { 200: z.object({ stored: z.literal(true) }), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req) => postBlindSignature(store, relay, actorOf(req), req.body));
};

export default routes;
