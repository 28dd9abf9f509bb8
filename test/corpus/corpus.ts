import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LabelsSchema, type Labels } from '../../src/labels/schema.js';

export const SAMPLES_DIR = fileURLToPath(new URL('../../datasets/samples', import.meta.url));
export const HOLDOUT_DIR = fileURLToPath(new URL('../../datasets/holdout', import.meta.url));
export const WILD_DIR = fileURLToPath(new URL('../../../shared/wild', import.meta.url));

export interface LabelledSample {
  name: string;
  path: string;
  text: string;
  labels: Labels;
}

/** Every labelled answer (`datasets/samples`, `datasets/holdout`) with its `.labels.json`, validated. */
export function labelledSamples(): LabelledSample[] {
  return [SAMPLES_DIR, HOLDOUT_DIR].flatMap((dir) => readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const labelsPath = path.replace(/\.md$/, '.labels.json');
      return { name: f, path, text: readFileSync(path, 'utf8'), labels: LabelsSchema.parse(JSON.parse(readFileSync(labelsPath, 'utf8'))) };
    }));
}
