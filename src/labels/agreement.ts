import { featureSimilarity, SAME_FEATURE } from '../analysis/features.js';
import type { GradeResult } from '../grade/schema.js';
import type { Labels } from './schema.js';

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

export function addTally(into: Tally, from: Tally): void {
  into.tp += from.tp;
  into.fp += from.fp;
  into.fn += from.fn;
}

export function precision(t: Tally): number {
  return t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
}

export function recall(t: Tally): number {
  return t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
}

export function f1(t: Tally): number {
  const p = precision(t);
  const r = recall(t);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Greedy one-to-one matching, best pairs first. */
function match<A, B>(left: readonly A[], right: readonly B[], score: (a: A, b: B) => number, threshold: number): Array<[A, B]> {
  const pairs: Array<[number, number, number]> = [];
  left.forEach((a, i) => right.forEach((b, j) => pairs.push([score(a, b), i, j])));
  pairs.sort((x, y) => y[0] - x[0]);
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  const out: Array<[A, B]> = [];
  for (const [s, i, j] of pairs) {
    if (s < threshold || usedLeft.has(i) || usedRight.has(j)) continue;
    usedLeft.add(i);
    usedRight.add(j);
    out.push([left[i]!, right[j]!]);
  }
  return out;
}

export interface CountCheck {
  name: string;
  predicted: number | boolean;
  expected: number | boolean;
  ok: boolean;
}

export interface Agreement {
  p0: Tally;
  deepDives: Tally;
  aspects: Tally;
  defects: Tally;
  counts: CountCheck[];
  layout: { predicted: string; expected: string };
  summaryTable: { predicted: boolean; expected: boolean };
  /** Human-readable differences, for test failure messages and `grade --labels`. */
  differences: string[];
}

/** Lines within which a predicted defect or deep dive matches a labelled one. */
export const LINE_TOLERANCE = 2;
/** Relative tolerance for artifact counts (0 must be exactly 0). */
export const COUNT_TOLERANCE = 0.25;

/** How far a `grade --json` result agrees with a label file. */
export function agreement(result: GradeResult, labels: Labels): Agreement {
  const differences: string[] = [];
  const tally = (matched: number, predicted: number, expected: number): Tally => ({ tp: matched, fp: predicted - matched, fn: expected - matched });

  const p0Pairs = match(result.outline.p0Features, labels.outline.p0Features, featureSimilarity, SAME_FEATURE);
  const p0 = tally(p0Pairs.length, result.outline.p0Features.length, labels.outline.p0Features.length);
  for (const name of labels.outline.p0Features.filter((n) => !p0Pairs.some(([, l]) => l === n))) differences.push(`P0 missed: ${name}`);
  for (const name of result.outline.p0Features.filter((n) => !p0Pairs.some(([p]) => p === n))) differences.push(`P0 extra: ${name}`);

  const divePairs = match(
    result.outline.deepDives,
    labels.outline.deepDives,
    (p, l) => (Math.abs(p.line - l.line) <= LINE_TOLERANCE ? 2 : 0) + featureSimilarity(p.feature, l.feature),
    SAME_FEATURE,
  );
  const deepDives = tally(divePairs.length, result.outline.deepDives.length, labels.outline.deepDives.length);
  const aspects = emptyTally();
  for (const dive of labels.outline.deepDives) {
    const pair = divePairs.find(([, l]) => l === dive);
    if (pair === undefined) {
      differences.push(`deep dive missed: ${dive.feature} @${dive.line}`);
      aspects.fn += dive.aspects.length;
      continue;
    }
    const predicted = new Set(pair[0].aspects);
    const expected = new Set(dive.aspects);
    for (const a of expected) {
      if (predicted.has(a)) aspects.tp++;
      else {
        aspects.fn++;
        differences.push(`aspect missed: ${dive.feature}/${a}`);
      }
    }
    for (const a of predicted) {
      if (!expected.has(a)) {
        aspects.fp++;
        differences.push(`aspect extra: ${dive.feature}/${a}`);
      }
    }
  }
  for (const dive of result.outline.deepDives.filter((d) => !divePairs.some(([p]) => p === d))) {
    differences.push(`deep dive extra: ${dive.feature} @${dive.line}`);
    aspects.fp += dive.aspects.length;
  }

  const defectPairs = match(result.markdown.issues, labels.markdown.issues, (p, l) => (p.kind === l.kind && Math.abs(p.line - l.line) <= LINE_TOLERANCE ? 1 : 0), 1);
  const defects = tally(defectPairs.length, result.markdown.issues.length, labels.markdown.issues.length);
  for (const issue of labels.markdown.issues.filter((i) => !defectPairs.some(([, l]) => l === i))) differences.push(`defect missed: ${issue.kind} @${issue.line}`);
  for (const issue of result.markdown.issues.filter((i) => !defectPairs.some(([p]) => p === i))) differences.push(`defect extra: ${issue.kind} @${issue.line}`);

  const counts: CountCheck[] = [];
  for (const [name, expected] of Object.entries(labels.artifacts)) {
    const predicted = result.artifacts[name as keyof Labels['artifacts']];
    const ok = typeof expected === 'number' && typeof predicted === 'number' ? Math.abs(predicted - expected) <= COUNT_TOLERANCE * expected : predicted === expected;
    counts.push({ name, predicted, expected, ok });
    if (!ok) differences.push(`count ${name}: ${String(predicted)}, labelled ${String(expected)}`);
  }
  if (result.outline.layout !== labels.outline.layout) differences.push(`layout: ${result.outline.layout}, labelled ${labels.outline.layout}`);
  if (result.outline.summaryTable !== labels.outline.summaryTable) differences.push(`summaryTable: ${String(result.outline.summaryTable)}, labelled ${String(labels.outline.summaryTable)}`);
  return {
    p0,
    deepDives,
    aspects,
    defects,
    counts,
    layout: { predicted: result.outline.layout, expected: labels.outline.layout },
    summaryTable: { predicted: result.outline.summaryTable, expected: labels.outline.summaryTable },
    differences,
  };
}

export interface CorpusAgreement {
  p0: Tally;
  deepDives: Tally;
  aspects: Tally;
  defects: Tally;
  countsOk: number;
  counts: number;
}

/** Totals over many answers' agreements: micro-averaged tallies and the count checks. */
export function aggregate(agreements: readonly Agreement[]): CorpusAgreement {
  const total: CorpusAgreement = { p0: emptyTally(), deepDives: emptyTally(), aspects: emptyTally(), defects: emptyTally(), countsOk: 0, counts: 0 };
  for (const a of agreements) {
    addTally(total.p0, a.p0);
    addTally(total.deepDives, a.deepDives);
    addTally(total.aspects, a.aspects);
    addTally(total.defects, a.defects);
    total.countsOk += a.counts.filter((c) => c.ok).length;
    total.counts += a.counts.length;
  }
  return total;
}
