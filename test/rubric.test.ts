import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { analyze } from '../src/analysis/analyze.js';
import { caseCriteria, loadRubric } from '../src/rubric/load-rubric.js';
import { scoreRubric } from '../src/rubric/score.js';
import { SAMPLES_DIR } from './corpus/corpus.js';

const rubric = loadRubric('rubrics/system-design.yaml');

describe('the rubric', () => {
  it('loads: versioned, with judge, evidence and both criteria and negative anti-patterns', () => {
    expect(rubric.version).toBe(1);
    expect(new Set(rubric.criteria.map((c) => c.decide))).toEqual(new Set(['evidence', 'judge', 'both']));
    expect(rubric.criteria.filter((c) => c.points < 0).map((c) => c.id)).toEqual(['exactly-once-without-idempotency', 'recommends-without-comparing', 'placeholder-left']);
  });

  it('names the file, the key path and the unknown evidence check', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rubric-')), 'r.yaml');
    writeFileSync(path, stringify({ version: 1, criteria: [{ id: 'x', points: 1, tags: ['depth'], decide: 'evidence', evidence: 'vibes', description: 'something long enough' }] }));
    expect(() => loadRubric(path)).toThrow(`${path}: criteria[0].evidence: unknown evidence check "vibes"`);
    writeFileSync(path, stringify({ version: 1, criteria: [{ id: 'x', points: 1, tags: ['depth'], decide: 'evidence', description: 'something long enough' }] }));
    expect(() => loadRubric(path)).toThrow(`${path}: criteria[0].evidence: expected an evidence check for decide: evidence or both`);
  });

  it('scores met points over positive points, leaving judge-only criteria out offline, visibly', () => {
    const text = readFileSync(join(SAMPLES_DIR, 'payments-poor.md'), 'utf8');
    const criteria = [...rubric.criteria, ...caseCriteria({ expected_p0: ['Charges', 'Refunds'] })];
    const result = scoreRubric(rubric, criteria, analyze(text), null);
    const met = result.criteria.filter((c) => c.met === true).map((c) => c.id);
    // Its two `SET … NX EX` lines are valid Redis with TTLs: cache-commands is met.
    expect(met).toEqual(['p0-ranked', 'p0-deep-dives', 'cache-commands', 'idempotency', 'placeholder-left']);
    expect(result.criteria.filter((c) => c.decidedBy === 'not_judged').map((c) => c.id)).toEqual([
      'db-choice-justified',
      'partition-keys-sensible',
      'failure-handling-concrete',
      'cursor-algorithm-works',
      'recommends-without-comparing',
    ]);
    expect(result.notJudged).toBe(5);
    // Decided positive points: 28 from the rubric's evidence and both criteria + 2 expected-P0 criteria.
    expect(result.score).toBe(Math.round(((2 + 4 + 2 + 2 - 1) / 30) * 1000) / 1000);
    expect(result.subScores.performance).toBeNull();
    expect(result.criteria.find((c) => c.id === 'expected-p0:charges')).toMatchObject({ decidedBy: 'evidence', met: false });
  });
});
