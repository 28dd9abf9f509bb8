import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';
import remarkLintHeadingIncrement from 'remark-lint-heading-increment';
import remarkLintNoEmptyUrl from 'remark-lint-no-empty-url';
import type { Root } from 'mdast';
import type { DocumentModel } from '../analysis/document.js';
import type { MarkdownIssue, MarkdownRule } from './rule.js';

/**
 * remark-lint rules, run on the tree we already parsed (no second parser). Each rule walks the
 * whole tree, so only rules that catch real rendering defects are on. A rule whose finding
 * is one of our kinds is renamed to it: heading-increment is our heading_skip.
 */
const LINT_RULES: ReadonlyArray<{ plugin: Plugin<[], Root>; ruleId: string; kind: string; severity: 'error' | 'warn' }> = [
  { plugin: remarkLintHeadingIncrement as Plugin<[], Root>, ruleId: 'heading-increment', kind: 'heading_skip', severity: 'warn' },
  { plugin: remarkLintNoEmptyUrl as Plugin<[], Root>, ruleId: 'no-empty-url', kind: 'no-empty-url', severity: 'warn' },
];

const processor = unified()
  .use(remarkLintHeadingIncrement as Plugin<[], Root>)
  .use(remarkLintNoEmptyUrl as Plugin<[], Root>);

/**
 * heading-increment flags every heading below a skipped level; the defect is the one jump, so
 * only the heading that jumps from its predecessor is kept.
 */
function jumpsHere(doc: DocumentModel, line: number): boolean {
  const index = doc.headings.findIndex((h) => h.line === line);
  if (index <= 0) return index === 0;
  return doc.headings[index]!.depth > doc.headings[index - 1]!.depth + 1;
}

export const remarkLint: MarkdownRule = {
  kind: 'remark-lint',
  check(doc: DocumentModel): MarkdownIssue[] {
    const file = new VFile({ value: doc.source.text });
    // The rules only look at headings and links: hand them those nodes (positions intact) in a
    // root of their own, so linting costs a walk over dozens of nodes, not the whole tree.
    const view: Root = { type: 'root', children: doc.lintNodes, position: doc.tree.position };
    processor.runSync(view, file);
    const issues: MarkdownIssue[] = [];
    for (const message of file.messages) {
      const rule = LINT_RULES.find((r) => r.ruleId === message.ruleId);
      if (message.ruleId === 'heading-increment' && !jumpsHere(doc, message.line ?? 0)) continue;
      issues.push({
        kind: rule?.kind ?? `${message.source ?? 'remark-lint'}:${message.ruleId ?? 'unknown'}`,
        line: message.line ?? 1,
        message: message.reason.replace('exected', 'expected'),
        severity: rule?.severity ?? 'warn',
      });
    }
    return issues;
  },
};
