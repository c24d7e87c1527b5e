/**
 * Opens the database: PostgreSQL through pg when a URL is given, else embedded PGlite in
 * a data directory. Both speak the same SQL and run the same migrations.
 * @module
 */
import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { mkdirSync } from 'node:fs';
import { migrations } from '../../migrations/index.js';
import type { Database } from './database.js';

// int8 (counts, bigserial) as JS numbers on both drivers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export type Db = Kysely<Database>;

export interface DatabaseTarget {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** An already-open PGlite instance (tests clone a migrated snapshot). */
  pglite?: PGlite | undefined;
  poolSize?: number | undefined;
  /** Called when the server drops an idle pooled connection (the pool replaces it). */
  onPoolError?: ((err: Error) => void) | undefined;
}

/** Describe the target without secrets, for logs. */
export function describeTarget(t: DatabaseTarget): string {
  if (t.url) {
    const u = new URL(t.url);
    return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  }
  return `PGlite ${t.pglite ? '(provided)' : (t.dataDir ?? 'memory://')}`;
}

/** Open a Kysely instance on the target. */
export function openDatabase(t: DatabaseTarget): Db {
  if (t.url) {
    const pool = new pg.Pool({ connectionString: t.url, max: t.poolSize ?? 10 });
    // Without a listener, an idle connection terminated by the server (a restart, a
    // failover) would be an uncaught 'error' event and stop the process.
    pool.on('error', t.onPoolError ?? ((err) => process.stderr.write(`database connection lost: ${err.message}\n`)));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  let instance = t.pglite;
  if (!instance) {
    const dir = t.dataDir ?? 'memory://';
    if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
    instance = new PGlite(dir, { parsers: { [pgliteTypes.INT8]: (v: string) => Number(v) } });
  }
  return new Kysely<Database>({ dialect: new PGliteDialect(instance) });
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Bring the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String((error as Error).message ?? error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
