import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './atomic-write.js';
import type { GradeTask } from './grade-worker.js';
import { GradeRecordSchema, type GradeRecord } from './records.js';

/** The code whose output a grade is: change any of it (or a dependency) and every cached grade is stale. */
const GRADING_DIRS = ['analysis', 'artifacts', 'markdown', 'graders', 'grade', 'rubric', 'runner'];

const fingerprints = new Map<string, string>();

/**
 * A hash of the code under these `src/` folders as it runs (compiled or source) and of
 * package-lock.json: a cached result is keyed by what produced it, not by version numbers someone
 * must remember to bump.
 */
export function codeFingerprint(dirs: readonly string[] = GRADING_DIRS): string {
  const known = fingerprints.get(dirs.join());
  if (known !== undefined) return known;
  const src = dirname(dirname(fileURLToPath(import.meta.url)));
  const hash = createHash('sha256');
  const add = (path: string): void => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) add(full);
      else if (/\.[jt]s$/.test(name)) hash.update(name).update(readFileSync(full));
    }
  };
  for (const dir of dirs) if (existsSync(join(src, dir))) add(join(src, dir));
  for (let up = src; up !== dirname(up); up = dirname(up)) {
    if (existsSync(join(up, 'package-lock.json'))) {
      hash.update(readFileSync(join(up, 'package-lock.json')));
      break;
    }
  }
  const fingerprint = hash.digest('hex');
  fingerprints.set(dirs.join(), fingerprint);
  return fingerprint;
}

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
