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
  /** Every cell; `output` is kept only for the drill-down cases (the rest are null here, not on disk). */
  completions: CompletionRecord[];
  grades: Map<string, GradeRecord>;
  history: HistoryLine[];
  /** The cases whose answers the HTML report shows, in order: all of them up to DRILL_DOWN_MAX_CELLS cells. */
  drillDownCases: string[];
}

/** A report with every answer of a 10,000-cell run would be hundreds of MB and take minutes to render. */
export const DRILL_DOWN_MAX_CELLS = 300;

export function loadReportData(resultsDir: string, runId: string): ReportData {
  const run = RunDir.open(resultsDir, runId);
  const summaryPath = join(run.dir, 'summary.json');
  if (!existsSync(summaryPath)) throw new Error(`${summaryPath} is missing: the run did not finish (resume it first)`);
  const historyPath = join(resultsDir, 'history.jsonl');
  const manifest = run.readManifest();
  const cellsPerCase = Math.max(1, Math.ceil(manifest.cells / Math.max(1, manifest.cases.length)));
  const drillDownCases = [...manifest.cases].sort().slice(0, Math.max(1, Math.floor(DRILL_DOWN_MAX_CELLS / cellsPerCase)));
  const shown = new Set(drillDownCases);
  return {
    dir: run.dir,
    manifest,
    summary: JSON.parse(readFileSync(summaryPath, 'utf8')) as RunSummary,
    completions: [...readLast(run.completions, CompletionRecordSchema, (r) => r.cellId, (r) => (shown.has(r.caseId) ? r : { ...r, output: null })).records.values()],
    grades: readLast(run.grades, GradeRecordSchema, (r) => r.cellId).records,
    history: [...readLast(historyPath, HistoryLineSchema, (r) => r.runId).records.values()],
    drillDownCases,
  };
}
