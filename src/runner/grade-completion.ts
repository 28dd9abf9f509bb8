import type { Analysis } from '../analysis/analyze.js';
import { gradeAnalysis } from '../grade/grade-answer.js';
import { GRADERS } from '../graders/registry.js';
import type { Rubric } from '../rubric/schema.js';
import type { GradeRecord } from './records.js';

/** The grade record of one completion: structural graders and the rubric's evidence. */
export function gradeCompletion(cellId: string, analysis: Analysis, vars: Readonly<Record<string, string>>, metadata: Readonly<Record<string, unknown>>, rubric?: Rubric): GradeRecord {
  return {
    cellId,
    graders: Object.fromEntries(GRADERS.map((g) => [g.name, g.version])),
    result: gradeAnalysis(cellId, analysis, { vars: { ...vars, ...metadata }, ...(rubric ? { rubric } : {}) }),
    gradedAt: new Date().toISOString(),
  };
}

