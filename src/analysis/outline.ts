import type { RootContent } from 'mdast';
import { ASPECTS, aspectsOfTitle, isSummaryTitle, type AspectId } from './aspects.js';
import { specificsBetween, wordsBetween, type DocumentModel, type Heading, type Label } from './document.js';
import { bestMatch, featureName, featureSimilarity, SAME_FEATURE } from './features.js';
import { extractPriorities, p0Only, type P0Feature, type RankedFeature } from './p0.js';
import { findSummaryTable, type SummaryTable } from './summary-table.js';
import { deepDiveFeatureTitle, sectionKind, turnStarts } from './turns.js';

export type Layout = 'feature-major' | 'aspect-major' | 'bold-labels' | 'mixed' | 'none';

/** One feature × aspect part as written: where it starts and how much it says. */
export interface AspectPart {
  aspect: AspectId;
  line: number;
  endLine: number;
  words: number;
  artifacts: number;
  specifics: number;
  via: 'heading' | 'label';
  turn: number;
}

export interface AspectCoverage {
  aspect: AspectId;
  line: number;
  words: number;
  artifacts: number;
  specifics: number;
  /** Word-equivalents: prose words plus what its artifacts and specifics are worth. */
  weight: number;
  substantive: boolean;
}

export interface DeepDive {
  feature: string;
  p0: boolean;
  line: number;
  endLine: number;
  words: number;
  /** Aspects covered with substance, in template order. */
  aspects: AspectId[];
  coverage: AspectCoverage[];
  /** Every aspect part found, in every turn (coverage keeps the best turn's). */
  parts: AspectPart[];
  /** Line ranges the deep dive spans (several in aspect-major layouts and merged follow-ups). */
  ranges: Range[];
  /** Turn (1-based) the deep dive first appeared in; follow-up turns merge into it. */
  turn: number;
}

export interface Outline {
  layout: Layout;
  p0Features: P0Feature[];
  deepDives: DeepDive[];
  summaryTable: SummaryTable | null;
  deepDiveSection: { line: number; title: string } | null;
  requirementsSection: { line: number; title: string } | null;
  turns: number[];
}

/**
 * A part needs SUBSTANCE_MIN word-equivalents to count: its prose words, each code block or

 * table worth ARTIFACT_WORDS (a schema alone is a storage part), each specific (inline code, a number) worth SPECIFIC_WORDS. One
 * generic sentence stays below; a terse but concrete list of keys and TTLs does not.
 */
export const SUBSTANCE_MIN = 30;
export const ARTIFACT_WORDS = 30;
export const SPECIFIC_WORDS = 8;

export function partWeight(words: number, artifacts: number, specifics: number): number {
  return words + ARTIFACT_WORDS * artifacts + SPECIFIC_WORDS * specifics;
}

export interface Range {
  start: number;
  end: number;
}

/** A follow-up heading must name a known feature this closely to count as its deep dive. */
const FOLLOW_UP_MATCH = 0.75;

