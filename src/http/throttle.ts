/**
 * A fixed-window counter per key, in memory: sign-in attempts per account, next to the
 * per-address limit of @fastify/rate-limit. One process; the map is pruned as windows end.
 * @module
 */
export interface Throttle {
  /** Counts an attempt for `key`; false once the window's limit is passed. */
  hit(key: string): boolean;
}

export function createThrottle(max: number, windowMs: number, now: () => number = Date.now): Throttle {
  let windowStart = now();
  let counts = new Map<string, number>();
  return {
    hit(key) {
      const t = now();
      if (t - windowStart >= windowMs) {
        windowStart = t;
        counts = new Map();
      }
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      return n <= max;
    },
  };
}
