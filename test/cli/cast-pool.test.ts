/**
 * The server's cast pool: worker threads (loaded from TypeScript source through tsx's
 * loader, as under `npm start`) give the same verdicts as the in-thread check, a bad
 * ballot among good ones bisected out and named.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { workerCastRunner } from '../../src/cli/cast-pool.js';
import { batchingChecker } from '../../src/domain/cast-queue.js';
import { foldBreakingCast, itemOf, queueElection as e } from '../helpers/cast-items.js';
import { honestCast } from '../record/fixtures.js';
const checker = batchingChecker(workerCastRunner(2), 4);
afterAll(() => checker.close());

describe('workerCastRunner', () => {
  it('checks batches in worker threads: good ballots pass with their digests, the bad one is refused with its proof named', async () => {
    const casts = await Promise.all(Array.from({ length: 9 }, (_, i) => honestCast(e, 'board', [i % 2, 0, (i >> 1) % 2, 0])));
    const items = casts.map((c) => itemOf(c.body));
    items.splice(4, 0, itemOf(await foldBreakingCast()));
    const verdicts = await Promise.all(items.map((item) => checker.check(item)));
    expect(verdicts.map((v) => v.ok)).toEqual(items.map((_, i) => i !== 4));
    expect(verdicts[4]).toMatchObject({ ok: false, code: 'bad_ballot', reason: 'bad_selection_proof', index: 1 });
    expect(verdicts[0]).toMatchObject({ ok: true, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
