import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError, G, IDENTITY, ORDER, mod, mul, randomScalar } from '../../src/crypto/group.js';
import {
  type CeremonyParams, type Complaint, type Dealing, type TrusteePublicKey, checkComplaint, checkDealing, checkShare,
  checkTrusteeKey, combineSecretShare, complaintFromJSON, complaintToJSON, createDealing, createTrusteeKey,
  dealingFromJSON, dealingToJSON, jointPublicKey, qualifiedDealers, raiseComplaint, receiveShare,
  trusteePublicKeyFromJSON, trusteePublicKeyToJSON, verificationKey,
} from '../../src/crypto/key-ceremony.js';
import { evaluatePolynomial, lagrangeCoefficients } from '../../src/crypto/lagrange.js';
import { encryptShare } from '../../src/crypto/share-encryption.js';

const ctx = new TextEncoder().encode('manifest-hash-of-election-1');
const otherCtx = new TextEncoder().encode('manifest-hash-of-election-2');

/** ℓ itself, little-endian hex: the smallest out-of-range scalar. */
const ELL_HEX = Array.from({ length: 32 }, (_, i) => Number((ORDER >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join('');

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

interface Ceremony {
  params: CeremonyParams;
  secrets: bigint[]; // trustee key secrets, index j at [j-1]
  keys: TrusteePublicKey[];
  dealings: Dealing[];
  polynomials: (readonly bigint[])[];
  ownShares: bigint[];
}

function deal(params: CeremonyParams, c = ctx): Ceremony {
  const pairs = Array.from({ length: params.n }, (_, i) => createTrusteeKey(c, i + 1));
  const keys = pairs.map((p) => p.publicKey);
  const made = keys.map((k) => createDealing(c, params, k.index, keys));
  return {
    params, keys, secrets: pairs.map((p) => p.secret),
    dealings: made.map((m) => m.dealing), polynomials: made.map((m) => m.polynomial), ownShares: made.map((m) => m.ownShare),
  };
}

/** Replace dealer i's share to j by an encryption of `value` (a dishonest dealer). */
function withShare(c: Ceremony, dealer: number, j: number, value: bigint): Dealing {
  const d = c.dealings[dealer - 1]!;
  const encrypted = encryptShare({ ctx, sender: dealer, recipient: j }, c.keys[j - 1]!.key, value);
  return { ...d, shares: d.shares.map((s) => (s.recipient === j ? { recipient: j, encrypted } : s)) };
}

describe('trustee keys: Schnorr proof of possession bound to context and index', () => {
  const { publicKey } = createTrusteeKey(ctx, 2);
  it('verifies', () => expect(checkTrusteeKey(ctx, publicKey)).toBe(true));
  it('rejects another context, another index, a changed key, commitment or response', () => {
    expect(checkTrusteeKey(otherCtx, publicKey)).toBe(false);
    expect(checkTrusteeKey(ctx, { ...publicKey, index: 3 })).toBe(false);
    expect(checkTrusteeKey(ctx, { ...publicKey, key: publicKey.key.add(G) })).toBe(false);
    expect(checkTrusteeKey(ctx, { ...publicKey, proof: { ...publicKey.proof, commitment: publicKey.proof.commitment.add(G) } })).toBe(false);
    expect(checkTrusteeKey(ctx, { ...publicKey, proof: { ...publicKey.proof, response: mod(publicKey.proof.response + 1n) } })).toBe(false);
  });
  it('JSON round trip; strict decoding', () => {
    const json = trusteePublicKeyToJSON(publicKey);
    expect(checkTrusteeKey(ctx, trusteePublicKeyFromJSON(json))).toBe(true);
    expect(dErr(() => trusteePublicKeyFromJSON({ ...json, key: json.key.toUpperCase() }))).toBe('not_hex');
    expect(dErr(() => trusteePublicKeyFromJSON({ ...json, key: '00'.repeat(32) }))).toBe('identity_point');
    expect(dErr(() => trusteePublicKeyFromJSON({ ...json, index: 0 }))).toBe('scalar_out_of_range');
    expect(dErr(() => trusteePublicKeyFromJSON({ ...json, proof: { ...json.proof, response: ELL_HEX } }))).toBe('scalar_out_of_range');
  });
});

describe('dealings: commitments with proofs of knowledge, one sealed share per other trustee', () => {
  const c = deal({ n: 3, t: 2 });
  const d = c.dealings[0]!;

  it('an honest dealing passes', () => {
    for (const x of c.dealings) expect(checkDealing(ctx, c.params, x)).toEqual({ ok: true });
  });
  it('rejects a changed commitment, a changed response, a swapped proof (another k)', () => {
    expect(checkDealing(ctx, c.params, { ...d, commitments: [d.commitments[0]!.add(G), d.commitments[1]!] }).ok).toBe(false);
    const p0 = d.proofs[0]!;
    expect(checkDealing(ctx, c.params, { ...d, proofs: [{ ...p0, response: mod(p0.response + 1n) }, d.proofs[1]!] }).ok).toBe(false);
    expect(checkDealing(ctx, c.params, { ...d, proofs: [{ ...p0, commitment: p0.commitment.add(G) }, d.proofs[1]!] }).ok).toBe(false);
    expect(checkDealing(ctx, c.params, { ...d, commitments: [...d.commitments].reverse(), proofs: [...d.proofs].reverse() }))
      .toEqual({ ok: false, reason: 'bad_proof' });
  });
  it('rejects proofs moved to another context, another dealer index, or other (n, t)', () => {
    expect(checkDealing(otherCtx, c.params, d)).toEqual({ ok: false, reason: 'bad_proof' });
    const asDealer2 = { ...d, dealer: 2, shares: c.dealings[1]!.shares };
    expect(checkDealing(ctx, c.params, asDealer2)).toEqual({ ok: false, reason: 'bad_proof' });
    const bigger = { ...d, shares: [...d.shares, { recipient: 4, encrypted: d.shares[0]!.encrypted }] };
    expect(checkDealing(ctx, { n: 4, t: 2 }, bigger)).toEqual({ ok: false, reason: 'bad_proof' });
  });
  it('rejects a wrong number of commitments, missing / extra / repeated recipients, a bad dealer index, a malformed share', () => {
    expect(checkDealing(ctx, c.params, { ...d, commitments: d.commitments.slice(0, 1), proofs: d.proofs.slice(0, 1) }))
      .toEqual({ ok: false, reason: 'wrong_commitment_count' });
    expect(checkDealing(ctx, c.params, { ...d, shares: d.shares.slice(1) })).toEqual({ ok: false, reason: 'wrong_recipients' });
    expect(checkDealing(ctx, c.params, { ...d, shares: [d.shares[0]!, d.shares[0]!] })).toEqual({ ok: false, reason: 'wrong_recipients' });
    expect(checkDealing(ctx, c.params, { ...d, dealer: 4 })).toEqual({ ok: false, reason: 'bad_dealer' });
    const s0 = d.shares[0]!;
    expect(checkDealing(ctx, c.params, { ...d, shares: [{ ...s0, encrypted: { ...s0.encrypted, ephemeral: IDENTITY } }, d.shares[1]!] }))
      .toEqual({ ok: false, reason: 'malformed_share' });
    expect(checkDealing(ctx, c.params, { ...d, shares: [{ ...s0, encrypted: { ...s0.encrypted, sealed: new Uint8Array(47) } }, d.shares[1]!] }))
      .toEqual({ ok: false, reason: 'malformed_share' });
  });
  it('the identity as a commitment is refused even with a "proof"', () => {
    expect(checkDealing(ctx, c.params, { ...d, commitments: [IDENTITY, d.commitments[1]!] }).ok).toBe(false);
  });
  it('JSON round trip; strict decoding of every field', () => {
    const json = dealingToJSON(d);
    const back = dealingFromJSON(JSON.parse(JSON.stringify(json)));
    expect(checkDealing(ctx, c.params, back)).toEqual({ ok: true });
    expect(receiveShare(ctx, c.params, 2, c.secrets[1]!, back).ok).toBe(true);
    expect(dErr(() => dealingFromJSON({ ...json, commitments: [json.commitments[0]!.toUpperCase(), json.commitments[1]!] }))).toBe('not_hex');
    expect(dErr(() => dealingFromJSON({ ...json, commitments: ['ff'.repeat(31) + '7f', json.commitments[1]!] }))).toBe('non_canonical_point');
    expect(dErr(() => dealingFromJSON({ ...json, dealer: 1.5 }))).toBe('scalar_out_of_range');
    expect(dErr(() => dealingFromJSON({ ...json, shares: [{ ...json.shares[0]!, sealed: 'ab' }] }))).toBe('wrong_length');
    expect(dErr(() => dealingFromJSON({ ...json, proofs: 'x' as never }))).toBe('wrong_length');
    expect(dErr(() => dealingFromJSON({ ...json, extra: 1 } as never))).toBe('wrong_length');
    expect(dErr(() => dealingFromJSON({ ...json, shares: [{ ...json.shares[0]!, note: 'x' } as never, json.shares[1]!] }))).toBe('wrong_length');
  });
});

describe('shares: Feldman verification, joint key, verification keys, secret shares', () => {
  it('f_i(j)·G = Σ_k j^k·C_ik holds for honest shares and fails for any other value', () => {
    const c = deal({ n: 4, t: 3 });
    for (const d of c.dealings) {
      for (let j = 1; j <= 4; j++) {
        if (j === d.dealer) continue;
        const r = receiveShare(ctx, c.params, j, c.secrets[j - 1]!, d);
        expect(r).toEqual({ ok: true, share: evaluatePolynomial(c.polynomials[d.dealer - 1]!, BigInt(j)) });
        if (r.ok) expect(checkShare(d.commitments, j, mod(r.share + 1n))).toBe(false);
      }
      expect(checkShare(d.commitments, d.dealer, c.ownShares[d.dealer - 1]!)).toBe(true);
    }
  });

  it('outputs agree: x_j·G = X_j, K = Σ a_i0·G, and any t verification keys interpolate to K (property)', () => {
    const params = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 1, max: n })));
    fc.assert(fc.property(params, ([n, t]) => {
      const c = deal({ n, t });
      const K = jointPublicKey(c.dealings);
      expect(K.equals(mul(G, c.polynomials.reduce((a, p) => mod(a + p[0]!), 0n)))).toBe(true);
      const X: bigint[] = [];
      for (let j = 1; j <= n; j++) {
        const received = c.dealings.map((d) => {
          if (d.dealer === j) return { dealer: j, share: c.ownShares[j - 1]! };
          const r = receiveShare(ctx, c.params, j, c.secrets[j - 1]!, d);
          if (!r.ok) throw new Error(r.reason);
          return { dealer: d.dealer, share: r.share };
        });
        const x = combineSecretShare(received);
        X.push(x);
        expect(verificationKey(c.dealings, j).equals(mul(G, x))).toBe(true);
      }
      const subset = Array.from({ length: t }, (_, i) => n - i);
      const lambdas = lagrangeCoefficients(subset);
      expect(subset.reduce((a, j, i) => mod(a + lambdas[i]! * X[j - 1]!), 0n))
        .toBe(c.polynomials.reduce((a, p) => mod(a + p[0]!), 0n));
    }), { numRuns: 12 });
  });

  it('combineSecretShare refuses a repeated dealer', () => {
    expect(() => combineSecretShare([{ dealer: 1, share: 1n }, { dealer: 1, share: 2n }])).toThrow(RangeError);
  });
});

