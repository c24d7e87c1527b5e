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
 * (from /proc) and its memory, the GET's p50/p99, the close and each decryption step, with
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
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { ApiClient } from '../src/client/api.js';
import { fetchManifest } from '../src/client/manifest.js';
import { type CastPhase, boardBallots, castPhase, closeVoting, decryptAndCount, percentile } from './bench-cast/load.js';
import { prepareBallots, serveBenchIssuers } from './bench-cast/prepare.js';
import type { ProbeFigures } from './bench-cast/probe.js';
import { type VerifierRun, exportRecord, publishResults, verifyRecord } from './bench-cast/record.js';
import { type ServerProcess, mainThreadCpuMs, startServer } from './bench-cast/server.js';
import { CANDIDATES, MAX_SELECTIONS, buildVotingElection, createBenchDatabase } from './bench-cast/setup.js';

const TARGETS = { ballotsPerSecond: 150, p99At32: 250, floodP99: 500, getP99: 50, closeAndStepAt100k: 120 };

interface Options {
  db: 'postgres' | 'pglite' | 'both';
  ballots?: number;
  clients?: number;
  full: boolean;
  flood: boolean;
  floodConnections: number;
  databaseUrl: string;
}

/** One run's figures. */
interface Run {
  db: string;
  ballots: number;
  clients: number;
  cast: CastPhase;
  /** Casts under the replay flood (the flood run only); `cast` then holds the quiet half. */
  flooded?: CastPhase;
  /** The server's event loop during `cast` and during `flooded`. */
  loop: ProbeFigures;
  floodLoop?: ProbeFigures;
  cpuMsPerBallot: number;
  rssMiB: number;
  /** The server's peak RSS over the whole run (the largest of its steps'), MiB. */
  peakMiB: number;
  closeS: number;
  decryptS: number[];
  /** The server's peak RSS during each step, MiB (each step starts a new peak: server.ts `resetPeak`). */
  stepPeaks: { prepare: number; cast: number; close: number; decrypt: number[]; publish: number; record: number };
  publishS: number;
  record: { seconds: number; mib: number };
  verifier: VerifierRun;
  countsMatch: boolean;
}

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const mark = (ok: boolean) => (ok ? '✓' : '✗');

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

const loopLine = (l: ProbeFigures, accepted: number) =>
  `hilo principal / main thread ${f1(l.mainCpuMs / accepted)} ms CPU por papeleta / per ballot; retraso del bucle de eventos / event-loop delay p50 ${f1(l.delayP50)} ms, p99 ${f1(l.delayP99)} ms, máx. / max ${f0(l.delayMax)} ms; ocupación / utilisation ${f0(l.utilisation * 100)} %${l.profile ? `; perfil / profile ${l.profile}` : ''}`;

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

function describe(r: Run): void {
  const c = r.cast;
  say(`  aceptadas/s / accepted/s: ${f1(c.accepted / c.seconds)} (${c.accepted} en / in ${f1(c.seconds)} s; rechazadas / refused ${c.refused})`);
  say(`  latencia / latency p50 ${f0(percentile(c.latencies, 50))} ms, p95 ${f0(percentile(c.latencies, 95))} ms, p99 ${f0(percentile(c.latencies, 99))} ms`);
  say(`  GET /elections/:id durante la emisión / while casting: p50 ${f0(percentile(c.gets, 50))} ms, p99 ${f0(percentile(c.gets, 99))} ms (${c.gets.length} muestras / samples)`);
  say(`  servidor / server: ${loopLine(r.loop, c.accepted)}`);
  say(`  clientes (este proceso) / clients (this process): ${f1(c.clientCpuMs)} ms CPU por papeleta / per ballot, retraso del bucle / event-loop delay p99 ${f1(c.clientLoopP99)} ms; carga / load ${c.load.map(f1).join(' ')}`);
  if (r.flooded) {
    const fl = r.flooded;
    say(`  con inundación / under the flood: ${f1(fl.accepted / fl.seconds)} aceptadas/s, p99 ${f0(percentile(fl.latencies, 99))} ms; GET p99 ${f0(percentile(fl.gets, 99))} ms`);
    if (r.floodLoop) say(`  con inundación / under the flood: ${loopLine(r.floodLoop, fl.accepted)}`);
    const sent = fl.flood?.sent ?? 0;
    say(`  reenvíos / replays: ${sent} (${sent > 0 ? f1(sent / fl.seconds) : 0}/s), respuestas / answers ${JSON.stringify(fl.flood?.statuses ?? {})}`);
  }
  say(`  servidor / server: ${f1(r.cpuMsPerBallot)} ms CPU por papeleta / per ballot${r.flooded ? ' (con los reenvíos / replays included)' : ''}; RSS ${f0(r.rssMiB)} MiB tras emitir / after casting, pico / peak ${f0(r.peakMiB)} MiB`);
  say(`  cierre / close ${f1(r.closeS)} s; descifrado / decryption: custodio / trustee 1 ${f1(r.decryptS[0]!)} s, custodio / trustee 3 (y combinación / and combination) ${f1(r.decryptS[1]!)} s`);
  say(`  recuento publicado = recuento en claro / published count = plain count: ${mark(r.countsMatch)}`);
  const p = r.stepPeaks;
  say('  pasos: tiempo y pico de memoria (RSS) del servidor en cada uno / steps: time and the server\'s peak memory (RSS) in each');
  say(`    emisión / cast ${f1(r.cast.seconds + (r.flooded?.seconds ?? 0))} s, ${f0(p.cast)} MiB (preparación / preparation ${f0(p.prepare)} MiB)`);
  say(`    cierre / close ${f1(r.closeS)} s, ${f0(p.close)} MiB`);
  say(`    descifrado 1 / decryption 1 ${f1(r.decryptS[0]!)} s, ${f0(p.decrypt[0]!)} MiB; descifrado 2 y combinación / decryption 2 and combination ${f1(r.decryptS[1]!)} s, ${f0(p.decrypt[1]!)} MiB`);
  say(`    publicación / publication ${f1(r.publishS)} s, ${f0(p.publish)} MiB`);
  say(`    exportación del registro / record export ${f1(r.record.seconds)} s, ${f1(r.record.mib)} MiB en disco / on disk, ${f0(p.record)} MiB`);
  const v = r.verifier;
  say(`  verificador (proceso propio) / verifier (own process): ${f1(v.seconds)} s, ${f1(v.cpuS)} s CPU, pico / peak ${f0(v.peakMiB)} MiB; ${v.exitCode === 0 ? 'todas las comprobaciones pasan / every check passes ✓' : `código de salida / exit code ${String(v.exitCode)} ✗, informe / report ${v.reportPath}`}`);
  say(`    ${v.lastLine}`);
}