export function buildOutline(doc: DocumentModel): Outline {
  const turns = turnStarts(doc);
  const lastLine = doc.source.lines.length;
  const firstTurnEnd = (turns[1] ?? lastLine + 1) - 1;
  const headingsIn = (range: Range): Heading[] => doc.headings.filter((h) => h.line >= range.start && h.line <= range.end);
  const endOf = (heading: Heading, limit: number): number => {
    const next = doc.headings.find((h) => h.line > heading.line && h.depth <= heading.depth);
    return Math.min(next === undefined ? lastLine : next.line - 1, limit);
  };

  const firstTurn = headingsIn({ start: 1, end: firstTurnEnd });
  const requirements = firstTurn.find((h) => sectionKind(h.text) === 'requirements');
  const umbrella = firstTurn.find((h) => sectionKind(h.text) === 'deep_dives');

  const p0Region: Range = requirements
    ? { start: requirements.line, end: endOf(requirements, firstTurnEnd) }
    : { start: 1, end: umbrella ? umbrella.line - 1 : firstTurnEnd };
  const ranked = extractPriorities(doc, nodesIn(doc, p0Region));
  let p0Features = p0Only(ranked);

  const builder = new DeepDiveBuilder(doc, endOf, p0Features.map((f) => f.name), ranked.map((f) => f.name));
  let layout: Layout = 'none';
  if (umbrella !== undefined && !deepDiveFeatureTitle(umbrella.text)) {
    const region = { start: umbrella.line, end: endOf(umbrella, firstTurnEnd) };
    layout = builder.fromUmbrella(region, p0Features, 1);
  } else {
    for (const heading of firstTurn.filter((h) => deepDiveFeatureTitle(h.text))) {
      builder.fromFeatureHeading(heading, endOf(heading, firstTurnEnd), 1);
    }
    if (builder.dives.length === 0 && p0Features.length > 0) builder.fromP0Headings(firstTurn, p0Features, p0Region, firstTurnEnd);
  }
  // Follow-up turns: a "Deep Dive: X" heading, or a top heading of the turn naming a known
  // feature, deepens that feature (merged, never counted twice) or adds a new deep dive.
  for (const [index, start] of turns.entries()) {
    if (index === 0) continue;
    const end = (turns[index + 1] ?? lastLine + 1) - 1;
    const inTurn = headingsIn({ start, end });
    const top = Math.min(...inTurn.map((h) => h.depth));
    const known = [...p0Features.map((f) => f.name), ...builder.dives.map((d) => d.feature)];
    for (const heading of inTurn) {
      const explicit = sectionKind(heading.text) === 'deep_dives' && deepDiveFeatureTitle(heading.text);
      const namesKnown = heading.depth === top && aspectsOfTitle(heading.text).length === 0 && bestMatch(featureName(heading.text), known, FOLLOW_UP_MATCH) >= 0;
      if (explicit || namesKnown) builder.fromFeatureHeading(heading, endOf(heading, end), index + 1);
    }
  }

  if (p0Features.length === 0) {
    p0Features = builder.dives.filter((d) => d.priority === true).map((d) => ({ name: d.feature, line: d.line }));
  }
  const deepDives = builder.dives.map((d) => d.finish(ranked.length > 0 ? ranked : p0Features.map((f) => ({ ...f, priority: 0 }))));
  if (layout === 'none' && deepDives.length > 0) layout = builder.layoutFromMarkers();
  return {
    layout,
    p0Features,
    deepDives,
    summaryTable: findSummaryTable(doc),
    deepDiveSection: umbrella ? { line: umbrella.line, title: umbrella.text } : null,
    requirementsSection: requirements ? { line: requirements.line, title: requirements.text } : null,
    turns,
  };
}

function nodesIn(doc: DocumentModel, range: Range): RootContent[] {
  return doc.tree.children.filter((n) => {
    const line = n.position?.start.line ?? 0;
    return line >= range.start && line <= range.end;
  });
}

class PendingDive {
  readonly parts: AspectPart[] = [];
  readonly ranges: Range[] = [];
  constructor(
    private readonly doc: DocumentModel,
    public feature: string,
    public line: number,
    public endLine: number,
    public readonly turn: number,
    public readonly priority: boolean | null,
  ) {}

  words(): number {
    return this.ranges.reduce((sum, r) => sum + wordsBetween(this.doc, r.start, r.end), 0);
  }

