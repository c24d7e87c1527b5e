import { defineConfig } from 'vitest/config';

// Unit tests need no database; integration tests (*.int.test.ts) each get their own
// throwaway database from test/helpers/database.ts.
export default defineConfig({
  test: {
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
          hookTimeout: 120_000,
          // A browser test polls for the outcome of its own action; on a loaded machine the
          // server's answer can take longer than vitest's 1 s default.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
