import { analyze, type Analysis } from '../analysis/analyze.js';
import type { AspectId } from '../analysis/aspects.js';

/** Which grade a mutation is meant to lower. */
export type Target = 'depth' | 'artifacts' | 'markdown';

export interface Mutation {
  name: string;
  target: Target;
  /** The degraded answer, or null when the answer has nothing this mutation can act on. */
  apply(text: string, analysis: Analysis): string | null;
}

const GENERIC_SENTENCE = 'This is handled with standard best practices.';

/** A part runs from its heading/label to the line before the next heading at its depth or above. */
function partsOf(analysis: Analysis, line: number): { line: number; end: number } | null {
  const { headings, source } = analysis.doc;
  const heading = headings.find((h) => h.line === line);
  if (heading === undefined) {
    const next = [...headings.map((h) => h.line), ...analysis.doc.labels.map((l) => l.line)].filter((l) => l > line).sort((a, b) => a - b)[0];
    return { line, end: (next ?? source.lines.length + 1) - 1 };
  }
  const next = headings.find((h) => h.line > line && h.depth <= heading.depth);
  return { line, end: (next?.line ?? source.lines.length + 1) - 1 };
}

/** Degrade a good answer in exactly one way. */
export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'drop-one-aspect',
    target: 'depth',
    apply(_text, analysis) {
      // Every part of one aspect of one P0 feature (a follow-up turn may hold a second one).
      const dive = analysis.outline.deepDives.find((d) => d.p0 && d.aspects.length > 0);
      if (dive === undefined) return null;
      const aspect: AspectId = dive.aspects.includes('pagination') ? 'pagination' : dive.aspects[0]!;
      const parts = dive.parts
        .filter((p) => p.aspect === aspect)
        .map((p) => partsOf(analysis, p.line))
        .filter((p): p is { line: number; end: number } => p !== null)
        .sort((a, b) => b.line - a.line);
      let lines = [...analysis.doc.source.lines];
      for (const part of parts) lines = [...lines.slice(0, part.line - 1), ...lines.slice(part.end)];
      return lines.join('\n');
    },
  },
  {
    name: 'hollow-every-aspect',
    target: 'depth',
    apply(_text, analysis) {
      const lines = [...analysis.doc.source.lines];
      const parts = analysis.outline.deepDives
        .flatMap((d) => d.coverage.map((c) => partsOf(analysis, c.line)))
        .filter((p): p is { line: number; end: number } => p !== null)
        .sort((a, b) => b.line - a.line);
      if (parts.length === 0) return null;
      let cut = lines;
      let lastStart = Number.POSITIVE_INFINITY;
      for (const part of parts) {
        // Work bottom-up so earlier line numbers stay valid; skip parts nested in one already cut.
        if (part.end >= lastStart) continue;
        cut = [...cut.slice(0, part.line), '', GENERIC_SENTENCE, '', ...cut.slice(part.end)];
        lastStart = part.line;
      }
      return cut.join('\n');
    },
  },
  {
    name: 'keep-only-headings',
    target: 'depth',
    apply(_text, analysis) {
      const kept = analysis.doc.headings.map((h) => `${'#'.repeat(h.depth)} ${h.text}`);
      return kept.length === 0 ? null : kept.join('\n\n');
    },
  },
  {
    name: 'delete-sql',
    target: 'artifacts',
    apply(_text, analysis) {
      const sqlBlocks = analysis.artifacts.blocks.filter((b) => b.kind === 'sql').sort((a, b) => b.line - a.line);
      if (sqlBlocks.length === 0) return null;
      let lines = [...analysis.doc.source.lines];
      for (const block of sqlBlocks) lines = [...lines.slice(0, block.line - 1), ...lines.slice(block.endLine)];
      return lines.join('\n');
    },
  },
  {
    name: 'break-table-row',
    target: 'markdown',
    apply(_text, analysis) {
      const table = analysis.doc.tables.find((t) => t.rows.length > 0 && t.header.length >= 3);
      if (table === undefined) return null;
      const lines = [...analysis.doc.source.lines];
      const row = table.line + 2;
      // Drop the last cell: `| a | b | c |` -> `| a | b |`.
      lines[row - 1] = lines[row - 1]!.replace(/\|[^|]*\|\s*$/, '|');
      return lines.join('\n');
    },
  },
  {
    name: 'unclose-fence',
    target: 'markdown',
    apply(_text, analysis) {
      const block = [...analysis.doc.code].reverse().find((c) => c.fenced && c.endLine > c.line);
      if (block === undefined) return null;
      const lines = [...analysis.doc.source.lines];
      return [...lines.slice(0, block.endLine - 1), ...lines.slice(block.endLine)].join('\n');
    },
  },
  {
    name: 'truncate-60',
    target: 'markdown',
    apply(text) {
      // A max_tokens stop: keep ~60% of the answer and end mid-word inside a prose paragraph.
      const lines = text.slice(0, Math.floor(text.length * 0.6)).split('\n');
      while (lines.length > 0 && !/^[A-Z][^|]*\s\S+\s\S+\s\S+\s\S+\s\S+/.test(lines.at(-1) ?? '')) lines.pop();
      if (lines.length === 0) return null;
      const last = lines.at(-1)!;
      const cut = last.slice(0, Math.floor(last.length * 0.6)).replace(/[^\p{L}]+$/u, '');
      lines[lines.length - 1] = cut;
      return lines.join('\n');
    },
  },
  {
    name: 'leave-placeholder',
    target: 'markdown',
    apply(_text, analysis) {
      const lines = [...analysis.doc.source.lines];
      const index = lines.findIndex((l) => /^#\s/.test(l));
      const at = index >= 0 ? index + 1 : 0;
      return [...lines.slice(0, at), '', 'Messaging runs on [MESSAGING_SYSTEM] topics partitioned by entity id.', ...lines.slice(at)].join('\n');
    },
  },
  {
    name: 'escape-table-pipes',
    target: 'markdown',
    apply(_text, analysis) {
      const table = analysis.outline.summaryTable ?? analysis.doc.tables[0];
      if (table === undefined || table === null) return null;
      const found = analysis.doc.tables.find((t) => t.line === table.line)!;
      const lines = [...analysis.doc.source.lines];
      for (let line = found.line; line <= found.endLine; line++) lines[line - 1] = lines[line - 1]!.replace(/\|/g, '\\|');
      return lines.join('\n');
    },
  },
];

export function mutate(text: string, name: string): string | null {
  const mutation = MUTATIONS.find((m) => m.name === name);
  if (mutation === undefined) throw new Error(`unknown mutation ${name}; expected one of ${MUTATIONS.map((m) => m.name).join(', ')}`);
  return mutation.apply(text, analyze(text));
}
