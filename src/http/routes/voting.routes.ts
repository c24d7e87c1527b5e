/**
 * Key ceremony, issuers, manifest, casting, board, tally and results routes
 * (docs/voting-protocol.md). The cast route is public by design: it takes no
 * credentials, sets no cookie, and the logger records no client address.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { boardPages, findTrackingCode, readBoard, recordHeader, recordText } from '../../domain/board.service.js';
import { getCeremony, postDealing, postTrusteeKey, postVerification } from '../../domain/ceremony.service.js';
import { listIssuers, postIssuerLog, registerIssuerKey, requireIssuerLogPoster } from '../../domain/issuers.service.js';
import { DomainError } from '../../domain/errors.js';
import type { CastProofChecker, Store } from '../../domain/ports.js';
import { type CastBallot, CheckedCastBallotSchema, MAX_CAST_BODY_BYTES } from '../../record/cast-ballot.js';
import { postWitness } from '../../domain/witness.service.js';
import { getResults, getServerReport, getTally, postDecryptionShares } from '../../domain/tally.service.js';
import { castBallot, getManifest } from '../../domain/voting.service.js';
import { MAX_SEQ } from '../../record/board.js';
import { actorOf } from '../plugins/auth.js';
import { IdParams, Uuid, problems } from '../schemas.js';

const Obj = z.record(z.string(), z.unknown());
const IssuerSchema = z.object({ contestId: z.string(), memberId: z.string(), sector: z.string(), issuanceKey: z.object({ suite: z.string(), spki: z.string(), keyId: z.string() }) });
const Hex = z.string().regex(/^(?:[0-9a-f]{2})+$/, 'lower-case hex').max(4096);
const BoardEvent = z.object({ seq: z.number().int(), kind: z.string(), at: z.string(), payload: z.unknown(), prevHash: z.string(), hash: z.string() }).meta({ id: 'BoardEvent' });
const Receipt = z.object({
  electionId: z.string(), contestId: z.string(), trackingCode: z.string(), position: z.number().int(), boardHead: z.string(),
  receivedAt: z.string(), signature: z.string(),
}).meta({ id: 'Receipt' });

/** What the voting routes need besides the store. */
export interface VotingRouteOptions {
  store: Store;
  castProofs: CastProofChecker;
  /** Casts per minute: per client address, and per ballot key. */
  castRateLimit: CastRateLimit;
  /** The largest issuer log post, in bytes. */
  issuerLogBodyLimit: number;
}

/** Casts allowed per minute, per client address and per ballot key (each process counts its own). */
export interface CastRateLimit {
  readonly perClient: number;
  readonly perBallotKey: number;
}

