import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BABY_STEPS, DEFAULT_BOUND, discreteLog } from '../../src/crypto/discrete-log.js';
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { G, IDENTITY, Point, baseMul, randomScalar } from '../../src/crypto/group.js';

describe('small discrete log by baby-step giant-step (ElectionGuard 2.0 §3.6.4)', () => {
  it('finds 0, the table edges and the default bound 10^6', () => {
    for (const m of [0, 1, 2, BABY_STEPS - 1, BABY_STEPS, BABY_STEPS + 1, 3 * BABY_STEPS, 999_999, DEFAULT_BOUND]) {
      expect(discreteLog(baseMul(BigInt(m)))).toBe(m);
    }
    expect(discreteLog(IDENTITY)).toBe(0);
  });

  it('returns null above the bound', () => {
    expect(discreteLog(baseMul(BigInt(DEFAULT_BOUND + 1)))).toBeNull();
    expect(discreteLog(baseMul(11n), 10)).toBeNull();
    expect(discreteLog(baseMul(10n), 10)).toBe(10);
    expect(discreteLog(baseMul(BigInt(BABY_STEPS)), BABY_STEPS - 1)).toBeNull();
  });

  it('returns null for a point that is not a small multiple, and for non-points', () => {
    expect(discreteLog(baseMul(randomScalar()))).toBeNull();
    expect(discreteLog(G.negate())).toBeNull(); // −1
    expect(discreteLog('x' as never)).toBeNull();
    expect(() => discreteLog(G, -1)).toThrow(RangeError);
  });

  it('finds larger bounds when asked', () => {
    expect(discreteLog(baseMul(5_000_000n), 5_000_000)).toBe(5_000_000);
  });

  it('keys every Edwards representative of an element alike (the 4-torsion coset)', () => {
    const E4 = ED25519_TORSION_SUBGROUP.map((h) => ed25519.Point.fromHex(h)).filter((T) => T.multiplyUnsafe(4n).is0());
    expect(E4.length).toBe(4);
    for (const m of [0n, 7n, 123_456n]) {
      for (const T of E4) {
        const P = new Point(ed25519.Point.BASE.multiplyUnsafe(m).add(T));
        expect(P.equals(baseMul(m))).toBe(true);
        expect(discreteLog(P)).toBe(Number(m));
      }
    }
  });

  it('property: any m in 0..10^6 is found, whatever representative the point carries', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: DEFAULT_BOUND }), fc.integer({ min: 0, max: DEFAULT_BOUND }), (a, b) => {
      // a·G + b·G via an addition chain gives another Edwards representative than (a+b)·G
      const P = baseMul(BigInt(a)).add(baseMul(BigInt(b))).subtract(baseMul(BigInt(b)));
      return discreteLog(P) === a;
    }), { numRuns: 50 });
  });
});
