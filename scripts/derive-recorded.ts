/**
 * Derive the recorded answers of the weaker replay "models" from the thorough ones, the way the
 * analysis issue's mutation operators degrade an answer, in the styles weaker models write:
 *   uneven   starts strong, runs out of steam: later features lose parts, switch to bold labels,
 *            drop their SQL and the summary table (under v2's explicit eight-part layout it keeps
 *            its structure and only thins the last parts);
 *   shallow  every part reduced to its first paragraph, code dropped but diagrams (under v2 it
 *            keeps the storage DDL the prompt demands).
 * thorough v2 is thorough v1 with the aspect numbering v2 asks for (`#### 3.N.1` … `3.N.8`).
 * Run: npm run -s build && node dist/scripts/derive-recorded.js   (rewrites datasets/recorded/{uneven,shallow}/ and thorough/system-design.v2/)
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, type Analysis } from '../src/analysis/analyze.js';
import type { AspectId } from '../src/analysis/aspects.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const recorded = join(root, 'datasets/recorded');
const GENERIC: Record<AspectId, string> = {
  client_server: 'The client calls the API and the server validates and routes the request.',
  storage: 'Data is stored in a database with the appropriate indexes and a cache in front.',
  server_recipient: 'Recipients are notified in real time when they are online.',
  messaging: 'Events are published to the message bus for downstream consumers.',
  edge_cases: 'Failures are retried and errors are logged.',
  pagination: 'Results are paginated with a cursor.',
  performance: 'The service scales horizontally behind a load balancer.',
  monitoring: 'We monitor the service with metrics, logs and traces.',
};

interface Edit {
  start: number;
  end: number;
  lines: string[];
}

/** Apply line-range edits bottom-up so earlier line numbers stay valid. */
function apply(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) lines.splice(edit.start - 1, edit.end - edit.start + 1, ...edit.lines);
  return lines.join('\n');
}

function parts(analysis: Analysis, dive: number): Array<{ aspect: AspectId; line: number; end: number }> {
  const d = analysis.outline.deepDives[dive];
  if (d === undefined) return [];
  return d.parts.map((p) => ({ aspect: p.aspect, line: p.line, end: p.endLine }));
}

const heading = (analysis: Analysis, line: number): string => analysis.doc.source.lines[line - 1] ?? '';

function hollow(analysis: Analysis, dive: number, aspects: readonly AspectId[]): Edit[] {
  return parts(analysis, dive)
    .filter((p) => aspects.includes(p.aspect))
    .map((p) => ({ start: p.line, end: p.end, lines: [heading(analysis, p.line), '', GENERIC[p.aspect], ''] }));
}

function drop(analysis: Analysis, dive: number, aspects: readonly AspectId[]): Edit[] {
  return parts(analysis, dive)
    .filter((p) => aspects.includes(p.aspect))
    .map((p) => ({ start: p.line, end: p.end, lines: [] }));
}

