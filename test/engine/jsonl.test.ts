import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonlWriter, readLast } from '../../src/runner/jsonl.js';

const Row = z.object({ id: z.string(), n: z.number() });

describe('completions.jsonl as the crash-safe store', () => {
  it('the last line per key wins and a torn last line is skipped, then cut off when the file is opened to append', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'c.jsonl');
    writeFileSync(path, '{"id":"a","n":1}\n{"id":"b","n":1}\n{"id":"a","n":2}\n');
    appendFileSync(path, '{"id":"c","n":');
    const before = readLast(path, Row, (r) => r.id);
    expect(Object.fromEntries(before.records)).toEqual({ a: { id: 'a', n: 2 }, b: { id: 'b', n: 1 } });
    expect(before.skipped).toBe(1);
    const writer = new JsonlWriter(path);
    writer.append({ id: 'c', n: 3 });
    writer.close();
    expect(readFileSync(path, 'utf8')).toBe('{"id":"a","n":1}\n{"id":"b","n":1}\n{"id":"a","n":2}\n{"id":"c","n":3}\n');
    expect(readLast(path, Row, (r) => r.id).skipped).toBe(0);
    expect(readLast(path, Row, (r) => r.id).records.get('c')).toEqual({ id: 'c', n: 3 });
  });

  it('reads lines longer than its 1 MB read chunk, with multi-byte characters across chunk edges, and trims a long torn line', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'c.jsonl');
    const Big = z.object({ id: z.string(), text: z.string() });
    // 'é' is two bytes: with an odd prefix, chunk edges fall inside characters.
    const rows = [{ id: 'a', text: `x${'é'.repeat(700_000)}` }, { id: 'b', text: 'short' }, { id: 'c', text: '€'.repeat(500_000) }];
    writeFileSync(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
    appendFileSync(path, `{"id":"d","text":"${'y'.repeat(1_500_000)}`);
    const read = readLast(path, Big, (r) => r.id, (r) => ({ ...r, text: r.text.slice(0, 3) }));
    expect(Object.fromEntries(read.records)).toEqual({ a: { id: 'a', text: 'xéé' }, b: { id: 'b', text: 'sho' }, c: { id: 'c', text: '€€€' } });
    expect(read.skipped).toBe(1);
    new JsonlWriter(path).close();
    expect(readFileSync(path, 'utf8')).toBe(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  });
});
