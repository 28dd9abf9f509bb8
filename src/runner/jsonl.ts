import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { z } from 'zod';

/** Longest a written line waits for its fsync (group commit). */
export const FSYNC_INTERVAL_MS = 200;

/**
 * An append-only JSON Lines file. Each record is one write(2) as it is produced, so a killed
 * process loses at most the line being written (the kernel holds the rest). fsync, which guards
 * against a machine crash, is grouped: at most one per FSYNC_INTERVAL_MS and one on close,
 * because one per line costs ≈2.4 ms of main thread each (measured here), more than the engine's
 * own work per cell. A torn last line (no newline) left by a crash is removed when the file is
 * opened again.
 */
export class JsonlWriter {
  private readonly fd: number;
  private lastSync = performance.now();
  private timer: NodeJS.Timeout | null = null;

  constructor(path: string) {
    // A torn last line (a crash mid-write) is cut off: its cell has no record and is done again.
    if (existsSync(path)) {
      const text = readFileSync(path);
      const end = text.lastIndexOf(0x0a) + 1;
      if (end < text.length) truncateSync(path, end);
    }
    this.fd = openSync(path, 'a');
  }

  append(record: unknown): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    if (performance.now() - this.lastSync >= FSYNC_INTERVAL_MS) this.sync();
    else this.timer ??= setTimeout(() => this.sync(), FSYNC_INTERVAL_MS).unref();
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }

  private sync(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    fsyncSync(this.fd);
    this.lastSync = performance.now();
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