  /**
   * `ranked` holds every feature the requirements rank: a deep dive is P0 when its own heading
   * says so, or when the ranked feature it names best is a P0 ("Message search" is the P1
   * "Message search", not the P0 "1:1 messaging" it shares a word with).
   */
  finish(ranked: readonly RankedFeature[]): DeepDive {
    const coverage: AspectCoverage[] = [];
    for (const aspect of ASPECTS) {
      const all = this.parts.filter((p) => p.aspect === aspect);
      if (all.length === 0) continue;
      // Parts of one turn add up (a label split in two); a follow-up turn is a second attempt
      // at the same part, so the better turn counts, not the sum of two hollow ones.
      const turns = [...new Set(all.map((p) => p.turn))];
      const parts = turns
        .map((turn) => all.filter((p) => p.turn === turn))
        .reduce((best, group) => (sumWeight(group) > sumWeight(best) ? group : best));
      const words = parts.reduce((sum, p) => sum + p.words, 0);
      const artifacts = parts.reduce((sum, p) => sum + p.artifacts, 0);
      const specifics = parts.reduce((sum, p) => sum + p.specifics, 0);
      const weight = partWeight(words, artifacts, specifics);
      coverage.push({ aspect, line: parts[0]!.line, words, artifacts, specifics, weight, substantive: weight >= SUBSTANCE_MIN });
    }
    return {
      feature: this.feature,
      p0: this.priority ?? ranked[bestMatch(this.feature, ranked.map((f) => f.name))]?.priority === 0,
      line: this.line,
      endLine: this.endLine,
      words: this.words(),
      aspects: coverage.filter((c) => c.substantive).map((c) => c.aspect),
      coverage,
      parts: this.parts,
      ranges: this.ranges,
      turn: this.turn,
    };
  }
}

/** An explicit priority in a heading: true for P0, false for P1–P3, null when none is given. */
function priorityTag(text: string): boolean | null {
  if (/\bP0\b/i.test(text)) return true;
  return /\bP[1-3]\b/i.test(text) ? false : null;
}

function sumWeight(parts: readonly AspectPart[]): number {
  return parts.reduce((sum, p) => sum + partWeight(p.words, p.artifacts, p.specifics), 0);
}

class DeepDiveBuilder {
  readonly dives: PendingDive[] = [];
  private headingMarkers = 0;
  private labelMarkers = 0;

  constructor(
    private readonly doc: DocumentModel,
    private readonly endOf: (heading: Heading, limit: number) => number,
    private readonly p0Names: readonly string[],
    private readonly rankedNames: readonly string[],
  ) {}

  /** Section 3 (or 5): decide whether its children are features or aspects, then read them. */
  fromUmbrella(region: Range, p0Features: readonly P0Feature[], turn: number): Layout {
    const inside = this.doc.headings.filter((h) => h.line > region.start && h.line <= region.end);
    const childDepth = Math.min(...inside.map((h) => h.depth));
    const children = inside.filter((h) => h.depth === childDepth && !isSummaryTitle(h.text));
    // "Delivery Tracking", "Push Notifications", "Event Creation" read like aspect titles; a child
    // is a feature when the requirements rank it or it holds parts of other aspects itself.
    const featureLike = (h: Heading): boolean =>
      bestMatch(featureName(h.text), this.rankedNames) >= 0 || this.otherAspectsWithin(h, this.endOf(h, region.end)) >= 2;
    const aspectChildren = children.filter((h) => aspectsOfTitle(h.text).length > 0 && !featureLike(h));
    const distinct = new Set(aspectChildren.flatMap((h) => aspectsOfTitle(h.text)));
    if (children.length > 0 && distinct.size >= 3 && aspectChildren.length * 2 >= children.length) {
      this.fromAspectMajor(aspectChildren, region, p0Features, turn);
      // The template's own skeleton (aspect headings, no feature in them) has no deep dives.
      return this.dives.length > 0 ? 'aspect-major' : 'none';
    }
    const featureChildren = children.filter((h) => !aspectChildren.includes(h));
    if (featureChildren.length > 0) {
      for (const heading of featureChildren) this.fromFeatureHeading(heading, this.endOf(heading, region.end), turn);
    } else {
      this.fromFeatureLabels(region, p0Features, turn);
    }
    return this.layoutFromMarkers();
  }

