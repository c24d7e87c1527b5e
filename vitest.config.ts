import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit tests need no database; integration tests (*.int.test.ts) each get their own
// throwaway database from test/helpers/database.ts.
export default defineConfig({
  test: {
    // Vitest's default is one file at a time on two cores (cores − 1). Most integration and
    // browser files spend their time waiting on PostgreSQL or Chromium, so two files at once
    // keep both cores busy; more cores keep vitest's default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.int.test.ts', 'test/**/*.e2e.test.ts', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          globalSetup: ['test/helpers/global-setup.ts'],
          include: ['test/**/*.int.test.ts'],
          testTimeout: 120_000,
          // A file's set-up (an election with its rolls) shares the cores with another file.
          hookTimeout: 240_000,
          // A browser test polls for the outcome of its own action; on a loaded machine the
          // server's answer can take longer than vitest's 1 s default.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
