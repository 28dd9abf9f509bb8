import type { Code, ListItem, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import type { LimitNotice } from './limits.js';
import type { SourceText } from './source.js';
import { countWords, nodeText } from './text.js';

export interface Heading {
  depth: number;
  text: string;
  line: number;
  /** setext (underlined) headings are tolerated like ATX ones; kept for the linter rules. */
  setext: boolean;
}

/** A bold lead-in used as a heading: `**Storage:** …` as a paragraph or as a list item's start. */
export interface Label {
  text: string;
  line: number;
  inList: boolean;
}

export interface CodeBlock {
  lang: string;
  value: string;
  line: number;
  endLine: number;
  fenced: boolean;
  node: Code;
}

export interface TableBlock {
  line: number;
  endLine: number;
  header: string[];
  rows: string[][];
  node: Table;
}

/**
 * Everything later stages read, gathered in one walk over the tree: headings, labels, code,
 * tables and words per line. Word counts exclude headings, labels and code, so a part's words
 * are the prose written for it.
 */
export interface DocumentModel {
  source: SourceText;
  tree: Root;
  headings: Heading[];
  labels: Label[];
  code: CodeBlock[];
  tables: TableBlock[];
  /**
   * Headings, links, images and definitions in document order: all that the remark-lint rules we
   * run look at, so they can walk this instead of the whole tree.
   */
  lintNodes: RootContent[];
  /** Every paragraph's line span, for rules that read its raw lines. */
  paragraphs: Array<{ line: number; endLine: number }>;
  /** wordsBefore[n] = prose words on lines 1..n (prefix sums, index 0 = 0). */
  wordsBefore: Int32Array;
  /** Prefix sums of specifics: inline code spans and measured quantities, the marks of a concrete part. */
  specificsBefore: Int32Array;
  /** Bounds the answer hit (limits.ts): the parts of it that were not graded, or graded flat. */
  limits: LimitNotice[];
}

export function specificsBetween(doc: DocumentModel, fromLine: number, toLine: number): number {
  const last = Math.min(toLine, doc.specificsBefore.length - 1);
  if (last < fromLine) return 0;
  return doc.specificsBefore[last]! - doc.specificsBefore[fromLine - 1]!;
}

export function wordsBetween(doc: DocumentModel, fromLine: number, toLine: number): number {
  const last = Math.min(toLine, doc.wordsBefore.length - 1);
  if (last < fromLine) return 0;
  return doc.wordsBefore[last]! - doc.wordsBefore[fromLine - 1]!;
}

const LABEL_MAX_WORDS = 12;
/** A quantity with its unit (`60 s`, `10k/s`, `99.9%`, `5 MB`): section numbers and years are not. */
const MEASURE = /(?<![\p{L}_.\d])\d[\d.,]*\s?(?:ms|s|sec|seconds?|min|minutes?|h|hours?|days?|k|m|b|kb|mb|gb|tb|pb|%|x|qps|rps|tps|\/s|\/sec|req\/s)(?![\p{L}\d])/giu;
/** A row of numbers is a table's job; one line adds at most this many specifics. */
const MAX_SPECIFICS_PER_LINE = 3;

export function buildDocument(tree: Root, source: SourceText, limits: LimitNotice[] = []): DocumentModel {
  const perLine = new Int32Array(source.lines.length + 2);
  const specificsPerLine = new Int32Array(source.lines.length + 2);
  const headings: Heading[] = [];
  const labels: Label[] = [];
  const code: CodeBlock[] = [];
  const tables: TableBlock[] = [];
  const paragraphs: Array<{ line: number; endLine: number }> = [];
  const lintNodes: RootContent[] = [];

  const addWords = (node: Nodes): void => {
    const line = node.position?.start.line;
    if (line === undefined) return;
    if (node.type === 'text' || node.type === 'inlineCode') {
      perLine[line] = (perLine[line] ?? 0) + countWords(node.value);
      const specifics = node.type === 'inlineCode' ? 1 : (node.value.match(MEASURE) ?? []).length;
      specificsPerLine[line] = Math.min(MAX_SPECIFICS_PER_LINE, (specificsPerLine[line] ?? 0) + specifics);
      return;
    }
    if (node.type === 'link' || node.type === 'image') lintNodes.push(node);
    if ('children' in node) for (const child of node.children) addWords(child);
  };

  const visitParagraph = (paragraph: Paragraph, inList: boolean): void => {
    paragraphs.push({ line: paragraph.position!.start.line, endLine: paragraph.position!.end.line });
    const label = labelOf(paragraph);
    if (label === undefined) {
      addWords(paragraph);
      return;
    }
    labels.push({ text: label, line: paragraph.position!.start.line, inList });
    for (const child of paragraph.children.slice(1)) addWords(child);
  };

  const visit = (node: Nodes, inList: boolean): void => {
    switch (node.type) {
      case 'heading': {
        lintNodes.push(node);
        const start = node.position!.start;
        const end = node.position!.end;
        headings.push({ depth: node.depth, text: nodeText(node), line: start.line, setext: end.line > start.line || !/^\s{0,3}#/.test(source.lines[start.line - 1] ?? '') });
        return;
      }
      case 'paragraph':
        visitParagraph(node, inList);
        return;
      case 'code':
        code.push({
          lang: (node.lang ?? '').toLowerCase(),
          value: node.value,
          line: node.position!.start.line,
          endLine: node.position!.end.line,
          // From where the node starts, not the line: fences open after `> ` or `- ` too.
          fenced: /^(?:`{3,}|~{3,})/.test(source.text.slice(node.position!.start.offset ?? 0, (node.position!.start.offset ?? 0) + 3)),
          node,
        });
        return;
      case 'table': {
        const cells = node.children.map((row) => row.children.map((cell) => nodeText(cell).trim()));
        tables.push({ line: node.position!.start.line, endLine: node.position!.end.line, header: cells[0] ?? [], rows: cells.slice(1), node });
        addWords(node);
        return;
      }
      case 'listItem':
        visitListItem(node);
        return;
      case 'html':
        return;
      case 'definition':
        lintNodes.push(node);
        return;
      default:
        if ('children' in node) for (const child of node.children) visit(child, inList);
        else addWords(node);
    }
  };

  const visitListItem = (item: ListItem): void => {
    for (const child of item.children) {
      if (child.type === 'paragraph') visitParagraph(child, true);
      else visit(child, true);
    }
  };

  for (const child of tree.children) visit(child, false);

  const wordsBefore = new Int32Array(source.lines.length + 1);
  const specificsBefore = new Int32Array(source.lines.length + 1);
  for (let i = 1; i <= source.lines.length; i++) {
    wordsBefore[i] = wordsBefore[i - 1]! + (perLine[i] ?? 0);
    specificsBefore[i] = specificsBefore[i - 1]! + (specificsPerLine[i] ?? 0);
  }
  return { source, tree, headings, labels, code, tables, lintNodes, paragraphs, wordsBefore, specificsBefore, limits };
}

/**
 * `**Client → Server:** text`, `**Storage**` alone, `**Edge cases**: text`: a paragraph that
 * opens with strong text short enough to be a title. Bold mid-sentence emphasis is not a label.
 */
function labelOf(paragraph: Paragraph): string | undefined {
  const first = paragraph.children[0];
  if (first === undefined || first.type !== 'strong') return undefined;
  const text = nodeText(first).trim();
  const words = countWords(text);
  if (words === 0 || words > LABEL_MAX_WORDS) return undefined;
  const second = paragraph.children[1];
  const alone = second === undefined;
  const followedByColon = second !== undefined && second.type === 'text' && /^\s*[:：—–-]/.test(second.value);
  const endsWithColon = /[:：]\s*$/.test(text);
  const newlineAfter = second !== undefined && second.type === 'text' && /^\s*\n/.test(second.value);
  if (!(alone || followedByColon || endsWithColon || newlineAfter)) return undefined;
  return text.replace(/[:：]\s*$/, '').trim();
}
