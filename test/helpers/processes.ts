/**
 * Child processes for the tests that kill and restart them: the API server
 * (`src/cli/server.ts`) on a port of the test's choosing, so that a restart keeps its URL,
 * and the issuer command (`src/cli/issuer.ts`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
export { freePort } from '../../scripts/bench-cast/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A child process and everything it printed. */
export interface Child {
  readonly process: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** kill -9, and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

function track(child: ChildProcess): Child {
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return { process: child, output: () => out, exited, kill9: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

/** `tsx <script> ...args` from the repository's root, with `env` added. */
export function spawnScript(script: string, args: readonly string[], env: Record<string, string>): Child {
  return track(spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  }));
}

/** Start the API server on `port` with `env` added; resolves once /health answers. */
export async function startServerOn(port: number, env: Record<string, string>): Promise<Child & { url: string }> {
  const child = spawnScript('src/cli/server.ts', [], { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', CAST_WORKERS: '1', ...env });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.process.exitCode !== null) throw new Error(`the server exited (${child.process.exitCode}):\n${child.output()}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return { ...child, url };
    if (i > 600) throw new Error(`the server did not answer within a minute:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
