import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compareRuns, gate } from '../src/compare/compare-runs.js';
import { BaselineSchema, type CellScores } from '../src/compare/scores.js';

const cell = (caseId: string, overall: number): CellScores => ({ prompt: 'p', provider: 'm', caseId, repeat: 0, scores: { overall, depth: overall, artifacts: overall, markdown: 1, rubric: null }, findings: [] });
const cases = Array.from({ length: 20 }, (_, i) => `c${i}`);
const base = cases.map((id, i) => cell(id, 0.6 + (i % 5) * 0.08));

describe('compare and gate', () => {
  it('noise does not fail the gate', () => {
    const noisy = base.map((c, i) => cell(c.caseId, (c.scores.overall as number) + (i % 2 === 0 ? 0.03 : -0.03)));
    const [group] = compareRuns(base, noisy);
    const overall = group!.metrics.find((m) => m.metric === 'overall')!;
    expect(overall.delta.mean).toBeCloseTo(0, 12);
    expect(overall.delta.low).toBeLessThan(0);
    expect(overall.delta.high).toBeGreaterThan(0);
    expect([overall.wins, overall.ties, overall.losses]).toEqual([10, 0, 10]);
    expect(gate([group!], 0.02)).toEqual({ failed: false, reasons: [] });
  });

  it('a real drop fails it, and says why', () => {
    const dropped = base.map((c) => cell(c.caseId, (c.scores.overall as number) - 0.15));
    const groups = compareRuns(base, dropped);
    const verdict = gate(groups, 0.02);
    expect(verdict.failed).toBe(true);
    expect(verdict.reasons[0]).toMatch(/^p × m: overall 0\.760 → 0\.610, delta -0\.150 \[95% CI -0\.150, -0\.150\] lies below −0\.02 on 20 cases$/);
    expect(groups[0]!.mcnemar).toEqual({ passToFail: 8, failToPass: 0, p: 2 * 0.5 ** 8 });
    expect(groups[0]!.regressed).toHaveLength(5);
  });

  it('pairs only the cases both sides have', () => {
    const [group] = compareRuns(base, base.slice(0, 7));
    expect(group!.metrics[0]!.cases).toBe(7);
  });
});

describe('eval --baseline / --update-baseline and compare, end to end on recorded answers', () => {
  const root = resolve('.');
  const cli = join(root, 'dist/src/cli/main.js');
  const run = promisify(execFile);
  const config = (model: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-'));
    const path = join(dir, 'promptfooconfig.yaml');
    writeFileSync(
      path,
      stringify({
        prompts: [{ id: `file://${join(root, 'prompts/system-design.v1.md')}`, label: 'system-design.v1' }],
        providers: [{ id: `file://${join(root, 'dist/src/providers/replay-provider.js')}`, label: 'model', config: { model, dir: join(root, 'datasets/recorded') } }],
        tests: `file://${join(root, 'datasets/recorded/cases.yaml')}`,
      }),
    );
    return path;
  };
  const evalRun = async (args: string[], cwd: string): Promise<{ code: number; stderr: string; stdout: string }> => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does)`);
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, 'eval', ...args], { cwd, env: { PATH: process.env.PATH, CI: 'true' } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('passes against itself, fails on a planted regression, and compare prints the paired statistics', async () => {
    const work = mkdtempSync(join(tmpdir(), 'gate-work-'));
    const output = join(work, 'results');
    const first = await evalRun(['-c', config('thorough'), '--output', output, '--update-baseline'], work);
    expect(first.code).toBe(0);
    const baselinePath = join(work, 'results/baseline.json');
    const baseline = BaselineSchema.parse(JSON.parse(readFileSync(baselinePath, 'utf8')));
    expect(baseline.cells).toHaveLength(10);

    const same = await evalRun(['-c', config('thorough'), '--output', output, '--baseline', baselinePath], work);
    expect(same.code).toBe(0);
    expect(same.stderr).toContain('no regression beyond 0.02 against baseline');

    const worse = await evalRun(['-c', config('shallow'), '--output', output, '--baseline', baselinePath], work);
    expect(worse.code).toBe(1);
    expect(worse.stderr).toMatch(/regression against baseline .*:\n {2}system-design\.v1 × model: overall 0\.967 → 0\.314, delta -0\.653 \[95% CI -0\.\d+, -0\.\d+\] lies below −0\.02 on 10 cases/);
    const runId = /run (\S+): 10\/10/.exec(worse.stdout)![1]!;

    const { stdout } = await run(process.execPath, [cli, 'compare', baselinePath, runId, '--output', output], { cwd: work });
    expect(stdout).toMatch(/overall\s+│ 10\s+│ 0\.967 │ 0\.314 │ -0\.653/);
    expect(stdout).toContain('10 passed→failed, 0 failed→passed, McNemar exact p = 0.002');
    expect(stdout).toContain('regressed ');
  });
});
