import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, fromZod } from '../config/errors.js';
import { TestCaseSchema, type TestCase } from '../config/schema.js';

/** One dataset row: the system to design and its vars. */
export interface Case {
  /** Stable id: `metadata.id`, else the description's or system's slug. */
  id: string;
  description: string;
  vars: Record<string, string>;
  metadata: Record<string, unknown>;
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** A tests file: YAML (a list of promptfoo test cases), JSON Lines, or CSV (a header of var names). */
export function loadCasesFile(path: string): Case[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError(path, '', 'tests file not found');
  }
  const ext = extname(path).toLowerCase();
  let rows: unknown[];
  if (ext === '.yaml' || ext === '.yml') {
    try {
      rows = z.array(z.unknown()).parse(parseYaml(text));
    } catch (error) {
      throw new ConfigError(path, '', `expected a YAML list of test cases (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    }
  } else if (ext === '.jsonl') {
    rows = text
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, index }) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw new ConfigError(path, `line ${index + 1}`, 'expected one JSON test case per line');
        }
      });
  } else if (ext === '.csv') {
    const records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
    rows = records.map((vars) => ({ vars }));
  } else {
    throw new ConfigError(path, '', 'expected a .yaml, .yml, .jsonl or .csv tests file');
  }
  return toCases(path, rows);
}

export function toCases(file: string, rows: readonly unknown[]): Case[] {
  const cases: Case[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const parsed = TestCaseSchema.safeParse(row);
    if (!parsed.success) {
      const error = fromZod(file, parsed.error, 'description, vars, metadata and assert in a test case');
      throw new ConfigError(file, `[${index}]${error.path ? `.${error.path}` : ''}`, error.expected);
    }
    const test: TestCase = parsed.data;
    const vars = Object.fromEntries(Object.entries(test.vars).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
    const metadata = test.metadata ?? {};
    const declared = typeof metadata.id === 'string' ? metadata.id : typeof vars.id === 'string' ? vars.id : undefined;
    const id = declared ?? slug(test.description ?? vars.system ?? `case-${index + 1}`);
    if (seen.has(id)) throw new ConfigError(file, `[${index}]`, `case id "${id}" is used twice: give each case a unique metadata.id`);
    seen.add(id);
    cases.push({ id, description: test.description ?? vars.system ?? id, vars, metadata });
  }
  return cases;
}
