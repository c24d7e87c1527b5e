/**
 * Long polls of the token relay (issue 12): a route asked to `wait` holds the request until
 * what the caller waits for is in the relay's database, at most {@link MAX_WAIT_SECONDS}.
 * The database is read again every {@link RECHECK_MS}: that, not an in-process event, is
 * what lets several API processes share one relay database (a signature stored through
 * another process is seen at the next read). A write through this process also wakes its
 * held requests at once ({@link RelayWatch.poke}). The associations' held asks, the many,
 * share one read per tick ({@link relayWatch}); an issuer's ask, one of few, reads alone.
 * @module
 */
import type { RelayStore } from './ports.js';

/** The longest a relay route holds a request, seconds (under the usual 30 s proxy timeouts). */
export const MAX_WAIT_SECONDS = 25;
/** How often held requests read the relay's database again, ms. */
export const RECHECK_MS = 100;

/** How long to hold a request, and what ends the hold early (the client gone, the server closing). */
export interface Wait {
  /** Seconds, at most {@link MAX_WAIT_SECONDS}; 0 answers at once. */
  readonly seconds: number;
  readonly signal?: AbortSignal;
}

/**
 * What a held request waits on besides the clock: writes through this process. Reads of
 * the database stay the rule (other processes write too); this only makes them sooner.
 */
export interface RelayWatch {
  /**
   * Resolves once the request of `associationId` in `contestId` holds more than `seen` blind
   * signatures, with them (read for all the waiters finishing at once in one query), or
   * with undefined when the wait ends first.
   */
  signatures(contestId: string, associationId: string, seen: number, wait: Wait): Promise<BlindSignatures | undefined>;
  /** Resolves at the next {@link poke}, or after `ms`, or when `signal` aborts (never rejects). */
  pause(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * A request or a signature was stored through this process: held requests read now. Only
   * those the write can answer: a new request, the issuers' asks ({@link pause}); new
   * signatures, the associations' ({@link signatures}); both by default.
   */
  poke(what?: 'requests' | 'signatures'): void;
}

/** A request's blind signatures, by key id. */
export type BlindSignatures = { keyId: string; blindSignature: string }[];

interface Waiter { readonly contestId: string; readonly associationId: string; readonly seen: number; finish(found?: BlindSignatures): void }

/**
 * The watch of one process: its held status asks read the counts of all their requests in
 * one query per tick, however many they are; a poke reads at once.
 */
export function relayWatch(relay: Pick<RelayStore, 'signatureCounts' | 'signaturesOf'>, recheckMs = RECHECK_MS): RelayWatch {
  const waiters = new Set<Waiter>();
  let woken = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reading = false;
  let again = false;
  const schedule = (ms: number) => {
    if (timer === undefined && waiters.size > 0) timer = setTimeout(() => { void tick(); }, ms);
  };
  async function tick(): Promise<void> {
    if (timer !== undefined) { clearTimeout(timer); timer = undefined; }
    if (reading) { again = true; return; }
    reading = true;
    try {
      const list = [...waiters];
      const counts = await relay.signatureCounts(list);
      const ready = list.filter((w) => (counts.get(`${w.contestId} ${w.associationId}`) ?? 0) > w.seen);
      // Those with more than they have seen get their signatures from one read for all of them,
      // not one read each after the wake-up (in a burst, many finish in the same tick).
      const found = await relay.signaturesOf(ready);
      for (const w of ready) w.finish(found.get(`${w.contestId} ${w.associationId}`));
    } catch {
      // A failed read (the database restarting): the waiters wait on; their clocks end them.
    } finally {
      reading = false;
    }
    if (again) { again = false; void tick(); } else schedule(recheckMs);
  }
  return {
    signatures(contestId, associationId, seen, wait) {
      return new Promise((resolve) => {
        if (wait.signal?.aborted) { resolve(undefined); return; }
        const w: Waiter = {
          contestId, associationId, seen,
          finish: (found) => { clearTimeout(clock); wait.signal?.removeEventListener('abort', end); waiters.delete(w); resolve(found); },
        };
        const end = () => { w.finish(); };
        const clock = setTimeout(end, Math.min(wait.seconds, MAX_WAIT_SECONDS) * 1000);
        wait.signal?.addEventListener('abort', end, { once: true });
        waiters.add(w);
        schedule(recheckMs);
      });
    },
    pause(ms, signal) {
      return new Promise((resolve) => {
        if (signal?.aborted) { resolve(); return; }
        const done = () => { clearTimeout(clock); signal?.removeEventListener('abort', done); woken.delete(done); resolve(); };
        const clock = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
        woken.add(done);
      });
    },
    poke(what) {
      if (what !== 'signatures') {
        const wake = woken;
        woken = new Set();
        for (const done of wake) done();
      }
      if (what !== 'requests' && waiters.size > 0) void tick();
    },
  };
}

/**
 * `read()`, then again after each `watch.pause` (every {@link RECHECK_MS}, or at a poke)
 * until `done` holds of what it read, the wait's seconds have passed or its signal
 * aborted; resolves to the last value read.
 */
export async function readUntil<T>(
  read: () => Promise<T>, done: (value: T) => boolean | Promise<boolean>, wait: Wait | undefined, watch: RelayWatch | undefined,
): Promise<T> {
  let value = await read();
  if (!wait || !(wait.seconds > 0) || !watch) return value;
  const until = Date.now() + Math.min(wait.seconds, MAX_WAIT_SECONDS) * 1000;
  while (!wait.signal?.aborted && !(await done(value))) {
    const left = until - Date.now();
    if (left <= 0) break;
    await watch.pause(Math.min(left, RECHECK_MS), wait.signal);
    // Aborted: the server is closing (its databases with it) or nobody is left to answer.
    if (wait.signal?.aborted) break;
    value = await read();
  }
  return value;
}
