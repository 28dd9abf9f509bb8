import type { MarkdownIssue, MarkdownRule } from '../rule.js';

/**
 * U+FFFD is what reading invalid UTF-8 as UTF-8 leaves (the CLI reads answers that way), and
 * control characters have no place in Markdown: either means the answer is not clean text,
 * from a lossy decode at best, binary data at worst.
 */
const NOT_TEXT = /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Past this share of the characters the answer is binary data, not text with a few bad bytes. */
const BINARY_SHARE = 0.01;

export const notText: MarkdownRule = {
  kind: 'not_text',
  check(doc) {
    let replaced = 0;
    let controls = 0;
    let first = 0;
    for (const [index, text] of doc.source.lines.entries()) {
      for (const match of text.matchAll(NOT_TEXT)) {
        if (match[0] === '\uFFFD') replaced++;
        else controls++;
        if (first === 0) first = index + 1;
      }
    }
    if (first === 0) return [];
    const binary = replaced + controls >= Math.max(10, BINARY_SHARE * doc.source.text.length);
    const what = [replaced > 0 ? `${replaced} invalid UTF-8 sequence${replaced === 1 ? '' : 's'} (U+FFFD)` : '', controls > 0 ? `${controls} control character${controls === 1 ? '' : 's'}` : '']
      .filter((s) => s.length > 0)
      .join(' and ');
    const issue: MarkdownIssue = {
      kind: 'not_text',
      line: first,
      message: `${what}, first at line ${first}: ${binary ? 'the answer is binary data, not text' : 'the answer is not clean text'}`,
      severity: binary ? 'error' : 'warn',
    };
    return [issue];
  },
};
