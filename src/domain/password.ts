/**
 * Password hashing with scrypt (node:crypto). The parameters are stored in the hash, so
 * the cost can be raised later: a sign-in with an older, cheaper hash rehashes the
 * password at the current cost.
 * @module
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters (RFC 7914 §2). */
export interface PasswordCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** The production cost: N = 2^17, r = 8, p = 1 (128 MiB per hash). */
export const PASSWORD_COST: PasswordCost = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
const KEY_LEN = 32;
// The most a stored hash may ask for: a hash planted in the database cannot demand more.
const MAX_LOG_N = 20;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * `scrypt$N$r$p$salt$hash` with base64 salt and hash. `cost` defaults to
 * {@link PASSWORD_COST}; only tests pass a cheaper one.
 */
export async function hashPassword(password: string, cost: PasswordCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LEN, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; expected: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < 1 || logN > MAX_LOG_N || !Number.isInteger(r) || r < 1 || r > 16 || !Number.isInteger(p) || p < 1 || p > 4) {
    return undefined;
  }
  return { N, r, p, salt: Buffer.from(parts[4]!, 'base64'), expected: Buffer.from(parts[5]!, 'base64') };
}

/** Constant-time comparison against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h || h.expected.length < 16) return false;
  const key = await scryptAsync(password, h.salt, h.expected.length, { N: h.N, r: h.r, p: h.p });
  return timingSafeEqual(key, h.expected);
}

/** True when `stored` was hashed at a lower cost than `cost` (it is rehashed at sign-in). */
export function needsRehash(stored: string, cost: PasswordCost = PASSWORD_COST): boolean {
  const h = parse(stored);
  return !h || h.N < cost.N || h.r < cost.r || h.p < cost.p;
}

// A hash of a random password, compared against when the email is unknown, so that the
// response time does not reveal which emails have accounts.
const dummies = new Map<number, Promise<string>>();
export function dummyHash(cost: PasswordCost = PASSWORD_COST): Promise<string> {
  let d = dummies.get(cost.N);
  if (!d) dummies.set(cost.N, (d = hashPassword(randomBytes(16).toString('hex'), cost)));
  return d;
}
