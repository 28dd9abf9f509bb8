import type { RootContent } from 'mdast';
import type { MarkdownRule } from '../rule.js';

const ENDS_SENTENCE = /[.!?:;)\]}"'`*_|>…»”’\p{Extended_Pictographic}\d%]\s*$/u;
const DANGLING_WORD = /(?:^|\s)(?:the|a|an|and|or|but|of|to|in|on|for|with|by|from|at|as|is|are|was|will|would|should|can|could|that|which|then|than|into|via|if|when|while|because|so|its|their|our|this|these|each)\s*$/i;
const OPEN_CODE = /[,({[=+\-*/&|]\s*$|^\s*(?:if|for|while|def|function|else)\b[^:{]*$/;

/** The innermost last block: a list's last item, a quote's last paragraph. */
function lastBlock(nodes: readonly RootContent[]): RootContent | undefined {
  const last = nodes.at(-1);
  if (last === undefined) return undefined;
  if (last.type === 'list' || last.type === 'listItem' || last.type === 'blockquote') return lastBlock(last.children) ?? last;
  return last;
}

/**
 * The answer stops mid-sentence or mid-code (a length cut-off): the last prose line ends on a
 * dangling word or comma, or a long paragraph ends without any closing punctuation, or an
 * unclosed code block ends on an open expression.
 */
export const truncated: MarkdownRule = {
  kind: 'truncated',
  check(doc) {
    const line = doc.source.lastContentLine;
    const block = lastBlock(doc.tree.children);
    if (line === 0 || block === undefined) return [];
    const text = (doc.source.lines[line - 1] ?? '').trimEnd();
    let cut = false;
    if (block.type === 'paragraph') {
      const words = text.split(/\s+/).length;
      const inList = /^\s*(?:[-*+]|\d+[.)])\s/.test(text) || /^\s{2,}/.test(text);
      cut = !ENDS_SENTENCE.test(text) && (DANGLING_WORD.test(text) || /,\s*$/.test(text) || (!inList && words >= 6 && /\p{Ll}$/u.test(text)));
    } else if (block.type === 'code') {
      const fenceClosed = /^\s*(`{3,}|~{3,})\s*$/.test(text);
      cut = !fenceClosed && OPEN_CODE.test(text);
    }
    if (!cut) return [];
    return [{ kind: 'truncated', line, message: `answer ends mid-${block.type === 'code' ? 'code' : 'sentence'} at line ${line}: "${text.trim().slice(-60)}"`, severity: 'error' as const }];
  },
};
