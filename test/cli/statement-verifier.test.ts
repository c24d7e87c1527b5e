import { ed25519 } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyStrictSignature } from '../../src/crypto/ballot-signature.js';
import { sodiumReady } from '../../src/crypto/sodium-ballots.js';
import { LONG_MESSAGE_BYTES, verifyStatement } from '../../src/cli/statement-verifier.js';

beforeAll(async () => { await sodiumReady; });

describe('verifyStatement (libsodium for short messages, node:crypto for long ones)', () => {
  const secret = ed25519.utils.randomSecretKey();
  const pk = ed25519.getPublicKey(secret);
  for (const [what, size] of [['a short message', 700], ['a message at the limit', LONG_MESSAGE_BYTES], ['a long message', LONG_MESSAGE_BYTES + 1]] as const) {
    it(`${what}: a valid signature passes, a changed message, signature or key fails, as the strict check judges`, () => {
      const msg = new Uint8Array(size).map((_, i) => i * 31);
      const sig = ed25519.sign(msg, secret);
      const otherMsg = Uint8Array.from(msg);
      otherMsg[size - 1]! ^= 1;
      const otherSig = Uint8Array.from(sig);
      otherSig[5]! ^= 1;
      const otherPk = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
      const cases: [Uint8Array, Uint8Array, Uint8Array][] = [[pk, msg, sig], [pk, otherMsg, sig], [pk, msg, otherSig], [otherPk, msg, sig], [pk.subarray(1), msg, sig]];
      expect(cases.map((c) => verifyStatement(...c))).toEqual([true, false, false, false, false]);
      expect(cases.map((c) => verifyStatement(...c))).toEqual(cases.map((c) => verifyStrictSignature(...c)));
    });
  }
});
