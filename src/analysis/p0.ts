import type { List, ListItem, Nodes, Paragraph, RootContent } from 'mdast';
import type { DocumentModel } from './document.js';
import { featureName } from './features.js';
import { countWords, nodeText } from './text.js';

export interface P0Feature {
  name: string;
  line: number;
}

/** A feature the requirements rank, with its rank (0 for P0, 1 for P1, …). */
export interface RankedFeature extends P0Feature {
  priority: number;
}

const PRIORITY = /\bP([0-3])\b/i;
const TAG = /(?:\(\s*`?P([0-3])`?[^)]*\)|\[\s*P([0-3])\s*\]|(?:^|\s)[—–-]\s*P([0-3])\b)/i;
const PREFIX = /^\s*\[?P([0-3])\]?\s*[:—–-]\s*/i;

/**
 * Ranked features as the requirements part states them, in the forms models use: a table with a
 * priority column, bullets under a `P0`/`P1` heading or label, `P0: a, b, c` inline, `(P0)` or
 * `` `P0` `` tags. `nodes` are the top-level blocks of the requirements part.
 */
export function extractPriorities(doc: DocumentModel, nodes: readonly RootContent[]): RankedFeature[] {
  const found: RankedFeature[] = [];
  const seen = new Set<string>();
  const add = (name: string, line: number, priority: number): void => {
    const clean = featureName(name).replace(/[.:;,]+$/, '').trim();
    if (clean.length === 0 || countWords(clean) > 12) return;
    // A set, not a scan of `found`: a 10,000-row priority table must not cost 10,000² compares.
    if (seen.has(clean.toLowerCase())) return;
    seen.add(clean.toLowerCase());
    found.push({ name: clean, line, priority });
  };

  let section: number | null = null;
  for (const node of nodes) {
    if (node.type === 'heading') {
      section = labelPriority(nodeText(node));
      continue;
    }
    if (node.type === 'table') {
      fromTable(doc, node.position!.start.line, add);
      continue;
    }
    if (node.type === 'paragraph') {
      const text = nodeText(node).trim();
      const label = labelPriority(text);
      if (label !== null) {
        section = label;
        continue;
      }
      const prefix = PREFIX.exec(text);
      if (prefix !== null) fromInline(text.replace(PREFIX, ''), node.position!.start.line, Number(prefix[1]), add);
      continue;
    }
    if (node.type === 'list') fromList(node, section, add);
  }
  return found;
}

export function p0Only(ranked: readonly RankedFeature[]): P0Feature[] {
  return ranked.filter((f) => f.priority === 0).map(({ name, line }) => ({ name, line }));
}

/**
 * "P0", "P0 (must have)", "Must have (P0)", "P1 Features": a title over a list, not a feature.
 * Returns its rank, or null when the text is not such a title.
 */
function labelPriority(text: string): number | null {
  const ranks = [...text.matchAll(/\bP([0-3])\b/gi)].map((m) => Number(m[1]));
  if (ranks.length === 0 || new Set(ranks).size > 1) return null;
  const rest = text
    .replace(/\bP[0-3]\b/gi, ' ')
    .replace(/[^\p{L}\s]/gu, ' ')
    .toLowerCase()
    .replace(/\b(?:features?|requirements?|must|should|could|nice|to|haves?|have|core|critical|important|launch|mvp|priority|tier|functional|capabilities|highest|high|medium|low|top|optional|later|future)\b/g, ' ');
  return rest.trim() === '' ? ranks[0]! : null;
}

function fromTable(doc: DocumentModel, line: number, add: (name: string, line: number, priority: number) => void): void {
  const table = doc.tables.find((t) => t.line === line);
  if (table === undefined) return;
  const column = table.header.findIndex((h) => /priority|prio\b|^p$|tier/i.test(h));
  const nameColumn = Math.max(0, table.header.findIndex((h) => /feature|requirement|capability|function|name|use case/i.test(h)));
  for (const [index, row] of table.rows.entries()) {
    const cell = column >= 0 ? row[column] : row.find((c) => /^\W*P[0-3]\W*$/i.test(c));
    const rank = PRIORITY.exec(cell ?? '');
    if (rank !== null) add(leadName(row[nameColumn] ?? ''), line + 2 + index, Number(rank[1]));
  }
}

function fromInline(text: string, line: number, priority: number, add: (name: string, line: number, priority: number) => void): void {
  const parts = text.split(/\s*[,;]\s*|\s+and\s+/).filter((p) => p.length > 0);
  if (parts.length >= 2 && parts.every((p) => countWords(p) <= 6)) for (const part of parts) add(part, line, priority);
  else add(leadName(text), line, priority);
}

function fromList(list: List, section: number | null, add: (name: string, line: number, priority: number) => void): void {
  for (const item of list.children) fromItem(item, section, add);
}

function fromItem(item: ListItem, section: number | null, add: (name: string, line: number, priority: number) => void): void {
  const head = item.children[0];
  const nested = item.children.filter((c): c is List => c.type === 'list');
  const line = item.position!.start.line;
  if (head === undefined || head.type !== 'paragraph') {
    for (const list of nested) fromList(list, section, add);
    return;
  }
  const text = nodeText(head).trim();
  const label = labelPriority(text);
  if (label !== null) {
    for (const list of nested) fromList(list, label, add);
    return;
  }
  const prefix = PREFIX.exec(text);
  if (prefix !== null) {
    fromInline(firstClause(strongLead(head) ?? text), line, Number(prefix[1]), add);
    return;
  }
  const tag = TAG.exec(text) ?? codeTag(head);
  if (tag !== null) {
    add(leadName(withoutTags(head)), line, Number(tag[1] ?? tag[2] ?? tag[3]));
    return;
  }
  if (section !== null) add(leadName(strongLead(head) ?? text), line, section);
  for (const list of nested) fromList(list, null, add);
}

/** A `` `P0` `` code span anywhere in the bullet: its text alone loses the backticks. */
function codeTag(paragraph: Paragraph): RegExpExecArray | null {
  for (const child of paragraph.children) {
    if (child.type === 'inlineCode') {
      const match = /^\s*\[?P([0-3])\]?\s*$/i.exec(child.value);
      if (match !== null) return match;
    }
  }
  return null;
}

/** The bullet's text without its priority tags, in code spans or not. */
function withoutTags(paragraph: Paragraph): string {
  return paragraph.children
    .filter((c) => !(c.type === 'inlineCode' && /^\s*\[?P[0-3]\]?\s*$/i.test(c.value)))
    .map((c) => nodeText(c as Nodes))
    .join('')
    .replace(TAG, ' ')
    .replace(/\(\s*\)/g, ' ')
    .trim();
}

/** The bold lead of a bullet (`**1:1 messaging**: …`), if the bullet has one. */
function strongLead(paragraph: Paragraph): string | undefined {
  const first = paragraph.children[0];
  if (first?.type !== 'strong') return undefined;
  const text = nodeText(first as Nodes).trim();
  return labelPriority(text) === null ? text : undefined;
}

function firstClause(text: string): string {
  const withoutPrefix = text.replace(PREFIX, '');
  const cut = /^(.+?)(?:\s*[—–]\s|:\s|\s+-\s|:$)/.exec(withoutPrefix);
  return (cut?.[1] ?? withoutPrefix).trim();
}

/** The name part of a bullet: up to the first colon, dash, parenthesis or sentence end. */
function leadName(text: string): string {
  const cut = /^(.+?)(?:\s*[—–(]|:\s|:$|\s+-\s|\.\s|\.$|$)/.exec(text.trim());
  return (cut?.[1] ?? text).trim();
}
