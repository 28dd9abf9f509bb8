import type { MarkdownIssue, MarkdownRule } from '../rule.js';

const ESCAPED_ROW = /^\s*\\\|/;

/** `\| Feature | … |` (as in the template's own 3.9 line) renders as text, not as a table. */
export const escapedPipeTable: MarkdownRule = {
  kind: 'escaped_pipe_table',
  check(doc) {
    const issues: MarkdownIssue[] = [];
    for (const { line: start, endLine: end } of doc.paragraphs) {
      for (let line = start; line <= end; line++) {
        const text = doc.source.lines[line - 1] ?? '';
        const escaped = (text.match(/\\\|/g) ?? []).length;
        const pipes = (text.match(/\|/g) ?? []).length;
        if (ESCAPED_ROW.test(text) || (escaped >= 2 && pipes >= 3)) {
          issues.push({ kind: 'escaped_pipe_table', line, message: `table written with escaped pipes (\\|) renders as a paragraph, not a table`, severity: 'error' });
          break;
        }
      }
    }
    return issues;
  },
};
