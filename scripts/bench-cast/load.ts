/**
 * The cast benchmark's phases against a running server (its ballots prepared by
 * ./prepare.ts): casting them from concurrent clients with the client library while a
 * reader samples a GET and, optionally, one client replays board ballots as fast as it
 * can; then the close and each trustee's decryption step.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Presets, SingleBar } from 'cli-progress';
import { ApiClient, ApiError, seg } from '../../src/client/api.js';
import { proposeSigned, voteSigned } from '../../src/client/committee.js';
import type { LoadedManifest } from '../../src/client/manifest.js';
import { decryptTally } from '../../src/client/trustee.js';
import { type CastRequest, castBallot } from '../../src/client/voter.js';
import { sodiumReady, verifyStrictSignatureSodium } from '../../src/crypto/sodium-ballots.js';
import { workerSummer } from '../../src/cli/sum-pool.js';
import type { BenchElection } from './setup.js';

/** A progress bar on stderr. */
export function bar(label: string, total: number): SingleBar {
  const b = new SingleBar({ format: `  ${label.padEnd(30)} [{bar}] {value}/{total} {eta_formatted}`, hideCursor: true, stream: process.stderr }, Presets.shades_classic);
  b.start(total, 0);
  return b;
}

/**
 * A fetch that says the request comes from `address` (X-Forwarded-For): the server is
 * started trusting the loopback as its proxy (TRUST_PROXY), so that each simulated client
 * has its own address, as real voters do, and per-client limits apply to each one.
 */
export function fetchFrom(address: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('x-forwarded-for', address);
    return fetch(input, { ...init, headers });
  };
}

/** The simulated address of voter `k` (10.x.y.z, never the flood's or the reader's). */
const clientAddress = (k: number) => `10.${((k + 1) >> 16) & 255}.${((k + 1) >> 8) & 255}.${(k + 1) & 255}`;
const FLOOD_ADDRESS = '192.0.2.66';
const READER_ADDRESS = '192.0.2.80';

/** Latency percentile (nearest rank) of sorted samples, ms. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** What a cast phase measured. */
export interface CastPhase {
  readonly accepted: number;
  readonly refused: number;
  readonly seconds: number;
  /** Honest casts' latencies, sorted, ms. */
  readonly latencies: number[];
  /** Latencies of the sampled GET during the phase, sorted, ms. */
  readonly gets: number[];
  /** This process's (the clients') CPU ms per honest cast, and its event loop's delay p99, ms. */
  readonly clientCpuMs: number;
  readonly clientLoopP99: number;
  /** The machine's load average (1, 5, 15 min) at the end: other work on it skews every figure. */
  readonly load: number[];
  /** Replays sent and their answers by HTTP status, when a flood ran. */
  readonly flood?: { readonly sent: number; readonly statuses: Record<string, number> };
}

/**
 * The reader of castPhase, in a thread of its own: it stands for another visitor of the
 * site, so its GETs must not wait behind this thread's clients (their JSON and their
 * receipts' checks), whose delay is the benchmark's, not the server's. It GETs `url`
 * every `periodMs` until `stop`, which answers the latencies (ms); a GET that is not 2xx
 * stops the benchmark, as the client library's `get` would.
 */
function startReader(url: string, address: string, periodMs: number): { stop(): Promise<number[]> } {
  const code = `
    const { parentPort, workerData: { url, address, periodMs } } = require('node:worker_threads');
    let running = true;
    parentPort.once('message', () => { running = false; });
    const gets = [];
    (async () => {
      while (running) {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { 'x-forwarded-for': address } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error('GET ' + url + ': ' + res.status);
        gets.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, periodMs));
      }
      parentPort.postMessage(gets);
    })().catch((e) => { throw e; });`;
  const w = new Worker(code, { eval: true, workerData: { url, address, periodMs } });
  const done = new Promise<number[]>((resolve, reject) => {
    w.once('message', (gets: number[]) => resolve(gets));
    w.once('error', reject);
  }).finally(() => w.terminate());
  return {
    stop() {
      w.postMessage('stop');
      return done;
    },
  };
}

let clientProfiles = 0;

/**
 * With BENCH_CAST_PROFILE_DIR set, a CPU profile of this process's main thread (the
 * clients': their JSON, fetch and receipt checks) from now until `stop`, which writes it
 * there as `clients-<pid>-<n>.cpuprofile` and answers its path.
 */
function startClientProfile(): { stop(): Promise<string | undefined> } | undefined {
  const dir = process.env.BENCH_CAST_PROFILE_DIR;
  if (dir === undefined) return undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start'));
  return {
    stop: () => new Promise((resolve) => {
      session.post('Profiler.stop', (err, r) => {
        session.disconnect();
        if (err) return resolve(undefined);
        const path = join(dir, `clients-${process.pid}-${clientProfiles++}.cpuprofile`);
        writeFileSync(path, JSON.stringify(r.profile));
        resolve(path);
      });
    }),
  };
}

/** Board ballots to replay: the cast requests of up to `max` ballot events. */
export async function boardBallots(pub: ApiClient, electionId: string, max = 500): Promise<string[]> {
  // The board opens with the roll's decisions (thousands of events for a large roll), so
  // the ballots are found by paging on, not in the first page.
  const out: string[] = [];
  for (let from = 0; out.length < max; ) {
    const page = await pub.get(`/elections/${seg(electionId)}/board?from=${from}&limit=500`) as { events: { seq: number; kind: string; payload: Record<string, unknown> }[] };
    if (page.events.length === 0) break;
    for (const { kind, payload: { contestId, token, ballot, signature } } of page.events) {
      if (kind === 'ballot' && out.length < max) out.push(JSON.stringify({ contestId, token, ballot, signature }));
    }
    from = page.events[page.events.length - 1]!.seq + 1;
  }
  return out;
}

