import { round3 } from './grader.js';

/**
 * overall = (depth·w_depth + artifacts·w_artifacts) / (w_depth + w_artifacts)
 *           × (1 − w_markdown · (1 − markdown))
 * Content earns the score; Markdown defects take up to w_markdown of it away. Markdown is a
 * multiplier, not a summand, so an empty answer or a refusal cannot earn points for rendering.
 */
export interface OverallWeights {
  depth: number;
  artifacts: number;
  markdown: number;
}

export const DEFAULT_WEIGHTS: OverallWeights = { depth: 0.6, artifacts: 0.4, markdown: 0.25 };

export function overallScore(scores: { depth: number; artifacts: number; markdown: number }, weights: OverallWeights = DEFAULT_WEIGHTS): number {
  const content = (scores.depth * weights.depth + scores.artifacts * weights.artifacts) / (weights.depth + weights.artifacts || 1);
  return round3(content * (1 - weights.markdown * (1 - scores.markdown)));
}
