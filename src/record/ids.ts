/**
 * Identifiers in the record (election, contest, candidate, member and association ids):
 * 1..256 bytes of well-formed UTF-8, the bound the voting token and ballot context put on
 * election and contest ids (src/crypto/voting-token.ts `MAX_ID_BYTES`).
 * @module
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { MAX_ID_BYTES } from '../crypto/voting-token.js';

/** Longest id in UTF-8 bytes (crypto's voting-token bound). */
export { MAX_ID_BYTES };

/**
 * True if `s` is a string of 1..256 UTF-8 bytes without lone surrogates (which would
 * collide on U+FFFD once encoded). Never throws.
 * @example isId('board-2026') // true; isId('') // false
 */
export function isId(s: unknown): s is string {
  if (typeof s !== 'string' || s.length === 0 || s.length > MAX_ID_BYTES) return false;
  const b = utf8ToBytes(s);
  return b.length <= MAX_ID_BYTES && new TextDecoder().decode(b) === s;
}

/**
 * @throws TypeError/RangeError unless `s` is an id (see {@link isId})
 */
export function assertId(name: string, s: unknown): asserts s is string {
  if (typeof s !== 'string') throw new TypeError(`"${name}" expected a string, got ${typeof s}`);
  if (!isId(s)) throw new RangeError(`"${name}" expected 1..${MAX_ID_BYTES} UTF-8 bytes, got ${JSON.stringify(s)}`);
}

/** zod schema of an id (see {@link isId}). */
export const IdSchema = z.string().refine(isId, { message: `expected 1..${MAX_ID_BYTES} bytes of well-formed UTF-8` });
