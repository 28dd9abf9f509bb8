import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { isNode, isSeq } from 'yaml';
import { ConfigError, fromZod } from '../config/errors.js';
import { parseYaml, readText, type Referrer } from '../config/read-input.js';
import { TestCaseSchema, type TestCase } from '../config/schema.js';

/** One dataset row: the system to design and its vars. */
export interface Case {
  /** Stable id: `metadata.id`, else the description's or system's slug. */
  id: string;
  description: string;
  vars: Record<string, string>;
  metadata: Record<string, unknown>;
}

/** Cases and, for each, where its row is: `[3], line 12` (YAML), `line 4` (JSON Lines, CSV), `tests[3]` (inline). */
export interface LoadedCases {
  cases: Case[];
  places: string[];
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** A tests file: YAML (a list of promptfoo test cases), JSON Lines, or CSV (a header of var names). */
export function loadCasesFile(path: string, referrer?: Referrer): Case[] {
  return readCasesFile(path, referrer).cases;
}

/** As loadCasesFile, with each case's place in the file for error messages. */
export function readCasesFile(path: string, referrer?: Referrer): LoadedCases {
  const ext = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.jsonl', '.csv'].includes(ext)) throw new ConfigError(referrer?.file ?? path, referrer?.key ?? '', `${path}: expected a .yaml, .yml, .jsonl or .csv tests file`);
  const text = readText(path, 'tests file', referrer);
  let rows: Array<{ value: unknown; place: string }>;
  if (ext === '.yaml' || ext === '.yml') {
    const { value, document, lines } = parseYaml(path, text);
    if (!Array.isArray(value) || !isSeq(document.contents)) throw new ConfigError(path, '', `expected a YAML list of test cases, found ${value === null ? 'an empty document' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`}`);
    const items = document.contents.items;
    rows = value.map((row: unknown, index) => {
      const item = items[index];
      const offset = isNode(item) ? item.range?.[0] : undefined;
      return { value: row, place: offset === undefined ? `[${index}]` : `[${index}], line ${lines.linePos(offset).line}` };
    });
  } else if (ext === '.jsonl') {
    rows = text
      .split('\n')
      .map((line, index) => ({ line, place: `line ${index + 1}` }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, place }) => {
        try {
          return { value: JSON.parse(line) as unknown, place };
        } catch (error) {
          throw new ConfigError(path, place, `expected one JSON test case per line (${error instanceof Error ? error.message : String(error)})`);
        }
      });
  } else {
    let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
    try {
      records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, info: true }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    } catch (error) {
      const line = error instanceof Error && 'lines' in error && typeof error.lines === 'number' ? `line ${error.lines}` : '';
      throw new ConfigError(path, line, `expected CSV with a header row of var names (${error instanceof Error ? error.message : String(error)})`);
    }
    // An empty cell is a var the row does not set (defaultTest.vars may fill it).
    rows = records.map(({ record, info }) => ({ value: { vars: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')) }, place: `line ${info.lines}` }));
  }
  return toPlacedCases(path, rows);
}

/** Rows (a tests file's, or a config's inline `tests:`) as cases; `place` says where each row is, for errors. */
export function toPlacedCases(file: string, rows: ReadonlyArray<{ value: unknown; place: string }>): LoadedCases {
  const cases: Case[] = [];
  const places: string[] = [];
  const seen = new Map<string, string>();
  for (const [index, { value, place }] of rows.entries()) {
    const parsed = TestCaseSchema.safeParse(value);
    if (!parsed.success) {
      const error = fromZod(file, parsed.error, 'description, vars, metadata and assert in a test case', { schema: TestCaseSchema });
      throw new ConfigError(file, error.path === '' ? place : `${place}: ${error.path}`, error.expected);
    }
    const test: TestCase = parsed.data;
    const vars = Object.fromEntries(Object.entries(test.vars).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
    const metadata = test.metadata ?? {};
    const declared = typeof metadata.id === 'string' ? metadata.id : typeof vars.id === 'string' ? vars.id : undefined;
    const id = declared ?? (slug(test.description ?? vars.system ?? '') || `case-${index + 1}`);
    const first = seen.get(id);
    if (first !== undefined) throw new ConfigError(file, place, `case id "${id}" is used twice (first at ${first}): expected each case to have a unique metadata.id`);
    seen.set(id, place);
    cases.push({ id, description: test.description ?? vars.system ?? id, vars, metadata });
    places.push(place);
  }
  return { cases, places };
}
