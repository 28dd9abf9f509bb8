import Table from 'cli-table3';
import type { GradeFailure } from '../grade/grade-files.js';
import type { GradeResult } from '../grade/schema.js';

const fixed = (n: number): string => n.toFixed(2);
const SEVERITY_RANK = { error: 0, warn: 1, info: 2 } as const;

/** The readable report: one row per answer, then each answer's findings with line numbers. */
export function formatGrades(results: readonly GradeResult[], failures: readonly GradeFailure[], maxFindings: number): string {
  const table = new Table({
    head: ['answer', 'overall', 'depth', 'artifacts', 'markdown', 'rubric', 'layout', 'P0 dives', 'md issues'],
    style: { head: [], border: [], compact: true },
  });
  for (const r of results) {
    const p0Dives = r.outline.deepDives.filter((d) => d.p0).length;
    table.push([r.file, fixed(r.scores.overall), fixed(r.scores.depth), fixed(r.scores.artifacts), fixed(r.scores.markdown), r.rubric?.score == null ? '—' : fixed(r.rubric.score), r.outline.layout, `${p0Dives}/${r.outline.p0Features.length}`, String(r.markdown.issues.length)]);
  }
  const lines = [table.toString()];
  for (const r of results) {
    // Errors first: the table view shows the worst of each answer; --json keeps document order.
    const shown = r.findings
      .filter((f) => f.severity !== 'info')
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.line ?? 0) - (b.line ?? 0))
      .slice(0, maxFindings);
    if (shown.length === 0) continue;
    lines.push('', `${r.file}`);
    for (const f of shown) lines.push(`  ${f.line === null ? '     ' : `L${String(f.line).padEnd(4)}`} ${f.severity.padEnd(5)} ${f.grader.padEnd(9)} ${f.message}`);
    const hidden = r.findings.filter((f) => f.severity !== 'info').length - shown.length;
    if (hidden > 0) lines.push(`  … ${hidden} more (--findings N to show more, --json for all)`);
  }
  for (const f of failures) lines.push('', `${f.file}: could not be graded: ${f.error}`);
  return lines.join('\n');
}
