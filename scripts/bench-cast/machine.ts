/**
 * Where the machine's CPU went while casting (Linux /proc): the whole machine's busy and
 * idle time from /proc/stat, and the local PostgreSQL's processes' own (utime + stime of
 * every process named `postgres`, plus cutime + cstime, where the postmaster collects its
 * ended backends' time). With the server's and the clients' CPU, measured elsewhere, it
 * splits the machine's CPU per ballot among the parts that share the cores, and gives the
 * ceiling those cores put on throughput: cores × 1000 ms ÷ busy CPU ms per ballot.
 * @module
 */
import { readFile, readdir } from 'node:fs/promises';

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux). */
export const TICKS = 100;

/** The fields of a /proc/<pid>/stat after the command name (which may hold spaces): utime is [11], stime [12], cutime [13], cstime [14]. */
export function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** A reading of the machine's CPU counters, ms. */
export interface MachineCpu {
  readonly busyMs: number;
  readonly idleMs: number;
  readonly postgresMs: number;
}

/** Read the counters now (all zero where /proc is not there). */
export async function machineCpu(): Promise<MachineCpu> {
  let busyMs = 0;
  let idleMs = 0;
  try {
    // cpu  user nice system idle iowait irq softirq steal …
    const line = (await readFile('/proc/stat', 'utf8')).split('\n', 1)[0]!;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
    busyMs = ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / TICKS;
    idleMs = ((idle! + iowait!) * 1000) / TICKS;
  } catch {
    return { busyMs: 0, idleMs: 0, postgresMs: 0 };
  }
  let postgresMs = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const f = statFields(stat);
      postgresMs += ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / TICKS;
    } catch {
      // A process that ended meanwhile.
    }
  }
  return { busyMs, idleMs, postgresMs };
}

/** The machine's CPU between two readings, per ballot, ms; `idleShare` in [0, 1]. */
export function machineShare(before: MachineCpu, after: MachineCpu, ballots: number): { busyMs: number; postgresMs: number; idleShare: number } {
  const busy = after.busyMs - before.busyMs;
  const idle = after.idleMs - before.idleMs;
  const n = Math.max(1, ballots);
  return { busyMs: busy / n, postgresMs: (after.postgresMs - before.postgresMs) / n, idleShare: busy + idle > 0 ? idle / (busy + idle) : 0 };
}
