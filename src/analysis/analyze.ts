import { buildArtifactIndex, type ArtifactIndex } from '../artifacts/index.js';
import { checkMarkdown } from '../markdown/index.js';
import type { MarkdownIssue } from '../markdown/rule.js';
import { buildDocument, type DocumentModel } from './document.js';
import { buildOutline, type Outline } from './outline.js';
import { parseMarkdown } from './parse.js';
import { toSourceText } from './source.js';

/** Outline + artifact index of one completion: the only input graders get. */
export interface Analysis {
  doc: DocumentModel;
  outline: Outline;
  artifacts: ArtifactIndex;
  markdown: MarkdownIssue[];
}

export function analyze(text: string): Analysis {
  const source = toSourceText(text);
  const doc = buildDocument(parseMarkdown(text), source);
  return { doc, outline: buildOutline(doc), artifacts: buildArtifactIndex(doc), markdown: checkMarkdown(doc) };
}
