/**
 * Build of the web pages (`npm run build:web`): one entry per page, plain TypeScript and
 * DOM, bundled with the same src/client, src/crypto, src/record and src/verify code as the
 * CLI. Served by the API under `/app/` (src/http/web.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/app/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('../../dist/web'),
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
