/**
 * The end of the cast benchmark's election: the committee publishes the results (a
 * two-sector decision, each signed), the election record is exported as anyone would
 * (`GET /elections/:id/record`, streamed to a file), and the independent verifier
 * (`npm run verify`, src/cli/verify.ts) checks it in a child process of its own, whose
 * time, CPU and peak memory are measured (./usage.ts).
 * @module
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { ApiClient, seg } from '../../src/client/api.js';
import { proposeSigned, voteSigned } from '../../src/client/committee.js';
import type { BenchElection } from './setup.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Publish the results (proposed by member 3, approved by member 1, each signing) and time it, s. */
export async function publishResults(baseUrl: string, e: BenchElection): Promise<number> {
  const proposer = new ApiClient({ baseUrl, token: e.members[2]! });
  const approver = new ApiClient({ baseUrl, token: e.members[0]! });
  const p = await proposeSigned(proposer, e.electionId, { kind: 'phase_change', to: 'published' }, e.memberKeys[2]!);
  const t0 = performance.now();
  const a = await voteSigned(approver, e.electionId, p.proposal!, 'approve', e.memberKeys[0]!);
  if (a.status !== 'executed') throw new Error(`the publication was not executed: ${a.status}`);
  return (performance.now() - t0) / 1000;
}

/** Stream the election record to `path`; its time, s, and size, MiB. */
export async function exportRecord(baseUrl: string, electionId: string, path: string): Promise<{ seconds: number; mib: number }> {
  const t0 = performance.now();
  const response = await fetch(`${baseUrl}/elections/${seg(electionId)}/record`);
  if (!response.ok || response.body === null) throw new Error(`record export: HTTP ${response.status}`);
  await pipeline(Readable.fromWeb(response.body as ReadableStream), createWriteStream(path));
  return { seconds: (performance.now() - t0) / 1000, mib: (await stat(path)).size / 2 ** 20 };
}

/** What the verifier's run measured: its exit code (0: every check passed), time, CPU (its workers' included) and peak RSS, and its report's last line. */
export interface VerifierRun {
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly cpuS: number;
  readonly peakMiB: number;
  readonly reportPath: string;
  readonly lastLine: string;
}

/**
 * Run the verifier on `recordPath` as `npm run verify -- <record>` does (`node --import
 * tsx src/cli/verify.ts`, without npm and tsx's own processes in between, so that the
 * process measured is the verifier's), its report written to `<recordPath>.report.txt`.
 */
export async function verifyRecord(recordPath: string): Promise<VerifierRun> {
  const usageFile = `${recordPath}.usage.json`;
  const reportPath = `${recordPath}.report.txt`;
  const usage = new URL('./usage.ts', import.meta.url).href;
  const out = createWriteStream(reportPath);
  await new Promise<void>((resolve, reject) => { out.once('open', () => resolve()); out.once('error', reject); });
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', usage, join('src', 'cli', 'verify.ts'), recordPath, '--lang', 'es'], {
    cwd: ROOT, env: { ...process.env, BENCH_USAGE_FILE: usageFile }, stdio: ['ignore', out, out],
  });
  const exitCode = await new Promise<number | null>((resolve, reject) => { child.once('error', reject); child.once('exit', (code) => resolve(code)); });
  const seconds = (performance.now() - t0) / 1000;
  out.close();
  const u = JSON.parse(await readFile(usageFile, 'utf8')) as { maxRssKiB: number; userUs: number; systemUs: number };
  await rm(usageFile, { force: true });
  const lines = (await readFile(reportPath, 'utf8')).trim().split('\n');
  return { exitCode, seconds, cpuS: (u.userUs + u.systemUs) / 1e6, peakMiB: u.maxRssKiB / 1024, reportPath, lastLine: lines[lines.length - 1] ?? '' };
}
