import type { MarkdownRule } from '../rule.js';

/** An opening ``` never closed swallows everything after it into one code block. */
export const unclosedFence: MarkdownRule = {
  kind: 'unclosed_fence',
  check(doc) {
    const issues = [];
    for (const block of doc.code) {
      if (!block.fenced) continue;
      const start = block.node.position!.start.offset ?? 0;
      const open = /^(`{3,}|~{3,})/.exec(doc.source.text.slice(start, start + 64))?.[1];
      if (open === undefined) continue;
      // The closing fence may sit behind a blockquote's `>` or a list item's indent.
      const closing = new RegExp(`^[\\s>]*${open[0] === '`' ? '`' : '~'}{${open.length},}\\s*$`);
      const last = doc.source.lines[block.endLine - 1] ?? '';
      if (block.endLine > block.line && closing.test(last)) continue;
      const swallowed = block.value.split('\n').filter((l) => /^#{1,6}\s/.test(l)).length;
      issues.push({
        kind: 'unclosed_fence',
        line: block.line,
        message: `code fence opened at line ${block.line} is never closed; the rest of the answer (${block.endLine - block.line} lines${swallowed > 0 ? `, ${swallowed} headings` : ''}) renders as code`,
        severity: 'error' as const,
      });
    }
    return issues;
  },
};
