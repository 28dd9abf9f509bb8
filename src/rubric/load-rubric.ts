import { ConfigError, fromZod } from '../config/errors.js';
import { parseYaml, readText } from '../config/read-input.js';
import { EVIDENCE } from './evidence.js';
import { RubricSchema, type Criterion, type Rubric } from './schema.js';

export { DEFAULT_RUBRIC } from '../runner/paths.js';

/** Read and validate a rubric; an evidence check that does not exist is an error naming it. */
export function loadRubric(path: string): Rubric {
  const raw = parseYaml(path, readText(path, 'rubric file')).value;
  const parsed = RubricSchema.safeParse(raw);
  if (!parsed.success) {
    const error = fromZod(path, parsed.error, 'version and criteria (id, points, tags, decide, evidence, description)', { schema: RubricSchema, promptfoo: false });
    // Name the criterion by its id too: `criteria[7].points: missing: … (criterion "cache-invalidation")`.
    const index = /^criteria\[(\d+)\]/.exec(error.path)?.[1];
    const criteria = typeof raw === 'object' && raw !== null && 'criteria' in raw && Array.isArray(raw.criteria) ? (raw.criteria as unknown[]) : [];
    const criterion: unknown = index === undefined ? undefined : criteria[Number(index)];
    const id = typeof criterion === 'object' && criterion !== null && 'id' in criterion && typeof criterion.id === 'string' ? criterion.id : undefined;
    throw id === undefined ? error : new ConfigError(path, error.path, `${error.expected} (criterion "${id}")`);
  }
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
