import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError, fromZod } from '../config/errors.js';
import { EVIDENCE } from './evidence.js';
import { RubricSchema, type Criterion, type Rubric } from './schema.js';

export { DEFAULT_RUBRIC } from '../runner/paths.js';

/** Read and validate a rubric; an evidence check that does not exist is an error naming it. */
export function loadRubric(path: string): Rubric {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, '', error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'rubric file not found' : `invalid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const parsed = RubricSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(path, parsed.error, 'version and criteria (id, points, tags, decide, evidence, description)');
  const ids = new Set<string>();
  for (const [index, criterion] of parsed.data.criteria.entries()) {
    if (ids.has(criterion.id)) throw new ConfigError(path, `criteria[${index}].id`, `"${criterion.id}" is used twice`);
    ids.add(criterion.id);
    if (criterion.evidence !== undefined && !(criterion.evidence in EVIDENCE)) {
      throw new ConfigError(path, `criteria[${index}].evidence`, `unknown evidence check "${criterion.evidence}"; expected one of ${Object.keys(EVIDENCE).join(', ')}`);
    }
  }
  return parsed.data;
}

/** "Treats X as P0 and gives it a full deep dive", one per `expected_p0` feature of the case. */
export function caseCriteria(vars: Readonly<Record<string, unknown>>): Criterion[] {
  const expected = vars.expected_p0;
  if (!Array.isArray(expected)) return [];
  return expected
    .filter((f): f is string => typeof f === 'string')
    .map((feature) => ({
      id: `expected-p0:${feature.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
      points: 1,
      tags: ['depth'],
      decide: 'evidence',
      evidence: `expected_p0:${feature}`,
      description: `Treats "${feature}" as P0 and gives it a full deep dive (six or more of the eight parts).`,
    }));
}
