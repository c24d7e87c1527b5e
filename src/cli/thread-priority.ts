/**
 * The scheduling priority of the server's cast workers (cast-worker.ts). Proof checks are
 * bulk work that keeps the pool's threads busy under load; on a machine with few cores
 * they would take the CPU from the event loop (reads such as GET /elections/:id, parsing
 * casts, commits, receipts) and from the database, whose delays are what a request waits
 * for. A lower priority only orders the work: the checks still use every cycle the rest
 * leaves.
 * @module
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The nice value of a cast worker thread (the event loop keeps the process's, normally 0).
 * Against 0 in the cast benchmark, back to back: the same throughput within the noise, and
 * shorter waits for the event loop (GET /elections/:id, its delay p99).
 */
export const CAST_WORKER_NICE = 5;

/**
 * Set the calling thread's nice value. On Linux each thread has its own: setpriority on
 * its thread id, read from /proc/thread-self. Elsewhere, or if the system refuses (a
 * value below the current one needs privileges), nothing changes. Returns whether it did.
 * @example lowerThisThread(CAST_WORKER_NICE)
 */
export function lowerThisThread(nice: number): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}
