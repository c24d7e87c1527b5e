/**
 * Issue 14's side-by-side figure for `npm run bench`: the record verifier's ballot checking
 * against a plain libsodium-WASM verifier of the same ballot events (sodium-reference.ts),
 * both from the events' bytes (UTF-8 JSON as the record holds them), token and signature
 * included, in one run:
 *
 * - one thread: our `checkBallots` (as the CLI's workers run it) and the reference, in
 *   alternating rounds over the same ballots;
 * - every core: our side is the CLI's own worker pool (src/cli/verify-pool.ts; the main
 *   thread parses the events and hands them over, as `npm run verify` does), the
 *   reference one worker per core, each verifying its share; again alternating rounds.
 *
 * Each round is timed by the wall clock and by the process's CPU time (every thread,
 * user + system). The machine may be shared: rounds alternate so that both sides see the
 * same load, the median round counts, the load average is printed, and the CPU-time ratio
 * is given beside the wall-clock one (it moves less with other processes' load). The
 * target is ours ≤ 1.00× the reference's time per ballot. Every verdict is asserted
 * first: both sides accept the record's ballots and refuse a tampered proof and a
 * tampered signature, so neither side is a no-op.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mod, scalarFromHex, scalarToHex } from '../src/crypto/group.js';
import { workerBallotChecker } from '../src/cli/verify-pool.js';
import { ballotBench, ballotTasks } from './bench-verify-setup.js';
import type { BenchAnswer, BenchRequest, BenchWorkerData } from './bench-verify-worker.js';

/** Ballots of the record that scripts/make-record.ts makes when no `--record` is given. */
const RECORD_BALLOTS = 200;
/** Alternating rounds per side, in one thread and on every core. */
const ONE_ROUNDS = 5;
const MANY_ROUNDS = 3;
/** On every core, each round checks the ballots this many times (so the pool's 128-ballot slices balance over the workers). */
const MANY_REPEAT = 4;

function assert(cond: boolean, what: string): asserts cond {
  if (!cond) throw new Error(`bench setup: ${what}`);
}

/** A hex scalar plus one (mod ℓ), as hex: a dishonest change that stays a canonical encoding. */
export function bumpHexScalar(hex: string): string {
  return scalarToHex(mod(scalarFromHex(hex) + 1n));
}

/** A record of `n` ballots from scripts/make-record.ts (or `--record path`). */
function benchRecord(n: number): string {
  const at = process.argv.indexOf('--record');
  if (at >= 0 && process.argv[at + 1] !== undefined) return process.argv[at + 1]!;
  const path = join(mkdtempSync(join(tmpdir(), 'anfora-bench-')), 'record.json');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'make-record.ts'), String(n), path], { stdio: ['ignore', 'ignore', 'inherit'] });
  assert(r.status === 0, 'make-record');
  return path;
}

/** One side's rounds: wall-clock and CPU milliseconds per ballot. */
interface Rounds { readonly wall: number[]; readonly cpu: number[] }
/** One comparison: the median round of each side. */
export interface Comparison {
  readonly ours: { readonly perSec: number; readonly cpuMs: number };
  readonly reference: { readonly perSec: number; readonly cpuMs: number };
  /** Our time per ballot over the reference's: wall clock and CPU. */
  readonly wallRatio: number;
  readonly cpuRatio: number;
}

const median = (x: readonly number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)]!;

/** Run `f` (which must pass `ballots` ballots) and add its time per ballot to `into`. */
async function timeRound(into: Rounds, ballots: number, what: string, f: () => Promise<number> | number): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const passed = await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  assert(passed === ballots, `${what}: ${passed} of ${ballots} ballots pass`);
  into.wall.push(wall / ballots);
  into.cpu.push((c.user + c.system) / 1000 / ballots);
}

/** Alternate `rounds` rounds of each side (ours first, then the reference) after one warm-up round each. */
async function alternate(rounds: number, ballots: number, ours: () => Promise<number>, reference: () => Promise<number> | number): Promise<Comparison> {
  const o: Rounds = { wall: [], cpu: [] };
  const r: Rounds = { wall: [], cpu: [] };
  await timeRound({ wall: [], cpu: [] }, ballots, 'ours (warm-up)', ours);
  await timeRound({ wall: [], cpu: [] }, ballots, 'libsodium (warm-up)', reference);
  for (let i = 0; i < rounds; i++) {
    await timeRound(o, ballots, 'ours', ours);
    await timeRound(r, ballots, 'libsodium', reference);
  }
  return {
    ours: { perSec: 1000 / median(o.wall), cpuMs: median(o.cpu) },
    reference: { perSec: 1000 / median(r.wall), cpuMs: median(r.cpu) },
    wallRatio: median(o.wall) / median(r.wall),
    cpuRatio: median(o.cpu) / median(r.cpu),
  };
}

