import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** Plain text of a node (inline code included, markup dropped). */
export function nodeText(node: Nodes): string {
  return toString(node, { includeImageAlt: false });
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

/**
 * Section, feature and aspect titles as models write them carry numbering (`3.1`, `3.1.A`, `5)`,
 * `A)`, `FR1 —`), emoji, arrows and bold. This reduces a title to lower-case words so it can be
 * recognised by meaning: "## **3\. Client → Server Flow** 🚀" -> "client -> server flow".
 */
export function normaliseTitle(title: string): string {
  return stripNumbering(
    title
      .normalize('NFKC')
      .replace(/[→⟶➡⇒]/gu, ' -> ')
      .replace(/[←⟵⬅⇐]/gu, ' <- ')
      .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, ' ')
      .replace(/[*_`~]/g, ' ')
      .replace(/[“”"]/g, ' ')
      .toLowerCase(),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** `3.1.A`, `3)`, `5.`, `A)`, `(b)`, `Step 2:`, `FR1 —`, `#3` at the start of a title. */
const NUMBERING =
  /^\s*(?:(?:step|part|section|fr|nfr|feature)\s*)?(?:#?\d+(?:\s*\.\s*(?:\d+|[a-z]\b))*\.?\)?|[a-z][.)]|\([a-z0-9]+\)|[ivx]+[.)])(?=\s|$|[—–|]|-\s|:\s)\s*(?:[—–:|-]\s*)?/i;

export function stripNumbering(title: string): string {
  let previous: string;
  let current = title.trim();
  do {
    previous = current;
    current = current.replace(NUMBERING, '').trim();
  } while (current !== previous && current.length > 0);
  return current.length > 0 ? current : title.trim();
}

/** Words that carry meaning when comparing feature names ("the", "and", "&" dropped). */
const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'with', 'via', 'by', 'p0', 'p1', 'p2', 'feature', 'flow', 'support', 'service', 'system', 'real', 'time', 'deep', 'dive', 'dives', 'handling', 'management']);

export function keyWords(name: string): string[] {
  return normaliseTitle(name)
    .replace(/[^\p{L}\p{N}:/ ]+/gu, ' ')
    .split(/[\s/]+/)
    .map((w) => w.replace(/^:+|:+$/g, ''))
    .filter((w) => w.length > 0 && !STOP.has(w))
    .map(stem)
    .filter((w) => !STOP.has(w));
}

/** A crude English stem so "messages"/"messaging"/"message" and "holds"/"hold" compare equal. */
function stem(word: string): string {
  if (word.length <= 3) return word;
  const stemmed = word.replace(/(?:ing|ions|ion|ies|ers|er|es|ed|e|(?<!s)s)$/u, '');
  return stemmed.length >= 3 ? stemmed : word;
}
