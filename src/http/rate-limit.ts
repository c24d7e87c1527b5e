/**
 * The key the rate limits count under: the client's address. Fastify reads it lazily from
 * the socket, and a socket the client has already closed has none (`request.ip` is
 * undefined), which made @fastify/rate-limit's default key throw ("reading 'toLowerCase'")
 * and answer a 500. Such requests share one key instead: closing the connection early
 * buys no attempt that an open one would not get, and nobody is left to read the answer.
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The one key of every request whose connection is already gone. */
export const GONE_CLIENT_KEY = 'gone';

// IPv4-mapped IPv6 (::ffff:a.b.c.d) is the IPv4 client it names.
const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The eight 16-bit groups of an IPv6 address, as numbers. */
function ipv6Groups(ip: string): number[] {
  let text = ip.split('%')[0]!;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * The rate-limit key of a client address: an IPv4 address as is, an IPv6 address by its
 * /64 (one household's or one host's usual allocation, as @fastify/rate-limit's default
 * does), {@link GONE_CLIENT_KEY} when there is no address.
 */
export function rateLimitKey(ip: string | undefined): string {
  if (ip === undefined || ip === '') return GONE_CLIENT_KEY;
  const mapped = MAPPED_V4.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip.toLowerCase();
  return `${ipv6Groups(ip).slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
