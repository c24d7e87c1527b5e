/**
 * Casts' proofs checked in batches (record/cast-proofs.ts, domain/cast-queue.ts): the same
 * verdicts as the exact check, a bad ballot found by bisecting the fold and then named
 * alone, after the good ones of its batch were answered; casts waiting together go out
 * together, split over the free slots.
 */
import { describe, expect, it } from 'vitest';
import { contestBallotDigest } from '../../src/crypto/ballot.js';
import { verifyBallotSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { toHex } from '../../src/crypto/group.js';
import { type CastProofRunner, batchingChecker, inThreadRunner } from '../../src/domain/cast-queue.js';
import { sodiumProofBackend, sodiumReady } from '../../src/crypto/sodium-ballots.js';
import { type CastProofItem, type CastProofVerdict, checkCastProofs } from '../../src/record/cast-proofs.js';
import { BAD_POINTS } from '../crypto/bad-encodings.js';
import { type EditableBallot, foldBreakingCast, itemOf, nextScalar, queueElection as e, tampered } from '../helpers/cast-items.js';
import { honestCast } from '../record/fixtures.js';

const goodCasts = await Promise.all([[1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0], [0, 0, 1, 0], [1, 1, 0, 0], [0, 0, 0, 1]].map((c) => honestCast(e, 'board', c)));
const good = goodCasts.map((c) => itemOf(c.body));
const bad = itemOf(await foldBreakingCast());

describe('checkCastProofs', () => {
  it('passes honest ballots with their digests, and names a ballot that breaks only the fold as unexplained; exact names its proof', () => {
    const verdicts = checkCastProofs([...good.slice(0, 3), bad, ...good.slice(3)], { verifySignature: verifyBallotSignatureNode });
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, false, true, true, true]);
    expect(verdicts[0]).toEqual({ ok: true, digest: toHex(contestBallotDigest(goodCasts[0]!.ballot)) });
    expect(verdicts[3]).toMatchObject({ ok: false, code: 'bad_ballot', unexplained: true });
    const [exact] = checkCastProofs([bad], { exact: true });
    expect(exact).toEqual({ ok: false, code: 'bad_ballot', detail: 'ballot: bad_selection_proof at candidate 1', reason: 'bad_selection_proof', index: 1 });
    expect(checkCastProofs(good, { exact: true }).every((v) => v.ok)).toBe(true);
  });

  it('refuses, each for its own reason and without touching the others: a non-canonical point, a signature by another key, challenges that do not add up', () => {
    const [c0, c1, c2] = goodCasts;
    const nonCanonical = structuredClone(itemOf(c0!.body)) as ReturnType<typeof itemOf> & { ballot: EditableBallot };
    nonCanonical.ballot.selections[0]!.ciphertext.alpha = 'ff'.repeat(32);
    const otherSigner = { ...good[1]!, signature: good[2]!.signature };
    const challenge = itemOf(tampered(c2!.body, c2!.keys, (b) => {
      const br = b.selections[2]!.proof.branches[1]!;
      br.challenge = nextScalar(br.challenge);
    }));
    const unsigned = { ...itemOf(c1!.body), ballot: challenge.ballot };
    const verdicts = checkCastProofs([nonCanonical, otherSigner, good[3]!, challenge, good[4]!, unsigned]);
    expect(verdicts[0]).toMatchObject({ ok: false, code: 'malformed' });
    expect(verdicts[1]).toMatchObject({ ok: false, code: 'bad_ballot_signature' });
    expect(verdicts[2]!.ok).toBe(true);
    // Challenges that do not add up fail before the fold, naming the proof at once.
    expect(verdicts[3]).toEqual({ ok: false, code: 'bad_ballot', detail: 'ballot: bad_selection_proof at candidate 2', reason: 'bad_selection_proof', index: 2 });
    expect(verdicts[4]!.ok).toBe(true);
    expect(verdicts[5]).toMatchObject({ ok: false, code: 'bad_ballot_signature' });
  });
});

