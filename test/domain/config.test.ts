import { describe, expect, it } from 'vitest';
import { ConfigError, durationSeconds, loadConfig } from '../../src/config.js';
import { negotiateLanguage } from '../../src/http/language.js';

describe('configuration', () => {
  it('has working defaults for the embedded database', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('./data');
    expect(Object.isFrozen(c)).toBe(true);
  });
  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });
  it('reads the cast settings: limits, workers and the trusted proxies', () => {
    const c = loadConfig({ CAST_RATE_LIMIT: '1200', CAST_KEY_RATE_LIMIT: '5', CAST_WORKERS: '0', TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' });
    expect([c.CAST_RATE_LIMIT, c.CAST_KEY_RATE_LIMIT, c.CAST_WORKERS, c.TRUST_PROXY]).toEqual([1200, 5, 0, ['127.0.0.1', '10.0.0.0/8', '::1']]);
    expect(loadConfig({}).CAST_WORKERS).toBeUndefined();
    expect(() => loadConfig({ CAST_RATE_LIMIT: '0' })).toThrow(/CAST_RATE_LIMIT/);
    expect(() => loadConfig({ CAST_WORKERS: '-1' })).toThrow(/CAST_WORKERS/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.1;10.0.0.2' })).toThrow(/TRUST_PROXY/);
  });
  it('reads the body limits: 1 MiB in general, 256 MiB (and no more) for an issuer log', () => {
    const c = loadConfig({});
    expect([c.BODY_LIMIT_BYTES, c.ISSUER_LOG_BODY_LIMIT_BYTES]).toEqual([1_048_576, 268_435_456]);
    expect(loadConfig({ ISSUER_LOG_BODY_LIMIT_BYTES: '67108864' }).ISSUER_LOG_BODY_LIMIT_BYTES).toBe(67_108_864);
    expect(() => loadConfig({ ISSUER_LOG_BODY_LIMIT_BYTES: '268435457' })).toThrow(/ISSUER_LOG_BODY_LIMIT_BYTES/);
    expect(() => loadConfig({ ISSUER_LOG_BODY_LIMIT_BYTES: 'lots' })).toThrow(/ISSUER_LOG_BODY_LIMIT_BYTES/);
  });
  it('parses durations', () => {
    expect(durationSeconds('15m')).toBe(900);
    expect(durationSeconds('14d')).toBe(14 * 86_400);
    expect(() => loadConfig({ ACCESS_TOKEN_TTL: 'forever' })).toThrow(/ACCESS_TOKEN_TTL/);
    expect(loadConfig({}).INVITATION_TTL).toBe('14d');
    expect(() => loadConfig({ INVITATION_TTL: 'two weeks' })).toThrow(/INVITATION_TTL/);
  });
  it('parses TRUST_PROXY: none by default, true, a hop count, or a list of addresses', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
  });
});

describe('language negotiation', () => {
  it('defaults to Spanish', () => {
    expect(negotiateLanguage(undefined)).toBe('es');
    expect(negotiateLanguage('fr-FR')).toBe('es');
  });
  it('honours a preference for English, by order and by q', () => {
    expect(negotiateLanguage('en-US,en;q=0.9')).toBe('en');
    expect(negotiateLanguage('es;q=0.5, en;q=0.8')).toBe('en');
    expect(negotiateLanguage('es-PE, en;q=0.8')).toBe('es');
  });
});
