/**
 * Loaded into the benchmark's server process (`node --import ./scripts/bench-cast/probe.ts`),
 * never into a real server: it measures the event loop from inside, over the IPC channel
 * the benchmark opens. `start` resets a histogram of the event loop's delay
 * (perf_hooks.monitorEventLoopDelay) and its utilisation; `stop` answers their figures
 * for the time since `start`. The delay is how long a ready callback (such as a GET's)
 * waited for the thread: the evidence behind the GET latency the benchmark prints.
 *
 * With BENCH_CAST_PROFILE_DIR set, `start`…`stop` is also CPU-profiled (node:inspector),
 * and the profile written there as `cast-<pid>-<n>.cpuprofile`: the cast phase only, not
 * the token issuance before it nor the close after it.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { TICKS, statFields } from './machine.js';

/** What the benchmark sends. */
export type ProbeRequest = { readonly probe: 'start' } | { readonly probe: 'stop' };
/** What the probe answers to `stop`: delays in ms, utilisation in [0, 1]. */
export interface ProbeFigures {
  readonly probe: 'figures';
  readonly delayP50: number;
  readonly delayP99: number;
  readonly delayMax: number;
  readonly utilisation: number;
  /** CPU time of the main thread (the event loop's), ms; the worker threads' is the rest of the process's. */
  readonly mainCpuMs: number;
  readonly profile?: string;
}

/** CPU time (user + system) of this process's main thread so far, ms (/proc). */
function mainThreadCpuMs(): number {
  const fields = statFields(readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8'));
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

if (process.send !== undefined) {
  // 10 ms resolution would hide the delays that matter here; 1 ms costs nothing measurable.
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const profileDir = process.env.BENCH_CAST_PROFILE_DIR;
  let session: Session | undefined;
  let elu0 = performance.eventLoopUtilization();
  let cpu0 = 0;
  let runs = 0;
  const post = (m: ProbeFigures) => process.send!(m);
  process.on('message', (m: ProbeRequest) => {
    if (m.probe === 'start') {
      histogram.reset();
      histogram.enable();
      elu0 = performance.eventLoopUtilization();
      cpu0 = mainThreadCpuMs();
      if (profileDir !== undefined) {
        session = new Session();
        session.connect();
        session.post('Profiler.enable', () => session!.post('Profiler.start'));
      }
    } else if (m.probe === 'stop') {
      histogram.disable();
      const ms = (ns: number) => ns / 1e6;
      const figures = {
        probe: 'figures' as const, delayP50: ms(histogram.percentile(50)), delayP99: ms(histogram.percentile(99)), delayMax: ms(histogram.max),
        utilisation: performance.eventLoopUtilization(elu0).utilization, mainCpuMs: mainThreadCpuMs() - cpu0,
      };
      if (session === undefined) {
        post(figures);
        return;
      }
      const s = session;
      session = undefined;
      s.post('Profiler.stop', (err, r) => {
        let profile: string | undefined;
        if (!err) {
          profile = join(profileDir!, `cast-${process.pid}-${runs++}.cpuprofile`);
          writeFileSync(profile, JSON.stringify(r.profile));
        }
        s.disconnect();
        post({ ...figures, ...(profile !== undefined && { profile }) });
      });
    }
  });
  // The channel must not keep the server alive once it is told to stop.
  process.channel?.unref();
}
