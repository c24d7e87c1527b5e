/**
 * The ballot summer of the server's close and the trustee CLI's check: record/ballot-sums.ts's
 * in-thread summer on libsodium's ristretto255 addition (crypto/sodium-sums.ts), ≈ 4–5× less
 * CPU a ballot than noble's decoding, with the same sums and the same refusals. Node only: the
 * browser's trustee page keeps `sumInThread` (noble).
 * @module
 */
import { type CiphertextAdder, type SummerFactory, summerWith } from '../record/ballot-sums.js';
import { type CiphertextSumBytes, addCiphertextBytes, ciphertextsOfSumBytes, sodiumReady, zeroSumBytes } from '../crypto/sodium-sums.js';

/** Sums kept as encodings, added by libsodium. */
export const sodiumAdder: CiphertextAdder<CiphertextSumBytes> = {
  zero: zeroSumBytes,
  add: (sum, cts) => addCiphertextBytes(sum, cts),
  result: ciphertextsOfSumBytes,
};

/** Sums in this thread with libsodium, once its WASM is loaded (`add` returns a promise). */
export const sodiumSummer: SummerFactory = summerWith(sodiumAdder, sodiumReady);
