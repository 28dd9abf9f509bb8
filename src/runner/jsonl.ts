import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { z } from 'zod';

/**
 * An append-only JSON Lines file: each record is written and fsynced as it is produced, so a
 * crash loses at most the line being written. A torn last line (no newline) is fenced off with a
 * newline before the next append.
 */
export class JsonlWriter {
  private readonly fd: number;

  constructor(path: string) {
    const torn = existsSync(path) && !/(?:^|\n)$/.test(readFileSync(path, 'utf8'));
    this.fd = openSync(path, 'a');
    if (torn) writeSync(this.fd, '\n');
  }

  append(record: unknown): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Records of a JSON Lines file keyed by `key`, the last line per key winning. Lines that do not
 * parse or validate (a line torn by a crash) are counted, not fatal.
 */
export function readLast<S extends z.ZodType>(path: string, schema: S, key: (record: z.infer<S>) => string): { records: Map<string, z.infer<S>>; skipped: number } {
  const records = new Map<string, z.infer<S>>();
  let skipped = 0;
  if (!existsSync(path)) return { records, skipped };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    records.set(key(parsed.data), parsed.data);
  }
  return { records, skipped };
}
