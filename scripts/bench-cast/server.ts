/**
 * The server under test, in its own process (`src/cli/server.ts`, as `npm start` runs it),
 * so that its CPU time and memory can be read from outside, in /proc: utime + stime of
 * /proc/<pid>/stat, VmRSS and VmHWM (the peak) of /proc/<pid>/status; writing 5 to
 * /proc/<pid>/clear_refs starts a new peak, so that each step's can be read.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { TICKS, statFields } from './machine.js';
import type { ProbeFigures, ProbeRequest } from './probe.js';
import { SESSION_SECONDS } from './setup.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A running server process. */
export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  readonly logPath: string;
  /** CPU time (user + system) the process has used so far, ms. */
  cpuMs(): Promise<number>;
  /** Resident memory now and its peak so far (since the start or the last `resetPeak`), MiB. */
  memory(): Promise<{ rssMiB: number; peakMiB: number }>;
  /** Start a new peak: the kernel resets the process's VmHWM to its current RSS (clear_refs 5, Linux). */
  resetPeak(): Promise<void>;
  /** Start measuring the server's event loop (./probe.ts). */
  probeStart(): void;
  /** Its delay and utilisation since `probeStart` (and the path of its CPU profile, if asked for). */
  probeStop(): Promise<ProbeFigures>;
  stop(): Promise<void>;
}

/** CPU time (user + system) process `pid` has used so far, ms, from /proc/<pid>/stat. */
export async function processCpuMs(pid: number): Promise<number> {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time (user + system) the main thread of process `pid` has used so far (its worker threads' not included), ms. */
export async function mainThreadCpuMs(pid: number): Promise<number> {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

async function statCpuMs(path: string): Promise<number> {
  const fields = statFields(await readFile(path, 'utf8'));
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Start `src/cli/server.ts` on a free loopback port with `env` added, and wait for /health. */
export async function startServer(env: Record<string, string>, jwtSecret: string, logPath: string): Promise<ServerProcess> {
  const port = await freePort();
  // The server writes its log straight to the file: through a pipe to this process, each
  // of its (synchronous) log writes would wait while this busy event loop drains the pipe.
  const log = openSync(logPath, 'w');
  // BENCH_SERVER_NODE_ARGS adds Node options to the server, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile it.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const probe = new URL('./probe.ts', import.meta.url).href;
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', '--import', probe, 'src/cli/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), JWT_SECRET: jwtSecret, ACCESS_TOKEN_TTL: `${SESSION_SECONDS}s`, NODE_ENV: 'production',
      // The benchmark's clients say which address they stand for (X-Forwarded-For), as a reverse proxy would.
      TRUST_PROXY: '127.0.0.1',
    },
    // The fourth: the IPC channel of ./probe.ts.
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const pid = child.pid!;
  for (let i = 0; ; i++) {
    const gone = await Promise.race([exited, new Promise((r) => setTimeout(r, 100, 'running'))]);
    if (gone !== 'running') throw new Error(`the server exited (code ${String(gone)}); see ${logPath}`);
    const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 1800) throw new Error(`the server did not answer /health within three minutes; see ${logPath}`);
  }
  return {
    baseUrl, pid, logPath,
    cpuMs: () => processCpuMs(pid),
    async memory() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
    },
    resetPeak: () => writeFile(`/proc/${pid}/clear_refs`, '5'),
    probeStart() {
      child.send({ probe: 'start' } satisfies ProbeRequest);
    },
    probeStop() {
      return new Promise<ProbeFigures>((resolve) => {
        child.once('message', (m: ProbeFigures) => resolve(m));
        child.send({ probe: 'stop' } satisfies ProbeRequest);
      });
    },
    async stop() {
      if (child.connected) child.disconnect();
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(r, 15_000, false))]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