describe('complaints: a bad share is detected and anyone can judge the complaint', () => {
  const c = deal({ n: 3, t: 2 });
  const honest = c.dealings[0]!;
  const goodValue = evaluatePolynomial(c.polynomials[0]!, 2n);
  const bad = withShare(c, 1, 2, mod(goodValue + 1n)); // dealer 1 cheats trustee 2

  it('the recipient detects an inconsistent share and its complaint is justified', () => {
    expect(checkDealing(ctx, c.params, bad)).toEqual({ ok: true }); // not visible publicly
    expect(receiveShare(ctx, c.params, 2, c.secrets[1]!, bad)).toEqual({ ok: false, reason: 'inconsistent' });
    const complaint = raiseComplaint(ctx, c.params, 2, c.secrets[1]!, bad);
    expect(checkComplaint(ctx, c.params, c.keys, bad, complaint)).toEqual({ status: 'justified', reason: 'inconsistent' });
    const viaJson = complaintFromJSON(JSON.parse(JSON.stringify(complaintToJSON(complaint))));
    expect(checkComplaint(ctx, c.params, c.keys, bad, viaJson)).toEqual({ status: 'justified', reason: 'inconsistent' });
    expect(qualifiedDealers(ctx, c.params, c.keys, [bad, c.dealings[1]!, c.dealings[2]!], [complaint])).toEqual([2, 3]);
  });

  it('an undecryptable share (garbage, or sealed for another context) gives a justified complaint', () => {
    const d = c.dealings[0]!;
    const garbage = { ...d, shares: d.shares.map((s) => (s.recipient === 3 ? { recipient: 3, encrypted: { ...s.encrypted, sealed: new Uint8Array(48) } } : s)) };
    expect(receiveShare(ctx, c.params, 3, c.secrets[2]!, garbage)).toEqual({ ok: false, reason: 'undecryptable' });
    const k = raiseComplaint(ctx, c.params, 3, c.secrets[2]!, garbage);
    expect(checkComplaint(ctx, c.params, c.keys, garbage, k)).toEqual({ status: 'justified', reason: 'undecryptable' });

    const encrypted = encryptShare({ ctx: otherCtx, sender: 1, recipient: 3 }, c.keys[2]!.key, evaluatePolynomial(c.polynomials[0]!, 3n));
    const misaddressed = { ...d, shares: d.shares.map((s) => (s.recipient === 3 ? { recipient: 3, encrypted } : s)) };
    const k2 = raiseComplaint(ctx, c.params, 3, c.secrets[2]!, misaddressed);
    expect(checkComplaint(ctx, c.params, c.keys, misaddressed, k2)).toEqual({ status: 'justified', reason: 'undecryptable' });
  });

  it('a false complaint against an honest dealer is shown unjustified and does not disqualify it', () => {
    const k = raiseComplaint(ctx, c.params, 2, c.secrets[1]!, honest);
    expect(checkComplaint(ctx, c.params, c.keys, honest, k)).toEqual({ status: 'unjustified' });
    expect(qualifiedDealers(ctx, c.params, c.keys, c.dealings, [k])).toEqual([1, 2, 3]);
  });

  describe('the complaint proof rejects', () => {
    const k: Complaint = raiseComplaint(ctx, c.params, 2, c.secrets[1]!, bad);
    const invalid = (x: Complaint, d = bad, cx = ctx) => checkComplaint(cx, c.params, c.keys, d, x).status;

    it('a changed shared point (statement)', () => expect(invalid({ ...k, shared: k.shared.add(G) })).toBe('invalid'));
    it('a changed commitment', () => {
      expect(invalid({ ...k, proof: { ...k.proof, a1: k.proof.a1.add(G) } })).toBe('invalid');
      expect(invalid({ ...k, proof: { ...k.proof, a2: k.proof.a2.add(G) } })).toBe('invalid');
    });
    it('a changed response', () => expect(invalid({ ...k, proof: { ...k.proof, response: mod(k.proof.response + 1n) } })).toBe('invalid'));
    it('another context', () => expect(invalid(k, bad, otherCtx)).toBe('invalid'));
    it('another complainer index or dealer', () => {
      expect(invalid({ ...k, complainer: 3 })).toBe('invalid');
      expect(invalid({ ...k, dealer: 2 })).toBe('invalid');
      expect(invalid({ ...k, dealer: 2 }, c.dealings[1]!)).toBe('invalid');
      expect(invalid({ ...k, complainer: 1 })).toBe('invalid'); // the dealer itself
    });
    it('the same complaint moved to the honest version of the dealing (another sealed share)', () => {
      expect(invalid(k, honest)).toBe('invalid');
    });
    it('a complaint made by trustee 3 claiming to be trustee 2', () => {
      const forged = raiseComplaint(ctx, c.params, 2, c.secrets[2]!, bad);
      expect(invalid(forged)).toBe('invalid');
    });
    it('a dishonest complainer revealing a wrong S to make an honest share look bad', () => {
      const entry = honest.shares.find((s) => s.recipient === 2)!;
      const fakeS = mul(entry.encrypted.ephemeral, randomScalar());
      const real = raiseComplaint(ctx, c.params, 2, c.secrets[1]!, honest);
      expect(invalid({ ...real, shared: fakeS }, honest)).toBe('invalid');
    });
    it('non-canonical encodings in JSON', () => {
      const json = complaintToJSON(k);
      expect(dErr(() => complaintFromJSON({ ...json, shared: json.shared.toUpperCase() }))).toBe('not_hex');
      expect(dErr(() => complaintFromJSON({ ...json, shared: 'ff'.repeat(31) + '7f' }))).toBe('non_canonical_point');
      expect(dErr(() => complaintFromJSON({ ...json, shared: '00'.repeat(32) }))).toBe('identity_point');
      expect(dErr(() => complaintFromJSON({ ...json, proof: { ...json.proof, response: ELL_HEX } }))).toBe('scalar_out_of_range');
      expect(dErr(() => complaintFromJSON({ ...json, complainer: -1 }))).toBe('scalar_out_of_range');
    });
  });
});
