import { analyze, type Analysis } from '../analysis/analyze.js';
import type { CaseVars, Grade } from '../graders/grader.js';
import { overallScore, type OverallWeights, DEFAULT_WEIGHTS } from '../graders/overall.js';
import { GRADERS } from '../graders/registry.js';
import type { GradeResult } from './schema.js';
import { caseCriteria } from '../rubric/load-rubric.js';
import { scoreRubric } from '../rubric/score.js';
import type { Rubric } from '../rubric/schema.js';

export interface GradeOptions {
  weights?: OverallWeights;
  vars?: CaseVars;
  /** Score this rubric's evidence criteria (and the case's expected_p0 criteria) too. */
  rubric?: Rubric;
}

/** Parse once, run every grader on the one analysis, and shape the result for `grade --json`. */
export function gradeAnswer(file: string, text: string, options: GradeOptions = {}): GradeResult {
  return gradeAnalysis(file, analyze(text), options);
}

/** The same from an analysis the caller already has (the judge reuses it: one parse per answer). */
export function gradeAnalysis(file: string, analysis: Analysis, options: GradeOptions = {}): GradeResult {
  const grades = GRADERS.map((grader) => grader.grade(analysis, options.vars ?? {}));
  const result = toResult(file, analysis, grades, options.weights ?? DEFAULT_WEIGHTS);
  if (options.rubric !== undefined) result.rubric = scoreRubric(options.rubric, [...options.rubric.criteria, ...caseCriteria(options.vars ?? {})], analysis, null);
  return result;
}

function scoreOf(grades: readonly Grade[], name: string): number {
  return grades.find((g) => g.grader === name)?.score ?? 0;
}

function toResult(file: string, analysis: Analysis, grades: readonly Grade[], weights: OverallWeights): GradeResult {
  const { outline, artifacts } = analysis;
  const depth = scoreOf(grades, 'depth');
  const artifactScore = scoreOf(grades, 'artifacts');
  const markdown = scoreOf(grades, 'markdown');
  const count = (kind: string): number => artifacts.blocks.filter((b) => b.kind === kind).length;
  return {
    file,
    scores: { overall: overallScore({ depth, artifacts: artifactScore, markdown }, weights), depth, artifacts: artifactScore, markdown },
    subScores: Object.fromEntries(grades.map((g) => [g.grader, g.subScores])),
    outline: {
      layout: outline.layout,
      p0Features: outline.p0Features.map((f) => f.name),
      deepDives: outline.deepDives.map((d) => ({ feature: d.feature, p0: d.p0, line: d.line, words: d.words, aspects: d.aspects })),
      summaryTable: outline.summaryTable !== null,
    },
    artifacts: {
      asciiDiagrams: count('diagram'),
      sqlStatements: artifacts.sql.length,
      sqlInvalid: artifacts.sql.filter((s) => !s.valid).length,
      cacheCommands: artifacts.redis.length,
      messagingPayloads: artifacts.json.filter((j) => j.payload).length,
      pseudocodeBlocks: count('program'),
      cursorExamples: artifacts.cursors.length,
      cursorBase64Decodes: artifacts.cursors.some((c) => c.decodes === 'json'),
      idempotency: artifacts.signals.idempotency,
      dedupStrategy: artifacts.signals.dedupStrategy,
      multiDeviceOffline: artifacts.signals.multiDeviceOffline,
      cacheInvalid: artifacts.redis.filter((r) => r.problem !== null).length,
      jsonBlocks: artifacts.json.length,
      jsonInvalid: artifacts.json.filter((j) => !j.valid).length,
      httpExamples: count('http'),
    },
    markdown: { issues: analysis.markdown.map((i) => ({ kind: i.kind, line: i.line, message: i.message })) },
    findings: grades.flatMap((g) => g.findings).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    rubric: null,
  };
}
