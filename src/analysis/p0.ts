import type { List, ListItem, Nodes, Paragraph, RootContent } from 'mdast';
import type { DocumentModel } from './document.js';
import { featureName } from './features.js';
import { countWords, nodeText } from './text.js';

export interface P0Feature {
  name: string;
  line: number;
}

const P0_ONLY = /\bP0\b/i;
const OTHER_PRIORITY = /\bP[1-3]\b/i;
const P0_TAG = /(?:\(\s*`?P0`?[^)]*\)|\[\s*P0\s*\]|`P0`|(?:^|\s)[—–-]\s*P0\b)/i;
const P0_PREFIX = /^\s*\[?P0\]?\s*[:—–-]\s*/i;

/**
 * P0 features as the requirements part states them, in the forms models use: a table with a
 * priority column, bullets under a P0 heading or label, `P0: a, b, c` inline, or `(P0)` tags.
 * `nodes` are the top-level blocks of the requirements part.
 */
export function extractP0(doc: DocumentModel, nodes: readonly RootContent[]): P0Feature[] {
  const found: P0Feature[] = [];
  const add = (name: string, line: number): void => {
    const clean = featureName(name).replace(/[.:;,]+$/, '').trim();
    if (clean.length === 0 || countWords(clean) > 12) return;
    if (found.some((f) => f.name.toLowerCase() === clean.toLowerCase())) return;
    found.push({ name: clean, line });
  };

  let underP0Label = false;
  for (const node of nodes) {
    if (node.type === 'heading') {
      underP0Label = isP0Label(nodeText(node));
      continue;
    }
    if (node.type === 'table') {
      fromTable(doc, node.position!.start.line, add);
      continue;
    }
    if (node.type === 'paragraph') {
      const text = nodeText(node).trim();
      if (isP0Label(text) && countWords(text) <= 6) {
        underP0Label = true;
        continue;
      }
      if (P0_PREFIX.test(text)) fromInline(text.replace(P0_PREFIX, ''), node.position!.start.line, add);
      else if (/^\s*\*{0,2}\s*P[1-3]\b/i.test(text)) underP0Label = false;
      continue;
    }
    if (node.type === 'list') fromList(node, underP0Label, add);
  }
  return found;
}

/** "P0", "P0 (must have)", "Must have (P0)", "P0 Features": a heading over a list, not a feature. */
function isP0Label(text: string): boolean {
  if (!P0_ONLY.test(text) || OTHER_PRIORITY.test(text)) return false;
  const rest = text
    .replace(/\bP0\b/gi, ' ')
    .replace(/[^\p{L}\s]/gu, ' ')
    .toLowerCase()
    .replace(/\b(?:features?|requirements?|must|haves?|have|core|critical|launch|mvp|priority|tier|functional|capabilities|highest|top)\b/g, ' ');
  return rest.trim() === '';
}

function fromTable(doc: DocumentModel, line: number, add: (name: string, line: number) => void): void {
  const table = doc.tables.find((t) => t.line === line);
  if (table === undefined) return;
  const priority = table.header.findIndex((h) => /priority|prio\b|^p$|tier/i.test(h));
  const nameColumn = Math.max(0, table.header.findIndex((h) => /feature|requirement|capability|function|name|use case/i.test(h)));
  for (const [index, row] of table.rows.entries()) {
    const p0 = priority >= 0 ? P0_ONLY.test(row[priority] ?? '') : row.some((cell) => /^\W*P0\W*$/i.test(cell));
    if (p0) add(row[nameColumn] ?? '', line + 2 + index);
  }
}

function fromInline(text: string, line: number, add: (name: string, line: number) => void): void {
  const parts = text.split(/\s*[,;]\s*|\s+and\s+/).filter((p) => p.length > 0);
  if (parts.length >= 2 && parts.every((p) => countWords(p) <= 6)) for (const part of parts) add(part, line);
  else add(leadName(text), line);
}

function fromList(list: List, underP0Label: boolean, add: (name: string, line: number) => void): void {
  for (const item of list.children) fromItem(item, underP0Label, add);
}

function fromItem(item: ListItem, underP0Label: boolean, add: (name: string, line: number) => void): void {
  const head = item.children[0];
  const nested = item.children.filter((c): c is List => c.type === 'list');
  const line = item.position!.start.line;
  if (head === undefined || head.type !== 'paragraph') {
    for (const list of nested) fromList(list, underP0Label, add);
    return;
  }
  const text = nodeText(head).trim();
  if (isP0Label(text) && countWords(text) <= 6) {
    for (const list of nested) fromList(list, true, add);
    return;
  }
  if (P0_PREFIX.test(text) || /^\*{0,2}\s*P0\s*:/i.test(text)) {
    fromInline(firstClause(strongLead(head) ?? text).replace(P0_PREFIX, ''), line, add);
    return;
  }
  if (P0_TAG.test(text)) {
    add(leadName(text.replace(P0_TAG, ' ')), line);
    return;
  }
  if (/^\s*\[?P[1-3]\]?\s*[:—–-]/i.test(text) || /\(\s*P[1-3]/i.test(text)) return;
  if (underP0Label) add(leadName(strongLead(head) ?? text), line);
  for (const list of nested) fromList(list, false, add);
}

/** The bold lead of a bullet (`**1:1 messaging**: …`), if the bullet has one. */
function strongLead(paragraph: Paragraph): string | undefined {
  const first = paragraph.children[0];
  if (first?.type !== 'strong') return undefined;
  const text = nodeText(first as Nodes).trim();
  if (isP0Label(text)) return undefined;
  return text;
}

function firstClause(text: string): string {
  const withoutTag = text.replace(P0_PREFIX, '');
  const cut = /^(.+?)(?:\s*[—–]\s|:\s|\s+-\s|:$)/.exec(withoutTag);
  return (cut?.[1] ?? withoutTag).trim();
}

/** The name part of a bullet: up to the first colon, dash, parenthesis or sentence end. */
function leadName(text: string): string {
  const cut = /^(.+?)(?:\s*[—–(]|:\s|:$|\s+-\s|\.\s|\.$|$)/.exec(text.trim());
  return (cut?.[1] ?? text).trim();
}
