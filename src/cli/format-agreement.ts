import { existsSync, readFileSync } from 'node:fs';
import { aggregate, agreement, f1, precision, recall, type Agreement } from '../labels/agreement.js';
import { LabelsSchema } from '../labels/schema.js';
import { InputError } from '../grade/files.js';
import type { GradeResult } from '../grade/schema.js';

/**
 * `grade --labels`: each answer against its `<name>.labels.json`, then totals over all of them.
 * Answers without a label file are listed as such; a label file that does not validate is an
 * error naming it and the field.
 */
export function formatAgreement(results: readonly GradeResult[]): string {
  const agreements: Agreement[] = [];
  const lines: string[] = [];
  for (const result of results) {
    const path = result.file.replace(/\.md$/i, '.labels.json');
    if (!existsSync(path)) {
      lines.push(`${result.file}: no ${path}`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new InputError(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = LabelsSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    const a = agreement(result, parsed.data);
    agreements.push(a);
    lines.push(`${result.file}: ${a.differences.length === 0 ? 'agrees' : a.differences.join('; ')}`);
  }
  const totals = aggregate(agreements);
  const pct = (n: number): string => n.toFixed(3);
  lines.push(
    '',
    `P0 features     F1 ${pct(f1(totals.p0))}`,
    `deep dives      F1 ${pct(f1(totals.deepDives))}`,
    `aspects         F1 ${pct(f1(totals.aspects))}`,
    `Markdown issues precision ${pct(precision(totals.defects))} recall ${pct(recall(totals.defects))}`,
    `artifact counts within ±25%: ${totals.countsOk}/${totals.counts}`,
  );
  return lines.join('\n');
}
