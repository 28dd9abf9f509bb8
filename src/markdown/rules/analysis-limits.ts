import type { MarkdownRule } from '../rule.js';

/**
 * An answer past the analysis bounds (src/analysis/limits.ts: megabytes of text, thousands of
 * nesting levels) is graded in part: the finding says which part, so a score is never silently
 * about less than the whole answer.
 */
export const analysisLimits: MarkdownRule = {
  kind: 'analysis_limits',
  check(doc) {
    return doc.limits.map((notice) => ({ kind: notice.kind, line: notice.line, message: notice.message, severity: 'warn' as const }));
  },
};
