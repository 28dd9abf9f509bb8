import type { MarkdownIssue, MarkdownRule } from '../rule.js';

const TEMPLATE_PLACEHOLDER = /\[\s*(?:SYSTEM_NAME|PROBLEM_STATEMENT|MESSAGING_SYSTEM)[^\]\n]*\]|<\s*(?:SYSTEM_NAME|MESSAGING_SYSTEM)\s*>/;
const TEMPLATE_VARIABLE = /\{\{\s*(?:system|messaging_system|system_name)\s*\}\}/i;

/** The template's own placeholders copied into the answer instead of being filled in. */
export const placeholderLeft: MarkdownRule = {
  kind: 'placeholder_left',
  check(doc) {
    const issues: MarkdownIssue[] = [];
    // `{{system}}` in code may be the answer's own templating; `[SYSTEM_NAME]` never is.
    const inCode = new Set(doc.code.flatMap((c) => Array.from({ length: c.endLine - c.line + 1 }, (_, i) => c.line + i)));
    for (const [index, text] of doc.source.lines.entries()) {
      const prose = inCode.has(index + 1) ? '' : text.replace(/`[^`]*`/g, '');
      const match = TEMPLATE_PLACEHOLDER.exec(text) ?? TEMPLATE_VARIABLE.exec(prose);
      if (match === null) continue;
      issues.push({ kind: 'placeholder_left', line: index + 1, message: `template placeholder ${match[0]} left unfilled`, severity: 'error' });
    }
    return issues;
  },
};
