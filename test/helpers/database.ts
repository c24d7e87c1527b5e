/**
 * A fresh, migrated database for one test file, on whatever the global setup chose.
 */
import { inject } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { migrateToLatest, openDatabase, type Db, type DatabaseTarget } from '../../src/db/connect.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase {
  db: Db;
  /** Opens another connection pool to the same database (e.g. to simulate a restart). */
  target: DatabaseTarget;
  mode: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const info = inject('testDatabase');
  if (info.mode === 'pglite' || !info.adminUrl || !info.template) {
    const db = openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(db);
    return { db, target: { dataDir: 'memory://' }, mode: 'pglite', drop: async () => { await db.destroy(); } };
  }
  const name = `${info.template}_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: info.adminUrl, max: 1 }) }) });
  // CREATE DATABASE … TEMPLATE fails while another session is connected to the template,
  // which parallel files may be doing at the same instant: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(info.template)}`.execute(admin);
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const target = { url: withDatabase(info.adminUrl, name), onPoolError: () => {} };
  const db = openDatabase(target);
  return {
    db, target, mode: info.mode,
    drop: async () => {
      await db.destroy();
      // The pool may still be closing its last connections: retry rather than force.
      for (let attempt = 0; ; attempt++) {
        try {
          await sql`DROP DATABASE IF EXISTS ${sql.id(name)}`.execute(admin);
          break;
        } catch (e) {
          if (attempt > 20) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await admin.destroy();
    },
  };
}
