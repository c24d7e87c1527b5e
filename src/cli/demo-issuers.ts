/**
 * The demo's token issuers as the processes they are in a real election (issue 12): each
 * committee member runs `npm run issuer` (src/cli/issuer.ts) on its own machine, with its
 * own key files. Here each runs as a child process of the demo, its secrets handed over
 * through the environment variables the command reads, its lines shown prefixed. A child
 * still running when the demo ends (or fails) is stopped: no orphan processes.
 * @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { exportAccountKeyfileAsync } from '../crypto/account-keyfile.js';
import type { Lang } from '../client/api.js';

const ISSUER_SCRIPT = fileURLToPath(new URL('./issuer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** One committee member who issues tokens: its account and the key files the command opens. */
export interface DemoIssuer {
  readonly label: string;
  readonly email: string;
  readonly password: string;
  /** The account key file (sealed here under `accountPassphrase`, as the member's own tool keeps it). */
  readonly accountKeyPath: string;
  readonly accountPassphrase: string;
  /** The issuing key file `issuer keygen` writes, sealed under `passphrase`. */
  readonly keyfile: string;
  readonly passphrase: string;
}

/** A running `issuer` command. */
export interface IssuerProcess {
  /** Resolves with the exit code (null when stopped by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM if still running, and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Prepare a member's issuer: its account key file in `dir` (mode 0600) and fresh
 * passphrases; `issuer keygen` writes the issuing key file next to it.
 */
export async function prepareIssuer(
  dir: string, n: number, account: { accountId: string; email: string; password: string; secretKey: Uint8Array }, lang: Lang,
): Promise<DemoIssuer> {
  const accountPassphrase = randomBytes(18).toString('base64url');
  const accountKeyPath = join(dir, `cuenta-emisor-${n}.json`);
  await writeFile(accountKeyPath, await exportAccountKeyfileAsync(account.accountId, account.secretKey, accountPassphrase, { label: account.email }), { mode: 0o600 });
  return {
    label: `${lang === 'en' ? 'issuer' : 'emisor'} ${n}`, email: account.email, password: account.password, accountKeyPath, accountPassphrase,
    keyfile: join(dir, `emisor-${n}.json`), passphrase: randomBytes(18).toString('base64url'),
  };
}

/** Every issuer command started and not yet exited, stopped by {@link stopIssuers}. */
const running = new Set<ChildProcess>();

/**
 * Start `issuer <command>` for `who` against `baseUrl`, each line it prints passed to
 * `print` with the issuer's label in front.
 */
export function startIssuer(
  who: DemoIssuer, command: 'keygen' | 'serve', o: { baseUrl: string; electionId: string; lang: Lang; interval?: number }, print: (line: string) => void,
): IssuerProcess {
  const args = [
    command, '--api', o.baseUrl, '--election', o.electionId, '--email', who.email, '--keyfile', who.keyfile,
    '--account-key', who.accountKeyPath, '--lang', o.lang, ...(o.interval !== undefined ? ['--interval', String(o.interval)] : []),
  ];
  const child = spawn(process.execPath, ['--import', 'tsx', ISSUER_SCRIPT, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ISSUER_PASSWORD: who.password, ISSUER_PASSPHRASE: who.passphrase, ACCOUNT_PASSPHRASE: who.accountPassphrase },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const prefix = `  [${who.label}] `;
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.trim() !== '') print(prefix + line);
    });
    stream.on('end', () => { if (pending.trim() !== '') print(prefix + pending); });
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('close', (code) => { running.delete(child); resolve(code); });
  });
  return {
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Run `issuer <command>` to its end; throws with its exit code when it fails. */
export async function runIssuer(...a: Parameters<typeof startIssuer>): Promise<void> {
  const code = await startIssuer(...a).exited;
  if (code !== 0) throw new Error(`issuer ${a[1]} (${a[0].label}) exited with code ${code}`);
}

/**
 * Wait for `p` to exit within `ms` milliseconds; throws (after stopping it) when it fails
 * or takes longer.
 */
export async function awaitIssuer(p: IssuerProcess, what: string, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), ms); });
  const code = await Promise.race([p.exited, late]);
  clearTimeout(timer);
  if (code === 'late') { await p.stop(); throw new Error(`${what} did not finish within ${ms / 1000} s`); }
  if (code !== 0) throw new Error(`${what} exited with code ${code}`);
}

/** Stop every issuer command still running (the demo's `finally`). */
export async function stopIssuers(): Promise<void> {
  await Promise.all([...running].map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    child.once('close', () => resolve());
    child.kill('SIGTERM');
  })));
}
