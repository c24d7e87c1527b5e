/**
 * Full garbage collections at the verifier's own pace, for `npm run verify` on a large
 * record. The engine collects its old generation only once it has grown to a few times
 * what is live, and what a record leaves behind is mostly old garbage: the text and parsed
 * copies of each event that outlive two minor collections, an issuer log's 70 MB of text
 * and its parse (at 100,000 associations), the finishing checks' intermediate strings.
 * Verifying a 100,000-ballot record, the main thread's heap reached 500 MB with ≈ 175 MB
 * live, and the process peaked at 961 MB. Collecting after each 64 MiB read and at each
 * change of stage keeps the heap near what is live, for about one full collection per
 * second of reading. How: `--expose-gc` set at run time, and `gc` taken from a new context
 * (a common technique of Node benchmarking tools), so the command needs no node flag.
 * @module
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes read between two collections. */
export const COLLECT_EVERY_BYTES = 64 * 2 ** 20;

let collect: (() => void) | undefined;

function fullCollection(): () => void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
}

/**
 * A progress observer (the verifier's `onProgress` stages and counts) that runs a full
 * collection each `every` bytes of stage `read`, and once at each change of stage after it.
 * Returns how many collections it has run, for the tests.
 */
export function garbagePacer(every = COLLECT_EVERY_BYTES): { see(done: number, stage: string): void; readonly collections: number } {
  let next = every;
  let current: string | undefined;
  let collections = 0;
  const run = () => {
    fullCollection()();
    collections++;
  };
  return {
    see(done, stage) {
      if (stage === 'read') {
        if (done >= next) {
          next = done + every;
          run();
        }
      } else if (stage !== current) {
        run();
      }
      current = stage;
    },
    get collections() { return collections; },
  };
}