/**
 * Cast `bodies` from `clients` concurrent clients (each takes the next ballot when its
 * last one is answered) with the client library's castBallot, which also checks each
 * receipt; meanwhile one reader GETs `/elections/:id` every 100 ms ({@link startReader}) and, with `replays`,
 * one client resends them in a loop (`floodConnections` requests in flight). Each client,
 * the reader and the flood have their own address ({@link fetchFrom}).
 */
export async function castPhase(
  baseUrl: string, manifest: LoadedManifest, bodies: readonly string[], clients: number, label: string,
  replays?: readonly string[], floodConnections = 1,
): Promise<CastPhase> {
  const latencies: number[] = [];
  let accepted = 0;
  let refused = 0;
  let running = true;
  const progress = bar(label, bodies.length);
  const reader = startReader(`${baseUrl}/elections/${seg(manifest.manifest.electionId)}`, READER_ADDRESS, 100);
  const statuses: Record<string, number> = {};
  let sent = 0;
  const flood = replays && replays.length > 0
    ? Promise.all(Array.from({ length: floodConnections }, async (_, c) => {
      for (let i = c; running; i += floodConnections) {
        const r = await fetch(`${baseUrl}/elections/${seg(manifest.manifest.electionId)}/ballots`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': FLOOD_ADDRESS }, body: replays[i % replays.length]!,
        }).then(async (res) => { await res.arrayBuffer(); return String(res.status); }, () => 'network');
        statuses[r] = (statuses[r] ?? 0) + 1;
        sent++;
      }
    }))
    : Promise.resolve();
  const profiler = startClientProfile();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // The clients check each receipt's signature with libsodium (0.1 ms, same verdicts as
  // the strict verifier) rather than node:crypto (0.45 ms): they share the server's cores.
  await sodiumReady;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let next = 0;
  // The clients are concurrent connections, not voters: each ballot is an association's own,
  // cast from its own address, so the server's per-address cast limit (600 a minute) applies
  // as it would to real voters. One address per client made the 8-client run refuse every
  // cast past a client's 600th.
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < bodies.length) {
      const i = next++;
      const api = new ApiClient({ baseUrl, fetch: fetchFrom(clientAddress(i)) });
      const body = JSON.parse(bodies[i]!) as CastRequest;
      const started = performance.now();
      try {
        const r = await castBallot(api, manifest.decoded, body, { verifySignature: verifyStrictSignatureSodium });
        if (r.ok) accepted++;
        else refused++;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        refused++;
      }
      latencies.push(performance.now() - started);
      progress.increment();
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  running = false;
  progress.stop();
  const clientProfile = await profiler?.stop();
  if (clientProfile !== undefined) process.stdout.write(`  perfil de los clientes / clients' profile ${clientProfile}\n`);
  const [gets] = await Promise.all([reader.stop(), flood]);
  latencies.sort((a, b) => a - b);
  gets.sort((a, b) => a - b);
  return {
    accepted, refused, seconds, latencies, gets, clientCpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, accepted + refused), clientLoopP99: loop.percentile(99) / 1e6, load: loadavg(), ...(replays && replays.length > 0 && { flood: { sent, statuses } }) };
}
/** Close voting (a two-sector decision, each signed: its approval runs the close) and time it, s. */
export async function closeVoting(baseUrl: string, e: BenchElection): Promise<number> {
  const proposer = new ApiClient({ baseUrl, token: e.members[1]! });
  const approver = new ApiClient({ baseUrl, token: e.members[2]! });
  const p = await proposeSigned(proposer, e.electionId, { kind: 'phase_change', to: 'closed' }, e.memberKeys[1]!);
  const t0 = performance.now();
  const a = await voteSigned(approver, e.electionId, p.proposal!, 'approve', e.memberKeys[2]!);
  if (a.status !== 'executed') throw new Error(`the close was not executed: ${a.status}`);
  return (performance.now() - t0) / 1000;
}

/**
 * Trustees 1 and 3 decrypt with the client library (manifest, walk of the board, check of
 * the tally against it, shares and proofs, post); the second post also combines the
 * tally on the server. Each step's time and the CPU it took in this process (the
 * trustee's side, its worker threads included), s, the server's peak memory during it
 * (`beforeStep` starts a new peak, `peak` reads it), and the published counts.
 */
export async function decryptAndCount(
  baseUrl: string, e: BenchElection, beforeStep: () => Promise<void> = async () => {}, peak: () => Promise<number> = async () => NaN,
): Promise<{ steps: number[]; cpu: number[]; peaks: number[]; counts: number[] }> {
  const steps: number[] = [];
  const cpu: number[] = [];
  const peaks: number[] = [];
  for (const index of [1, 3]) {
    await beforeStep();
    const api = new ApiClient({ baseUrl, token: e.members[index - 1]! });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    // As the trustee CLI does: the board's ballots summed in worker threads.
    const r = await decryptTally(api, e.electionId, e.trustees[index - 1]!, async (s) => { e.trustees[index - 1] = s; }, { summer: workerSummer(availableParallelism()) });
    if (!r.ok) throw new Error(`trustee ${index}: ${r.reason} ${r.detail}`);
    steps.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    peaks.push(await peak());
  }
  const results = await new ApiClient({ baseUrl }).get(`/elections/${seg(e.electionId)}/results`) as { contests: { counts: { votes: number }[] }[] };
  return { steps, cpu, peaks, counts: results.contests[0]!.counts.map((c) => c.votes) };
}
