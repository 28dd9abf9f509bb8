import type { Nodes, Parents, Root } from 'mdast';

/**
 * What one answer may cost the parser. micromark's time and memory grow with the input and
 * faster with some constructs: every line re-enters every open `>` and list item, each nested
 * list closed by the next outer item re-splices all events so far (10,000 lines of `- a` /
 * `  - b` take 8 s), nested emphasis and images resolve in quadratic time (4,000 `*`, `x`,
 * 4,000 `*`: 0.6 s; `![` x 4,000: 12 s) and each table cell costs ~30 µs and ~7 KB. Past these bounds
 * an answer is graded in part, with a notice saying which part, instead of taking minutes and
 * gigabytes. Each bound is far past any real answer: the longest recorded one has 51 KB in 811
 * lines, at most 3 levels of nesting on a line and 126 in all, 55 emphasis delimiters in one
 * paragraph and 269 `|` in all.
 */
export interface Limits {
  /** Characters (UTF-16 units) graded: past a 64k-token answer. */
  readonly maxChars: number;
  /** Lines graded: 6x the longest answer. */
  readonly maxLines: number;
  /** Container levels (`>`, list markers, four columns of indent before one) one line may open. */
  readonly maxLineNesting: number;
  /** Container levels over all lines: what the parser re-enters line after line. */
  readonly maxTotalNesting: number;
  /** Emphasis and image delimiters (`*`, `_` not inside a word, `![` as four) in one block of non-blank lines. */
  readonly maxBlockDelimiters: number;
  /** The same over all lines. */
  readonly maxDelimiters: number;
  /** `|` over all lines: an upper bound on table cells. */
  readonly maxPipes: number;
  /** Tree depth below which content is kept as plain text (emphasis and links nest too). */
  readonly maxTreeDepth: number;
}

export const LIMITS: Limits = {
  maxChars: 500_000,
  maxLines: 5_000,
  maxLineNesting: 16,
  maxTotalNesting: 2_500,
  maxBlockDelimiters: 1_000,
  maxDelimiters: 20_000,
  maxPipes: 20_000,
  maxTreeDepth: 256,
};

export type LimitKind = 'too_long' | 'too_deep' | 'too_complex';

/** A bound the answer hit: what was graded in part, and from which line. */
export interface LimitNotice {
  kind: LimitKind;
  line: number;
  message: string;
}

export interface BoundedText {
  /** The part that is graded: a prefix of whole lines, deep line prefixes flattened. */
  text: string;
  notices: LimitNotice[];
}

const LINE_BREAK = /\r\n|\r|\n/g;
const IMAGE_WEIGHT = 4;
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The answer within LIMITS: the lines before the first one past a bound (the line past the size
 * bound graded up to it), and lines that open more than maxLineNesting containers cut down to
 * that many. Linear in the text.
 */
export function boundText(text: string, limits: Limits = LIMITS): BoundedText {
  const notices: LimitNotice[] = [];
  const out: string[] = [];
  let chars = 0;
  let nesting = 0;
  let delimiters = 0;
  let blockDelimiters = 0;
  let blockStart = 1;
  let pipes = 0;
  let flattened = 0;
  let firstFlattened = 0;
  let start = 0;
  let line = 0;
  const stop = (kind: LimitKind, why: string): void => {
    notices.push({ kind, line: Math.max(1, line - 1), message: `${why}: ${line === 1 ? 'nothing was graded' : `only lines 1–${count(line - 1)} were graded`}` });
  };
  LINE_BREAK.lastIndex = 0;
  while (start <= text.length) {
    const match = LINE_BREAK.exec(text);
    const end = match === null ? text.length : match.index;
    const next = match === null ? text.length + 1 : match.index + match[0].length;
    line++;
    if (line > limits.maxLines) {
      stop('too_long', `answer is ${sizeOf(text)}`);
      break;
    }
    const room = limits.maxChars - chars;
    const tooLong = end - start > room;
    const bounded = boundLine(text.slice(start, tooLong ? start + Math.max(0, room) : end), limits.maxLineNesting);
    const cost = inlineCost(bounded.line);
    if (cost.blank) {
      blockDelimiters = 0;
      blockStart = line + 1;
    }
    if (nesting + bounded.levels > limits.maxTotalNesting) {
      stop('too_deep', `more than ${count(limits.maxTotalNesting)} levels of \`>\` and list nesting in all`);
      break;
    }
    if (blockDelimiters + cost.delimiters > limits.maxBlockDelimiters) {
      stop('too_complex', `more than ${count(limits.maxBlockDelimiters)} emphasis and image delimiters (\`*\`, \`_\`, \`![\`) in the block at line ${blockStart}`);
      break;
    }
    if (delimiters + cost.delimiters > limits.maxDelimiters) {
      stop('too_complex', `more than ${count(limits.maxDelimiters)} emphasis and image delimiters (\`*\`, \`_\`, \`![\`) in all`);
      break;
    }
    if (pipes + cost.pipes > limits.maxPipes) {
      stop('too_complex', `more than ${count(limits.maxPipes)} table cells (\`|\`) in all`);
      break;
    }
    nesting += bounded.levels;
    blockDelimiters += cost.delimiters;
    delimiters += cost.delimiters;
    pipes += cost.pipes;
    if (bounded.flattened) {
      flattened++;
      if (firstFlattened === 0) firstFlattened = line;
    }
    out.push(bounded.line);
    if (tooLong) {
      notices.push({ kind: 'too_long', line, message: `answer is ${sizeOf(text)}: only its first ${count(limits.maxChars)} characters (to line ${count(line)}) were graded` });
      break;
    }
    chars += next - start;
    start = next;
  }
  if (flattened > 0) {
    notices.push({
      kind: 'too_deep',
      line: firstFlattened,
      message: `${count(flattened)} line${flattened === 1 ? '' : 's'} nested deeper than ${limits.maxLineNesting} levels of \`>\` or lists (first at line ${count(firstFlattened)}): graded up to depth ${limits.maxLineNesting}`,
    });
  }
  // Lines are rejoined with \n: line numbers are all the graders keep of the text's layout.
  return { text: notices.length === 0 ? text : out.join('\n'), notices };
}

