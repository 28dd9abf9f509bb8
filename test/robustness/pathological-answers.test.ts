/**
 * Answers the graders must survive: each is graded without throwing, with scores in [0, 1], in
 * bounded time and bounded memory, and where the answer is past what is graded
 * (src/analysis/limits.ts), a finding says so. Time: each test's timeout is ~5x what it takes
 * on a developer machine with both robustness files running (`npx vitest run test/robustness`),
 * at least 2 s. Memory: the whole set goes through the compiled CLI in a process capped at a
 * 128 MB heap (it passes at 48 MB; before the limits, the 100,000-row table alone took 2.3 GB).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Blockquote, Root } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundTree, LIMITS } from '../../src/analysis/limits.js';
import { gradeAnswer } from '../../src/grade/grade-answer.js';
import { gradeFiles } from '../../src/grade/grade-files.js';
import { GradeReportSchema, GradeResultSchema, type GradeResult } from '../../src/grade/schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const samplesDir = join(root, 'datasets/samples');
const cli = join(root, 'dist/src/cli/main.js');
const run = promisify(execFile);

const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort()
  .map((f) => readFileSync(join(samplesDir, f), 'utf8'));
const chat = readFileSync(join(samplesDir, 'chat-excellent.md'), 'utf8');

/** Real answers end to end until the text is 5 MB: ~100x the longest real answer. */
function fiveMegabytes(): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    parts.push(samples[i % samples.length]!);
    size += samples[i % samples.length]!.length + 2;
  }
  return parts.join('\n\n');
}

