import { createRequire } from 'node:module';
import { hasSqlDetails, loadModule, parseSync as parsePostgres } from 'libpg-query';
import type { Parser as SqlParser } from 'node-sql-parser';

// PostgreSQL's own parser compiled to WebAssembly: the real grammar, ~20 µs a statement (the
// PEG grammars of node-sql-parser take ~1 ms). Loading it is async, hence top-level await.
await loadModule();

export interface SqlStatement {
  line: number;
  text: string;
  valid: boolean;
  /** Parses only once `...` elisions are read as placeholders: valid SQL, not copy-paste ready. */
  elided: boolean;
  cql: boolean;
  error: string | null;
  /** Line of the syntax error (PostgreSQL's cursor position), else the statement's first line. */
  errorLine: number | null;
}

const require = createRequire(import.meta.url);
let mysqlParser: SqlParser | undefined;
/**
 * node-sql-parser's MySQL build alone (its main entry loads ~40 grammars), loaded on the first
 * statement PostgreSQL rejects: most answers never need it.
 */
function mysql(): SqlParser {
  if (mysqlParser === undefined) {
    const dialect = require('node-sql-parser/build/mysql.js') as { Parser: new () => SqlParser };
    mysqlParser = new dialect.Parser();
  }
  return mysqlParser;
}

/**
 * Split a block into statements on `;` outside quotes and comments, keeping each statement's
 * first line. Comment-only pieces are not statements.
 */
export function splitStatements(value: string, firstLine: number): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let current = '';
  let startLine = firstLine;
  let line = firstLine;
  let quote: string | null = null;
  let started = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const next = value[i + 1];
    if (quote === null && ch === '-' && next === '-') {
      const end = value.indexOf('\n', i);
      i = end === -1 ? value.length : end - 1;
      continue;
    }
    if (quote === null && ch === '/' && next === '*') {
      const end = value.indexOf('*/', i + 2);
      const stop = end === -1 ? value.length : end + 2;
      line += (value.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop - 1;
      continue;
    }
    if (ch === '\n') line++;
    if (quote !== null) {
      if (value.startsWith(quote, i)) {
        current += quote.slice(0, -1);
        i += quote.length - 1;
        quote = null;
      }
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '$' && /^\$(?:[A-Za-z_]\w*)?\$/.test(value.slice(i, i + 64))) {
      // PL/pgSQL bodies: $$ … $$ or $tag$ … $tag$ hold semicolons of their own.
      quote = /^\$(?:[A-Za-z_]\w*)?\$/.exec(value.slice(i, i + 64))![0];
      current += quote.slice(0, -1);
      i += quote.length - 1;
    } else if (ch === ';') {
      if (current.trim().length > 0) out.push({ text: current.trim(), line: startLine });
      current = '';
      started = false;
      continue;
    }
    if (!started && !/\s/.test(ch)) {
      started = true;
      startLine = line;
    }
    if (started) current += ch;
  }
  if (current.trim().length > 0) out.push({ text: current.trim(), line: startLine });
  return out;
}

