/** `npm run eval` on a fresh clone, without keys: the recorded answers, one completion and grade per cell. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readLast } from '../../src/runner/jsonl.js';
import { CompletionRecordSchema, GradeRecordSchema } from '../../src/runner/records.js';
import { runEval } from '../../src/runner/run-eval.js';
import { compareRuns, gate } from '../../src/compare/compare-runs.js';
import { loadScores } from '../../src/compare/scores.js';

describe('the repository config offline', () => {
  it('runs the replay providers over every recorded case, skipping live providers without keys', async () => {
    const results = mkdtempSync(join(tmpdir(), 'offline-'));
    const logs: string[] = [];
    const outcome = await runEval({ configPath: 'promptfooconfig.yaml', resultsDir: results, cacheDir: join(mkdtempSync(join(tmpdir(), 'offline-cache-')), 'responses'), env: {}, signal: new AbortController().signal, log: (l) => logs.push(l) });
    expect(outcome.skippedProviders).toEqual([
      { label: 'gpt-4.1-mini', envVar: 'OPENAI_API_KEY' },
      { label: 'claude-sonnet-4.5', envVar: 'ANTHROPIC_API_KEY' },
    ]);
    expect(outcome.total).toBe(2 * 3 * 10);
    expect(outcome.completed).toBe(outcome.total);
    const completions = readLast(join(outcome.dir, 'completions.jsonl'), CompletionRecordSchema, (r) => r.cellId).records;
    const grades = readLast(join(outcome.dir, 'grades.jsonl'), GradeRecordSchema, (r) => r.cellId).records;
    expect(completions.size).toBe(60);
    expect([...grades.keys()].sort()).toEqual([...completions.keys()].sort());
    expect(readdirSync(outcome.dir).sort()).toEqual(['completions.jsonl', 'grades.jsonl', 'manifest.json', 'summary.json']);
    expect(readdirSync(results).sort()).toEqual([outcome.runId, 'history.jsonl'].sort());
    const manifest = JSON.parse(readFileSync(join(outcome.dir, 'manifest.json'), 'utf8')) as { finishedAt: string | null; cells: number };
    expect(manifest.cells).toBe(60);
    expect(manifest.finishedAt).not.toBeNull();
    // The committed baseline was made from this run: the gate passes, with every delta zero.
    const comparisons = compareRuns(loadScores(results, 'results/baseline.json').cells, loadScores(results, outcome.runId).cells);
    expect(comparisons).toHaveLength(6);
    expect(gate(comparisons, 0.02)).toEqual({ failed: false, reasons: [] });
    for (const c of comparisons) expect(c.metrics.find((m) => m.metric === 'overall')!.delta).toEqual({ mean: 0, low: 0, high: 0 });
    // The recorded models differ the way they were recorded to: thorough > uneven > shallow, on both prompts.
    const mean = (provider: string, prompt: string): number => outcome.summary.groups.find((g) => g.provider === provider && g.prompt === prompt)!.mean.overall!;
    for (const prompt of ['system-design.v1', 'system-design.v2']) {
      expect(mean('replay-thorough', prompt)).toBeGreaterThan(mean('replay-uneven', prompt));
      expect(mean('replay-uneven', prompt)).toBeGreaterThan(mean('replay-shallow', prompt));
    }
  });
});