/** Deterministic random bytes (a linear congruential generator): what `cat /dev/urandom` would give. */
function garbage(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let state = 12345;
  for (let i = 0; i < bytes; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

/**
 * Byte sequences no UTF-8 decoder accepts: a lead byte without its continuation, 0xFF, a lone
 * continuation byte, an overlong `/`, an encoded UTF-16 surrogate and a cut 4-byte emoji.
 */
const INVALID_UTF8 = Buffer.from([0xc3, 0x28, 0x20, 0xff, 0x20, 0x80, 0x20, 0xc0, 0xaf, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xf0, 0x9f, 0x98]);
/** Line of chat-excellent.md the invalid bytes are appended to: its scope note, a quoted paragraph. */
const INVALID_LINE = 3;

function withInvalidBytes(text: string, line: number): Buffer {
  const lines = text.split('\n');
  const before = Buffer.from(lines.slice(0, line).join('\n'), 'utf8');
  const after = Buffer.from('\n' + lines.slice(line).join('\n'), 'utf8');
  return Buffer.concat([before, INVALID_UTF8, after]);
}

const N = 10_000;
const nestedLists = '- '.repeat(N) + 'deepest item';
const nestedQuotes = '>'.repeat(N) + ' deepest quote';
const nestedMixed = '> - '.repeat(N / 2) + 'deepest';
/** 2,000 list levels one line each, as a model indents them: 4 MB, every line one level deeper. */
const listStaircase = Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
const bigTable = ['| Feature | Priority | Notes |', '|---|---|---|', ...Array.from({ length: 100_000 }, (_, i) => `| Feature ${i} | P${i % 3} | note ${i} |`)].join('\n');
const prose = chat
  .split('\n')
  .filter((l) => !/^\s*(?:`{3}|~{3})/.test(l))
  .join('\n');

function expectSane(result: GradeResult): void {
  GradeResultSchema.parse(result);
  for (const score of Object.values(result.scores)) {
    expect(Number.isFinite(score)).toBe(true);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  }
}

const issue = (result: GradeResult, kind: string): { kind: string; line: number; message: string } | undefined => result.markdown.issues.find((i) => i.kind === kind);
const finding = (result: GradeResult, text: string): boolean => result.findings.some((f) => f.message.includes(text));

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'blueprint-robustness-'));
});
afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('pathological answers', () => {
  it('a 5 MB answer is graded in part, in bounded time, and says which part', { timeout: 6_000 }, () => {
    const text = fiveMegabytes();
    expect(text.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    const result = gradeAnswer('five-mb.md', text);
    expectSane(result);
    const tooLong = issue(result, 'too_long');
    expect(tooLong?.line).toBe(LIMITS.maxLines);
    expect(tooLong?.message).toMatch(/^answer is 5\.\d M characters, [\d,]+ lines: only lines 1–5,000 were graded$/);
    // What is graded is a real answer, graded as one.
    expect(result.scores.depth).toBeGreaterThan(0.5);
  });

  it('1 MB of binary garbage read from a file scores near zero and is named as binary', { timeout: 5_000 }, async () => {
    const file = join(dir, 'garbage.md');
    writeFileSync(file, garbage(1024 * 1024));
    const { results, failures } = await gradeFiles([file], { workers: 0 });
    expect(failures).toEqual([]);
    const result = results[0]!;
    expectSane(result);
    expect(result.scores.overall).toBeLessThanOrEqual(0.05);
    expect(issue(result, 'not_text')?.message).toMatch(/invalid UTF-8 sequences \(U\+FFFD\) and \d+ control characters, first at line \d+: the answer is binary data, not text$/);
    expect(result.findings.some((f) => f.severity === 'error' && f.message.startsWith('not_text:'))).toBe(true);
  });

  it('invalid UTF-8 in a real answer is graded like the clean answer, with a finding at its line', { timeout: 2_000 }, async () => {
    const file = join(dir, 'invalid-utf8.md');
    writeFileSync(file, withInvalidBytes(chat, INVALID_LINE));
    const { results, failures } = await gradeFiles([file], { workers: 0 });
    expect(failures).toEqual([]);
    const result = results[0]!;
    expectSane(result);
    const clean = gradeAnswer('chat-excellent.md', chat);
    expect(result.scores.depth).toBe(clean.scores.depth);
    expect(result.scores.artifacts).toBe(clean.scores.artifacts);
    expect(result.scores.markdown).toBeGreaterThanOrEqual(clean.scores.markdown - 0.05);
    const notText = issue(result, 'not_text');
    expect(notText?.line).toBe(INVALID_LINE);
    expect(notText?.message).toMatch(/^\d+ invalid UTF-8 sequences \(U\+FFFD\), first at line 3: the answer is not clean text$/);
  });

  it('the compiled CLI grades invalid UTF-8 and exits 0', { timeout: 5_000 }, async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does) before this test`);
    const file = join(dir, 'invalid-utf8-cli.md');
    writeFileSync(file, withInvalidBytes(chat, INVALID_LINE));
    const { stdout } = await run(process.execPath, [cli, 'grade', '--json', file], { cwd: root, maxBuffer: 64 << 20 });
    const report = GradeReportSchema.parse(JSON.parse(stdout));
    expect(report.results).toHaveLength(1);
    expect(report.results[0]!.markdown.issues.find((i) => i.kind === 'not_text')?.line).toBe(INVALID_LINE);
  });

  it('10,000 nested list levels are graded to depth 16, with a finding', { timeout: 2_000 }, () => {
    const result = gradeAnswer('lists.md', nestedLists);
    expectSane(result);
    expect(issue(result, 'too_deep')).toMatchObject({ line: 1, message: '1 line nested deeper than 16 levels of `>` or lists (first at line 1): graded up to depth 16' });
  });

  it('10,000 nested blockquotes are graded to depth 16, with a finding', { timeout: 2_000 }, () => {
    const result = gradeAnswer('quotes.md', nestedQuotes);
    expectSane(result);
    expect(issue(result, 'too_deep')).toMatchObject({ line: 1 });
  });

  it('10,000 levels of alternating quotes and lists are graded to depth 16, with a finding', { timeout: 2_000 }, () => {
    const result = gradeAnswer('mixed.md', nestedMixed);
    expectSane(result);
    expect(issue(result, 'too_deep')).toMatchObject({ line: 1 });
  });

  it('a 2,000-line list staircase (4 MB) is graded in part, with findings', { timeout: 2_000 }, () => {
    expect(listStaircase.length).toBeGreaterThan(4_000_000);
    const result = gradeAnswer('staircase.md', listStaircase);
    expectSane(result);
    // Lines past 16 levels are flattened (two-space indents count half: from level 33 on); the
    // size bound cuts the rest.
    expect(issue(result, 'too_deep')?.line).toBe(33);
    expect(issue(result, 'too_long')?.message).toMatch(/only its first 500,000 characters \(to line [\d,]+\) were graded$/);
  });

  it('10,000 nested emphasis delimiters on one line are not graded, with a finding', { timeout: 2_000 }, () => {
    const result = gradeAnswer('emphasis.md', '*'.repeat(N) + 'x' + '*'.repeat(N));
    expectSane(result);
    expect(issue(result, 'too_complex')?.message).toMatch(/^more than 1,000 emphasis and image delimiters .* in the block at line 1: nothing was graded$/);
  });

  it('emphasis nested 500 deep is graded flat below depth 256, with a finding', { timeout: 2_000 }, () => {
    // 998 delimiters, within the budget: `*a *a … deep***…` nests 499 emphasis nodes.
    const result = gradeAnswer('emphasis.md', 'Lead ' + '*a '.repeat(499) + 'deep' + '*'.repeat(499));
    expectSane(result);
    expect(issue(result, 'too_deep')?.message).toBe('Markdown nested deeper than 256 levels (first at line 1): content below that depth graded as plain text');
  });

  it('a 100,000-row table is graded to its first 5,000 lines, with a finding', { timeout: 5_000 }, () => {
    const result = gradeAnswer('table.md', bigTable);
    expectSane(result);
    expect(issue(result, 'too_long')).toMatchObject({ line: LIMITS.maxLines });
    // The rows that are graded are read: their P0 features are found.
    expect(result.outline.p0Features.length).toBeGreaterThan(1_000);
  });

  it('a fence never closed at the start: the whole answer is code, and the finding names line 1', { timeout: 2_000 }, () => {
    const clean = gradeAnswer('prose.md', prose);
    const result = gradeAnswer('fence.md', '```\n' + prose);
    expectSane(result);
    expect(issue(result, 'unclosed_fence')).toMatchObject({ line: 1, message: expect.stringMatching(/^code fence opened at line 1 is never closed; the rest of the answer \(\d+ lines, \d+ headings\) renders as code$/) });
    expect(result.scores.overall).toBeLessThan(clean.scores.overall);
    expect(result.outline.deepDives).toEqual([]);
  });

  it('a stray fence at the start of an answer with code blocks: the finding names line 1', { timeout: 2_000 }, () => {
    const result = gradeAnswer('stray-fence.md', '```\n' + chat);
    expectSane(result);
    // The answer's own ``` that closed its diagram closes the stray fence instead.
    expect(issue(result, 'unclosed_fence')?.line).toBe(1);
    expect(finding(result, 'code fence opened at line 1 is never closed: the fence at line 93 (```text) is read as code inside it')).toBe(true);
  });
});

