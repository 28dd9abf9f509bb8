/**
 * Throughput of `blueprint-eval grade` against the remark parse it is built on, measured in one
 * run on one corpus. Whole processes, startup included, each timed RUNS times (median):
 *   baseline, 1 core   remark-parse + remark-gfm parsing every file (taskset -c 0)
 *   grade, 1 core      `grade --json --workers 0` (taskset -c 0), launched as `npm run grade` and
 *                      the bin launch it (node --max-semi-space-size=64), and with V8's defaults
 *   grade, all cores   `grade --json` (worker pool, one thread per core)
 * and, in this process (warm), the parse alone and the full analysis, for where the time goes.
 * Corpus: ../shared/wild and datasets/samples, repeated to BENCH_MB (default 4) megabytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseMarkdown } from '../src/analysis/parse.js';
import { gradeAnswer } from '../src/grade/grade-answer.js';
import { median } from './support/measure.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? '3');
const sources = [join(root, '../shared/wild'), join(root, 'datasets/samples')];
const corpus = sources.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') })),
);
const targetBytes = Number(process.env.BENCH_MB ?? '4') * 1024 * 1024;
const files: Array<{ name: string; text: string }> = [];
let bytes = 0;
for (let i = 0; bytes < targetBytes; i++) {
  const item = corpus[i % corpus.length]!;
  files.push({ name: `${String(i).padStart(4, '0')}-${item.name}`, text: item.text });
  bytes += Buffer.byteLength(item.text);
}
const mb = bytes / 1024 / 1024;
const dir = mkdtempSync(join(tmpdir(), 'bench-grade-'));
for (const f of files) writeFileSync(join(dir, f.name), f.text);

const pin = (args: string[]): string[] => ['taskset', '-c', '0', process.execPath, ...args];
const all = (args: string[]): string[] => [process.execPath, ...args];
function wall(command: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    execFileSync(command[0]!, command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
    times.push((performance.now() - start) / 1000);
  }
  return median(times);
}
function warm(run: () => void): number {
  run();
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

const baselineScript = join(root, 'dist/bench/remark-baseline.js');
const cli = join(root, 'dist/src/cli/main.js');
const LAUNCH = '--max-semi-space-size=64';
const processes: Array<[string, number]> = [
  ['baseline: remark-parse + remark-gfm, 1 core', wall(pin([baselineScript, dir]))],
  ['  the baseline with our launch flag', wall(pin([LAUNCH, baselineScript, dir]))],
  ['grade --json --workers 0, 1 core', wall(pin([LAUNCH, cli, 'grade', '--json', '--workers', '0', dir]))],
  ['  the same with V8 default heap flags', wall(pin([cli, 'grade', '--json', '--workers', '0', dir]))],
  [`grade --json, ${availableParallelism()} cores (worker pool)`, wall(all([LAUNCH, cli, 'grade', '--json', dir]))],
];
rmSync(dir, { recursive: true, force: true });

const remark = unified().use(remarkParse).use(remarkGfm);
const inProcess: Array<[string, number]> = [
  ['remark-parse + remark-gfm', warm(() => files.forEach((f) => remark.parse(f.text)))],
  ['our parse (GFM tables only)', warm(() => files.forEach((f) => parseMarkdown(f.text)))],
  ['parse + analysis + graders', warm(() => files.forEach((f) => gradeAnswer(f.name, f.text)))],
];

console.log(`corpus: ${files.length} answers, ${mb.toFixed(2)} MB (${corpus.length} distinct); median of ${RUNS} runs`);
console.log('whole processes (startup included):');
const base = processes[0]![1];
for (const [label, seconds] of processes) console.log(`  ${label.padEnd(46)} ${(mb / seconds).toFixed(2).padStart(6)} MB/s  ${(base / seconds).toFixed(2)}x baseline`);
console.log('in this process, warm:');
const warmBase = inProcess[0]![1];
for (const [label, seconds] of inProcess) console.log(`  ${label.padEnd(46)} ${(mb / seconds).toFixed(2).padStart(6)} MB/s  ${(warmBase / seconds).toFixed(2)}x`);
