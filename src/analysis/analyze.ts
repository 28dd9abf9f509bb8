import { buildArtifactIndex, type ArtifactIndex } from '../artifacts/index.js';
import { checkMarkdown } from '../markdown/index.js';
import type { MarkdownIssue } from '../markdown/rule.js';
import { buildDocument, type DocumentModel } from './document.js';
import { buildOutline, type DeepDive, type Outline } from './outline.js';
import { detectSignals, type Signals } from '../artifacts/signals.js';
import { boundText } from './limits.js';
import { parseBounded } from './parse.js';
import { toSourceText } from './source.js';

/** Outline + artifact index of one completion: the only input graders get. */
export interface Analysis {
  doc: DocumentModel;
  outline: Outline;
  artifacts: ArtifactIndex;
  markdown: MarkdownIssue[];
  /** The P0 deep dives (all deep dives when none is P0), and the signals in their text alone. */
  p0Dives: DeepDive[];
  p0Signals: Signals;
}

export function analyze(text: string): Analysis {
  // Graded within LIMITS: an answer past them is graded in part, and the notices say so.
  const bounded = boundText(text);
  const source = toSourceText(bounded.text);
  const parsed = parseBounded(bounded.text);
  const doc = buildDocument(parsed.tree, source, [...bounded.notices, ...parsed.notices]);
  const outline = buildOutline(doc);
  const p0 = outline.deepDives.filter((d) => d.p0);
  const p0Dives = p0.length > 0 ? p0 : outline.deepDives;
  const diveText = p0Dives.flatMap((d) => d.ranges.map((r) => source.lines.slice(r.start - 1, r.end).join('\n'))).join('\n');
  return { doc, outline, artifacts: buildArtifactIndex(doc), markdown: checkMarkdown(doc), p0Dives, p0Signals: detectSignals(diveText) };
}
