import type { DocumentModel } from '../analysis/document.js';

export interface MarkdownIssue {
  /** One of our rule kinds, or a remark-lint rule name. */
  kind: string;
  line: number;
  message: string;
  severity: 'error' | 'warn';
}

/** One check over the already-parsed document, in remark-lint's one-rule-per-module style. */
export interface MarkdownRule {
  kind: string;
  check(doc: DocumentModel): MarkdownIssue[];
}
