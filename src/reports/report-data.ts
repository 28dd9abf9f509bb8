import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readLast } from '../runner/jsonl.js';
import { CompletionRecordSchema, GradeRecordSchema, type CompletionRecord, type GradeRecord } from '../runner/records.js';
import { RunDir, type Manifest } from '../runner/run-dir.js';
import type { RunSummary } from '../runner/summary.js';

const HistoryLineSchema = z.object({
  runId: z.string(),
  finishedAt: z.string(),
  groups: z.array(z.object({ prompt: z.string(), provider: z.string(), overall: z.number().nullable(), rubric: z.number().nullable(), cost: z.number().nullable() })),
});
export type HistoryLine = z.infer<typeof HistoryLineSchema>;

/** Everything a report writer reads about one run, loaded once. */
export interface ReportData {
  dir: string;
  manifest: Manifest;
  summary: RunSummary;
  completions: CompletionRecord[];
  grades: Map<string, GradeRecord>;
  history: HistoryLine[];
}

export function loadReportData(resultsDir: string, runId: string): ReportData {
  const run = RunDir.open(resultsDir, runId);
  const summaryPath = join(run.dir, 'summary.json');
  if (!existsSync(summaryPath)) throw new Error(`${summaryPath} is missing: the run did not finish (resume it first)`);
  const historyPath = join(resultsDir, 'history.jsonl');
  return {
    dir: run.dir,
    manifest: run.readManifest(),
    summary: JSON.parse(readFileSync(summaryPath, 'utf8')) as RunSummary,
    completions: [...readLast(run.completions, CompletionRecordSchema, (r) => r.cellId).records.values()],
    grades: readLast(run.grades, GradeRecordSchema, (r) => r.cellId).records,
    history: [...readLast(historyPath, HistoryLineSchema, (r) => r.runId).records.values()],
  };
}
