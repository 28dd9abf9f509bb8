/** The hand labels judge-check measures a judge against: complete, and pointing at real lines. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RubricLabelsSchema } from '../../src/rubric/judge-check.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { HOLDOUT_DIR, SAMPLES_DIR } from './corpus.js';

const judged = loadRubric('rubrics/system-design.yaml')
  .criteria.filter((c) => c.decide !== 'evidence')
  .map((c) => c.id)
  .sort();

describe('rubric labels', () => {
  const answers = [SAMPLES_DIR, HOLDOUT_DIR].flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => join(dir, f)));
  it('every labelled answer has them', () => {
    expect(answers.length).toBe(18);
  });
  for (const answer of answers) {
    it(`${answer.split('/').slice(-2).join('/')}: one verdict per judge criterion, met ones citing a line`, () => {
      const labels = RubricLabelsSchema.parse(JSON.parse(readFileSync(answer.replace(/\.md$/, '.rubric.json'), 'utf8')));
      expect(Object.keys(labels.criteria).sort()).toEqual(judged);
      const lines = readFileSync(answer, 'utf8').split('\n');
      for (const [id, verdict] of Object.entries(labels.criteria)) {
        if (verdict.met) expect(lines[verdict.line! - 1]?.trim(), id).toBeTruthy();
        else expect(verdict.line, id).toBeNull();
      }
    });
  }
});
