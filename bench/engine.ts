/**
 * `npm run bench`: our engine against promptfoo 0.121.20 and a bare-SDK floor, on one config, in one
 * run. A loopback OpenAI-compatible server in this process answers every request after a fixed
 * latency with a realistic answer (8–30 KB of Markdown from datasets/), streamed when asked.
 *
 * Contenders, each a whole process, timed RUNS times (medians of wall, CPU over all its threads and
 * children, and peak RSS):
 *   floor                 bench/floor.ts: the openai SDK + p-limit, the same streamed requests, nothing else
 *   ours --no-grade       `eval --no-grade --no-cache`: collect and store every completion
 *   ours                  `eval --no-cache`: the same, graded (structural graders + rubric evidence)
 *   promptfoo lean        `promptfoo eval --no-write --no-table --no-progress-bar --no-cache`, no assertion
 *   promptfoo + graders   the same with our graders as its javascript assertion (the same grading work)
 * Then: cold start, a fully cached re-run, grading throughput (`grade` as the CLI launches it), and
 * peak RSS at 10,000 completions.
 * BENCH_RUNS (default 3) sets the runs; BENCH_SKIP_PROMPTFOO=1 leaves promptfoo out; BENCH_ONLY
 * (a comma list of workloads, cold, cached, grading, rss) runs only those parts.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopback } from '../test/support/loopback-server.js';
import { promptfooEntry, promptfooEnv, INSTALL_HINT } from '../src/interop/promptfoo-cli.js';
import { measure, median, medianOf, type Sample } from './support/measure.js';
import { writeWorkload, type Workload } from './support/workload.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? '3');
const WORKLOADS: Workload[] = [
  { name: '200 × 100 ms, c20', cases: 200, latencyMs: 100, concurrency: 20 },
  { name: '1000 × 50 ms, c50', cases: 1000, latencyMs: 50, concurrency: 50 },
];

/** Realistic answers: every recorded, sample and held-out answer of 8–30 KB. */
function answers(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md') && name !== 'README.md' && statSync(path).size >= 8_000 && statSync(path).size <= 30_000) found.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of ['datasets/recorded', 'datasets/samples', 'datasets/holdout']) walk(join(root, dir));
  return found.sort();
}

const corpus = answers();
/**
 * Streamed answers arrive in 1 KB events, as a network would batch them: one event per word makes
 * the SSE parse of the SDK (the floor's too) the whole cost and hides the engine's overhead.
 */
const CHUNK_CHARS = 1024;
let latencyMs = 0;
const server = await startLoopback((request) => {
  const index = Number(/case-(\d+)/.exec(request.prompt)?.[1] ?? '0');
  return { kind: 'answer', text: corpus[index % corpus.length]!, delayMs: latencyMs, chunkChars: CHUNK_CHARS };
});
const env = { OPENAI_API_KEY: 'bench-key', CI: 'true' };
const node = process.execPath;
const cli = join(root, 'dist/src/cli/main.js');
// As `npm run eval` launches it: grading runs on worker threads with their own heap settings.
const ours = (config: string, out: string, extra: string[]): string[] => [node, cli, 'eval', '-c', config, '--output', out, '--rubric', join(root, 'rubrics/system-design.yaml'), ...extra];
const pfEntry = process.env.BENCH_SKIP_PROMPTFOO === '1' ? null : promptfooEntry(root);
const pfEnv = { ...promptfooEnv(root), ...env, PROMPTFOO_FAILED_TEST_EXIT_CODE: '0' };
const promptfoo = (config: string, concurrency: number): string[] => [node, pfEntry!, 'eval', '-c', config, '-j', String(concurrency), '--no-cache', '--no-write', '--no-table', '--no-progress-bar'];

const only = new Set((process.env.BENCH_ONLY ?? 'workloads,cold,cached,grading,rss').split(','));
const rows: string[][] = [];
const fmt = (s: Sample): string[] => [s.wallS.toFixed(2), s.cpuS.toFixed(2), s.rssMb.toFixed(0)];
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const scratch = mkdtempSync(join(tmpdir(), 'bench-engine-'));
const say = (line: string): boolean => process.stderr.write(`${line}\n`);