/** `#### 3.2.C Server → Recipient Flow` → `**Server → Recipient Flow:**`, body kept. */
function labelize(analysis: Analysis, dive: number): Edit[] {
  return parts(analysis, dive).map((p) => {
    const title = heading(analysis, p.line).replace(/^#+\s*(?:\d+(?:\.\d+)*(?:\.[A-H])?\s*)?/, '');
    return { start: p.line, end: p.line, lines: [`**${title}:**`] };
  });
}

/** The first prose paragraph of each part (at most 35 words); code kept only where `keep` says. */
function trim(analysis: Analysis, dive: number, keep: (lang: string, aspect: AspectId) => boolean): Edit[] {
  return parts(analysis, dive).map((p) => {
    const body = analysis.doc.source.lines.slice(p.line, p.end);
    const firstProse = body.find((l) => /^[A-Za-z*]/.test(l.trim()) && !l.trim().startsWith('|')) ?? GENERIC[p.aspect];
    const words = firstProse.trim().split(/\s+/);
    const sentence = words.length > 35 ? `${words.slice(0, 35).join(' ')}.` : firstProse.trim();
    const blocks = analysis.doc.code.filter((c) => c.line > p.line && c.endLine <= p.end && c.fenced && keep(c.lang, p.aspect));
    const kept = blocks.flatMap((c) => ['', ...analysis.doc.source.lines.slice(c.line - 1, c.endLine)]);
    return { start: p.line, end: p.end, lines: [heading(analysis, p.line), '', sentence, ...kept, ''] };
  });
}

function dropSummary(analysis: Analysis): Edit[] {
  const table = analysis.doc.tables.find((t) => t.line === analysis.outline.summaryTable?.line);
  return table === undefined ? [] : [{ start: table.line, end: table.endLine, lines: [] }];
}

function deleteSql(analysis: Analysis, dive: number): Edit[] {
  const ranges = analysis.outline.deepDives[dive]?.ranges ?? [];
  return analysis.artifacts.blocks
    .filter((b) => b.kind === 'sql' && ranges.some((r) => b.line >= r.start && b.endLine <= r.end))
    .map((b) => ({ start: b.line, end: b.endLine, lines: [] }));
}

const isDiagram = (lang: string): boolean => lang === '' || lang === 'text' || lang === 'ascii';

function unevenV1(text: string): string {
  const a = analyze(text);
  const n = a.outline.deepDives.length;
  const edits: Edit[] = [...drop(a, 1, ['pagination']), ...hollow(a, 1, ['monitoring']), ...dropSummary(a)];
  for (let d = 2; d < n; d++) edits.push(...drop(a, d, ['pagination', 'performance', 'monitoring']), ...hollow(a, d, ['messaging', 'edge_cases']));
  let out = apply(text, edits);
  // Second pass on the edited text: later features switch to bold labels, the last loses its SQL.
  const b = analyze(out);
  const later: Edit[] = [];
  for (let d = 2; d < b.outline.deepDives.length; d++) later.push(...labelize(b, d));
  later.push(...deleteSql(b, b.outline.deepDives.length - 1));
  out = apply(out, later);
  return out;
}

function unevenV2(text: string): string {
  const a = analyze(text);
  const edits: Edit[] = [];
  for (let d = 2; d < a.outline.deepDives.length; d++) edits.push(...hollow(a, d, ['pagination', 'monitoring']));
  return apply(text, edits);
}

function shallow(text: string, keepStorageCode: boolean): string {
  const a = analyze(text);
  const edits: Edit[] = [];
  for (let d = 0; d < a.outline.deepDives.length; d++) edits.push(...trim(a, d, (lang, aspect) => isDiagram(lang) || (keepStorageCode && aspect === 'storage' && /sql|cql/.test(lang))));
  return apply(text, edits);
}

/** `#### 3.2.C Title` → `#### 3.2.3 Title`: the numbering v2 asks for. */
function renumber(text: string): string {
  return text.replace(/^(#{3,4}\s+\d+\.\d+)\.([A-H])(\s)/gm, (_m, head: string, letter: string, space: string) => `${head}.${letter.charCodeAt(0) - 64}${space}`);
}

const source = join(recorded, 'thorough', 'system-design.v1');
const outputs: Array<[string, string, (text: string) => string]> = [
  ['thorough', 'system-design.v2', renumber],
  ['uneven', 'system-design.v1', unevenV1],
  ['uneven', 'system-design.v2', (t) => renumber(unevenV2(t))],
  ['shallow', 'system-design.v1', (t) => shallow(t, false)],
  ['shallow', 'system-design.v2', (t) => renumber(shallow(t, true))],
];
for (const file of readdirSync(source).filter((f) => f.endsWith('.md')).sort()) {
  const text = readFileSync(join(source, file), 'utf8');
  for (const [model, prompt, derive] of outputs) {
    const dir = join(recorded, model, prompt);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, file), derive(text));
  }
  console.log(`derived ${file}`);
}
