import type { DocumentModel } from '../analysis/document.js';
import { remarkLint } from './lint.js';
import type { MarkdownIssue, MarkdownRule } from './rule.js';
import { analysisLimits } from './rules/analysis-limits.js';
import { brokenList } from './rules/broken-list.js';
import { escapedPipeTable } from './rules/escaped-pipe-table.js';
import { notText } from './rules/not-text.js';
import { placeholderLeft } from './rules/placeholder-left.js';
import { tableColumnMismatch } from './rules/table-column-mismatch.js';
import { truncated } from './rules/truncated.js';
import { unclosedFence } from './rules/unclosed-fence.js';

/** Every Markdown-validity rule; a new rule is one file and one line here. */
export const MARKDOWN_RULES: readonly MarkdownRule[] = [unclosedFence, tableColumnMismatch, escapedPipeTable, placeholderLeft, truncated, brokenList, remarkLint, notText, analysisLimits];

export function checkMarkdown(doc: DocumentModel): MarkdownIssue[] {
  return MARKDOWN_RULES.flatMap((rule) => rule.check(doc)).sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
}
