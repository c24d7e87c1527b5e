/**
 * Build of the web pages (`npm run build:web`): one entry per page, plain TypeScript and
 * DOM, bundled with the same src/client, src/crypto, src/record and src/verify code as the
 * CLI. Served by the API under `/app/` (src/http/web.ts).
 *
 * With `ANFORA_WEB_TEST_BUILD=1` (the browser tests only, scripts/ensure-web.ts) the pages
 * go to dist/web-test instead and seal key files at a test cost, saying so on every page
 * (src/web/lib/keyfile-cost.ts); a build into dist/web never carries it.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const testBuild = process.env.ANFORA_WEB_TEST_BUILD === '1';

export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  define: { __ANFORA_WEB_TEST_BUILD__: JSON.stringify(testBuild) },
  logLevel: 'warn',
  build: {
    outDir: here(testBuild ? '../../dist/web-test' : '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        index: here('index.html'),
        booth: here('booth.html'),
        check: here('check.html'),
        committee: here('committee.html'),
        auditor: here('auditor.html'),
        activate: here('activate.html'),
        timeline: here('timeline.html'),
        roll: here('roll.html'),
        board: here('board.html'),
        results: here('results.html'),
        admin: here('admin.html'),
        portal: here('portal.html'),
        trustee: here('trustee.html'),
        issuer: here('issuer.html'),
        acta: here('acta.html'),
      },
    },
  },
  worker: { format: 'es' },
});
