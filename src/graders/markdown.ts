import { clamp01, round3, type Finding, type Grader } from './grader.js';

/** What one defect costs; a kind's total is capped so one repeated slip cannot zero the score. */
export const MARKDOWN_PENALTIES: Readonly<Record<string, { each: number; cap: number }>> = {
  unclosed_fence: { each: 0.35, cap: 0.6 },
  truncated: { each: 0.3, cap: 0.3 },
  escaped_pipe_table: { each: 0.15, cap: 0.3 },
  table_column_mismatch: { each: 0.08, cap: 0.25 },
  placeholder_left: { each: 0.15, cap: 0.3 },
  broken_list: { each: 0.05, cap: 0.15 },
  heading_skip: { each: 0.03, cap: 0.12 },
};
const OTHER = { each: 0.02, cap: 0.1 };

/** Markdown validity: 1 minus the capped penalties of the defects found. */
export const markdownGrader: Grader = {
  name: 'markdown',
  version: 1,
  grade(analysis) {
    const totals = new Map<string, number>();
    const findings: Finding[] = [];
    for (const issue of analysis.markdown) {
      const penalty = MARKDOWN_PENALTIES[issue.kind] ?? OTHER;
      totals.set(issue.kind, Math.min(penalty.cap, (totals.get(issue.kind) ?? 0) + penalty.each));
      findings.push({ grader: 'markdown', severity: issue.severity, line: issue.line, message: `${issue.kind}: ${issue.message}` });
    }
    const penalty = [...totals.values()].reduce((a, b) => a + b, 0);
    const subScores: Record<string, number> = {};
    for (const [kind, value] of totals) subScores[kind] = round3(-value);
    return { grader: 'markdown', version: 1, score: round3(clamp01(1 - penalty)), subScores, findings };
  },
};
