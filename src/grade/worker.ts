import { readFile } from 'node:fs/promises';
import type { OverallWeights } from '../graders/overall.js';
import { gradeAnswer } from './grade-answer.js';
import type { GradeResult } from './schema.js';

export interface WorkerTask {
  file: string;
  weights: OverallWeights;
}

/** Piscina task: read and grade one answer on a worker thread. */
export default async function gradeFileTask(task: WorkerTask): Promise<GradeResult> {
  return gradeAnswer(task.file, await readFile(task.file, 'utf8'), { weights: task.weights });
}
