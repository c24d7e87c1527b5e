/**
 * The token relay (issue 12; domain/relay.service.ts). Every identifier travels in the
 * body, never in the URL: request log lines carry the URL, and a token-request line naming
 * the election and contest next to its time would rebuild the issuance times.
 * @module
 */
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_WAIT_SECONDS, relayWatch } from '../../domain/long-poll.js';
import type { RelayStore, Store } from '../../domain/ports.js';
import { pendingRequests, postBlindSignature, postBlindSignatures, postTokenRequest, tokenRequestState } from '../../domain/relay.service.js';
import { issuanceCounts } from '../../domain/voting.service.js';
import { actorOf } from '../plugins/auth.js';
import { IdParams, Uuid, problems } from '../schemas.js';

const Hex = z.string().regex(/^(?:[0-9a-f]{2})+$/, 'lower-case hex').max(2048);
const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 32 bytes of lower-case hex');
/**
 * Long poll (domain/long-poll.ts): `wait` seconds at most, the answer coming as soon as
 * there is more than `seen` (signatures received; requests pending). Not in the URL either:
 * the body is where this API's parameters go, and a wait says nothing anyway.
 */
const Wait = z.number().min(0).max(MAX_WAIT_SECONDS).optional()
  .describe(`Seconds to hold the request (≤ ${MAX_WAIT_SECONDS}) until there is more than \`seen\`; the relay re-reads its database every 100 ms`);
const State = z.object({ contestId: z.string(), issuers: z.number().int(), blindSignatures: z.array(z.object({ keyId: z.string(), blindSignature: z.string() })) });

export interface IssuanceRouteOptions {
  store: Store;
  relay: RelayStore;
}

const routes: FastifyPluginAsyncZod<IssuanceRouteOptions> = async (app, { store, relay }) => {
  const security = [{ bearer: [] }];
  // A held request ends when its client goes away, or at once when the server closes (the
  // close would otherwise wait for every hold, and the databases close after it).
  const closing = new AbortController();
  app.addHook('preClose', async () => { closing.abort(); });
  // This process's held requests; a write through it wakes them at once (long-poll.ts).
  const watch = relayWatch(relay);
  const holdFor = (reply: FastifyReply, seconds: number | undefined, seen: number | undefined) => {
    if (seconds === undefined || seconds === 0) return undefined;
    const gone = new AbortController();
    reply.raw.once('close', () => { gone.abort(); });
    return { seconds, seen: seen ?? 0, watch, signal: AbortSignal.any([closing.signal, gone.signal]) };
  };

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
      tags: ['voting'], summary: 'Ask the contest\'s issuers for your token: one blinded message per issuer, signed with your account key (idempotent; with `wait`: the answer once it holds more than `seen` signatures)', security,
      body: z.object({
        electionId: Uuid, request: z.record(z.string(), z.unknown()),
        blindedMessages: z.array(z.object({ keyId: Hex32, blindedMessage: Hex }).strict()).min(1).max(16), signature: Hex.max(256), wait: Wait,
        seen: z.number().int().min(0).max(16).optional().describe('With `wait`: answer once there are more than this many signatures (default 0)'),
      }).strict(),
      response: { 200: State, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    const { wait, seen, ...body } = req.body;
    const hold = holdFor(reply, wait, seen);
    const state = await postTokenRequest(store, relay, actorOf(req), body, hold);
    // A held request poked the watch once stored, before its hold.
    if (!hold) watch.poke('requests');
    return state;
  });

  app.post('/issuance/status', {
    config: { access: ['association'] },
    schema: {
      tags: ['voting'], summary: 'The blind signatures your token request has received so far (with `wait`: once there are more than `seen`)', security,
      body: z.object({
        electionId: Uuid, contestId: Uuid, wait: Wait,
        seen: z.number().int().min(0).max(16).optional().describe('Signatures you already have (default 0)'),
      }).strict(),
      response: { 200: State, ...problems(400, 401, 403, 404) },
    },
  }, async (req, reply) => tokenRequestState(store, relay, actorOf(req), req.body.electionId, req.body.contestId, holdFor(reply, req.body.wait, req.body.seen)));

  app.post('/issuance/pending', {
    config: { access: ['committee'] },
    schema: {
      tags: ['voting'], summary: 'Issuers: the token requests waiting for your blind signature (with `wait`: once more than `seen` wait, or issuance is over)', security,
      body: z.object({
        electionId: Uuid, limit: z.number().int().min(1).max(1000).optional(), wait: Wait,
        seen: z.number().int().min(0).max(1000).optional().describe('Pending requests you already know of, e.g. those you refused (default 0)'),
      }).strict(),
      response: { 200: z.object({ requests: z.array(z.record(z.string(), z.unknown())) }), ...problems(400, 401, 403, 404) },
    },
  }, async (req, reply) => ({
    requests: (await pendingRequests(store, relay, actorOf(req), req.body.electionId, req.body.limit, holdFor(reply, req.body.wait, req.body.seen))).map((r) => ({ ...r })),
  }));

  app.post('/issuance/signatures', {
    config: { access: ['committee'] },
    schema: {
      tags: ['voting'], summary: 'Issuers: post your blind signature of one request (checked: s^e = m)', security,
      body: z.object({ electionId: Uuid, contestId: Uuid, associationId: Uuid, keyId: Hex32, blindSignature: Hex }).strict(),
      response: { 200: z.object({ stored: z.literal(true) }), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    const stored = await postBlindSignature(store, relay, actorOf(req), req.body);
    watch.poke('signatures');
    return stored;
  });

  // A batch's signatures in one request: the member, phase and posted logs are read once for
  // the batch rather than once per signature (and one authentication), each signature checked as above.
  app.post('/issuance/signatures/batch', {
    config: { access: ['committee'] },
    schema: {
      tags: ['voting'], summary: 'Issuers: post the blind signatures of several requests (each checked: s^e = m; the first refused one ends the batch, those before it are stored)', security,
      body: z.object({
        electionId: Uuid,
        signatures: z.array(z.object({ contestId: Uuid, associationId: Uuid, keyId: Hex32, blindSignature: Hex }).strict()).min(1).max(1000),
      }).strict(),
      response: { 200: z.object({ stored: z.number().int() }), ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    try {
      return await postBlindSignatures(store, relay, actorOf(req), req.body.electionId, req.body.signatures);
    } finally {
      // Those stored before a refused one wake their associations too.
      watch.poke('signatures');
    }
  });
};

export default routes;
