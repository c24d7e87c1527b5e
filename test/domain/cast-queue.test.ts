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
import { type CastProofVerdict, checkCastProofs } from '../../src/record/cast-proofs.js';
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

  it('a runner that fails refuses the casts of its batch (they may be sent again), and the next batch still runs', async () => {
    let fail = true;
    const inner = inThreadRunner();
    const checker = batchingChecker({ slots: 1, run: async (items, exact) => { if (fail) { fail = false; throw new Error('worker lost'); } return inner.run(items, exact); }, close: async () => {} });
    await expect(checker.check(good[0]!)).rejects.toThrow('worker lost');
    expect((await checker.check(good[1]!)).ok).toBe(true);
  });
});