describe('boundTree', () => {
  it('cuts a tree of any depth without recursion, keeping its text', () => {
    // 100,000 nested blockquotes: deeper than any recursive walk survives.
    let inner: Blockquote['children'][number] = { type: 'paragraph', children: [{ type: 'text', value: 'deepest' }] };
    for (let i = 0; i < 100_000; i++) inner = { type: 'blockquote', children: [inner] };
    const tree: Root = { type: 'root', children: [inner] };
    const notices = boundTree(tree, 10);
    expect(notices).toHaveLength(1);
    let depth = 0;
    for (let node: { children?: unknown[] } = tree; Array.isArray(node.children) && node.children.length > 0; node = node.children[0] as { children?: unknown[] }) depth++;
    expect(depth).toBeLessThanOrEqual(12);
    expect(JSON.stringify(tree)).toContain('"deepest"');
  });
});

describe('memory', () => {
  it('the whole set goes through the compiled CLI with a 128 MB heap', { timeout: 25_000 }, async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does) before this test`);
    const inputs: Array<[string, string | Buffer]> = [
      ['five-mb.md', fiveMegabytes()],
      ['garbage.md', garbage(1024 * 1024)],
      ['invalid-utf8.md', withInvalidBytes(chat, INVALID_LINE)],
      ['lists.md', nestedLists],
      ['quotes.md', nestedQuotes],
      ['staircase.md', listStaircase],
      ['table.md', bigTable],
      ['fence.md', '```\n' + chat],
    ];
    const files = inputs.map(([name, content]) => {
      const file = join(dir, `memory-${name}`);
      writeFileSync(file, content);
      return file;
    });
    // In one thread (--workers 0), so the heap cap is the one grading runs under; exit 0 or reject.
    const { stdout } = await run(process.execPath, ['--max-old-space-size=128', cli, 'grade', '--json', '--workers', '0', ...files], { cwd: root, maxBuffer: 256 << 20 });
    const report = GradeReportSchema.parse(JSON.parse(stdout));
    expect(report.results.map((r) => r.file)).toEqual(files);
  });
});
