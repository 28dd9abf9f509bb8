import type { MarkdownRule } from '../rule.js';

/**
 * An opening ``` never closed swallows everything after it into one code block. So does one
 * whose closing fence is missing but a later block's closes it: a fence with an info string
 * (```sql) cannot close a block, so one inside a block of the same fence means that block ran
 * on into the next one (an answer opening with a stray ``` or ```markdown does this).
 */
export const unclosedFence: MarkdownRule = {
  kind: 'unclosed_fence',
  check(doc) {
    const issues = [];
    for (const block of doc.code) {
      if (!block.fenced) continue;
      const start = block.node.position!.start.offset ?? 0;
      const open = /^(`{3,}|~{3,})/.exec(doc.source.text.slice(start, start + 64))?.[1];
      if (open === undefined) continue;
      const char = open[0] === '`' ? '`' : '~';
      // The closing fence may sit behind a blockquote's `>` or a list item's indent.
      const closing = new RegExp(`^[\\s>]*${char}{${open.length},}\\s*$`);
      const last = doc.source.lines[block.endLine - 1] ?? '';
      const closed = block.endLine > block.line && closing.test(last);
      if (closed) {
        const opener = new RegExp(char === '`' ? `^ {0,3}\`{${open.length},}[ \\t]*[^\`\\s][^\`]*$` : `^ {0,3}~{${open.length},}[ \\t]*\\S`);
        const inner = block.value.split('\n').findIndex((l) => opener.test(l));
        if (inner < 0) continue;
        const innerLine = block.line + 1 + inner;
        issues.push({
          kind: 'unclosed_fence',
          line: block.line,
          message: `code fence opened at line ${block.line} is never closed: the fence at line ${innerLine} (${(doc.source.lines[innerLine - 1] ?? '').trim().slice(0, 20)}) is read as code inside it, and lines ${block.line}–${block.endLine} render as one code block`,
          severity: 'error' as const,
        });
        continue;
      }
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
