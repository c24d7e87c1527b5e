import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkRelations } from '../../src/crypto/batch.js';
import {
  type DisjunctiveProof, disjunctiveProofFromJSON, disjunctiveProofToJSON, proveOneOf, proveZeroOrOne, verifyOneOf,
  verifyZeroOrOne, zeroOrOneRelations,
} from '../../src/crypto/disjunctive.js';
import { type Ciphertext, encrypt } from '../../src/crypto/elgamal.js';
import { DecodeError, G, IDENTITY, ORDER, baseMul, mod, pointToHex, randomScalar } from '../../src/crypto/group.js';
import { TAGS, Transcript } from '../../src/crypto/transcript.js';

const ctx = new TextEncoder().encode('election A / contest 1 / ballot key');
const otherCtx = new TextEncoder().encode('election A / contest 1 / another ballot key');
const K = baseMul(randomScalar());

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

/** The verifier's verdict; the batch relations must always agree with it. */
function holds(c: Ciphertext, p: DisjunctiveProof, key = K, context = ctx): boolean {
  const v = verifyZeroOrOne(context, key, c, p);
  const r = zeroOrOneRelations(context, key, c, p);
  expect(r !== null && checkRelations(r)).toBe(v);
  return v;
}

/** The transcript a 0-or-1 proof uses, for a test's cheating prover. */
function transcript(c: Ciphertext, context = ctx): Transcript {
  return new Transcript(TAGS.disjunctive).bytes(context).point(K).point(c.alpha).point(c.beta);
}

/** A cheating prover that simulates both branches and then forces the challenges to add up. */
function forgeBothSimulated(c: Ciphertext): DisjunctiveProof {
  const sim = [0, 1].map((j) => {
    const challenge = randomScalar();
    const response = randomScalar();
    return {
      a: baseMul(response).subtract(c.alpha.multiply(challenge)),
      b: K.multiply(response).subtract(c.beta.subtract(baseMul(BigInt(j))).multiply(challenge)),
      challenge, response,
    };
  });
  const t = transcript(c);
  for (const br of sim) t.point(br.a).point(br.b);
  const total = t.challenge();
  return { branches: [sim[0]!, { ...sim[1]!, challenge: mod(total - sim[0]!.challenge) }] };
}