const routes: FastifyPluginAsyncZod<VotingRouteOptions> = async (app, { store, castProofs, castRateLimit, issuerLogBodyLimit }) => {
  const security = [{ bearer: [] }];
  const created = { 201: z.object({ status: z.literal('ok') }), ...problems(400, 401, 403, 404, 409) };

  app.get('/elections/:id/ceremony', {
    config: { access: 'public' },
    schema: { tags: ['ceremony'], summary: 'The key ceremony: trustee keys, dealings, complaints, joint key', params: IdParams, response: { 200: Obj, ...problems(400, 404) } },
  }, async (req) => getCeremony(store, req.params.id));

  app.post('/elections/:id/ceremony/keys', {
    config: { access: ['committee'] },
    schema: { tags: ['ceremony'], summary: 'Post your trustee public key with its proof, signed with your account key', security, params: IdParams, body: z.object({ publicKey: Obj, signature: Hex.max(256) }).strict(), response: created },
  }, async (req, reply) => { await postTrusteeKey(store, actorOf(req), req.params.id, req.body.publicKey, req.body.signature); return reply.code(201).send({ status: 'ok' as const }); });

  app.post('/elections/:id/issuers', {
    config: { access: ['committee'] },
    schema: {
      tags: ['ceremony'], summary: 'Register your issuing key for a contest, with its proof of possession, signed with your account key', security, params: IdParams,
      body: z.object({ contestId: z.string().min(1).max(256), issuanceKey: Obj, pop: Hex.max(2048), signature: Hex.max(256) }).strict(),
      response: { 201: IssuerSchema, ...problems(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => reply.code(201).send(await registerIssuerKey(store, actorOf(req), req.params.id, req.body)));

  app.get('/elections/:id/issuers', {
    config: { access: 'public' },
    schema: { tags: ['ceremony'], summary: 'The registered token issuers, per contest', params: IdParams, response: { 200: z.object({ issuers: z.array(IssuerSchema) }), ...problems(400, 404) } },
  }, async (req) => ({ issuers: await listIssuers(store, req.params.id) }));

  app.post('/elections/:id/issuer-logs', {
    // A log is ≈ 700 bytes per association: far above the default limit for a large roll.
    // Only a registered issuer's body is read: the session (auth's onRequest) and this check
    // run before it, so anyone else is refused without the server reading it.
    bodyLimit: issuerLogBodyLimit,
    config: { access: ['committee'] },
    onRequest: async (req) => {
      const params = IdParams.safeParse(req.params);
      if (!params.success) throw new DomainError('validation_failed', { issues: params.error.issues.map((i) => `params/${i.path.join('/')}: ${i.message}`) });
      await requireIssuerLogPoster(store, actorOf(req), params.data.id);
    },
    schema: {
      tags: ['voting'], summary: 'Issuers: post your signed issuance log of a contest once the token window has closed (the close waits for every log)', security, params: IdParams,
      body: z.object({ log: Obj, signature: Hex.max(256) }).strict(), response: { ...created, ...problems(413) },
    },
  }, async (req, reply) => { await postIssuerLog(store, actorOf(req), req.params.id, req.body); return reply.code(201).send({ status: 'ok' as const }); });

  app.post('/elections/:id/ceremony/dealings', {
    config: { access: ['committee'] },
    schema: { tags: ['ceremony'], summary: 'Post your dealing: commitments, proofs, sealed shares', security, params: IdParams, body: z.object({ dealing: Obj }).strict(), response: created },
  }, async (req, reply) => { await postDealing(store, actorOf(req), req.params.id, req.body.dealing); return reply.code(201).send({ status: 'ok' as const }); });

  app.post('/elections/:id/ceremony/verifications', {
    config: { access: ['committee'] },
    schema: { tags: ['ceremony'], summary: 'Report the shares you received: complaints, or none', security, params: IdParams, body: z.object({ complaints: z.array(Obj).max(64) }).strict(), response: created },
  }, async (req, reply) => { await postVerification(store, actorOf(req), req.params.id, req.body.complaints); return reply.code(201).send({ status: 'ok' as const }); });

  app.get('/elections/:id/manifest', {
    config: { access: 'public' },
    schema: { tags: ['voting'], summary: 'The frozen manifest and its hash', params: IdParams, response: { 200: z.object({ manifest: Obj, hash: z.string() }), ...problems(400, 404, 409) } },
  }, async (req) => getManifest(store, req.params.id));

  // Two limits: per client before the body is read, per ballot key once it is parsed (a
  // token's holder retrying a bad ballot, or a replay). Both stores are this process's own.
  const perBallotKey = app.createRateLimit({
    max: castRateLimit.perBallotKey, timeWindow: '1 minute',
    keyGenerator: (req) => {
      const b = req.body as CastBallot;
      return `cast:${b.contestId}:${b.token.ballotPublicKey}`;
    },
  });
  app.post('/elections/:id/ballots', {
    // The largest legal ballot, as compact JSON; refused before it is parsed.
    bodyLimit: MAX_CAST_BODY_BYTES,
    config: { access: 'public', rateLimit: { max: castRateLimit.perClient, timeWindow: '1 minute' } },
    preHandler: async (req) => {
      const limit = await perBallotKey(req);
      if (!limit.isAllowed && limit.isExceeded) throw new DomainError('rate_limited');
    },
    schema: { tags: ['voting'], summary: 'Cast an encrypted ballot (no credentials: the token proves eligibility)', params: IdParams,
      // Its output is the checked body, which the cast path and the board do not check again.
      body: CheckedCastBallotSchema,
      response: { 201: Receipt, ...problems(400, 404, 409, 413, 429) } },
  }, async (req, reply) => reply.code(201).send(await castBallot(store, req.params.id, req.body, castProofs)));

  app.get('/elections/:id/board', {
    config: { access: 'public' },
    schema: { tags: ['board'], summary: 'Page through the bulletin board', params: IdParams,
      querystring: z.object({ from: z.coerce.number().int().min(0).max(MAX_SEQ).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ events: z.array(BoardEvent), head: z.object({ seq: z.number().int(), hash: z.string() }).nullable() }), ...problems(400, 404) } },
  }, async (req) => readBoard(store, req.params.id, req.query.from, req.query.limit));

  app.post('/elections/:id/board/witnesses', {
    config: { access: ['committee'] },
    schema: { tags: ['board'], summary: 'Witness a head of the board you saw, signed with your account key (409 if it is not a prefix of this board)', security, params: IdParams,
      body: z.object({ seq: z.number().int().min(0).max(MAX_SEQ), hash: Hex.length(64), signature: Hex.max(256) }).strict(),
      response: { 201: z.object({ appended: z.literal(true), seq: z.number().int() }), 200: z.object({ appended: z.literal(false), seq: z.number().int() }), ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => {
    const r = await postWitness(store, actorOf(req), req.params.id, req.body);
    return r.appended ? reply.code(201).send({ appended: true as const, seq: r.seq }) : reply.code(200).send({ appended: false as const, seq: r.seq });
  });

  app.get('/elections/:id/board/tracking/:code', {
    config: { access: 'public' },
    schema: { tags: ['board'], summary: 'Find a ballot by its tracking code', params: z.object({ id: Uuid, code: Hex }), response: { 200: BoardEvent, ...problems(400, 404) } },
  }, async (req) => findTrackingCode(store, req.params.id, req.params.code));

  app.get('/elections/:id/record', {
    config: { access: 'public' },
    schema: { tags: ['board'], summary: 'The complete election record (streamed JSON; see docs/election-record.md)', params: IdParams,
      response: { 200: z.unknown().meta({ description: 'anfora-election-record v1' }), ...problems(400, 404) } },
  }, async (req, reply) => {
    const header = await recordHeader(store, req.params.id);
    return reply.type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="election-record-${req.params.id}.json"`)
      .send(Readable.from(recordText(header, boardPages(store, req.params.id))));
  });

  app.get('/elections/:id/tally', {
    config: { access: 'public' },
    schema: { tags: ['tally'], summary: 'The encrypted tally per contest and candidate', params: IdParams, response: { 200: Obj, ...problems(400, 404) } },
  }, async (req) => (await getTally(store, req.params.id)) as unknown as Record<string, unknown>);

  app.post('/elections/:id/tally/shares', {
    config: { access: ['committee'] },
    schema: { tags: ['tally'], summary: 'Post your partial decryptions with proofs', security, params: IdParams,
      body: z.object({ contests: z.array(z.object({ contestId: z.string(), shares: z.array(Obj).max(1024) }).strict()).max(16) }).strict(),
      response: { 201: z.object({ combined: z.boolean() }), ...problems(400, 401, 403, 404, 409) } },
  }, async (req, reply) => reply.code(201).send(await postDecryptionShares(store, actorOf(req), req.params.id, req.body)));

  app.get('/elections/:id/results', {
    config: { access: 'public' },
    schema: { tags: ['tally'], summary: 'Results and seats', params: IdParams, response: { 200: Obj, ...problems(400, 404) } },
  }, async (req) => getResults(store, req.params.id) as Promise<Record<string, unknown>>);

  app.get('/elections/:id/report', {
    config: { access: 'public' },
    schema: { tags: ['tally'], summary: 'The server\'s own report of the published election, signed with the receipt key (docs/voting-protocol.md)', params: IdParams,
      response: { 200: z.object({ report: Obj, signature: z.string() }).meta({ id: 'ServerReport' }), ...problems(400, 404) } },
  }, async (req) => getServerReport(store, req.params.id) as Promise<{ report: Record<string, unknown>; signature: string }>);
};
export default routes;
