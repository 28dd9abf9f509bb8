import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { YOUNG_GENERATION_MB } from '../grade/grade-files.js';
import gradeTask, { type GradeTask } from './grade-worker.js';
import type { GradeRecord } from './records.js';

/** Below this many answers to grade, starting workers (each loads the parsers) costs more than it saves. */
const POOL_MIN_TASKS = 8;

/**
 * Grades completions as they land, off the main thread: parsing is CPU-bound, and on the main
 * thread it would delay the requests in flight and leave the other cores idle. One worker per core.
 * Small runs, and runs from TypeScript sources (no compiled worker), grade in this thread.
 */
export class GradePool {
  private readonly pool: Piscina<GradeTask, GradeRecord> | null;

  constructor(expectedTasks: number) {
    const workerUrl = new URL('./grade-worker.js', import.meta.url);
    const usable = expectedTasks >= POOL_MIN_TASKS && existsSync(fileURLToPath(workerUrl));
    const threads = availableParallelism();
    this.pool = usable ? new Piscina<GradeTask, GradeRecord>({ filename: workerUrl.href, minThreads: threads, maxThreads: threads, idleTimeout: 5_000, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }) : null;
  }

  grade(task: GradeTask): Promise<GradeRecord> {
    return this.pool === null ? Promise.resolve().then(() => gradeTask(task)) : this.pool.run(task);
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
