import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { Piscina } from 'piscina';
import { YOUNG_GENERATION_MB } from './heap.js';
import { DEFAULT_WEIGHTS, type OverallWeights } from '../graders/overall.js';
import { gradeAnswer } from './grade-answer.js';
import type { GradeResult } from './schema.js';
import type { WorkerTask } from './worker.js';
import type { Rubric } from '../rubric/schema.js';

export interface GradeFailure {
  file: string;
  error: string;
}

export interface GradeOutcome {
  results: GradeResult[];
  failures: GradeFailure[];
}

export interface GradeFilesOptions {
  weights?: OverallWeights;
  rubric?: Rubric;
  /** Worker threads; 0 grades in this thread. Default: one per core when it pays off. */
  workers?: number;
  onResult?: (result: GradeResult, done: number, total: number) => void;
}


/** Below this many files, starting workers (each loads the parser) costs more than it saves. */
const POOL_MIN_FILES = 4;

/**
 * Grade answers in input order. Many files are spread over worker threads, one per core:
 * parsing is CPU-bound and single-threaded, so this is the only way to use the second core.
 */
export async function gradeFiles(files: readonly string[], options: GradeFilesOptions = {}): Promise<GradeOutcome> {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const workerUrl = new URL('./worker.js', import.meta.url);
  const cores = availableParallelism();
  const wanted = options.workers ?? (files.length >= POOL_MIN_FILES && cores > 1 ? cores : 0);
  const workers = Math.min(wanted, files.length);
  let done = 0;
  const report = (result: GradeResult): GradeResult => {
    done++;
    options.onResult?.(result, done, files.length);
    return result;
  };
  // The worker entry exists only in the compiled build; from TypeScript sources grade in-thread.
  // Even one worker pays off on many files: unlike this thread, its heap is sized for parsing.
  const inThread = workers === 0 || !existsSync(fileURLToPath(workerUrl));
  const pool = inThread ? null : new Piscina<WorkerTask, GradeResult>({ filename: workerUrl.href, minThreads: workers, maxThreads: workers, idleTimeout: 1000, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const gradeOne = async (file: string): Promise<GradeResult> =>
    pool === null
      ? gradeAnswer(file, await readFile(file, 'utf8'), { weights, ...(options.rubric ? { rubric: options.rubric } : {}) })
      : pool.run({ file, weights, rubric: options.rubric });
  try {
    // One unreadable file must not cost the others their results.
    const settled = inThread
      ? await sequential(files, gradeOne, report)
      : await Promise.allSettled(files.map((file) => gradeOne(file).then(report)));
    const outcome: GradeOutcome = { results: [], failures: [] };
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') outcome.results.push(s.value);
      else outcome.failures.push({ file: files[i]!, error: s.reason instanceof Error ? s.reason.message : String(s.reason) });
    });
    return outcome;
  } finally {
    await pool?.destroy();
  }
}

async function sequential(
  files: readonly string[],
  gradeOne: (file: string) => Promise<GradeResult>,
  report: (result: GradeResult) => GradeResult,
): Promise<Array<PromiseSettledResult<GradeResult>>> {
  const out: Array<PromiseSettledResult<GradeResult>> = [];
  for (const file of files) {
    try {
      out.push({ status: 'fulfilled', value: report(await gradeOne(file)) });
    } catch (reason) {
      out.push({ status: 'rejected', reason });
    }
  }
  return out;
}