function sizeOf(text: string): string {
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  const size = text.length >= 1_000_000 ? `${(text.length / 1_000_000).toFixed(1)} M` : `${count(Math.round(text.length / 1000))} k`;
  return `${size} characters, ${count(lines)} lines`;
}

const isWordCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;

/** Emphasis and image delimiters and pipes on one line, and whether it is blank. */
function inlineCost(line: string): { delimiters: number; pipes: number; blank: boolean } {
  let delimiters = 0;
  let pipes = 0;
  let blank = true;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) blank = false;
    if (c === 42) delimiters++;
    // snake_case cannot open or close emphasis.
    else if (c === 95 && !(isWordCode(line.charCodeAt(i - 1)) && isWordCode(line.charCodeAt(i + 1)))) delimiters++;
    else if (c === 33 && line.charCodeAt(i + 1) === 91) delimiters += IMAGE_WEIGHT;
    else if (c === 124) pipes++;
  }
  return { delimiters, pipes, blank };
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * Length of the container marker at `at` (`>`, `-`/`+`/`*` or `1.`/`1)` followed by a space,
 * a tab or the end of the line), 0 when there is none.
 */
function markerAt(line: string, at: number): number {
  const c = line[at];
  if (c === '>') return 1;
  if (c === '-' || c === '+' || c === '*') return at + 1 === line.length || isSpace(line[at + 1]) ? 1 : 0;
  let end = at;
  while (end - at < 9 && isDigit(line[end])) end++;
  if (end === at || (line[end] !== '.' && line[end] !== ')')) return 0;
  return end + 1 === line.length || isSpace(line[end + 1]) ? end + 1 - at : 0;
}

/**
 * The container levels a line's prefix opens (each marker one, each four columns of indent
 * before a marker one more: two-space list indents count half, so deep YAML or a diagram in a
 * code block is not cut), and the line with its prefix cut after maxLevels of them: the deeper
 * markers are dropped and the content kept.
 */
export function boundLine(line: string, maxLevels: number): { line: string; levels: number; flattened: boolean } {
  let at = 0;
  let levels = 0;
  let cut = -1;
  while (at < line.length) {
    let marker = at;
    let columns = 0;
    while (isSpace(line[marker])) columns += line[marker++] === '\t' ? 4 : 1;
    const length = markerAt(line, marker);
    if (length === 0) break;
    const cost = 1 + Math.floor(columns / 4);
    if (cut < 0 && levels + cost > maxLevels) cut = at;
    if (cut < 0) levels += cost;
    at = marker + length;
  }
  if (cut < 0) return { line, levels, flattened: false };
  const content = line.slice(at).trimStart();
  return { line: content.length > 0 ? `${line.slice(0, cut)} ${content}` : line.slice(0, cut), levels, flattened: true };
}

/** Children of these hold phrasing content: a text node may replace them. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);
/** Children of these must be rows and cells: they are descended into, never cut. */
const TABLE_PARTS = new Set(['table', 'tableRow']);

/**
 * Cut the tree below maxTreeDepth (in place): each node at that depth keeps its text as one
 * plain-text child, so every recursive walk after this one (ours, mdast-util-to-string,
 * unist-util-visit in remark-lint, mdast-util-to-hast) stays far from the stack limit.
 */
export function boundTree(tree: Root, maxDepth: number = LIMITS.maxTreeDepth): LimitNotice[] {
  let cut = 0;
  let firstLine = 0;
  const stack: Array<{ node: Parents; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth >= maxDepth && !TABLE_PARTS.has(node.type) && node.children.length > 0) {
      const line = node.position?.start.line ?? 0;
      flatten(node);
      cut++;
      if (firstLine === 0 || (line > 0 && line < firstLine)) firstLine = line;
      continue;
    }
    for (const child of node.children) if ('children' in child) stack.push({ node: child, depth: depth + 1 });
  }
  if (cut === 0) return [];
  const line = Math.max(1, firstLine);
  return [{ kind: 'too_deep', line, message: `Markdown nested deeper than ${maxDepth} levels (first at line ${line}): content below that depth graded as plain text` }];
}

/** Replace a node's children with its text, as one text node (or a paragraph of it in a block). */
function flatten(node: Parents): void {
  const value = textOf(node);
  const position = node.position;
  const text = { type: 'text' as const, value, ...(position ? { position } : {}) };
  if (PHRASING_PARENTS.has(node.type)) node.children = [text] as Parents['children'];
  else {
    const paragraph = { type: 'paragraph' as const, children: [text], ...(position ? { position } : {}) };
    node.children = (node.type === 'list' ? [{ type: 'listItem', spread: false, children: [paragraph], ...(position ? { position } : {}) }] : [paragraph]) as Parents['children'];
  }
}

/** mdast-util-to-string's text (image alts left out, as nodeText does), without recursion. */
function textOf(node: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if ('value' in current && typeof current.value === 'string') parts.push(current.value);
    else if ('children' in current) for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i]!);
  }
  return parts.join('');
}