const CQL_MARKERS = /\bWITH\s+CLUSTERING\b|\bUSING\s+(?:TTL|TIMESTAMP)\b|\bALLOW\s+FILTERING\b|PRIMARY\s+KEY\s*\(\s*\(|\b(?:map|set|list|frozen|tuple)\s*<|\bCREATE\s+KEYSPACE\b|\bBATCH\b|\btimeuuid\b|\bIF\s+(?:NOT\s+)?EXISTS\s*$/i;

/**
 * CQL and ClickHouse DDL are SQL-shaped; rewrite their own clauses (table engines, clustering order, TTLs, lightweight transactions,
 * collection types, composite partition keys) so a SQL parser can judge the rest of the syntax.
 */
function cqlAsSql(text: string): string | null {
  if (/^CREATE\s+KEYSPACE\b/i.test(text)) {
    return /^CREATE\s+KEYSPACE\s+(?:IF\s+NOT\s+EXISTS\s+)?\w+\s+WITH\s+replication\s*=\s*\{[^{}]*\}(?:\s+AND\s+durable_writes\s*=\s*(?:true|false))?$/i.test(text) ? 'SELECT 1' : null;
  }
  if (/^APPLY\s+BATCH$/i.test(text)) return 'SELECT 1';
  let sql = text.replace(/^BEGIN\s+(?:UNLOGGED\s+|COUNTER\s+)?BATCH\s+/i, '');
  for (let i = 0; i < 3; i++) sql = sql.replace(/\b(?:frozen|map|set|list|tuple)\s*<[^<>]*>/gi, 'text');
  sql = sql
    .replace(/PRIMARY\s+KEY\s*\(\s*\(([^()]*)\)\s*(?:,\s*([^()]*))?\)/gi, (_m, partition: string, clustering?: string) => `PRIMARY KEY (${[partition, clustering].filter((p) => p !== undefined && p.trim() !== '').join(', ')})`)
    .replace(/\)\s*(?:WITH|ENGINE\s*=)\s*[\s\S]*$/i, ')')
    .replace(/\bENGINE\s*=\s*[\s\S]*?(?=\bAS\s+SELECT\b)/i, '')
    .replace(/\b(?:LowCardinality|Nullable)\s*\(([^()]+)\)/g, '$1')
    .replace(/\bUSING\s+(?:TTL|TIMESTAMP)\s+\S+(?:\s+AND\s+(?:TTL|TIMESTAMP)\s+\S+)?/gi, '')
    .replace(/\bALLOW\s+FILTERING\b/gi, '')
    .replace(/\bIF\s+NOT\s+EXISTS\s*$/i, '')
    .replace(/\bIF\s+EXISTS\s*$/i, '')
    .replace(/\s+IF\s+\w+\s*(?:=|<|>|!=)\s*[^;]+$/i, '')
    .replace(/\btoken\s*\(/gi, 'token_fn(')
    .replace(/\[([^[\]]*)\]/g, 'ARRAY[$1]')
    .replace(/\{[^{}]*\}/g, "'{}'");
  return sql;
}

/** `?` and `:name` placeholders become `$n` so PostgreSQL's grammar accepts them. */
function numberPlaceholders(text: string): string {
  let n = 0;
  return text.replace(/'(?:[^']|'')*'|::|(?<![\w:]):[A-Za-z_]\w*|\?/g, (m) => (m.startsWith("'") || m === '::' ? m : `$${++n}`));
}

/** PostgreSQL's grammar, then MySQL's (node-sql-parser) for answers written in that dialect. */
const GRAMMARS: ReadonlyArray<(text: string) => unknown> = [(text) => parsePostgres(text), (text) => mysql().astify(text, { database: 'mysql' })];

/** null when some grammar accepts some candidate; else the first grammar's first error. */
function firstParse(candidates: readonly string[]): { error: string | null; offsetLines: number } {
  let first: string | null = null;
  let offsetLines = 0;
  // Grammar-major order: the common case (valid PostgreSQL as written) costs one parse.
  for (const grammar of GRAMMARS) {
    for (const candidate of candidates) {
      try {
        grammar(candidate);
        return { error: null, offsetLines: 0 };
      } catch (error) {
        if (first === null) {
          first = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : String(error);
          const position = hasSqlDetails(error) ? error.sqlDetails?.cursorPosition : undefined;
          if (position !== undefined) offsetLines = (candidate.slice(0, position).match(/\n/g) ?? []).length;
        }
      }
    }
  }
  return { error: first ?? 'statement is not SQL', offsetLines };
}

/**
 * Parse one statement with real SQL grammars (PostgreSQL's own via libpg-query, then MySQL's
 * via node-sql-parser); a statement is valid when one accepts it as written, with `?`/`:name`
 * placeholders numbered, or (for CQL) after its CQL-only clauses are rewritten.
 */
export function checkStatement(original: string, line: number, cqlHint: boolean): SqlStatement {
  // PostgreSQL would read "…" as an identifier; it is an elision like "...".
  const text = original.replace(/…/g, '...');
  const cql = cqlHint || CQL_MARKERS.test(text);
  const asWritten = firstParse(candidatesFor(text, cql));
  if (asWritten.error === null) return { line, text: original, valid: true, elided: false, cql, error: null, errorLine: null };
  if (text.includes('...')) {
    const filled = text.replace(/\(\s*\.\.\.\s*\)/g, '($1)').replace(/\.\.\./g, '$1');
    if (firstParse(candidatesFor(filled, cql)).error === null) return { line, text: original, valid: true, elided: true, cql, error: null, errorLine: null };
  }
  return { line, text: original, valid: false, elided: false, cql, error: asWritten.error, errorLine: line + asWritten.offsetLines };
}

/**
 * The texts to offer the grammars, most likely first: CQL only ever parses rewritten, `?`
 * placeholders only numbered; anything else as written, with the rewrite as a last resort.
 */
function candidatesFor(text: string, cql: boolean): string[] {
  const numbered = /\?|(?<![\w:]):[A-Za-z_]/.test(text) ? numberPlaceholders(text) : text;
  const rewritten = cqlAsSql(text);
  const rewrittenNumbered = rewritten === null ? null : numberPlaceholders(rewritten);
  const ordered = cql ? [rewrittenNumbered] : [numbered, rewrittenNumbered];
  return [...new Set(ordered.filter((c): c is string => c !== null))];
}

export function sqlStatements(value: string, firstLine: number, lang: string): SqlStatement[] {
  const cqlHint = lang === 'cql' || lang === 'cassandra';
  return splitStatements(value, firstLine).map((s) => checkStatement(s.text, s.line, cqlHint));
}
