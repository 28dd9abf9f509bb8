import { analyze } from '../analysis/analyze.js';
import { loadRubric } from '../rubric/load-rubric.js';
import type { Rubric } from '../rubric/schema.js';
import { gradeCompletion } from './grade-completion.js';
import type { GradeRecord } from './records.js';

export interface GradeTask {
  cellId: string;
  output: string;
  vars: Readonly<Record<string, string>>;
  metadata: Readonly<Record<string, unknown>>;
  /** Path of the rubric: each worker loads it once rather than receiving it with every task. */
  rubricPath: string | null;
}

const rubrics = new Map<string, Rubric>();

/** Piscina task: grade one completion on a worker thread. */
export default function gradeTask(task: GradeTask): GradeRecord {
  let rubric: Rubric | undefined;
  if (task.rubricPath !== null) {
    rubric = rubrics.get(task.rubricPath) ?? loadRubric(task.rubricPath);
    rubrics.set(task.rubricPath, rubric);
  }
  return gradeCompletion(task.cellId, analyze(task.output), task.vars, task.metadata, rubric);
}
