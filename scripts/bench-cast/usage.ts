/**
 * Loaded into a child process the benchmark measures (`node --import ./usage.ts …`), never
 * into anything else: when the process exits, it writes its own resource usage
 * (`process.resourceUsage()`: peak resident memory, user and system CPU, its worker
 * threads included) as JSON to the file named by BENCH_USAGE_FILE. From inside, so that
 * nothing is missed between the last sample and the exit.
 * @module
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file !== undefined && file !== '') {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKiB: u.maxRSS, userUs: u.userCPUTime, systemUs: u.systemCPUTime }));
  });
}