function summary(runs: readonly Run[]): void {
  say();
  say('Resumen y metas / summary and targets');
  say('db        papeletas clientes  acept/s   p50   p95   p99  CPUms/pap  RSSpico  GETp99 bucle99  cierre  descifr.1/3  verif.s verifMiB   ok');
  for (const r of runs) {
    const c = r.cast;
    say([
      r.db.padEnd(9), String(r.ballots).padStart(9), String(r.clients).padStart(8), f1(c.accepted / c.seconds).padStart(8),
      f0(percentile(c.latencies, 50)).padStart(5), f0(percentile(c.latencies, 95)).padStart(5), f0(percentile(c.latencies, 99)).padStart(5),
      f1(r.cpuMsPerBallot).padStart(10), f0(r.peakMiB).padStart(8), f0(percentile(c.gets, 99)).padStart(7), f1(r.loop.delayP99).padStart(7), f1(r.closeS).padStart(7),
      `${f1(r.decryptS[0]!)}/${f1(r.decryptS[1]!)}`.padStart(12), f1(r.verifier.seconds).padStart(8), f0(r.verifier.peakMiB).padStart(8),
      `  ${mark(r.countsMatch && r.verifier.exitCode === 0)}${r.flooded ? ' (inundación / flood)' : ''}`,
    ].join(' '));
  }
  say();
  const plain = runs.filter((r) => !r.flooded);
  const best = Math.max(...plain.map((r) => r.cast.accepted / r.cast.seconds));
  say(`  ≥ ${TARGETS.ballotsPerSecond} papeletas aceptadas/s / accepted ballots/s: mejor / best ${f1(best)} ${mark(best >= TARGETS.ballotsPerSecond)}`);
  for (const r of plain.filter((x) => x.clients === 32)) {
    const p99 = percentile(r.cast.latencies, 99);
    say(`  p99 < ${TARGETS.p99At32} ms con 32 clientes / at 32 clients (${r.db}, ${r.ballots}): ${f0(p99)} ms ${mark(p99 < TARGETS.p99At32)}`);
  }
  for (const db of new Set(plain.map((r) => r.db))) {
    for (const clients of new Set(plain.map((r) => r.clients))) {
      const small = plain.find((r) => r.db === db && r.clients === clients && r.ballots === 1000);
      const large = plain.find((r) => r.db === db && r.clients === clients && r.ballots === 10_000);
      if (small && large) {
        const ratio = large.cpuMsPerBallot / small.cpuMsPerBallot;
        say(`  CPU por papeleta plana de 1.000 a 10.000 / flat CPU per ballot 1,000 → 10,000 (${db}, ${clients}): ×${ratio.toFixed(2)} ${mark(ratio < 1.2)}`);
      }
    }
  }
  for (const r of runs.filter((x) => x.flooded)) {
    const quiet = percentile(r.cast.latencies, 99);
    const loud = percentile(r.flooded!.latencies, 99);
    say(`  inundación de reenvíos: p99 honesto < ${TARGETS.floodP99} ms / replay flood: honest p99 (${r.db}): sin / without ${f0(quiet)} ms, con / with ${f0(loud)} ms ${mark(loud < TARGETS.floodP99)}`);
  }
  const worstGet = Math.max(...runs.flatMap((r) => [percentile(r.cast.gets, 99), r.flooded ? percentile(r.flooded.gets, 99) : 0]));
  say(`  GET p99 < ${TARGETS.getP99} ms durante la emisión / while casting: peor / worst ${f0(worstGet)} ms ${mark(worstGet < TARGETS.getP99)}`);
  for (const r of runs.filter((x) => x.ballots >= 100_000)) {
    const ok = r.decryptS.every((s) => r.closeS + s < TARGETS.closeAndStepAt100k);
    say(`  cierre + cada paso de descifrado < 2 min a 100.000 / close + each decryption step under 2 min at 100,000 (${r.db}): ${mark(ok)}`);
  }
  say('  (bucle99: p99 del retraso del bucle de eventos del servidor, ms / the server\'s event-loop delay p99, ms; verif.: el verificador del registro exportado, s y pico de RSS / the exported record\'s verifier, s and peak RSS; ok: recuentos iguales y registro verificado / counts equal and record verified)');
  say('  (las cifras de una máquina cargada no son las de referencia / figures from a loaded machine are not the reference ones)');
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
