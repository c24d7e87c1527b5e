/**
 * Chooses the test database once per run and prints which: TEST_DATABASE_URL when set, a
 * testcontainers PostgreSQL when a Docker engine answers, else embedded PGlite. For
 * PostgreSQL it migrates a template database; each test file then clones it
 * (`CREATE DATABASE … TEMPLATE`, ~40 ms), so files run in parallel in isolation.
 */
import type { TestProject } from 'vitest/node';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { migrateToLatest } from '../../src/db/connect.js';

export interface TestDatabaseInfo {
  mode: 'postgres-url' | 'testcontainers' | 'pglite';
  /** A URL to a maintenance database on the server (postgres modes). */
  adminUrl: string | null;
  template: string | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseInfo;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dockerReachable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl: string | null = process.env.TEST_DATABASE_URL ?? null;
  let mode: TestDatabaseInfo['mode'] = 'postgres-url';
  let stopContainer: (() => Promise<unknown>) | undefined;
  if (!adminUrl && (await dockerReachable())) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15-alpine').start();
    adminUrl = container.getConnectionUri();
    stopContainer = () => container.stop();
    mode = 'testcontainers';
  }
  if (!adminUrl) {
    project.provide('testDatabase', { mode: 'pglite', adminUrl: null, template: null });
    console.log('[test database] embedded PGlite (no TEST_DATABASE_URL, no Docker engine): one in-memory database per test file');
    return async () => {};
  }

  const template = `anfora_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }) });
  await sql`CREATE DATABASE ${sql.id(template)}`.execute(admin);
  const tpl = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 1 }) }) });
  await migrateToLatest(tpl);
  await tpl.destroy();
  const { rows } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(admin);
  const where = new URL(adminUrl);
  console.log(`[test database] PostgreSQL ${rows[0]?.v} at ${where.hostname}:${where.port || 5432} via ${mode === 'testcontainers' ? 'testcontainers' : 'TEST_DATABASE_URL'}; template ${template}, one clone per test file`);
  project.provide('testDatabase', { mode, adminUrl, template });

  return async () => {
    const { rows: dbs } = await sql<{ datname: string }>`SELECT datname FROM pg_database WHERE datname LIKE ${`${template}%`}`.execute(admin);
    for (const d of dbs) await sql`DROP DATABASE IF EXISTS ${sql.id(d.datname)} WITH (FORCE)`.execute(admin);
    await admin.destroy();
    await stopContainer?.();
  };
}

export { withDatabase };
