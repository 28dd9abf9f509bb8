/**
 * The same promptfooconfig.yaml under promptfoo 0.121.20 (our graders as its javascript assertion,
 * our replay provider as its file:// provider) and under our engine: the same answers and the same
 * scores, cell by cell. promptfoo is the on-demand package in interop/promptfoo; CI installs it, so
 * there this test cannot be skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTALL_HINT, promptfooEntry, promptfooEnv } from '../../src/interop/promptfoo-cli.js';
import { readLast } from '../../src/runner/jsonl.js';
import { CompletionRecordSchema, GradeRecordSchema } from '../../src/runner/records.js';
import { runEval } from '../../src/runner/run-eval.js';

interface PromptfooRow {
  provider: { label: string };
  prompt: { label: string };
  testCase: { metadata: { id: string } };
  response: { output: string };
  score: number;
  namedScores: Record<string, number>;
  success: boolean;
}

const entry = promptfooEntry();
const required = process.env.CI === 'true';

describe('promptfoo interop', () => {
  it.skipIf(entry === null && !required)(`promptfoo and our engine give the same per-cell scores on the recorded answers${entry === null ? ` (skipped: ${INSTALL_HINT})` : ''}`, async () => {
    if (entry === null) throw new Error(INSTALL_HINT);
    const dir = mkdtempSync(join(tmpdir(), 'interop-'));
    const out = join(dir, 'promptfoo.json');
    const promptfoo = spawnSync(
      process.execPath,
      [entry, 'eval', '-c', 'promptfooconfig.yaml', '--filter-providers', '^replay-', '--no-cache', '--no-write', '--no-table', '--no-progress-bar', '-o', out],
      // Failing assertions (overall < 0.7) are scores here, not a failed command.
      { env: { ...promptfooEnv(), PROMPTFOO_FAILED_TEST_EXIT_CODE: '0' }, encoding: 'utf8', timeout: 120_000 },
    );
    expect(promptfoo.status, `promptfoo exited ${promptfoo.status}:\n${promptfoo.stderr}\n${promptfoo.stdout}`).toBe(0);
    const rows = (JSON.parse(readFileSync(out, 'utf8')) as { results: { results: PromptfooRow[] } }).results.results;

    const ours = await runEval({ configPath: 'promptfooconfig.yaml', resultsDir: dir, cacheDir: join(dir, 'cache'), cache: false, filterProviders: ['replay-'], env: {}, signal: new AbortController().signal, log: () => undefined });
    const completions = readLast(join(ours.dir, 'completions.jsonl'), CompletionRecordSchema, (r) => r.cellId).records;
    const grades = readLast(join(ours.dir, 'grades.jsonl'), GradeRecordSchema, (r) => r.cellId).records;

    expect(rows).toHaveLength(60);
    const keys = rows.map((r) => `${r.prompt.label}|${r.provider.label}|${r.testCase.metadata.id}|0`);
    expect(keys.sort()).toEqual([...grades.keys()].sort());
    let failing = 0;
    for (const row of rows) {
      const key = `${row.prompt.label}|${row.provider.label}|${row.testCase.metadata.id}|0`;
      const grade = grades.get(key)!.result;
      expect(row.response.output, key).toBe(completions.get(key)!.output);
      expect({ key, score: row.score, named: row.namedScores }).toEqual({
        key,
        score: grade.scores.overall,
        named: { depth: grade.scores.depth, artifacts: grade.scores.artifacts, markdown: grade.scores.markdown, rubric: grade.rubric!.score },
      });
      expect(row.success, key).toBe(grade.scores.overall >= 0.7);
      if (!row.success) failing++;
    }
    // The recorded answers span the quality range: some cells fail the 0.7 pass mark on both sides.
    expect(failing).toBeGreaterThan(0);
    expect(failing).toBeLessThan(60);
  }, 180_000);
});
