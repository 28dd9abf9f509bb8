import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
