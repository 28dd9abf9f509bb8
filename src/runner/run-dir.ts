import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';

export const ManifestSchema = z.object({
  runId: z.string(),
  configFile: z.string(),
  configHash: z.string(),
  gitCommit: z.string().nullable(),
  versions: z.record(z.string(), z.string()),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  cells: z.number().int().nonnegative(),
  prompts: z.array(z.string()),
  providers: z.array(z.object({ label: z.string(), id: z.string() })),
  cases: z.array(z.string()),
  repeat: z.number().int().positive(),
  options: z.record(z.string(), z.unknown()),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** `results/<run-id>/`: manifest.json, completions.jsonl, grades.jsonl, summary.json. */
export class RunDir {
  constructor(readonly dir: string) {}

  static create(resultsDir: string, now: Date): RunDir {
    const id = `${now.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z')}-${randomBytes(2).toString('hex')}`;
    const dir = join(resultsDir, id);
    mkdirSync(dir, { recursive: true });
    return new RunDir(dir);
  }

  static open(resultsDir: string, runId: string): RunDir {
    const dir = join(resultsDir, runId);
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`no run ${runId} under ${resultsDir} (expected ${join(dir, 'manifest.json')})`);
    return new RunDir(dir);
  }

  get runId(): string {
    return this.dir.split(/[\\/]/).at(-1)!;
  }

  get completions(): string {
    return join(this.dir, 'completions.jsonl');
  }

  get grades(): string {
    return join(this.dir, 'grades.jsonl');
  }

  readManifest(): Manifest {
    const path = join(this.dir, 'manifest.json');
    const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  writeJson(name: string, value: unknown): void {
    writeFileAtomic(join(this.dir, name), `${JSON.stringify(value, null, 2)}\n`);
  }
}

export function gitCommit(cwd: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
}
