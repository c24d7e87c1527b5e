/**
 * Every error leaves as RFC 9457 `application/problem+json`, with a stable `type`, the
 * title and detail in the negotiated language and both languages under `i18n`. Messages
 * of unexpected (5xx) errors are never shown; they are logged with the request id.
 * @module
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DecodeError } from '../../crypto/group.js';
import { DomainError, describeError, type ErrorCode, type ErrorKind } from '../../domain/errors.js';
import { negotiateLanguage } from '../language.js';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, rate_limited: 429,
};

export const PROBLEM_TYPE_BASE = 'urn:anfora:problem:';

/** Send a problem document for a domain error code. */
export function sendProblem(
  request: FastifyRequest, reply: FastifyReply, code: ErrorCode, params: Record<string, unknown>, status: number,
): FastifyReply {
  const lang = negotiateLanguage(request.headers['accept-language']);
  const es = describeError(code, params, 'es');
  const en = describeError(code, params, 'en');
  const chosen = lang === 'es' ? es : en;
  const body: Record<string, unknown> = {
    type: `${PROBLEM_TYPE_BASE}${code}`, title: chosen.title, status, detail: chosen.detail,
    instance: request.url.split('?')[0], code, lang, i18n: { es, en },
  };
  if (Array.isArray(params.failed)) body.failed = params.failed;
  if (Array.isArray(params.issues)) body.errors = params.issues;
  if (Array.isArray(params.rows)) body.rows = params.rows;
  return reply.code(status).type('application/problem+json; charset=utf-8').header('content-language', lang).send(body);
}

function mapFastifyError(err: FastifyError): { code: ErrorCode; status: number; params: Record<string, unknown> } | null {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => `${err.validationContext ?? 'body'}${v.instancePath || ''}: ${v.message ?? 'invalid'}`);
    return { code: 'validation_failed', status: 400, params: { issues } };
  }
  if (err.validation) {
    return { code: 'validation_failed', status: 400, params: { issues: err.validation.map((v) => `${v.instancePath}: ${v.message}`) } };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'body_too_large', status: 413, params: {} };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'validation_failed', status: 415, params: { issues: ['content-type must be application/json'] } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'validation_failed', status: 400, params: { issues: ['body: not valid JSON'] } };
    default:
      break;
  }
  if (err.statusCode === 429) return { code: 'rate_limited', status: 429, params: {} };
  if (err instanceof SyntaxError || err.statusCode === 400) {
    return { code: 'validation_failed', status: 400, params: { issues: ['body: not valid JSON'] } };
  }
  return null;
}

export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof DomainError) return sendProblem(request, reply, err.code, err.params, STATUS[err.kind]);
      if ((err as unknown) instanceof DecodeError) return sendProblem(request, reply, 'bad_encoding', { what: err.message }, 400);
      const mapped = mapFastifyError(err);
      if (mapped) return sendProblem(request, reply, mapped.code, mapped.params, mapped.status);
      request.log.error({ err }, 'unexpected error');
      return sendProblem(request, reply, 'internal_error', {}, 500);
    });
    app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'not_found', { what: 'route' }, 404));
  },
  { name: 'problem' },
);
