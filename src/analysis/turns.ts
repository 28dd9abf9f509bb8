import type { DocumentModel, Heading } from './document.js';
import { normaliseTitle } from './text.js';

export type SectionKind = 'requirements' | 'deep_dives' | 'other';

export function sectionKind(title: string): SectionKind {
  const t = normaliseTitle(title);
  if (/deep[- ]?dives?\b/.test(t)) {
    return /^(?:component|database|db|storage|data|infra(?:structure)?|architecture|system|caching|cache)\b/.test(t) ? 'other' : 'deep_dives';
  }
  if (/\brequirements?\b/.test(t) || /^(?:core |key )?features\b/.test(t)) return 'requirements';
  return 'other';
}

/** "Deep Dive: Checkout", "Crawling — Functional Requirement Deep Dive": a deep dive of one feature. */
export function deepDiveFeatureTitle(title: string): boolean {
  const t = normaliseTitle(title);
  return /deep[- ]?dives?\s*(?:into|on|for|of)?\s*[:—–-]\s*\S/.test(t) || /deep[- ]?dives?\s+(?:into|on|for|of)\s+\S/.test(t) || /^\S.*?\s[—–-]\s.*deep[- ]?dive/.test(t);
}

const OPENER =
  /^(?:great|sure|ah|alright|all right|got it|okay|ok|perfect|absolutely|you['’]re|you are|here['’]?s|here is|below is|based on|i am|i['’]m|i['’]ll|i will|i can|let['’]s|let me|yes|good question|excellent|nice|awesome|thanks|certainly|of course|understood|that['’]s|can you|could you|please|now,? )\b/i;

/**
 * Where pasted follow-up turns begin: a conversational line after a thematic break once the
 * answer has started, or the structure restarting (a second requirements or deep-dive section).
 * The first element is always 1. The outline is read from turn one; follow-up deep dives of a
 * feature are merged into it, never counted twice.
 */
export function turnStarts(doc: DocumentModel): number[] {
  const starts = [1];
  const firstHeading = doc.headings[0]?.line ?? Number.POSITIVE_INFINITY;
  const children = doc.tree.children;
  for (let i = 1; i < children.length; i++) {
    const node = children[i]!;
    if (node.type !== 'paragraph' || children[i - 1]!.type !== 'thematicBreak') continue;
    const line = node.position!.start.line;
    if (line < firstHeading || !answerStarted(doc.headings, line)) continue;
    const text = doc.source.lines[line - 1]!.replace(/^[\s*_>#]+/, '');
    if (OPENER.test(text) || /\?\s*$/.test(text)) pushStart(starts, line);
  }
  let requirementsDepth = 0;
  let deepDiveDepth = 0;
  let deepDiveClosed = false;
  let siblingsAreFeatures = false;
  for (const heading of doc.headings) {
    const kind = sectionKind(heading.text);
    if (deepDiveDepth > 0 && !deepDiveClosed && heading.depth <= deepDiveDepth && kind !== 'deep_dives') deepDiveClosed = true;
    if (kind === 'requirements' && isTopLevel(heading)) {
      if (requirementsDepth === 0) requirementsDepth = heading.depth;
      else if (heading.depth <= requirementsDepth) pushStart(starts, heading.line);
    } else if (kind === 'deep_dives') {
      if (deepDiveDepth === 0) {
        deepDiveDepth = heading.depth;
        siblingsAreFeatures = deepDiveFeatureTitle(heading.text);
      } else if (siblingsAreFeatures && heading.depth === deepDiveDepth && deepDiveFeatureTitle(heading.text)) {
        // "## Deep Dive: Upload" then "## Deep Dive: Transcoding": one answer, one dive per feature.
        deepDiveClosed = false;
      } else if (deepDiveClosed || deepDiveFeatureTitle(heading.text)) pushStart(starts, heading.line);
    }
  }
  return starts.sort((a, b) => a - b);
}

function isTopLevel(heading: Heading): boolean {
  return heading.depth <= 2 || /^\s*\d/.test(heading.text);
}

function answerStarted(headings: readonly Heading[], line: number): boolean {
  return headings.filter((h) => h.line < line).length >= 3;
}

/** A restart heading right after a conversational line belongs to the same turn. */
function pushStart(starts: number[], line: number): void {
  const previous = starts.filter((s) => s <= line).at(-1) ?? 1;
  if (previous > 1 && line - previous < 40) return;
  if (!starts.includes(line)) starts.push(line);
}