describe('disjunctive Chaum–Pedersen: a ciphertext encrypts 0 or 1 (ElectionGuard 2.0 §3.3.5)', () => {
  const r0 = randomScalar();
  const r1 = randomScalar();
  const c0 = encrypt(K, 0, r0);
  const c1 = encrypt(K, 1, r1);
  const p0 = proveZeroOrOne(ctx, K, c0, 0, r0);
  const p1 = proveZeroOrOne(ctx, K, c1, 1, r1);

  it('honest proofs of 0 and of 1 verify', () => {
    expect(holds(c0, p0)).toBe(true);
    expect(holds(c1, p1)).toBe(true);
    expect(p1.branches.length).toBe(2);
  });

  it('rejects a changed ciphertext', () => {
    expect(holds({ ...c1, beta: c1.beta.add(G) }, p1)).toBe(false);
    expect(holds({ ...c1, alpha: c1.alpha.add(G) }, p1)).toBe(false);
    expect(holds({ alpha: c1.alpha, beta: c1.beta.subtract(G) }, p1)).toBe(false);
  });

  it('rejects a changed commitment in either branch', () => {
    for (const j of [0, 1]) {
      for (const f of ['a', 'b'] as const) {
        const branches = p1.branches.map((br, i) => (i === j ? { ...br, [f]: br[f].add(G) } : br));
        expect(holds(c1, { branches })).toBe(false);
      }
    }
  });

  it('rejects a changed response, and challenges shifted between branches (sum unchanged)', () => {
    for (const j of [0, 1]) {
      const branches = p1.branches.map((br, i) => (i === j ? { ...br, response: mod(br.response + 1n) } : br));
      expect(holds(c1, { branches })).toBe(false);
    }
    const [b0, b1] = p1.branches;
    expect(holds(c1, { branches: [{ ...b0!, challenge: mod(b0!.challenge + 1n) }, { ...b1!, challenge: mod(b1!.challenge - 1n) }] })).toBe(false);
    expect(holds(c1, { branches: [{ ...b0!, challenge: mod(b0!.challenge + 1n) }, b1!] })).toBe(false);
    expect(holds(c1, { branches: [b1!, b0!] })).toBe(false);
  });

  it('rejects the proof moved to another ciphertext, key or context (strong Fiat–Shamir)', () => {
    expect(holds(encrypt(K, 1, randomScalar()), p1)).toBe(false);
    expect(holds(c0, p1)).toBe(false);
    expect(holds(c1, p1, baseMul(randomScalar()))).toBe(false);
    expect(holds(c1, p1, K, otherCtx)).toBe(false);
  });

  it('rejects a ciphertext of 2 or of −1 from a dishonest prover who claims a branch', () => {
    for (const m of [2, -1]) {
      const r = randomScalar();
      const c = encrypt(K, m, r);
      for (const claimed of [0, 1]) {
        const lie = proveOneOf(transcript(c), K, c, 2, claimed, r);
        expect(holds(c, lie)).toBe(false);
      }
    }
  });

  it('rejects a ciphertext of 2 from a dishonest prover who simulates both branches', () => {
    const c = encrypt(K, 2, randomScalar());
    const forged = forgeBothSimulated(c);
    expect(mod(forged.branches[0]!.challenge + forged.branches[1]!.challenge)).toBe(
      (() => { const t = transcript(c); for (const br of forged.branches) t.point(br.a).point(br.b); return t.challenge(); })(),
    );
    expect(holds(c, forged)).toBe(false);
  });

  it('the cheating provers are real: the same code proves 2 in 0..2', () => {
    const r = randomScalar();
    const c = encrypt(K, 2, r);
    const t = () => new Transcript(TAGS.range).bytes(ctx);
    expect(verifyOneOf(t(), K, c, 3, proveOneOf(t(), K, c, 3, 2, r))).toBe(true);
  });

  it('never throws on malformed untrusted input; the prover refuses m ∉ {0, 1}', () => {
    expect(verifyZeroOrOne(ctx, K, c1, { branches: [p1.branches[0]!] })).toBe(false);
    expect(verifyZeroOrOne(ctx, K, c1, { branches: [...p1.branches, p1.branches[0]!] })).toBe(false);
    expect(verifyZeroOrOne(ctx, K, c1, { branches: [{ ...p1.branches[0]!, response: ORDER }, p1.branches[1]!] })).toBe(false);
    expect(verifyZeroOrOne(ctx, K, c1, {} as never)).toBe(false);
    expect(verifyZeroOrOne(ctx, K, { alpha: c1.alpha } as never, p1)).toBe(false);
    expect(zeroOrOneRelations(ctx, K, c1, { branches: [p1.branches[1]!, p1.branches[0]!] })).toBeNull();
    expect(() => proveZeroOrOne(ctx, K, c1, 2, r1)).toThrow(RangeError);
    expect(() => proveZeroOrOne(ctx, K, c1, 1, 0n)).toThrow(RangeError);
  });

  it('JSON round-trips and refuses non-canonical encodings', () => {
    const j = disjunctiveProofToJSON(p1);
    expect(holds(c1, disjunctiveProofFromJSON(j, 2))).toBe(true);
    const br = j.branches[0]!;
    const withBranch = (b: object) => ({ branches: [b, j.branches[1]!] }) as never;
    expect(dErr(() => disjunctiveProofFromJSON(withBranch({ ...br, a: br.a.toUpperCase() }), 2))).toBe('not_hex');
    expect(dErr(() => disjunctiveProofFromJSON(withBranch({ ...br, b: 'ff'.repeat(31) + '7f' }), 2))).toBe('non_canonical_point');
    expect(dErr(() => disjunctiveProofFromJSON(withBranch({ ...br, a: pointToHex(IDENTITY) }), 2))).toBe('identity_point');
    expect(dErr(() => disjunctiveProofFromJSON(withBranch({ ...br, challenge: 'ff'.repeat(32) }), 2))).toBe('scalar_out_of_range');
    expect(dErr(() => disjunctiveProofFromJSON(withBranch({ ...br, response: br.response + '00' }), 2))).toBe('wrong_length');
    expect(dErr(() => disjunctiveProofFromJSON(withBranch({ ...br, extra: '' }), 2))).toBe('wrong_length');
    expect(dErr(() => disjunctiveProofFromJSON({ branches: [br] }, 2))).toBe('wrong_length');
    expect(dErr(() => disjunctiveProofFromJSON({ branches: [] }))).toBe('wrong_length');
    expect(dErr(() => disjunctiveProofFromJSON({ ...j, more: 1 } as never, 2))).toBe('wrong_length');
  });

  it('property: honest proofs verify and proofs of out-of-range values never do', () => {
    fc.assert(fc.property(fc.integer({ min: -3, max: 4 }), fc.integer({ min: 0, max: 1 }), (m, claimed) => {
      const r = randomScalar();
      const c = encrypt(K, m, r);
      const p = proveOneOf(transcript(c), K, c, 2, claimed, r);
      return verifyZeroOrOne(ctx, K, c, p) === (m === claimed);
    }), { numRuns: 30 });
  });
});
