import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeFingerprint } from './code-fingerprint.js';
import { writeFileAtomic } from './atomic-write.js';
import type { GradeTask } from './grade-worker.js';
import { GradeRecordSchema, type GradeRecord } from './records.js';

/**
 * Grades on disk, keyed by the answer, the case's vars and metadata, the rubric file's content and
 * the grading code: a re-run over cached answers does not parse them again. Not used with a judge
 * (which has its own per-criterion cache).
 */
export class GradeCache {
  private readonly rubricHash: string;

  constructor(
    private readonly dir: string,
    rubricPath: string | null,
  ) {
    this.rubricHash = rubricPath === null ? 'none' : createHash('sha256').update(readFileSync(rubricPath)).digest('hex');
  }

  key(task: GradeTask): string {
    return createHash('sha256').update(JSON.stringify([codeFingerprint(), this.rubricHash, task.vars, task.metadata])).update('\u0000').update(task.output).digest('hex');
  }

  /** The cached grade, re-addressed to this cell; null when absent or unreadable. */
  get(key: string, cellId: string): GradeRecord | null {
    try {
      const parsed = GradeRecordSchema.safeParse(JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')));
      return parsed.success ? { ...parsed.data, cellId, result: { ...parsed.data.result, file: cellId } } : null;
    } catch {
      return null;
    }
  }

  set(key: string, grade: GradeRecord): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(join(this.dir, `${key}.json`), JSON.stringify(grade), { durable: false });
  }
}
