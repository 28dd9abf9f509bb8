import { closeSync, existsSync, fsyncSync, openSync, readSync, statSync, truncateSync, writeSync } from 'node:fs';
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
      const end = endOfLastLine(path);
      if (end < statSync(path).size) truncateSync(path, end);
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
 * parse or validate (a line torn by a crash) are counted, not fatal. `project` trims each record
 * before it is kept (a report needs few of 10,000 answers); the file is read in chunks, never as
 * one string.
 */
export function readLast<S extends z.ZodType>(path: string, schema: S, key: (record: z.infer<S>) => string, project: (record: z.infer<S>) => z.infer<S> = (r) => r): { records: Map<string, z.infer<S>>; skipped: number } {
  const records = new Map<string, z.infer<S>>();
  let skipped = 0;
  if (!existsSync(path)) return { records, skipped };
  const take = (line: string): void => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped++;
      return;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      skipped++;
      return;
    }
    records.set(key(parsed.data), project(parsed.data));
  };
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(READ_CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const data = carry.length === 0 ? chunk.subarray(0, read) : Buffer.concat([carry, chunk.subarray(0, read)]);
      let start = 0;
      // Split on newline bytes, so a multi-byte character is never cut in two.
      for (let end = data.indexOf(0x0a, start); end !== -1; end = data.indexOf(0x0a, start)) {
        take(data.toString('utf8', start, end));
        start = end + 1;
      }
      carry = Buffer.from(data.subarray(start));
    }
    take(carry.toString('utf8'));
  } finally {
    closeSync(fd);
  }
  return { records, skipped };
}

const READ_CHUNK = 1 << 20;

/** The offset just past the file's last newline (0 if none), read backwards from the end. */
function endOfLastLine(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(READ_CHUNK);
    for (let end = statSync(path).size; end > 0; end -= READ_CHUNK) {
      const start = Math.max(0, end - READ_CHUNK);
      const read = readSync(fd, chunk, 0, end - start, start);
      const at = chunk.subarray(0, read).lastIndexOf(0x0a);
      if (at !== -1) return start + at + 1;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}
