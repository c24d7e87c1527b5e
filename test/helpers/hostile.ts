/**
 * Hostile input shared by the negative tests and the fuzz test: access tokens forged in
 * every way fast-jwt can refuse one, and text PostgreSQL cannot store.
 */
import { createHmac } from 'node:crypto';
import { TEST_JWT_SECRET } from './app.js';

const b64url = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A JWT with this header and payload, HMAC-signed with `hash` under `secret` (the app's own by default). */
export function forgeJwt(header: unknown, payload: unknown, opts: { secret?: string; hash?: 'sha256' | 'sha384' | 'sha512' } = {}): string {
  const signed = `${b64url(header)}.${b64url(payload)}`;
  return `${signed}.${createHmac(opts.hash ?? 'sha256', opts.secret ?? TEST_JWT_SECRET).update(signed).digest('base64url')}`;
}

/**
 * Tokens the API must answer with 401, by name, for an account of `role` (claims as the
 * app signs them). Most are signed with the app's real secret, so only the one flaw named
 * makes them bad.
 */
export function hostileTokens(role = 'admin', nowSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const claims = { sub: '00000000-0000-4000-8000-000000000001', role, aid: null, mid: null, iat: nowSeconds, exp: nowSeconds + 600 };
  const hs256 = { alg: 'HS256', typ: 'JWT' };
  const unsigned = (header: unknown) => `${b64url(header)}.${b64url(claims)}.`;
  return {
    'alg HS384 (the right secret)': forgeJwt({ alg: 'HS384', typ: 'JWT' }, claims, { hash: 'sha384' }),
    'alg HS512 (the right secret)': forgeJwt({ alg: 'HS512', typ: 'JWT' }, claims, { hash: 'sha512' }),
    'alg RS256': forgeJwt({ alg: 'RS256', typ: 'JWT' }, claims),
    'alg none, unsigned': unsigned({ alg: 'none', typ: 'JWT' }),
    'alg none, signed': forgeJwt({ alg: 'none', typ: 'JWT' }, claims),
    'alg a number': forgeJwt({ alg: 256, typ: 'JWT' }, claims),
    'alg missing': forgeJwt({ typ: 'JWT' }, claims),
    'alg null': forgeJwt({ alg: null }, claims),
    'header an array': forgeJwt([hs256], claims),
    'a critical extension': forgeJwt({ ...hs256, crit: ['exp'] }, claims),
    'nbf in the future': forgeJwt(hs256, { ...claims, nbf: nowSeconds + 3600 }),
    'expired': forgeJwt(hs256, { ...claims, iat: nowSeconds - 7200, exp: nowSeconds - 3600 }),
    'exp a string': forgeJwt(hs256, { ...claims, exp: 'tomorrow' }),
    'payload an array': forgeJwt(hs256, [claims]),
    'payload a string': forgeJwt(hs256, 'admin'),
    'an unknown role': forgeJwt(hs256, { ...claims, role: 'superuser' }),
    'another secret': forgeJwt(hs256, claims, { secret: 'not-the-secret-not-the-secret-000000' }),
    'signature stripped': unsigned(hs256),
    'one segment': b64url(claims),
    'four segments': `${forgeJwt(hs256, claims)}.x`,
    'not base64': 'a$b.c$d.e$f',
    'header not JSON': `${b64url('{"alg":')}.${b64url(claims)}.x`,
  };
}

/** Text PostgreSQL refuses (U+0000) or no UTF-8 encoder can carry (a lone surrogate), by name. */
export const UNSTORABLE_TEXT: Readonly<Record<string, string>> = Object.freeze({
  'U+0000': 'Asociación\u0000Esperanza',
  'a lone high surrogate': 'Asociación \ud83d',
  'a lone low surrogate': '\ude00 Esperanza',
  'surrogates reversed': 'a\ude00\ud83db',
});
