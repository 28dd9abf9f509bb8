/**
 * Throughput of the full grade against the remark parse it is built on, in one run:
 *   baseline   remark-parse + remark-gfm parse only, in this process, one core
 *   parse      our parse (remark's parser with only the GFM table extension)
 *   analyze    parse + outline + artifacts + Markdown rules + graders, in this process
 *   cli:1      `blueprint-eval grade --json --workers 1` as a whole process (startup included)
 *   cli:auto   the same with the default worker pool (one thread per core)
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

const root = fileURLToPath(new URL('../..', import.meta.url));
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

const remark = unified().use(remarkParse).use(remarkGfm);
function time(label: string, run: () => void): number {
  run(); // warm-up pass: JIT and lazily loaded modules, so both sides are measured warm
  const start = performance.now();
  run();
  const seconds = (performance.now() - start) / 1000;
  return seconds;
}

const baseline = time('baseline', () => {
  for (const f of files) remark.parse(f.text);
});
const ours = time('parse', () => {
  for (const f of files) parseMarkdown(f.text);
});
const full = time('analyze', () => {
  for (const f of files) gradeAnswer(f.name, f.text);
});

const dir = mkdtempSync(join(tmpdir(), 'bench-grade-'));
for (const f of files) writeFileSync(join(dir, f.name), f.text);
const cli = join(root, 'dist/src/cli/main.js');
function wall(args: string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, [cli, 'grade', '--json', ...args, dir], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
  return (performance.now() - start) / 1000;
}
const cliOne = wall(['--workers', '1']);
const cliAuto = wall([]);
rmSync(dir, { recursive: true, force: true });

const rows: Array<[string, number]> = [
  ['baseline: remark-parse + remark-gfm', baseline],
  ['parse: remark parser, GFM tables only', ours],
  ['analyze + grade, in process', full],
  ['cli grade --workers 1 (whole process)', cliOne],
  [`cli grade, ${availableParallelism()} workers (whole process)`, cliAuto],
];
console.log(`corpus: ${files.length} answers, ${mb.toFixed(2)} MB (${corpus.length} distinct)`);
for (const [label, seconds] of rows) {
  console.log(`${label.padEnd(44)} ${(mb / seconds).toFixed(2).padStart(6)} MB/s   ${(baseline / seconds).toFixed(2)}x baseline`);
}
