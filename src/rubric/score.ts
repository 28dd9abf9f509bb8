import type { Analysis } from '../analysis/analyze.js';
import { bestMatch } from '../analysis/features.js';
import { round3 } from '../graders/grader.js';
import { EVIDENCE } from './evidence.js';
import type { CriterionResult, JudgeVerdict, RubricResult } from './result-schema.js';
import type { Criterion, Rubric } from './schema.js';

export type { CriterionResult, JudgeVerdict, RubricResult };

function evidenceFor(criterion: Criterion, analysis: Analysis): boolean | null {
  if (criterion.evidence === undefined) return null;
  if (criterion.evidence.startsWith('expected_p0:')) {
    const feature = criterion.evidence.slice('expected_p0:'.length);
    const index = bestMatch(feature, analysis.outline.deepDives.map((d) => d.feature));
    const dive = analysis.outline.deepDives[index];
    const ranked = bestMatch(feature, analysis.outline.p0Features.map((f) => f.name)) >= 0;
    return ranked && dive !== undefined && dive.aspects.length >= 6;
  }
  return EVIDENCE[criterion.evidence]!(analysis);
}

/** met / positive points over the decided criteria, clipped to [0, 1]; null when nothing was decided. */
function ratio(results: readonly CriterionResult[]): number | null {
  const decided = results.filter((r) => r.met !== null);
  const positive = decided.filter((r) => r.points > 0).reduce((sum, r) => sum + r.points, 0);
  if (positive === 0) return null;
  const earned = decided.filter((r) => r.met === true).reduce((sum, r) => sum + r.points, 0);
  return round3(Math.min(1, Math.max(0, earned / positive)));
}

/**
 * Score a rubric. Evidence criteria are decided from the analysis; judge criteria by `verdicts`
 * when a judge ran, else they are "not judged" and left out of the denominator; `both` take the
 * judge's verdict when there is one, the evidence otherwise.
 */
export function scoreRubric(
  rubric: Rubric,
  criteria: readonly Criterion[],
  analysis: Analysis,
  verdicts: ReadonlyMap<string, JudgeVerdict> | null,
  judgeError: string | null = null,
): RubricResult {
  const results: CriterionResult[] = criteria.map((criterion) => {
    const evidence = criterion.decide === 'judge' ? null : evidenceFor(criterion, analysis);
    const verdict = criterion.decide === 'evidence' ? null : (verdicts?.get(criterion.id) ?? null);
    const base = { id: criterion.id, points: criterion.points, tags: criterion.tags, evidence, judge: verdict };
    if (criterion.decide === 'evidence') return { ...base, decidedBy: 'evidence', met: evidence };
    if (verdict !== null) return { ...base, decidedBy: 'judge', met: verdict.met && !verdict.unsupported };
    if (criterion.decide === 'both') return { ...base, decidedBy: 'evidence', met: evidence };
    return { ...base, decidedBy: judgeError === null ? 'not_judged' : 'judge_error', met: null };
  });
  const tags = [...new Set(criteria.flatMap((c) => c.tags))].sort();
  return {
    version: rubric.version,
    score: ratio(results),
    subScores: Object.fromEntries(tags.map((tag) => [tag, ratio(results.filter((r) => r.tags.includes(tag)))])),
    criteria: results,
    notJudged: results.filter((r) => r.decidedBy === 'not_judged' || r.decidedBy === 'judge_error').length,
    unsupported: results.filter((r) => r.judge?.unsupported === true).length,
    judgeError,
  };
}
