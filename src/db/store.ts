/**
 * The Kysely-backed `Store`: one transaction per service call. On PostgreSQL a
 * transaction that loses a serialization race (40001) or a deadlock (40P01) is retried
 * a few times, since its whole work is in the callback.
 * @module
 */
import type { Store } from '../domain/ports.js';
import type { Db } from './connect.js';
import { bindRepos } from './repositories.js';
import { type SecretBox, processSecretBox } from './secrets.js';

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * The store on `db`, sealing and opening the server's secrets with `box` (secrets.ts);
 * by default a key of this process only (tests, the demo, benchmarks).
 */
export function createStore(db: Db, box: SecretBox = processSecretBox()): Store {
  return {
    read: bindRepos(db, box),
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute((trx) => work(bindRepos(trx, box)));
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (attempt < 4 && code && RETRYABLE.has(code)) continue;
          throw e;
        }
      }
    },
  };
}

/** True for a unique-constraint violation from either driver. */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === '23505';
}
