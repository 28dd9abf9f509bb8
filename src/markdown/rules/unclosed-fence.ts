import type { MarkdownRule } from '../rule.js';

/** An opening ``` never closed swallows everything after it into one code block. */
export const unclosedFence: MarkdownRule = {
  kind: 'unclosed_fence',
  check(doc) {
    const issues = [];
    for (const block of doc.code) {
      if (!block.fenced) continue;
      const open = /^\s*(`{3,}|~{3,})/.exec(doc.source.lines[block.line - 1] ?? '')?.[1];
      if (open === undefined) continue;
      const closing = new RegExp(`^\\s*${open[0] === '`' ? '`' : '~'}{${open.length},}\\s*$`);
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
