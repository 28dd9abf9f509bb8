import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../runner/atomic-write.js';
import { readLast } from '../runner/jsonl.js';
import { GradeRecordSchema } from '../runner/records.js';

export const METRICS = ['overall', 'depth', 'artifacts', 'markdown', 'rubric'] as const;
export type Metric = (typeof METRICS)[number];

/** One graded cell, reduced to what comparisons need. */
export const CellScoresSchema = z.object({
  prompt: z.string(),
  provider: z.string(),
  caseId: z.string(),
  repeat: z.number().int().nonnegative(),
  scores: z.record(z.string(), z.number().nullable()),
  findings: z.array(z.string()).default([]),
});
export type CellScores = z.infer<typeof CellScoresSchema>;

/** `results/baseline.json`: a small committed snapshot of a run's per-cell scores. */
export const BaselineSchema = z.object({ version: z.literal(1), runId: z.string(), createdAt: z.string(), cells: z.array(CellScoresSchema) });

/** The scored cells of a run directory (its grades.jsonl) or of a baseline file. */
export function loadScores(resultsDir: string, runOrFile: string): { label: string; cells: CellScores[] } {
  if (runOrFile.endsWith('.json') && existsSync(runOrFile)) {
    const parsed = BaselineSchema.safeParse(JSON.parse(readFileSync(runOrFile, 'utf8')));
    if (!parsed.success) throw new Error(`${runOrFile}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    return { label: `baseline ${parsed.data.runId}`, cells: parsed.data.cells };
  }
  const dir = existsSync(join(resultsDir, runOrFile)) ? join(resultsDir, runOrFile) : runOrFile;
  const path = join(dir, 'grades.jsonl');
  if (!existsSync(path)) throw new Error(`no run ${runOrFile}: expected ${path} (a run id under ${resultsDir}, a run directory, or a baseline .json)`);
  const grades = readLast(path, GradeRecordSchema, (r) => r.cellId).records;
  const cells = [...grades.values()].map((g) => {
    const [prompt, provider, caseId, repeat] = g.cellId.split('|');
    const s = g.result.scores;
    return {
      prompt: prompt!,
      provider: provider!,
      caseId: caseId!,
      repeat: Number(repeat),
      scores: { overall: s.overall, depth: s.depth, artifacts: s.artifacts, markdown: s.markdown, rubric: g.result.rubric?.score ?? null },
      findings: g.result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.line === null ? '' : `L${f.line} `}${f.message}`),
    };
  });
  return { label: runOrFile, cells };
}

export function writeBaseline(path: string, runId: string, cells: readonly CellScores[]): void {
  const baseline = { version: 1 as const, runId, createdAt: new Date().toISOString(), cells: cells.map((c) => ({ ...c, findings: c.findings.slice(0, 5) })) };
  writeFileAtomic(path, `${JSON.stringify(baseline, null, 1)}\n`);
}
