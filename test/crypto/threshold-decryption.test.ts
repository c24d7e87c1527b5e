import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discreteLog } from '../../src/crypto/discrete-log.js';
import { type Ciphertext, ZERO, addCiphertexts, encrypt as encryptWith, sumCiphertexts } from '../../src/crypto/elgamal.js';
import { DecodeError, G, ORDER, type Point, mod, mul, randomScalar } from '../../src/crypto/group.js';
import {
  type CeremonyParams, combineSecretShare, createDealing, createTrusteeKey, jointPublicKey, qualifiedDealers, raiseComplaint,
  receiveShare, verificationKey,
} from '../../src/crypto/key-ceremony.js';
import { encryptShare } from '../../src/crypto/share-encryption.js';
import {
  type DecryptionShare, checkShare, checkShares, combineCheckedShares, combineShares, computeShare, computeShares,
  decryptWithShares, decryptionShareFromJSON, decryptionShareToJSON,
} from '../../src/crypto/threshold-decryption.js';

const ctx = new TextEncoder().encode('election-1/tally');
const otherCtx = new TextEncoder().encode('election-2/tally');
const ELL_HEX = Array.from({ length: 32 }, (_, i) => Number((ORDER >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join('');

function dErr(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof DecodeError) return e.code; throw e; }
  return 'accepted';
}

const encrypt = (K: Point, m: bigint): Ciphertext => encryptWith(K, m, randomScalar());
const smallLog = (P: Point): number | null => discreteLog(P, 1000);

/** A full honest ceremony: joint key, each trustee's x_j and X_j. */
function ceremony(params: CeremonyParams) {
  const pairs = Array.from({ length: params.n }, (_, i) => createTrusteeKey(ctx, i + 1));
  const keys = pairs.map((p) => p.publicKey);
  const made = keys.map((k) => createDealing(ctx, params, k.index, keys));
  const dealings = made.map((m) => m.dealing);
  const x = keys.map((_, jj) => {
    const j = jj + 1;
    return combineSecretShare(made.map((m) => {
      if (m.dealing.dealer === j) return { dealer: j, share: m.ownShare };
      const r = receiveShare(ctx, params, j, pairs[jj]!.secret, m.dealing);
      if (!r.ok) throw new Error(r.reason);
      return { dealer: m.dealing.dealer, share: r.share };
    }));
  });
  return { K: jointPublicKey(dealings), x, X: keys.map((k) => verificationKey(dealings, k.index)) };
}

const shape = fc.integer({ min: 1, max: 5 }).chain((n) => fc.integer({ min: 1, max: n }).chain((t) => fc.tuple(
  fc.constant(n), fc.constant(t),
  fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: t, maxLength: n }),
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 12 }),
)));

