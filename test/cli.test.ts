/** The compiled command as users run it (`npm test` builds first). */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { gradeAnswer } from '../src/grade/grade-answer.js';
import { loadRubric } from '../src/rubric/load-rubric.js';
import { gradeFiles } from '../src/grade/grade-files.js';
import { GradeReportSchema } from '../src/grade/schema.js';
import { SAMPLES_DIR } from './corpus/corpus.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');
const run = promisify(execFile);

async function grade(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does) before the CLI tests`);
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'grade', ...args], { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('blueprint-eval grade', () => {
  it('--json prints the documented shape, equal to the in-process grade', async () => {
    const file = 'datasets/samples/chat-excellent.md';
    const { code, stdout } = await grade(['--json', file]);
    expect(code).toBe(0);
    const report = GradeReportSchema.parse(JSON.parse(stdout));
    // The CLI scores the repository rubric's evidence criteria too.
    expect(report.results).toEqual([gradeAnswer(file, readFileSync(join(root, file), 'utf8'), { rubric: loadRubric(join(root, 'rubrics/system-design.yaml')) })]);
    expect(report.results[0]!.rubric).toMatchObject({ version: 1, score: 1, notJudged: 5, judgeError: null });
  });

  it('grades a directory on worker threads with the same results as in one thread', async () => {
    const pooled = GradeReportSchema.parse(JSON.parse((await grade(['--json', '--workers', '2', 'datasets/samples'])).stdout));
    const single = GradeReportSchema.parse(JSON.parse((await grade(['--json', '--workers', '0', 'datasets/samples'])).stdout));
    expect(pooled.results.map((r) => r.file)).toEqual(single.results.map((r) => r.file));
    expect(pooled).toEqual(single);
    expect(pooled.results.length).toBe(14);
    expect(pooled.results.some((r) => r.file.endsWith('README.md'))).toBe(false);
  });

  it('prints a readable table with findings by default', async () => {
    const { code, stdout } = await grade(['datasets/samples/payments-poor.md']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/payments-poor\.md\s+│\s+0\.\d\d/);
    expect(stdout).toContain('L119  error markdown  placeholder_left: template placeholder [MESSAGING_SYSTEM] left unfilled');
  });

  it('names a missing path and exits 2', async () => {
    const { code, stderr, stdout } = await grade(['--json', 'no/such/answer.md']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('blueprint-eval: no/such/answer.md: no such file or directory\n');
  });

  it('rejects bad option values with what was expected', async () => {
    const { code, stderr } = await grade(['--weights', 'depth=x', 'datasets/samples']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('expected name=number pairs for depth, artifacts, markdown');
  });

  it('--schema prints the committed JSON Schema', async () => {
    const { stdout } = await grade(['--schema']);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(join(root, 'schemas/grade-report.schema.json'), 'utf8')));
    expect(JSON.parse(stdout)).toEqual(z.toJSONSchema(GradeReportSchema));
  });
});

describe('gradeFiles', () => {
  it('keeps every other result when one input cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grade-'));
    const good = join(dir, 'good.md');
    writeFileSync(good, readFileSync(join(SAMPLES_DIR, 'payments-poor.md'), 'utf8'));
    const notAFile = join(dir, 'folder.md');
    mkdirSync(notAFile);
    const outcome = await gradeFiles([good, notAFile, good], { workers: 0 });
    expect(outcome.results.map((r) => r.file)).toEqual([good, good]);
    expect(outcome.failures).toEqual([{ file: notAFile, error: expect.stringContaining('EISDIR') }]);
  });
});

describe('blueprint-eval grade --labels', () => {
  it('prints per-answer differences and corpus totals', async () => {
    const { code, stdout } = await grade(['--labels', 'datasets/samples/payments-poor.md', 'datasets/samples/near-zero-template-echo.md']);
    expect(code).toBe(0);
    expect(stdout).toContain('datasets/samples/payments-poor.md: agrees\n');
    expect(stdout).toContain('datasets/samples/near-zero-template-echo.md: count idempotency: true, labelled false\n');
    expect(stdout).toContain('artifact counts within ±25%: 21/22');
  });

  it('names a label file that does not validate, and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'labels-'));
    writeFileSync(join(dir, 'a.md'), '# A\n');
    writeFileSync(join(dir, 'a.labels.json'), JSON.stringify({ system: 'x', quality: 'great' }));
    const { code, stderr } = await grade(['--labels', join(dir, 'a.md')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'a.labels.json')}: quality: Invalid option`);
  });
});

describe('blueprint-eval judge-check --evidence', () => {
  it('compares the offline evidence of the both-criteria with the hand labels', async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does)`);
    const { stdout } = await run(process.execPath, [cli, 'judge-check', '--evidence'], { cwd: root });
    expect(stdout).toMatch(/offline-multi-device\s+│ 9\s+│ 2\s+│ 0\s+│ 7\s+│ 0\.818\s+│ 1\.000\s+│ 0\.900/);
    expect(stdout).toMatch(/approaches-compared\s+│ 5\s+│ 1\s+│ 3\s+│ 9\s+│ 0\.833\s+│ 0\.625\s+│ 0\.714/);
    expect(stdout).toContain('18 answers, offline evidence against the hand labels');
  });
});

describe('blueprint-eval --help', () => {
  it('lists every command', async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does)`);
    const { stdout } = await run(process.execPath, [cli, '--help'], { cwd: root });
    for (const command of ['eval', 'grade', 'regrade', 'judge-check', 'compare', 'report']) expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });
});
