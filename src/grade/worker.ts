import { readFile } from 'node:fs/promises';
import type { OverallWeights } from '../graders/overall.js';
import { gradeAnswer } from './grade-answer.js';
import type { GradeResult } from './schema.js';
import type { Rubric } from '../rubric/schema.js';

export interface WorkerTask {
  file: string;
  weights: OverallWeights;
  rubric: Rubric | undefined;
}

/** Piscina task: read and grade one answer on a worker thread. */
export default async function gradeFileTask(task: WorkerTask): Promise<GradeResult> {
  return gradeAnswer(task.file, await readFile(task.file, 'utf8'), { weights: task.weights, ...(task.rubric ? { rubric: task.rubric } : {}) });
}
