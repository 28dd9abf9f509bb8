/**
 * Preloaded into every measured Node process (NODE_OPTIONS=--import): at exit, the process's CPU
 * time and peak RSS go to BENCH_RUSAGE_FILE. Worker threads share the process's figures, so only
 * the main thread reports.
 */
import { appendFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_RUSAGE_FILE;
if (file !== undefined && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    appendFileSync(file, `${JSON.stringify({ pid: process.pid, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS })}\n`);
  });
}
