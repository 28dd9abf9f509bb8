import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { JsonlWriter, readLast } from './jsonl.js';
import { CompletionRecordSchema, type GradeRecord } from './records.js';
import { gradeCompletion } from './grade-completion.js';
import { RunDir } from './run-dir.js';
import { summarize, type RunSummary } from './summary.js';
import { join } from 'node:path';
import { analyze } from '../analysis/analyze.js';
import { loadConfig } from '../config/load-config.js';
import { DEFAULT_RUBRIC, loadRubric } from '../rubric/load-rubric.js';

/**
 * Re-score a stored run with today's graders and rubric evidence, calling no model (judge
 * verdicts are not re-asked; run eval --resume with a judge for those). The previous grades are kept
 * as grades.prev.jsonl; the new file is written aside and renamed into place.
 */
export function regrade(resultsDir: string, runId: string): { summary: RunSummary; regraded: number } {
  const run = RunDir.open(resultsDir, runId);
  const manifest = run.readManifest();
  const completions = readLast(run.completions, CompletionRecordSchema, (r) => r.cellId).records;
  // Case vars come from the config as it is now, so a grader reading expected_p0 sees today's.
  const config = existsSync(manifest.configFile) ? loadConfig(manifest.configFile) : null;
  const cases = new Map(config?.cases.map((c) => [c.id, c]) ?? []);
  const rubricPath = config === null ? null : join(config.dir, DEFAULT_RUBRIC);
  const rubric = rubricPath !== null && existsSync(rubricPath) ? loadRubric(rubricPath) : undefined;
  const next = `${run.grades}.next`;
  const writer = new JsonlWriter(next);
  const grades = new Map<string, GradeRecord>();
  for (const completion of completions.values()) {
    if (completion.error !== null || completion.output === null) continue;
    const c = cases.get(completion.caseId);
    const grade = gradeCompletion(completion.cellId, analyze(completion.output), c?.vars ?? {}, c?.metadata ?? {}, rubric);
    writer.append(grade);
    grades.set(completion.cellId, grade);
  }
  writer.close();
  if (existsSync(run.grades)) copyFileSync(run.grades, `${run.dir}/grades.prev.jsonl`);
  renameSync(next, run.grades);
  const summary = summarize(runId, completions, grades);
  run.writeJson('summary.json', summary);
  return { summary, regraded: grades.size };
}
