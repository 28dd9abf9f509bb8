import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gradeAnswer } from '../grade/grade-answer.js';
import { PASS_THRESHOLD } from '../compare/compare-runs.js';
import { DEFAULT_RUBRIC, loadRubric } from '../rubric/load-rubric.js';
import type { Rubric } from '../rubric/schema.js';

/** The part of promptfoo's assertion context this assertion reads. */
export interface AssertionContext {
  vars?: Record<string, unknown>;
  test?: { metadata?: Record<string, unknown> };
}

/** promptfoo's GradingResult, as far as we fill it. */
export interface GradingResult {
  pass: boolean;
  score: number;
  reason: string;
  namedScores: Record<string, number>;
}

let rubric: Rubric | null | undefined;

/**
 * The rubric our engine uses by default: `rubrics/system-design.yaml` beside the config. promptfoo
 * gives an assertion no config directory, so it is looked up from the working directory, where
 * promptfoo is run (the project root).
 */
function defaultRubric(): Rubric | null {
  if (rubric === undefined) {
    const path = resolve(DEFAULT_RUBRIC);
    rubric = existsSync(path) ? loadRubric(path) : null;
  }
  return rubric;
}

/**
 * promptfoo `javascript` assertion: the structural graders and the rubric's offline evidence on one
 * parse, scored exactly as `npm run eval` scores the same answer. The case's metadata (`id`,
 * `expected_p0`) joins its vars, as in our engine.
 */
export function grade(output: string, context: AssertionContext = {}): GradingResult {
  const vars = { ...(context.vars ?? {}), ...(context.test?.metadata ?? {}) };
  const caseRubric = defaultRubric();
  const id = typeof vars.id === 'string' ? vars.id : 'answer';
  const result = gradeAnswer(id, output, { vars, ...(caseRubric !== null ? { rubric: caseRubric } : {}) });
  const { overall, depth, artifacts, markdown } = result.scores;
  const namedScores: Record<string, number> = { depth, artifacts, markdown };
  const rubricScore = result.rubric?.score ?? null;
  if (rubricScore !== null) namedScores.rubric = rubricScore;
  const worst = result.findings.find((f) => f.severity === 'error') ?? result.findings[0];
  return {
    pass: overall >= PASS_THRESHOLD,
    score: overall,
    reason: `overall ${overall.toFixed(3)} (depth ${depth.toFixed(3)}, artifacts ${artifacts.toFixed(3)}, markdown ${markdown.toFixed(3)}${rubricScore !== null ? `, rubric ${rubricScore.toFixed(3)}` : ''})${worst !== undefined ? `; ${worst.message}` : ''}`,
    namedScores,
  };
}