describe('checkCastProofs with the libsodium backend (as the cast workers run it)', () => {
  const withSodium = (items: readonly CastProofItem[]) => checkCastProofs(items, { verifySignature: verifyBallotSignatureNode, proofBackend: sodiumProofBackend });
  const onNoble = (items: readonly CastProofItem[]) => checkCastProofs(items, { verifySignature: verifyBallotSignatureNode });
  /** `item` with one encoding of its ballot replaced: at k mod 4 an α, a β, a commitment a, a range commitment b. */
  const withPoint = (item: CastProofItem, hex: string, k: number): CastProofItem => {
    const ballot = structuredClone(item.ballot) as EditableBallot;
    if (k % 4 === 0) ballot.selections[0]!.ciphertext.alpha = hex;
    if (k % 4 === 1) ballot.selections[1]!.ciphertext.beta = hex;
    if (k % 4 === 2) ballot.selections[2]!.proof.branches[0]!.a = hex;
    if (k % 4 === 3) ballot.rangeProof.branches[1]!.b = hex;
    return { ...item, ballot };
  };

  it('gives the noble path\'s verdicts: digests of honest ballots, and each refusal with its code and detail', async () => {
    await sodiumReady;
    const [c0, , c2] = goodCasts;
    const challenge = itemOf(tampered(c2!.body, c2!.keys, (b) => {
      const br = b.selections[2]!.proof.branches[1]!;
      br.challenge = nextScalar(br.challenge);
    }));
    const items = [
      ...good, bad, { ...good[1]!, signature: good[2]!.signature }, challenge, { ...itemOf(c0!.body), ballot: challenge.ballot },
      { ...good[0]!, signature: 'zz'.repeat(64) }, { ...good[0]!, ballot: { selections: [] } }, { ...good[3]!, ballotPublicKey: good[4]!.ballotPublicKey },
    ];
    const fast = withSodium(items);
    expect(fast).toEqual(onNoble(items));
    expect(fast.map((v) => v.ok)).toEqual([true, true, true, true, true, true, false, false, false, false, false, false, false]);
    expect(fast.slice(6).map((v) => !v.ok && v.code)).toEqual(['bad_ballot', 'bad_ballot_signature', 'bad_ballot', 'bad_ballot_signature', 'malformed', 'malformed', 'bad_ballot_signature']);
  });

  it('refuses every non-canonical or invalid point encoding as malformed (RFC 9496 vectors), as noble does, and passes the honest ballots beside them', async () => {
    await sodiumReady;
    const spoiled = BAD_POINTS.map((hex, k) => withPoint(good[k % good.length]!, hex, k));
    const identity = [0, 1, 2, 3].map((k) => withPoint(good[k]!, '00'.repeat(32), k));
    const items = [...spoiled, ...identity, ...good];
    const fast = withSodium(items);
    expect(fast).toEqual(onNoble(items));
    for (const v of fast.slice(0, spoiled.length + identity.length)) expect(v).toMatchObject({ ok: false, code: 'malformed' });
    expect(fast.slice(spoiled.length + identity.length).every((v) => v.ok)).toBe(true);
  });

  it('the fast path is the one taken: a backend that accepts nothing leaves every verdict to noble, one that accepts all is trusted for the proofs', async () => {
    await sodiumReady;
    const none = checkCastProofs(good, { verifySignature: verifyBallotSignatureNode, proofBackend: { ...sodiumProofBackend, checkContests: (xs) => xs.map(() => null) } });
    expect(none).toEqual(onNoble(good));
    // A backend that (wrongly) answers for the fold-breaking ballot with another ballot's result
    // shows that its answer is used: the signature, over that other digest, fails.
    const accepted = sodiumProofBackend.checkContests;
    const lenient = { ...sodiumProofBackend, checkContests: (xs: Parameters<typeof accepted>[0]) => accepted(xs.map((x, i) => (i === 1 ? xs[0]! : x))) };
    const [, v] = checkCastProofs([good[0]!, bad], { verifySignature: verifyBallotSignatureNode, proofBackend: lenient });
    expect(v).toEqual({ ok: false, code: 'bad_ballot_signature', detail: 'signature: not by the token\'s ballot key over this ballot' });
  });
});

/** A runner that records its batches and holds the exact re-checks until released. */
function spyRunner(slots = 1) {
  const inner = inThreadRunner();
  const calls: { size: number; exact: boolean }[] = [];
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  const runner: CastProofRunner = {
    slots,
    async run(items, exact) {
      calls.push({ size: items.length, exact });
      if (exact) await held;
      return inner.run(items, exact);
    },
    close: () => inner.close(),
  };
  return { runner, calls, release };
}

describe('batchingChecker', () => {
  it('checks casts that arrive together in one batch; the bad one is bisected out, the good ones answered before it is named', async () => {
    const { runner, calls, release } = spyRunner();
    const checker = batchingChecker(runner);
    const settled: boolean[] = [];
    const all = [...good.slice(0, 3), bad, ...good.slice(3)].map((item) => checker.check(item).then((v) => { settled.push(v.ok); return v; }));
    await Promise.all(all.filter((_, i) => i !== 3));
    // All seven went out as one folded batch; the bad one waits for its exact check.
    expect(calls).toEqual([{ size: 7, exact: false }, { size: 1, exact: true }]);
    expect(settled).toEqual([true, true, true, true, true, true]);
    release();
    expect(await all[3]).toMatchObject({ ok: false, code: 'bad_ballot', reason: 'bad_selection_proof', index: 1 });
    await checker.close();
  });

  it('splits what waits evenly over the free slots, at most maxBatch a batch', async () => {
    const { runner, calls } = spyRunner(2);
    const checker = batchingChecker(runner, 2);
    const verdicts: CastProofVerdict[] = await Promise.all(good.map((item) => checker.check(item)));
    expect(verdicts.every((v) => v.ok)).toBe(true);
    expect(calls.map((c) => c.size)).toEqual([2, 2, 2]);
    expect(calls.every((c) => !c.exact)).toBe(true);
    await checker.close();
    await expect(checker.check(good[0]!)).rejects.toThrow('closed');
  });

  it('keeps to the runner\'s own largest batch when none is given', async () => {
    const { runner, calls } = spyRunner(1);
    const checker = batchingChecker({ ...runner, maxBatch: 2 });
    const verdicts = await Promise.all(good.map((item) => checker.check(item)));
    expect(verdicts.every((v) => v.ok)).toBe(true);
    expect(calls.map((c) => c.size)).toEqual([2, 2, 2]);
    await checker.close();
  });

  it('a runner that fails refuses the casts of its batch (they may be sent again), and the next batch still runs', async () => {
    let fail = true;
    const inner = inThreadRunner();
    const checker = batchingChecker({ slots: 1, run: async (items, exact) => { if (fail) { fail = false; throw new Error('worker lost'); } return inner.run(items, exact); }, close: async () => {} });
    await expect(checker.check(good[0]!)).rejects.toThrow('worker lost');
    expect((await checker.check(good[1]!)).ok).toBe(true);
  });
});
