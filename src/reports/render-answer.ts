import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { parseMarkdown } from '../analysis/parse.js';

/**
 * A model's answer as HTML that can run nothing and load nothing: raw HTML in the Markdown is
 * dropped (not passed through), then the tree is sanitized with GitHub's schema (no event
 * handlers, no `javascript:` URLs), and images are removed so no resource is fetched.
 */
export function renderAnswer(markdown: string): string {
  const hast = toHast(parseMarkdown(markdown));
  const clean = sanitize(hast, {
    strip: ['script', 'style'],
    tagNames: ['a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'li', 'ol', 'p', 'pre', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'],
    attributes: { a: ['href', 'title'], code: ['className'], '*': [] },
    protocols: { href: ['http', 'https', 'mailto'] },
  });
  return toHtml(clean);
}