describe('threshold decryption: encrypt, aggregate, partial decryptions, Lagrange combination', () => {
  it('any subset of ≥ t trustees decrypts the plain sum (property over random t-of-n, votes, subsets)', () => {
    fc.assert(fc.property(shape, ([n, t, subset, votes]) => {
      const { K, x, X } = ceremony({ n, t });
      const total = sumCiphertexts(votes.map((v) => encrypt(K, BigInt(v))));
      const shares = subset.map((j) => computeShare(ctx, j, x[j - 1]!, total));
      shares.forEach((s) => expect(checkShare(ctx, X[s.index - 1]!, total, s)).toBe(true));
      const r = combineShares(total, shares, { n, t });
      expect(r.ok && smallLog(r.point)).toBe(votes.reduce((a, b) => a + b, 0));
    }), { numRuns: 25 });
  });

  it.each([[2, 3], [3, 3], [1, 1], [3, 5]])('%i-of-%i: every t-subset decrypts; t − 1 are refused and interpolate wrongly', (t, n) => {
    const { K, x } = ceremony({ n, t });
    const c = addCiphertexts(encrypt(K, 4n), encrypt(K, 3n));
    const all = Array.from({ length: n }, (_, i) => computeShare(ctx, i + 1, x[i]!, c));
    const subsets = (k: number, from = 1): number[][] =>
      k === 0 ? [[]] : Array.from({ length: n - from + 1 }, (_, i) => from + i).flatMap((j) => subsets(k - 1, j + 1).map((s) => [j, ...s]));
    for (const s of subsets(t)) {
      const r = combineShares(c, s.map((j) => all[j - 1]!), { n, t });
      expect(r.ok && smallLog(r.point)).toBe(7);
    }
    if (t > 1) {
      for (const s of subsets(t - 1)) {
        const few = s.map((j) => all[j - 1]!);
        expect(combineShares(c, few, { n, t })).toEqual({ ok: false, reason: 'too_few_shares' });
        // Forcing the interpolation with t − 1 points gives a point that is not 7·G.
        const forced = combineShares(c, few, { n, t: t - 1 });
        expect(forced.ok && forced.point.equals(mul(G, 7n))).toBe(false);
      }
    }
  });

  it('refuses duplicate indices and indices outside 1..n', () => {
    const { K, x } = ceremony({ n: 3, t: 2 });
    const c = encrypt(K, 1n);
    const s1 = computeShare(ctx, 1, x[0]!, c);
    expect(combineShares(c, [s1, s1], { n: 3, t: 2 })).toEqual({ ok: false, reason: 'duplicate_index' });
    expect(combineShares(c, [s1, { ...s1, index: 4 }], { n: 3, t: 2 })).toEqual({ ok: false, reason: 'index_out_of_range' });
    expect(combineShares(c, [s1, { ...s1, index: 0 }], { n: 3, t: 2 })).toEqual({ ok: false, reason: 'index_out_of_range' });
    expect(() => combineShares(c, [s1], { n: 2, t: 3 })).toThrow(RangeError);
  });

  it('shares with bad proofs are rejected; the rest combine if at least t remain, else fail clearly', () => {
    const { K, x, X } = ceremony({ n: 5, t: 3 });
    const c = encrypt(K, 9n);
    const shares = x.map((xj, i) => computeShare(ctx, i + 1, xj, c));
    const bad = (sh: DecryptionShare) => ({ ...sh, share: sh.share.add(G) });
    const twoBad = [bad(shares[0]!), shares[1]!, bad(shares[2]!), shares[3]!, shares[4]!];
    const r = combineCheckedShares(ctx, c, twoBad, X, { n: 5, t: 3 });
    expect(r.ok && smallLog(r.point)).toBe(9);
    expect(r.rejected).toEqual([1, 3]);
    const threeBad = [bad(shares[0]!), shares[1]!, bad(shares[2]!), bad(shares[3]!), shares[4]!];
    expect(combineCheckedShares(ctx, c, threeBad, X, { n: 5, t: 3 })).toEqual({ ok: false, reason: 'too_few_shares', rejected: [1, 3, 4] });
    // Unchecked, the bad share silently yields a wrong point: that is why shares are checked first.
    const unchecked = combineShares(c, twoBad, { n: 5, t: 3 });
    expect(unchecked.ok && smallLog(unchecked.point)).not.toBe(9);
  });

  it('decryptWithShares: check, combine and find the count; the empty tally (identity α) decrypts to 0', () => {
    const { K, x, X } = ceremony({ n: 3, t: 2 });
    const votes = [1n, 0n, 1n, 1n];
    const tally = sumCiphertexts(votes.map((v) => encrypt(K, v)));
    const shares = [3, 1].map((j) => computeShare(ctx, j, x[j - 1]!, tally));
    expect(decryptWithShares(ctx, tally, shares, X, { n: 3, t: 2 })).toEqual({ ok: true, value: 3, rejected: [] });
    expect(decryptWithShares(ctx, tally, shares, X, { n: 3, t: 2 }, 2)).toEqual({ ok: false, reason: 'out_of_bound', rejected: [] });
    expect(decryptWithShares(ctx, tally, shares.slice(1), X, { n: 3, t: 2 })).toEqual({ ok: false, reason: 'too_few_shares', rejected: [] });
    const empty = [1, 2].map((j) => computeShare(ctx, j, x[j - 1]!, ZERO));
    const viaJson = empty.map((s) => decryptionShareFromJSON(JSON.parse(JSON.stringify(decryptionShareToJSON(s)))));
    expect(decryptWithShares(ctx, ZERO, viaJson, X, { n: 3, t: 2 })).toEqual({ ok: true, value: 0, rejected: [] });
  });

  it('end to end with a cheating dealer: it is disqualified by a complaint, and the rest still give a working 2-of-3 key', () => {
    const params = { n: 3, t: 2 };
    const pairs = [1, 2, 3].map((i) => createTrusteeKey(ctx, i));
    const keys = pairs.map((p) => p.publicKey);
    const made = keys.map((k) => createDealing(ctx, params, k.index, keys));
    // Dealer 3 sends trustee 1 a share that does not match its commitments.
    const d3 = made[2]!.dealing;
    const wrong = encryptShare({ ctx, sender: 3, recipient: 1 }, keys[0]!.key, randomScalar());
    const cheat = { ...d3, shares: d3.shares.map((s) => (s.recipient === 1 ? { recipient: 1, encrypted: wrong } : s)) };
    const dealings = [made[0]!.dealing, made[1]!.dealing, cheat];
    expect(receiveShare(ctx, params, 1, pairs[0]!.secret, cheat)).toEqual({ ok: false, reason: 'inconsistent' });
    const complaint = raiseComplaint(ctx, params, 1, pairs[0]!.secret, cheat);
    const Q = qualifiedDealers(ctx, params, keys, dealings, [complaint]);
    expect(Q).toEqual([1, 2]);
    const qualified = dealings.filter((d) => Q.includes(d.dealer));
    const K = jointPublicKey(qualified);
    const x = [1, 2, 3].map((j) => combineSecretShare(made.filter((m) => Q.includes(m.dealing.dealer)).map((m) => {
      if (m.dealing.dealer === j) return { dealer: j, share: m.ownShare };
      const r = receiveShare(ctx, params, j, pairs[j - 1]!.secret, m.dealing);
      if (!r.ok) throw new Error(r.reason);
      return { dealer: m.dealing.dealer, share: r.share };
    })));
    const X = [1, 2, 3].map((j) => verificationKey(qualified, j));
    const tally = sumCiphertexts([1n, 1n, 0n, 1n, 1n].map((v) => encrypt(K, v)));
    for (const pair of [[1, 2], [1, 3], [2, 3]]) {
      const shares = pair.map((j) => computeShare(ctx, j, x[j - 1]!, tally));
      expect(decryptWithShares(ctx, tally, shares, X, params)).toEqual({ ok: true, value: 4, rejected: [] });
    }
  });

  it('checkShares refuses a share of another trustee slipped into one trustee\'s list', () => {
    const { K, x, X } = ceremony({ n: 3, t: 2 });
    const tally = [0n, 1n].map((m) => encrypt(K, m));
    const mine = computeShares(ctx, 1, x[0]!, tally);
    const theirs = computeShares(ctx, 2, x[1]!, tally);
    expect(checkShares(ctx, X[0]!, tally, [mine[0]!, theirs[1]!])).toEqual([1]);
  });

  it('computeShares / checkShares over a tally, naming bad positions', () => {
    const { K, x, X } = ceremony({ n: 3, t: 2 });
    const tally = [0n, 1n, 2n].map((m) => encrypt(K, m));
    const shares = computeShares(ctx, 2, x[1]!, tally);
    expect(checkShares(ctx, X[1]!, tally, shares)).toEqual([]);
    const tampered = [shares[0]!, { ...shares[1]!, share: shares[1]!.share.add(G) }, shares[2]!];
    expect(checkShares(ctx, X[1]!, tally, tampered)).toEqual([1]);
    expect(checkShares(ctx, X[1]!, tally, shares.slice(1))).toEqual([0, 1, 2]);
  });
});

