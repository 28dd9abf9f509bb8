import type { CodeBlock } from '../analysis/document.js';
import { looksLikeRedis } from './redis.js';

export type CodeKind = 'sql' | 'redis' | 'json' | 'diagram' | 'http' | 'program' | 'other';

const SQL_LANGS = new Set(['sql', 'postgres', 'postgresql', 'psql', 'pgsql', 'plpgsql', 'mysql', 'sqlite', 'tsql', 'cql', 'cassandra', 'clickhouse', 'spanner', 'cockroachdb']);
const REDIS_LANGS = new Set(['redis', 'redis-cli', 'rediscli']);
const JSON_LANGS = new Set(['json', 'jsonc', 'json5', 'jsonl', 'ndjson']);
const PROGRAM_LANGS = new Set([
  'python', 'py', 'js', 'javascript', 'ts', 'typescript', 'go', 'golang', 'java', 'kotlin', 'kt', 'scala', 'rust', 'rs', 'c', 'cpp', 'c++', 'csharp', 'cs', 'ruby', 'rb', 'php', 'pseudo', 'pseudocode', 'lua', 'swift', 'elixir', 'erlang',
]);
const DIAGRAM_LANGS = new Set(['mermaid', 'ascii', 'diagram', 'plantuml', 'dot', 'graphviz']);
const PLAIN_LANGS = new Set(['', 'text', 'txt', 'plaintext', 'plain', 'none']);

const BOX_DRAWING = /[─━│┃┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬▶▼◀▲►◄]/u;
const ASCII_BOX = /\+[-=]{3,}\+|\|[^|\n]{2,}\|\s*[-=]{1,}>|[-=]{2,}>|<[-=]{2,}|\[[^\]\n]+\]\s*[-=]+>|^\s*[|v^]\s*$|[-]{2,}\s*[|+]/m;
const HTTP_LINE = /^\s*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(?:\/|https?:\/\/)\S*/;
const SQL_START = /^\s*(?:SELECT|INSERT\s+INTO|UPDATE\s+\w|DELETE\s+FROM|CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|KEYSPACE|MATERIALIZED|TYPE|VIEW)|ALTER\s+TABLE|WITH\s+\w+\s+AS\s*\(|BEGIN\s+BATCH|UPSERT|MERGE\s+INTO)\b/i;
const PROGRAM_HINT = /^\s*(?:def |function |func |class |async |await |return\b|if\b.*[:{)]|for\b.*[:{)]|while\b|const |let |var |import |from \S+ import|public |private |on \w+|procedure |end\b|else\b|try\b|catch\b|fn )/;

/** The kind of one fenced or indented code block: its language tag first, then its content. */
export function classifyCode(block: CodeBlock): CodeKind {
  const lang = block.lang.split(/[\s{]/)[0] ?? '';
  if (SQL_LANGS.has(lang)) return 'sql';
  if (REDIS_LANGS.has(lang)) return 'redis';
  if (JSON_LANGS.has(lang)) return 'json';
  if (lang === 'http') return 'http';
  if (DIAGRAM_LANGS.has(lang)) return 'diagram';
  if (PROGRAM_LANGS.has(lang)) return 'program';
  const value = block.value;
  const lines = value.split('\n').filter((l) => l.trim().length > 0);
  if (lines.length === 0) return 'other';
  if (HTTP_LINE.test(lines[0]!)) return 'http';
  if (BOX_DRAWING.test(value) || (PLAIN_LANGS.has(lang) && ASCII_BOX.test(value) && !PROGRAM_HINT.test(value))) return 'diagram';
  const sqlLines = lines.filter((l) => SQL_START.test(l)).length;
  if (sqlLines > 0 && sqlLines * 4 >= countStatementsRough(value)) return 'sql';
  if (looksLikeRedis(lines, false)) return 'redis';
  const trimmed = value.trim();
  if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']') && trimmed.includes('{'))) return 'json';
  if (['bash', 'sh', 'shell', 'console', 'zsh', 'yaml', 'yml', 'toml', 'ini', 'proto', 'protobuf', 'avro', 'xml', 'html', 'graphql', 'dockerfile', 'hcl', 'promql', 'nginx'].includes(lang)) return 'other';
  if (lines.filter((l) => PROGRAM_HINT.test(l)).length >= Math.max(1, lines.length / 5)) return 'program';
  return 'other';
}

function countStatementsRough(value: string): number {
  return Math.max(1, value.split(';').filter((s) => s.trim().length > 0).length);
}
