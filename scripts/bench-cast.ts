/**
 * `npm run bench:cast`: the load benchmark of the ballot box (issue 14, item 6). For each
 * database (the local PostgreSQL or `DATABASE_URL`, each run in a throwaway database; and
 * PGlite), each election size (1,000 and 10,000 ballots, 100,000 with `--full`; one
 * contest of 5 candidates, vote for up to 2) and each number of concurrent clients (8, 32,
 * 64), a fresh election is built to `voting`, the server is started in its own process
 * (`src/cli/server.ts`), every ballot is prepared first (token over HTTP and encryption,
 * in worker threads, untimed), then cast with the client library from the concurrent
 * clients while a reader samples `GET /elections/:id`; then the committee closes and two
 * trustees decrypt with the client library, and the published count must equal the plain
 * count of the choices cast; the committee publishes the results, the election record is
 * exported (`GET /elections/:id/record`) and the verifier (`npm run verify`) checks it in a
 * process of its own (./bench-cast/record.ts). A replay-flood run casts half its ballots quietly and half
 * while one client resends ballots from the public board as fast as it can.
 *
 * Printed: accepted ballots/s, p50/p95/p99 latency, the server process's CPU ms per ballot
 * (from /proc) and its memory, the whole machine's CPU per ballot split among the server,
 * the local PostgreSQL and the clients, with the ceiling the cores put on throughput
 * (./bench-cast/machine.ts), the GET's p50/p99, the close and each decryption step, with
 * the issue's targets beside them; each step's time and the server's peak RSS during it
 * (cast, close, each decryption, publication, record export), the verifier's time, CPU and
 * peak RSS; and, untimed, what building the roll and preparing the ballots cost. As evidence for the latencies, from inside the server
 * (./bench-cast/probe.ts): its event loop's delay (p50/p99/max) and utilisation and its
 * main thread's CPU per ballot (the rest is the proof workers'); and this process's own
 * CPU per ballot and event-loop delay (the clients run on the same cores) and the load
 * average. `BENCH_CAST_PROFILE_DIR=dir` writes a CPU profile of the server's main thread
 * during each cast phase there. It is a measurement, not a test: figures depend on the
 * machine and on what else runs on it.
 *
 * `--ballots N --clients C` pick one size and one concurrency; `--db postgres|pglite|both`.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { ApiClient } from '../src/client/api.js';
import { fetchManifest } from '../src/client/manifest.js';
import { type CastPhase, boardBallots, castPhase, closeVoting, decryptAndCount } from './bench-cast/load.js';
import { machineCpu, machineShare } from './bench-cast/machine.js';
import { prepareBallots, serveBenchIssuers } from './bench-cast/prepare.js';
import type { ProbeFigures } from './bench-cast/probe.js';
import { exportRecord, publishResults, verifyRecord } from './bench-cast/record.js';
import { type Run, describe, f0, f1, say, summary } from './bench-cast/report.js';
import { type ServerProcess, mainThreadCpuMs, startServer } from './bench-cast/server.js';
import { CANDIDATES, MAX_SELECTIONS, buildVotingElection, createBenchDatabase } from './bench-cast/setup.js';


interface Options {
  db: 'postgres' | 'pglite' | 'both';
  ballots?: number;
  clients?: number;
  full: boolean;
  flood: boolean;
  floodConnections: number;
  databaseUrl: string;
}

/** The choices of the `i`-th association: varied and deterministic (blank every 7th). */
function choicesOf(i: number): number[] {
  const c = new Array<number>(CANDIDATES).fill(0);
  if (i % 7 === 6) return c;
  c[i % CANDIDATES] = 1;
  if (i % 3 !== 0) c[(i * 2 + 1) % CANDIDATES] = 1;
  return c;
}

/** Run `phase` while the server's probe watches its event loop. */
async function probed<T>(server: ServerProcess, phase: () => Promise<T>): Promise<[T, ProbeFigures]> {
  server.probeStart();
  const out = await phase();
  return [out, await server.probeStop()];
}

