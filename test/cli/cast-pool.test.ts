/**
 * The server's cast pool: worker threads (loaded from TypeScript source through tsx's
 * loader, as under `npm start`) give the same verdicts as the in-thread check, a bad
 * ballot among good ones bisected out and named; on Linux the workers run at a lower
 * priority than the event loop.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { workerCastRunner } from '../../src/cli/cast-pool.js';
import { CAST_WORKER_NICE } from '../../src/cli/thread-priority.js';
import { batchingChecker } from '../../src/domain/cast-queue.js';
import { foldBreakingCast, itemOf, queueElection as e } from '../helpers/cast-items.js';
import { honestCast } from '../record/fixtures.js';
/** How many threads of this process run at nice `nice` (Linux /proc; field 19 of a task's stat). */
function threadsAtNice(nice: number): number {
  return readdirSync(`/proc/${process.pid}/task`).filter((tid) => {
    try {
      const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) === nice;
    } catch {
      return false; // a thread that ended meanwhile
    }
  }).length;
}

const niceBefore = process.platform === 'linux' ? threadsAtNice(CAST_WORKER_NICE) : 0;
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

  it('refuses in the workers a ballot whose signature is another ballot\'s (libsodium\'s check there), and passes the ballot beside it', async () => {
    const [a, b] = await Promise.all([honestCast(e, 'board', [1, 0, 0, 0]), honestCast(e, 'board', [0, 1, 0, 0])]);
    const forged = { ...itemOf(a.body), signature: itemOf(b.body).signature };
    const verdicts = await Promise.all([checker.check(forged), checker.check(itemOf(b.body))]);
    expect(verdicts[0]).toEqual({ ok: false, code: 'bad_ballot_signature', detail: 'signature: not by the token\'s ballot key over this ballot' });
    expect(verdicts[1]).toMatchObject({ ok: true });
  });

  it.runIf(process.platform === 'linux')('runs its workers below the event loop\'s priority (their own nice value), the main thread unchanged', async () => {
    // A batch answered by both workers: each has loaded its module, which sets its priority.
    const casts = await Promise.all(Array.from({ length: 8 }, (_, i) => honestCast(e, 'board', [i % 2, 0, 1, 0])));
    const verdicts = await Promise.all(casts.map((c) => checker.check(itemOf(c.body))));
    expect(verdicts.every((v) => v.ok)).toBe(true);
    expect(threadsAtNice(CAST_WORKER_NICE) - niceBefore).toBe(2);
    const main = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
    expect(Number(main.slice(main.lastIndexOf(')') + 2).split(' ')[16])).toBe(0);
  });
});
