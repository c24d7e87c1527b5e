/**
 * The Kysely-backed `Store`: one transaction per service call. On PostgreSQL a
 * transaction that loses a serialization race (40001) or a deadlock (40P01) is retried
 * a few times, since its whole work is in the callback.
 * @module
 */
import type { Store } from '../domain/ports.js';
import type { Db } from './connect.js';
import { bindRepos } from './repositories.js';

const RETRYABLE = new Set(['40001', '40P01']);

export function createStore(db: Db): Store {
  return {
    read: bindRepos(db),
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute((trx) => work(bindRepos(trx)));
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