describe('partial decryption proof (Chaum–Pedersen against X_j) rejects', () => {
  const { K, x, X } = ceremony({ n: 3, t: 2 });
  const c: Ciphertext = encrypt(K, 5n);
  const other: Ciphertext = encrypt(K, 5n);
  const s: DecryptionShare = computeShare(ctx, 2, x[1]!, c);
  const ok = (sh: DecryptionShare, cc = c, key = X[1]!, cx = ctx) => checkShare(cx, key, cc, sh);

  it('nothing honest', () => expect(ok(s)).toBe(true));
  it('a changed ciphertext (α or β) or the share moved to another ciphertext', () => {
    expect(ok(s, { ...c, alpha: c.alpha.add(G) })).toBe(false);
    expect(ok(s, { ...c, beta: c.beta.add(G) })).toBe(false);
    expect(ok(s, other)).toBe(false);
  });
  it('a changed partial decryption M_j (the statement)', () => expect(ok({ ...s, share: s.share.add(G) })).toBe(false));
  it('a changed commitment', () => {
    expect(ok({ ...s, proof: { ...s.proof, a1: s.proof.a1.add(G) } })).toBe(false);
    expect(ok({ ...s, proof: { ...s.proof, a2: s.proof.a2.add(G) } })).toBe(false);
  });
  it('a changed response', () => expect(ok({ ...s, proof: { ...s.proof, response: mod(s.proof.response + 1n) } })).toBe(false));
  it('another election context', () => expect(ok(s, c, X[1]!, otherCtx)).toBe(false));
  it('another trustee index, or another trustee\'s verification key', () => {
    expect(ok({ ...s, index: 3 })).toBe(false);
    expect(ok({ ...s, index: 3 }, c, X[2]!)).toBe(false);
    expect(ok(s, c, X[0]!)).toBe(false);
  });
  it('a dishonest trustee proving with a secret other than x_j', () => {
    const wrong = computeShare(ctx, 2, randomScalar(), c);
    expect(ok(wrong)).toBe(false);
  });
  it('a share that decrypts to a wrong value cannot carry a valid proof', () => {
    // M' = M + G would shift the result by one vote; its proof fails.
    const shifted = { ...s, share: s.share.add(G) };
    expect(ok(shifted)).toBe(false);
  });
  it('non-canonical encodings in JSON, and round-trips the honest share', () => {
    const json = decryptionShareToJSON(s);
    expect(ok(decryptionShareFromJSON(JSON.parse(JSON.stringify(json))))).toBe(true);
    expect(dErr(() => decryptionShareFromJSON({ ...json, share: json.share.toUpperCase() }))).toBe('not_hex');
    expect(dErr(() => decryptionShareFromJSON({ ...json, share: 'ff'.repeat(31) + '7f' }))).toBe('non_canonical_point');
    expect(dErr(() => decryptionShareFromJSON({ ...json, proof: { ...json.proof, response: ELL_HEX } }))).toBe('scalar_out_of_range');
    expect(dErr(() => decryptionShareFromJSON({ ...json, proof: { ...json.proof, a1: json.proof.a1.slice(2) } }))).toBe('wrong_length');
    expect(dErr(() => decryptionShareFromJSON({ ...json, index: 0 }))).toBe('scalar_out_of_range');
    expect(dErr(() => decryptionShareFromJSON({ ...json, extra: 1 } as never))).toBe('wrong_length');
  });
});
