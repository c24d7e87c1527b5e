/**
 * What `npm run bench:cast` prints: each run's figures as it ends, then a table of all the
 * runs with the issue's targets beside them (scripts/bench-cast.ts runs them).
 * @module
 */
import type { CastPhase } from './load.js';
import { percentile } from './load.js';
import type { ProbeFigures } from './probe.js';
import type { VerifierRun } from './record.js';

export const TARGETS = { ballotsPerSecond: 150, p99At32: 250, floodP99: 500, getP99: 50, closeAndStepAt100k: 120 };

/** One run's figures. */
export interface Run {
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
  /** The machine's CPU while casting, ms per ballot (./machine.ts), and this process's (the clients'). */
  machine: { busyMs: number; postgresMs: number; idleShare: number; clientsMs: number; cores: number };
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

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
export const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
export const mark = (ok: boolean) => (ok ? '✓' : '✗');

const loopLine = (l: ProbeFigures, accepted: number) =>
  `hilo principal / main thread ${f1(l.mainCpuMs / accepted)} ms CPU por papeleta / per ballot; retraso del bucle de eventos / event-loop delay p50 ${f1(l.delayP50)} ms, p99 ${f1(l.delayP99)} ms, máx. / max ${f0(l.delayMax)} ms; ocupación / utilisation ${f0(l.utilisation * 100)} %${l.profile ? `; perfil / profile ${l.profile}` : ''}`;

/** The throughput at which the machine's cores would be busy all the time, at this run's CPU per ballot. */
const ceilingOf = (r: Run) => (r.machine.cores * 1000) / r.machine.busyMs;

/** Where the machine's CPU went per accepted ballot while casting, and the ceiling it puts on throughput. */
function machineLine(r: Run): string {
  const m = r.machine;
  const accepted = r.cast.accepted + (r.flooded?.accepted ?? 0);
  const main = (r.loop.mainCpuMs + (r.floodLoop?.mainCpuMs ?? 0)) / accepted;
  const other = m.busyMs - r.cpuMsPerBallot - m.postgresMs - m.clientsMs;
  return `máquina / machine (${m.cores} núcleos / cores): ${f1(m.busyMs)} ms CPU por papeleta / per ballot = servidor / server ${f1(r.cpuMsPerBallot)} `
    + `(hilo principal / main thread ${f1(main)}, hilos de pruebas / proof workers ${f1(r.cpuMsPerBallot - main)}) + PostgreSQL ${f1(m.postgresMs)} `
    + `+ clientes / clients ${f1(m.clientsMs)} + resto / other ${f1(other)}; ocioso / idle ${f0(m.idleShare * 100)} %; `
    + `techo / ceiling ${f0(ceilingOf(r))} papeletas/s / ballots/s`;
}

/** One run's figures, as lines. */
export function describe(r: Run): void {
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
  say(`  ${machineLine(r)}`);
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

/** The table of all runs and the issue's targets beside them. */
export function summary(runs: readonly Run[]): void {
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
  const ceiling = Math.max(...plain.map(ceilingOf));
  say(`  ≥ ${TARGETS.ballotsPerSecond} papeletas aceptadas/s / accepted ballots/s: mejor / best ${f1(best)} ${mark(best >= TARGETS.ballotsPerSecond)} (techo de CPU de esta máquina / this machine's CPU ceiling ${f0(ceiling)}/s)`);
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