  /** Distinct aspects named by headings or labels inside a heading's range, other than its own. */
  private otherAspectsWithin(heading: Heading, end: number): number {
    const own = new Set(aspectsOfTitle(heading.text));
    const titles = [
      ...this.doc.headings.filter((h) => h.line > heading.line && h.line <= end).map((h) => h.text),
      ...this.doc.labels.filter((l) => l.line > heading.line && l.line <= end).map((l) => l.text),
    ];
    return new Set(titles.flatMap(aspectsOfTitle).filter((a) => !own.has(a))).size;
  }

  layoutFromMarkers(): Layout {
    const total = this.headingMarkers + this.labelMarkers;
    if (this.dives.length === 0) return 'none';
    if (total === 0) return 'feature-major';
    if (this.labelMarkers >= 0.8 * total) return 'bold-labels';
    if (this.headingMarkers >= 0.8 * total) return 'feature-major';
    return 'mixed';
  }

  /** A feature introduced by a heading; its aspects are headings or bold labels inside it. */
  fromFeatureHeading(heading: Heading, end: number, turn: number): void {
    const dive = this.dive(featureName(heading.text), heading.line, end, turn, priorityTag(heading.text));
    this.collectAspects(dive, { start: heading.line + 1, end }, turn);
  }

  /** Bold labels as features: `**1. Video upload (P0)**` followed by aspect labels. */
  private fromFeatureLabels(region: Range, p0Features: readonly P0Feature[], turn: number): void {
    const names = p0Features.map((f) => f.name);
    const features = this.doc.labels.filter(
      (l) => l.line > region.start && l.line <= region.end && aspectsOfTitle(l.text).length === 0 && (bestMatch(featureName(l.text), names) >= 0 || /^\s*(?:\d+|[A-Z])[.)]\s/.test(l.text) || priorityTag(l.text) === true),
    );
    for (const [index, label] of features.entries()) {
      const end = (features[index + 1]?.line ?? region.end + 1) - 1;
      const dive = this.dive(featureName(label.text), label.line, end, turn, priorityTag(label.text));
      this.collectAspects(dive, { start: label.line + 1, end }, turn);
    }
  }

  /** No feature headings after the requirements: headings that name a P0 feature are its deep dive. */
  fromP0Headings(headings: readonly Heading[], p0Features: readonly P0Feature[], p0Region: Range, limit: number): void {
    const names = p0Features.map((f) => f.name);
    for (const heading of headings) {
      if (heading.line <= p0Region.end) continue;
      if (aspectsOfTitle(heading.text).length > 0 || bestMatch(featureName(heading.text), names, 0.75) < 0) continue;
      const end = this.endOf(heading, limit);
      const dive = this.dive(featureName(heading.text), heading.line, end, 1, priorityTag(heading.text));
      this.collectAspects(dive, { start: heading.line + 1, end }, 1);
    }
  }

  /** `### 3.1 Client → Server Flow` covering every feature: features are sub-headings or labels. */
  private fromAspectMajor(aspectHeadings: readonly Heading[], region: Range, p0Features: readonly P0Feature[], turn: number): void {
    const known = [...p0Features.map((f) => f.name), ...this.rankedNames];
    for (const aspectHeading of aspectHeadings) {
      const aspects = aspectsOfTitle(aspectHeading.text);
      const end = this.endOf(aspectHeading, region.end);
      const inner = this.doc.headings.filter((h) => h.line > aspectHeading.line && h.line <= end);
      const depth = Math.min(...inner.map((h) => h.depth));
      const markers: Array<{ name: string; line: number; end: number; via: 'heading' | 'label' }> = inner
        .filter((h) => h.depth === depth && !isSummaryTitle(h.text))
        .map((h) => ({ name: featureName(h.text), line: h.line, end: this.endOf(h, end), via: 'heading' as const }));
      if (markers.length === 0) {
        const labels = this.doc.labels.filter((l) => l.line > aspectHeading.line && l.line <= end && aspectsOfTitle(l.text).length === 0);
        const featureLabels = labels.filter((l) => bestMatch(featureName(l.text), [...known, ...this.dives.map((d) => d.feature)]) >= 0);
        for (const [index, label] of featureLabels.entries()) {
          markers.push({ name: featureName(label.text), line: label.line, end: (featureLabels[index + 1]?.line ?? end + 1) - 1, via: 'label' });
        }
      }
      for (const marker of markers) {
        const dive = this.dive(marker.name, marker.line, marker.end, turn, priorityTag(marker.name));
        if (marker.via === 'heading') this.headingMarkers++;
        else this.labelMarkers++;
        for (const aspect of aspects) dive.parts.push(this.part(aspect, marker.line, marker.end, marker.via, turn));
      }
    }
  }

  private dive(feature: string, line: number, end: number, turn: number, priority: boolean | null): PendingDive {
    // Two names are one feature when they resolve to the same P0 feature, or (outside the P0
    // list) when they are alike: "Video Upload" must not merge into "Video Transcoding".
    const canonical = bestMatch(feature, this.p0Names);
    let existing: PendingDive | undefined;
    let best = 0;
    for (const d of this.dives) {
      const similarity = featureSimilarity(d.feature, feature);
      if (similarity < (turn > 1 || d.turn > 1 ? SAME_FEATURE : 0.99) || similarity <= best) continue;
      // Only for a close name: matching every dive against every P0 name is dives² × P0s.
      if (canonical < 0 || bestMatch(d.feature, this.p0Names) === canonical) {
        existing = d;
        best = similarity;
      }
    }
    const dive = existing ?? new PendingDive(this.doc, feature, line, end, turn, priority);
    if (existing === undefined) this.dives.push(dive);
    dive.ranges.push({ start: line, end });
    return dive;
  }

  /**
   * Aspect markers inside one feature's range. A heading's part runs to the next heading at its
   * depth or above; a label's part to the next aspect label or heading.
   */
  private collectAspects(dive: PendingDive, range: Range, turn: number): void {
    const headings = this.doc.headings.filter((h) => h.line >= range.start && h.line <= range.end);
    const labels = this.doc.labels.filter((l) => l.line >= range.start && l.line <= range.end && aspectsOfTitle(l.text).length > 0);
    for (const heading of headings) {
      const aspects = aspectsOfTitle(heading.text);
      if (aspects.length === 0) continue;
      const end = this.endOf(heading, range.end);
      this.headingMarkers++;
      for (const aspect of aspects) dive.parts.push(this.part(aspect, heading.line, end, 'heading', turn));
    }
    for (const [index, label] of labels.entries()) {
      if (insideAspectHeading(label, headings)) continue;
      const nextLabel = labels[index + 1]?.line ?? Number.POSITIVE_INFINITY;
      const nextHeading = headings.find((h) => h.line > label.line)?.line ?? Number.POSITIVE_INFINITY;
      const end = Math.min(range.end, nextLabel - 1, nextHeading - 1);
      this.labelMarkers++;
      for (const aspect of aspectsOfTitle(label.text)) dive.parts.push(this.part(aspect, label.line, end, 'label', turn));
    }
  }

  private part(aspect: AspectId, line: number, end: number, via: 'heading' | 'label', turn: number): AspectPart {
    const artifacts =
      this.doc.code.filter((c) => c.line > line && c.line <= end).length + this.doc.tables.filter((t) => t.line > line && t.line <= end).length;
    return { aspect, line, endLine: end, words: wordsBetween(this.doc, line, end), artifacts, specifics: specificsBetween(this.doc, line, end), via, turn };
  }
}

/** A label inside an aspect heading's part ("**Redis keys**" under "#### Storage") is not a new part. */
function insideAspectHeading(label: Label, headings: readonly Heading[]): boolean {
  const owner = [...headings].reverse().find((h) => h.line < label.line);
  return owner !== undefined && aspectsOfTitle(owner.text).length > 0;
}
