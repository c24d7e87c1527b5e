/**
 * The rate-limit key: a client's address (IPv6 by its /64), and one shared key for every
 * request whose connection is already gone (Fastify then reads no address at all).
 */
import { describe, expect, it } from 'vitest';
import { GONE_CLIENT_KEY, rateLimitKey } from '../../src/http/rate-limit.js';

describe('rateLimitKey', () => {
  it('gives requests without an address (the client already gone) one shared key instead of throwing', () => {
    expect(rateLimitKey(undefined)).toBe(GONE_CLIENT_KEY);
    expect(rateLimitKey('')).toBe(GONE_CLIENT_KEY);
  });

  it('keys an IPv4 client by its address, also when it arrives IPv4-mapped', () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('203.0.113.8')).not.toBe(rateLimitKey('203.0.113.7'));
  });

  it('keys an IPv6 client by its /64, however the address is written', () => {
    const key = rateLimitKey('2001:db8:1:2::1');
    expect(key).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(key);
    expect(rateLimitKey('2001:DB8:1:2:0:0:0:abcd')).toBe(key);
    expect(rateLimitKey('2001:db8:1:2::1%eth0')).toBe(key);
    expect(rateLimitKey('2001:db8:1:3::1')).not.toBe(key);
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('::')).toBe('0:0:0:0::/64');
  });
});
