/**
 * Sums of ballots' ciphertexts on libsodium (WASM), for Node only: the server's close and
 * the trustee CLI's check before decrypting add every counted ballot's ciphertexts (≈ 10
 * points a ballot). Noble decodes a point in ≈ 80 µs (a bigint inverse square root);
 * libsodium's `crypto_core_ristretto255_add` decodes both terms, adds and re-encodes in
 * ≈ 10–20 µs. So the running sums are kept as encodings and each point is added as it
 * comes, never decoded by noble: a 5-candidate ballot costs ≈ 0.23 ms of CPU against
 * noble's ≈ 1.1 ms (measured side by side on a loaded 2-core machine).
 *
 * It refuses exactly what the noble path (`ciphertextFromJSON` as record/ballot-sums.ts
 * calls it) refuses: the same strict JSON shape and hex are checked first, libsodium
 * refuses the non-canonical and undecodable encodings (RFC 9496 §4.3.1, as noble does), and
 * the identity — which libsodium adds without complaint — is refused here explicitly, its
 * one canonical encoding being 32 zero bytes. Whatever it refuses, the error thrown is the
 * one noble's decoding throws for that row, so a refusal names the same ciphertext in the
 * same words (test/crypto/sodium-sums.test.ts runs the same good and bad rows through both).
 *
 * Server-only: the browser keeps the noble path (test/architecture/layering.test.ts).
 * @module
 */
import { type Ciphertext, type CiphertextJSON, ciphertextFromJSON, jsonObject } from './elgamal.js';
import { POINT_BYTES, decodePoint, fromHex } from './group.js';
import { sodiumRaw } from './sodium-ballots.js';

export { sodiumReady } from './sodium-ballots.js';

/** Bytes of one ciphertext's sum: α's then β's encoding. */
const CIPHERTEXT_BYTES = 2 * POINT_BYTES;

/** Running sums of `n` candidates' ciphertexts: 64 bytes each, α's encoding then β's. */
export type CiphertextSumBytes = Uint8Array;

/** The sums of no ciphertexts for `n` candidates: every point the identity (32 zero bytes). */
export function zeroSumBytes(n: number): CiphertextSumBytes {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`"n" expected a non-negative integer, got ${n}`);
  return new Uint8Array(n * CIPHERTEXT_BYTES);
}

function isZero(b: Uint8Array): boolean {
  let d = 0;
  for (let i = 0; i < b.length; i++) d |= b[i]!;
  return d === 0;
}

/** Two 32-byte slots on libsodium's heap: the running term and the point added to it. */
let slots: number | undefined;

/**
 * `sums` plus one ballot's ciphertexts (untrusted JSON: `{ alpha, beta }` per candidate, as
 * many as `sums` holds), computed by libsodium; `sums` itself is not changed. After `await
 * sodiumReady`.
 * @throws DecodeError for a ciphertext the noble path refuses: the very error that
 *   `ciphertextFromJSON(c, \`${what}[i].ciphertext\`)` throws on the first one it refuses
 * @throws RangeError if `cts` is not an array of as many ciphertexts as `sums` holds
 * @example sums = addCiphertextBytes(sums, row.ciphertexts)
 */
export function addCiphertextBytes(sums: CiphertextSumBytes, cts: readonly unknown[], what = 'selections'): CiphertextSumBytes {
  if (!Array.isArray(cts) || cts.length * CIPHERTEXT_BYTES !== sums.length) {
    throw new RangeError(`"cts" expected ${sums.length / CIPHERTEXT_BYTES} ciphertexts, got ${Array.isArray(cts) ? cts.length : typeof cts}`);
  }
  const raw = sodiumRaw();
  slots ??= raw._malloc(2 * POINT_BYTES);
  const acc = slots;
  const term = slots + POINT_BYTES;
  const next = new Uint8Array(sums.length);
  try {
    // Index by index, holes included (`forEach` would skip a hole of a sparse array).
    for (let i = 0; i < cts.length; i++) {
      const name = `${what}[${i}].ciphertext`;
      const j = jsonObject(cts[i], ['alpha', 'beta'], name);
      for (const [k, hex] of [j.alpha, j.beta].entries()) {
        const point = fromHex(hex as string, name, POINT_BYTES);
        if (isZero(point)) throw new Error('the identity');
        const at = i * CIPHERTEXT_BYTES + k * POINT_BYTES;
        // The heap is read afresh: it is replaced when libsodium's memory grows.
        raw.HEAPU8.set(sums.subarray(at, at + POINT_BYTES), acc);
        raw.HEAPU8.set(point, term);
        if (raw._crypto_core_ristretto255_add(acc, acc, term) !== 0) throw new Error('refused by libsodium');
        next.set(raw.HEAPU8.subarray(acc, acc + POINT_BYTES), at);
      }
    }
  } catch {
    // The noble path names the problem, in its own words.
    for (let i = 0; i < cts.length; i++) ciphertextFromJSON(cts[i] as CiphertextJSON, `${what}[${i}].ciphertext`);
    throw new Error(`${what}: a ciphertext that libsodium refused and noble decodes`);
  }
  return next;
}

/**
 * The sums as ciphertexts, decoded by noble (a sum may be the identity).
 * @throws DecodeError if `sums` holds a bad encoding (not one made by {@link addCiphertextBytes})
 */
export function ciphertextsOfSumBytes(sums: CiphertextSumBytes): Ciphertext[] {
  return Array.from({ length: sums.length / CIPHERTEXT_BYTES }, (_, i) => {
    const at = i * CIPHERTEXT_BYTES;
    return Object.freeze({
      alpha: decodePoint(sums.slice(at, at + POINT_BYTES), 'sum.alpha', true),
      beta: decodePoint(sums.slice(at + POINT_BYTES, at + CIPHERTEXT_BYTES), 'sum.beta', true),
    });
  });
}
