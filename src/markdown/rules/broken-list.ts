import type { MarkdownIssue, MarkdownRule } from '../rule.js';

/** Item numbers past 99 are rare; a wrapped line starting "2024. " is prose. */
const LOST_ORDERED = /^\s{0,3}\d{1,2}[.)]\s+\S/;
const NO_SPACE_BULLET = /^\s{0,3}[-+](?=[A-Za-z])/;
const UNICODE_BULLET = /^\s*[•▪◦‣·]\s/;
const LIST_MARKER = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\S/;

/**
 * List items that render as something else: an ordered item other than 1 cannot interrupt a
 * paragraph, `-item` needs a space, `•` is not a Markdown bullet, and items indented four spaces
 * after a blank line become an indented code block.
 */
export const brokenList: MarkdownRule = {
  kind: 'broken_list',
  check(doc) {
    const issues: MarkdownIssue[] = [];
    for (const { line: start, endLine: end } of doc.paragraphs) {
      for (let line = start; line <= end; line++) {
        const text = doc.source.lines[line - 1] ?? '';
        const lostOrdered = line > start && LOST_ORDERED.test(text);
        if (lostOrdered || NO_SPACE_BULLET.test(text) || UNICODE_BULLET.test(text)) {
          issues.push({ kind: 'broken_list', line, message: `"${text.trim().slice(0, 40)}" does not render as a list item (it is paragraph text)`, severity: 'warn' });
          break;
        }
      }
    }
    for (const block of doc.code) {
      if (block.fenced) continue;
      const lines = block.value.split('\n').filter((l) => l.trim().length > 0);
      if (lines.length > 0 && lines.filter((l) => LIST_MARKER.test(l)).length * 2 >= lines.length) {
        issues.push({ kind: 'broken_list', line: block.line, message: `list indented as code renders as a code block`, severity: 'warn' });
      }
    }
    return issues;
  },
};
