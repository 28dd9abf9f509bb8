import { z } from 'zod';
import { judgeAnswer, type JudgeCall, type JudgeSettings } from './judge.js';
import { krippendorffAlphaNominal } from './krippendorff.js';
import type { Criterion } from './schema.js';

/** `<answer>.rubric.json`: a person's verdict per judge criterion. */
export const RubricLabelsSchema = z.object({
  rubricVersion: z.number().int().positive(),
  criteria: z.record(z.string(), z.object({ met: z.boolean(), line: z.number().int().positive().nullable(), why: z.string() })),
});
export type RubricLabels = z.infer<typeof RubricLabelsSchema>;

export interface LabelledAnswer {
  file: string;
  text: string;
  labels: RubricLabels;
}

export interface CriterionAgreement {
  id: string;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface JudgeCheckReport {
  answers: number;
  criteria: CriterionAgreement[];
  macroF1: number | null;
  metClaims: number;
  unsupportedClaims: number;
  unsupportedRate: number | null;
  /** Self-agreement of the judge's samples (Krippendorff's alpha, nominal); null with one sample. */
  alpha: number | null;
  errors: Array<{ file: string; error: string }>;
}

const safe = (num: number, den: number): number | null => (den === 0 ? null : num / den);

function row(id: string, c: { tp: number; fp: number; fn: number; tn: number }): CriterionAgreement {
  const precision = safe(c.tp, c.tp + c.fp);
  const recall = safe(c.tp, c.tp + c.fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { id, ...c, precision, recall, f1 };
}

/** How the offline evidence of `both` criteria agrees with the hand labels (no judge needed). */
export function evidenceCheck(answers: readonly LabelledAnswer[], criteria: readonly Criterion[], decide: (criterion: Criterion, text: string) => boolean | null): CriterionAgreement[] {
  return criteria.map((criterion) => {
    const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
    for (const answer of answers) {
      const label = answer.labels.criteria[criterion.id];
      const predicted = decide(criterion, answer.text);
      if (label === undefined || predicted === null) continue;
      if (predicted && label.met) c.tp++;
      else if (predicted) c.fp++;
      else if (label.met) c.fn++;
      else c.tn++;
    }
    return row(criterion.id, c);
  });
}

/**
 * Run the judge over labelled answers and measure it: per-criterion precision, recall and F1 of
 * "met" against the labels, macro-F1, the share of "met" claims without a verified quote, and
 * how well its samples agree with each other.
 */
export async function judgeCheck(answers: readonly LabelledAnswer[], criteria: readonly Criterion[], settings: JudgeSettings, call: JudgeCall): Promise<JudgeCheckReport> {
  const counts = new Map(criteria.map((c) => [c.id, { tp: 0, fp: 0, fn: 0, tn: 0 }]));
  const units: boolean[][] = [];
  const errors: Array<{ file: string; error: string }> = [];
  let metClaims = 0;
  let unsupportedClaims = 0;
  for (const answer of answers) {
    const outcome = await judgeAnswer(answer.text, criteria, settings, call);
    if (outcome.error !== null) errors.push({ file: answer.file, error: outcome.error });
    metClaims += outcome.metClaims;
    unsupportedClaims += outcome.unsupportedClaims;
    for (const criterion of criteria) {
      const label = answer.labels.criteria[criterion.id];
      const verdict = outcome.verdicts.get(criterion.id);
      units.push(outcome.samples.get(criterion.id) ?? []);
      if (label === undefined || verdict === undefined) continue;
      const predicted = verdict.met && !verdict.unsupported;
      const c = counts.get(criterion.id)!;
      if (predicted && label.met) c.tp++;
      else if (predicted) c.fp++;
      else if (label.met) c.fn++;
      else c.tn++;
    }
  }
  const perCriterion = criteria.map((criterion) => row(criterion.id, counts.get(criterion.id)!));
  const f1s = perCriterion.map((c) => c.f1).filter((f): f is number => f !== null);
  return {
    answers: answers.length,
    criteria: perCriterion,
    macroF1: f1s.length === 0 ? null : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    metClaims,
    unsupportedClaims,
    unsupportedRate: safe(unsupportedClaims, metClaims),
    alpha: settings.samples > 1 ? krippendorffAlphaNominal(units) : null,
    errors,
  };
}