say(`answers: ${corpus.length} files of 8–30 KB; runs: ${RUNS}; cores: ${availableParallelism()}; ${pfEntry === null ? `promptfoo left out (${process.env.BENCH_SKIP_PROMPTFOO === '1' ? 'BENCH_SKIP_PROMPTFOO=1' : INSTALL_HINT})` : 'promptfoo 0.121.20'}`);
const ratios: string[] = [];
for (const workload of only.has('workloads') ? WORKLOADS : []) {
  latencyMs = workload.latencyMs;
  const dir = join(scratch, `w${workload.cases}`);
  const { plain, graded } = writeWorkload(dir, workload, server.url, root);
  const run = async (label: string, command: () => string[], cwd = root): Promise<Sample> => {
    say(`${workload.name}: ${label}…`);
    const sample = await medianOf(RUNS, () => measure(command(), { env, cwd }));
    rows.push([workload.name, label, ...fmt(sample)]);
    return sample;
  };
  const out = (): string => mkdtempSync(join(dir, 'results-'));
  const floor = await run('floor (openai SDK + p-limit)', () => [node, join(root, 'dist/bench/floor.js'), `${server.url}/v1`, String(workload.cases), String(workload.concurrency)]);
  const bare = await run('ours --no-grade', () => ours(graded, out(), ['--no-cache', '--no-grade']));
  const full = await run('ours (graded)', () => ours(graded, out(), ['--no-cache']));
  ratios.push(`${workload.name}: ours --no-grade / floor = ${ratio(bare.wallS, floor.wallS)} (target ≤ 1.2×)`);
  if (pfEntry !== null) {
    const lean = await medianOf(RUNS, () => measure(promptfoo(plain, workload.concurrency), { env: pfEnv, cwd: root }));
    rows.push([workload.name, 'promptfoo lean', ...fmt(lean)]);
    say(`${workload.name}: promptfoo + our graders…`);
    const pfGraded = await medianOf(RUNS, () => measure(promptfoo(graded, workload.concurrency), { env: pfEnv, cwd: root }));
    rows.push([workload.name, 'promptfoo + our graders', ...fmt(pfGraded)]);
    ratios.push(`${workload.name}: promptfoo lean / ours --no-grade = ${ratio(lean.wallS, bare.wallS)}; promptfoo + our graders / ours (graded) = ${ratio(pfGraded.wallS, full.wallS)}${workload.cases === 1000 ? ' (target ≥ 2×)' : ''}`);
  }
}

// Cold start: the CLI's help, whole process.
if (only.has('cold')) {
  rows.push(['cold start', 'ours --help', ...fmt(await medianOf(5, () => measure([node, cli, '--help'])))]);
  if (pfEntry !== null) rows.push(['cold start', 'promptfoo --version', ...fmt(await medianOf(5, () => measure([node, pfEntry, '--version'], { env: pfEnv })))]);
}

// A fully cached re-run of 1000 cases: the first run fills the response cache, the re-runs are timed.
if (only.has('cached')) {
  latencyMs = 50;
  const dir = join(scratch, 'cached');
  const { graded } = writeWorkload(dir, WORKLOADS[1]!, server.url, root);
  // Run from the workload's directory: the response cache (.cache/responses) is made there.
  const inDir = { env, cwd: dir };
  await measure(ours(graded, mkdtempSync(join(dir, 'results-')), []), inDir);
  const before = server.requests.length;
  const cached = await medianOf(RUNS, () => measure(ours(graded, mkdtempSync(join(dir, 'results-')), []), inDir));
  if (server.requests.length !== before) throw new Error(`the cached re-run asked the server ${server.requests.length - before} time(s)`);
  rows.push(['1000 cached', 'ours (graded), re-run', ...fmt(cached)]);
  const cachedBare = await medianOf(RUNS, () => measure(ours(graded, mkdtempSync(join(dir, 'results-')), ['--no-grade']), inDir));
  rows.push(['1000 cached', 'ours --no-grade, re-run', ...fmt(cachedBare)]);
}

// Grading throughput: `grade` over 300 of the answers, on every core and on one thread.
if (only.has('grading')) {
  const dir = join(scratch, 'grading');
  mkdirSync(dir);
  let bytes = 0;
  for (let i = 0; i < 300; i++) {
    const text = corpus[i % corpus.length]!;
    writeFileSync(join(dir, `${String(i).padStart(3, '0')}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  for (const [label, extra] of [['grade, worker pool', []], ['grade --workers 0', ['--workers', '0']]] as const) {
    const sample = await medianOf(RUNS, () => measure([node, '--max-semi-space-size=64', cli, 'grade', '--json', ...extra, dir]));
    rows.push(['300 answers', label, ...fmt(sample)]);
    ratios.push(`grading, ${label}: ${(300 / sample.wallS).toFixed(0)} answers/s, ${(bytes / 1024 / 1024 / sample.wallS).toFixed(2)} MB/s (whole process)`);
  }
}

// Peak RSS at 10,000 completions (5 ms latency, c50).
if (only.has('rss')) {
  latencyMs = 5;
  const dir = join(scratch, 'w10k');
  const { graded } = writeWorkload(dir, { name: '10k', cases: 10_000, latencyMs: 5, concurrency: 50 }, server.url, root);
  rows.push(['10,000 × 5 ms, c50', 'ours --no-grade', ...fmt(await measure(ours(graded, mkdtempSync(join(dir, 'results-')), ['--no-cache', '--no-grade']), { env }))]);
}

await server.close();
rmSync(scratch, { recursive: true, force: true });

const header = ['workload', 'run', 'wall s', 'CPU s', 'peak RSS MB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(`\nmedians of ${RUNS} runs (cold start: 5); ${corpus.length} answers of 8–30 KB, median ${(median(corpus.map((a) => a.length)) / 1024).toFixed(1)} KB\n`);
console.log(line(header));
console.log(`| ${widths.map((w, i) => (i < 2 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`);
for (const row of rows) console.log(line(row));
console.log('');
for (const r of ratios) console.log(r);
