import type { Analysis } from '../analysis/analyze.js';

export type Severity = 'error' | 'warn' | 'info';

export interface Finding {
  grader: string;
  severity: Severity;
  line: number | null;
  message: string;
}

/** One grader's verdict on one completion: a score in [0, 1] that explains itself. */
export interface Grade {
  grader: string;
  /** Bumped whenever the grader's scoring changes, so stored grades say what produced them. */
  version: number;
  score: number;
  subScores: Record<string, number>;
  findings: Finding[];
}

/** The case's variables (`system`, `expected_p0`, …) for graders that read them. */
export type CaseVars = Readonly<Record<string, unknown>>;

export interface Grader {
  name: string;
  version: number;
  grade(analysis: Analysis, vars: CaseVars): Grade;
}

export function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