/** The side-by-side figures (see the module comment). */
export interface SideBySide {
  readonly count: number;
  readonly workers: number;
  readonly one: Comparison;
  readonly many: Comparison;
  readonly load: { readonly before: number; readonly after: number };
}

/** Measure both sides on the record's ballots (a fresh record of {@link RECORD_BALLOTS}, or `--record path`). */
export async function verifierVsSodium(): Promise<SideBySide> {
  const path = benchRecord(RECORD_BALLOTS);
  const bench = await ballotBench(path);
  const n = bench.events.length;
  const events = bench.events;
  // Both verify every ballot, and both refuse a tampered proof and a tampered ballot signature.
  assert(await bench.ours(events) === n && bench.reference(events) === n, 'both verifiers accept the record\'s ballots');
  const first = new TextDecoder().decode(events[0]!);
  const response = /"response":"([0-9a-f]{64})"/.exec(first)!;
  const tampered = first.replace(response[0], `"response":"${bumpHexScalar(response[1]!)}"`);
  const badSig = first.replace(/"signature":"([0-9a-f])/, (_m, d: string) => `"signature":"${d === '0' ? '1' : '0'}`);
  for (const bad of [tampered, badSig].map((t) => new TextEncoder().encode(t))) {
    assert(await bench.ours([bad]) === 0 && bench.reference([bad]) === 0, 'both verifiers refuse a tampered ballot');
  }
  const before = loadavg()[0]!;

  const one = await alternate(ONE_ROUNDS, n, () => bench.ours(events), () => bench.reference(events));

  // Every core: the CLI's pool against one reference worker per core.
  const workers = availableParallelism();
  const pool = workerBallotChecker(workers);
  const file = new URL('./bench-verify-worker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  const refs = await Promise.all(Array.from({ length: workers }, (_, share) => new Promise<Worker>((resolve, reject) => {
    const workerData: BenchWorkerData = { path, limit: n, share, of: workers };
    const w = new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true, workerData });
    w.once('message', () => resolve(w));
    w.once('error', reject);
  })));
  const repeated = Array.from({ length: MANY_REPEAT }, () => events).flat();
  try {
    const many = await alternate(MANY_ROUNDS, repeated.length, async () => {
      // As `npm run verify`: the main thread decodes and parses the events, the pool checks them.
      const batch = await pool(bench.context, ballotTasks(repeated));
      return batch.outcomes.filter((o) => o.ok).length;
    }, async () => {
      const passed = await Promise.all(refs.map((w) => new Promise<number>((resolve) => {
        w.once('message', (m: BenchAnswer) => resolve(m.type === 'done' ? m.passed : -1));
        w.postMessage({ rounds: MANY_REPEAT } satisfies BenchRequest);
      })));
      return passed.reduce((a, b) => a + b, 0);
    });
    return { count: n, workers, one, many, load: { before, after: loadavg()[0]! } };
  } finally {
    await pool.close();
    await Promise.all(refs.map((w) => w.terminate()));
  }
}

function fmt(x: number): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1);
}

/** Print the figures, each ratio against the target ≤ 1.00×. */
export function printSide(side: SideBySide): void {
  const verdict = (x: number) => (x <= 1 ? 'meets the target ≤ 1.00×' : 'ABOVE the target ≤ 1.00×');
  const line = (label: string, c: Comparison) => {
    console.log(`  ${label}: ours ${fmt(c.ours.perSec)} ballots/s (CPU ${c.ours.cpuMs.toFixed(2)} ms/ballot), libsodium ${fmt(c.reference.perSec)} ballots/s (CPU ${c.reference.cpuMs.toFixed(2)} ms/ballot)`);
    console.log(`    ours takes ${c.wallRatio.toFixed(2)}× the reference's wall time per ballot (${verdict(c.wallRatio)}); CPU time ${c.cpuRatio.toFixed(2)}× (${verdict(c.cpuRatio)})`);
  };
  console.log(`\nrecord verifier vs plain libsodium (issue 14), from the bytes of ${side.count} ballot events (UTF-8 JSON; token, signature and proofs), alternating rounds, medians:`);
  line('1 thread', side.one);
  line(`${side.workers} cores (ours: the CLI's worker pool; libsodium: ${side.workers} workers)`, side.many);
  console.log(`  load average (1 min) ${side.load.before.toFixed(2)} before, ${side.load.after.toFixed(2)} after, on ${availableParallelism()} cores: other processes share them`);
}