async function run(o: Options, kind: 'postgres' | 'pglite', ballots: number, clients: number, withFlood: boolean): Promise<Run> {
  say(`— ${kind}, ${ballots} papeletas / ballots, ${clients} clientes / clients${withFlood ? ', inundación de reenvíos / replay flood' : ''}`);
  const database = await createBenchDatabase(kind, o.databaseUrl);
  const jwtSecret = randomBytes(32).toString('base64url');
  try {
    const election = await buildVotingElection(database, jwtSecret, ballots);
    say(`  elección lista / election ready: ${f1(election.setupMs / 1000)} s; padrón / roll ${f1(election.roll.ms / 1000)} s = ${f1(election.roll.ms / ballots)} ms por asociación / per association (carriles / lanes: cuentas y firmas / accounts and signatures ${f1(election.roll.accountsMs / ballots)}, decisiones / decisions ${f1(election.roll.decisionsMs / ballots)} ms; carga / load ${loadavg().map(f1).join(' ')})`);
    const server = await startServer(database.env, jwtSecret, join(tmpdir(), `anfora-bench-server-${process.pid}.log`));
    try {
      const loaded = await fetchManifest(new ApiClient({ baseUrl: server.baseUrl }), election.electionId);
      if (!loaded.ok) throw new Error(`manifest: ${loaded.reason} ${loaded.detail}`);
      const jobs = election.associations.map((a, i) => ({ associationId: a.id, token: a.token, secretKey: a.secretKey, choices: choicesOf(i) }));
      const t0 = performance.now();
      const prepareCpu0 = process.cpuUsage();
      const prepareMainCpu0 = await mainThreadCpuMs(process.pid);
      const prepareServerCpu0 = await server.cpuMs();
      // The issuers sign while the tokens are asked for, then post their logs (before the close).
      const stopIssuers = serveBenchIssuers(server.baseUrl, election);
      const prepared = await prepareBallots(server.baseUrl, election, jobs).finally(stopIssuers);
      const bodies = prepared.bodies;
      const prepareMs = performance.now() - t0;
      const prepareCpu = process.cpuUsage(prepareCpu0);
      const prepareMainCpu = (await mainThreadCpuMs(process.pid)) - prepareMainCpu0;
      const prepareAllCpu = (prepareCpu.user + prepareCpu.system) / 1000;
      const prepareServerCpu = (await server.cpuMs()) - prepareServerCpu0;
      const prepare = (await server.memory()).peakMiB;
      say(`  preparadas / prepared: ${f1(prepareMs / 1000)} s = ${f1(prepareMs / ballots)} ms por papeleta / per ballot (fichas + cifrado / tokens + encryption, sin medir / untimed; carga / load ${loadavg().map(f1).join(' ')})`);
      say(`    por papeleta / per ballot: cifrado / encryption ${f1(prepared.encryptMs / ballots)} ms en un hilo / in a worker, espera de la ficha / token wait ${f0(prepared.tokenWaitMs / ballots)} ms (varias en vuelo / several in flight); CPU: hilos de trabajo (fichas y cifrado) / worker threads (tokens and encryption) ${f1((prepareAllCpu - prepareMainCpu) / ballots)} ms, hilo principal (los dos emisores) / main thread (the two issuers) ${f1(prepareMainCpu / ballots)} ms, servidor / server ${f1(prepareServerCpu / ballots)} ms`);
      await server.resetPeak();
      const cpu0 = await server.cpuMs();
      const machine0 = await machineCpu();
      const clientsCpu0 = process.cpuUsage();
      let cast: CastPhase;
      let flooded: CastPhase | undefined;
      let loop: ProbeFigures;
      let floodLoop: ProbeFigures | undefined;
      if (withFlood) {
        const half = Math.floor(bodies.length / 2);
        [cast, loop] = await probed(server, () => castPhase(server.baseUrl, loaded, bodies.slice(0, half), clients, 'emisión / cast (quiet)'));
        const replays = await boardBallots(new ApiClient({ baseUrl: server.baseUrl }), election.electionId);
        [flooded, floodLoop] = await probed(server, () => castPhase(server.baseUrl, loaded, bodies.slice(half), clients, 'emisión / cast (flood)', replays, o.floodConnections));
      } else {
        [cast, loop] = await probed(server, () => castPhase(server.baseUrl, loaded, bodies, clients, 'emisión / cast'));
      }
      const cpuMs = (await server.cpuMs()) - cpu0;
      const clientsCpu = process.cpuUsage(clientsCpu0);
      const machineAfter = await machineCpu();
      const { rssMiB, peakMiB: castPeak } = await server.memory();
      /** The server's peak RSS during `step`, MiB. */
      const peakOf = async <T>(step: () => Promise<T>): Promise<[T, number]> => {
        await server.resetPeak();
        const out = await step();
        return [out, (await server.memory()).peakMiB];
      };
      const [closeS, closePeak] = await peakOf(() => closeVoting(server.baseUrl, election));
      const { steps, counts, peaks } = await decryptAndCount(server.baseUrl, election, () => server.resetPeak(), async () => (await server.memory()).peakMiB);
      const plain = new Array<number>(CANDIDATES).fill(0);
      jobs.forEach((j) => j.choices.forEach((x, k) => { plain[k]! += x; }));
      const [publishS, publishPeak] = await peakOf(() => publishResults(server.baseUrl, election));
      const recordPath = join(tmpdir(), `anfora-bench-record-${process.pid}-${ballots}.json`);
      const [record, recordPeak] = await peakOf(() => exportRecord(server.baseUrl, election.electionId, recordPath));
      const verifier = await verifyRecord(recordPath);
      await rm(recordPath, { force: true });
      // A failing report is kept for reading (its path is printed); a passing one is not.
      if (verifier.exitCode === 0) await rm(verifier.reportPath, { force: true });
      const stepPeaks = { prepare, cast: castPeak, close: closePeak, decrypt: peaks, publish: publishPeak, record: recordPeak };
      const accepted = cast.accepted + (flooded?.accepted ?? 0);
      return {
        db: kind, ballots, clients, cast, ...(flooded && { flooded }), loop, ...(floodLoop && { floodLoop }), cpuMsPerBallot: cpuMs / accepted, rssMiB,
        machine: { ...machineShare(machine0, machineAfter, accepted), clientsMs: (clientsCpu.user + clientsCpu.system) / 1000 / accepted, cores: availableParallelism() },
        peakMiB: Math.max(prepare, castPeak, closePeak, ...peaks, publishPeak, recordPeak), closeS, decryptS: steps, stepPeaks, publishS, record, verifier,
        countsMatch: accepted === ballots && counts.join() === plain.join(),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('bench:cast')
    .description('Banco de carga de la urna / load benchmark of the ballot box')
    .addOption(new Option('--db <db>', 'base de datos / database').choices(['postgres', 'pglite', 'both']).default('both'))
    .addOption(new Option('--ballots <n>', 'un solo tamaño / one election size').argParser((v) => Number.parseInt(v, 10)))
    .addOption(new Option('--clients <n>', 'una sola concurrencia / one number of concurrent clients').argParser((v) => Number.parseInt(v, 10)))
    .option('--full', 'también 100.000 papeletas / also 100,000 ballots', false)
    .option('--no-flood', 'sin la corrida de inundación de reenvíos / without the replay-flood run')
    .addOption(new Option('--flood-connections <n>', 'peticiones en vuelo del cliente que reenvía / requests in flight of the replaying client')
      .argParser((v) => Number.parseInt(v, 10)).default(1))
    .option('--database-url <url>', 'PostgreSQL de administración / administrative PostgreSQL URL',
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  program.parse([...argv], { from: 'user' });
  const o = program.opts<Options>();
  const sizes = o.ballots !== undefined ? [o.ballots] : o.full ? [1000, 10_000, 100_000] : [1000, 10_000];
  const concurrencies = o.clients !== undefined ? [o.clients] : [8, 32, 64];
  const dbs: ('postgres' | 'pglite')[] = o.db === 'both' ? ['postgres', 'pglite'] : [o.db];
  if (sizes.some((n) => !Number.isInteger(n) || n < 10) || concurrencies.some((c) => !Number.isInteger(c) || c < 1)) {
    process.stderr.write('--ballots ≥ 10 y / and --clients ≥ 1\n');
    return 2;
  }
  say(`Ánfora — banco de carga de la urna / ballot-box load benchmark: ${CANDIDATES} candidaturas, hasta / up to ${MAX_SELECTIONS} marcas`);
  const runs: Run[] = [];
  for (const kind of dbs) {
    for (const ballots of sizes) {
      for (const clients of concurrencies) {
        const r = await run(o, kind, ballots, clients, false);
        describe(r);
        runs.push(r);
      }
    }
    if (o.flood) {
      const r = await run(o, kind, sizes[0]!, o.clients ?? 32, true);
      describe(r);
      runs.push(r);
    }
  }
  summary(runs);
  return runs.every((r) => r.countsMatch && r.verifier.exitCode === 0) ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`El banco de carga se detuvo / the benchmark stopped: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
