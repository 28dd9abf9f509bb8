import type { DocumentModel } from '../analysis/document.js';
import { classifyCode, type CodeKind } from './classify.js';
import { cursorsOnLine, type CursorExample } from './cursor.js';
import { checkJson, isMessagingPayload } from './json.js';
import { redisCommands, type RedisCommand } from './redis.js';
import { detectSignals, type Signals } from './signals.js';
import { sqlStatements, type SqlStatement } from './sql.js';

export interface CodeArtifact {
  kind: CodeKind;
  lang: string;
  line: number;
  endLine: number;
}

export interface JsonArtifact {
  line: number;
  valid: boolean;
  error: string | null;
  payload: boolean;
}

/** Every artifact of one answer, found once from the document model; graders only read this. */
export interface ArtifactIndex {
  blocks: CodeArtifact[];
  sql: SqlStatement[];
  redis: RedisCommand[];
  json: JsonArtifact[];
  cursors: CursorExample[];
  signals: Signals;
}

export function buildArtifactIndex(doc: DocumentModel): ArtifactIndex {
  const blocks: CodeArtifact[] = [];
  const sql: SqlStatement[] = [];
  const redis: RedisCommand[] = [];
  const json: JsonArtifact[] = [];
  for (const block of doc.code) {
    const kind = classifyCode(block);
    blocks.push({ kind, lang: block.lang, line: block.line, endLine: block.endLine });
    const firstContentLine = block.fenced ? block.line + 1 : block.line;
    if (kind === 'sql') sql.push(...sqlStatements(block.value, firstContentLine, block.lang));
    else if (kind === 'redis') redis.push(...redisCommands(block.value, firstContentLine, block.lang.startsWith('redis')));
    else if (kind === 'json') {
      const check = checkJson(block.value);
      const above = doc.source.lines.slice(Math.max(0, block.line - 4), block.line - 1).join('\n');
      json.push({ line: block.line, valid: check.valid, error: check.error, payload: isMessagingPayload(block.value, above) });
    }
  }
  return { blocks, sql, redis, json, cursors: findCursors(doc), signals: detectSignals(doc.source.text) };
}

const CURSOR_HINT = /eyJ|cursor|page_?token|continuation|\bnext\b|\bafter\b/i;

/** Distinct cursor values; a JSON cursor shown beside its own base64 form is one example. */
function findCursors(doc: DocumentModel): CursorExample[] {
  const seen = new Set<string>();
  const found: CursorExample[] = [];
  for (const [index, text] of doc.source.lines.entries()) {
    if (!CURSOR_HINT.test(text)) continue;
    for (const cursor of cursorsOnLine(text, index + 1)) {
      const key = cursor.kind === 'json' ? canonicalJson(cursor.value) : cursor.value;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(cursor);
    }
  }
  const decoded = new Set(found.filter((c) => c.decodes === 'json').map((c) => canonicalJson(Buffer.from(c.value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'))));
  return found.filter((c) => c.kind !== 'json' || !decoded.has(canonicalJson(c.value)));
}

function canonicalJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
