import { ASPECTS, type AspectId } from '../analysis/aspects.js';
import type { DeepDive } from '../analysis/outline.js';
import { bestMatch } from '../analysis/features.js';
import { clamp01, round3, type Finding, type Grader } from './grader.js';

export const ASPECT_TITLES: Record<AspectId, string> = {
  client_server: 'Client → Server Flow',
  storage: 'Data Storage & Retrieval',
  server_recipient: 'Server → Recipient Flow',
  messaging: 'Messaging & Eventing',
  edge_cases: 'Edge Cases & Failure Handling',
  pagination: 'Pagination & Cursor Handling',
  performance: 'Performance & Scalability',
  monitoring: 'Instrumentation & Monitoring',
};

/** Word-equivalents at which one aspect part counts as fully worked out (more earns nothing). */
export const WORKED_OUT = 120;

/**
 * Depth of the P0 deep dives: for each P0 feature, the mean over the eight aspects of how worked
 * out its part is (0 when missing or hollow, saturating at WORKED_OUT word-equivalents), averaged
 * over P0 features, so depth ≈ P0 coverage × aspect coverage × substance.
 */
export const depthGrader: Grader = {
  name: 'depth',
  version: 1,
  grade(analysis) {
    const { outline } = analysis;
    const findings: Finding[] = [];
    const dives = outline.deepDives;
    const p0Names = outline.p0Features.map((f) => f.name);
    // Without a P0 list, every deep dive stands in for one: the answer chose what is critical.
    const targets: Array<{ name: string; line: number | null; dive: DeepDive | undefined }> =
      p0Names.length > 0
        ? outline.p0Features.map((f) => ({ name: f.name, line: f.line, dive: dives[bestMatch(f.name, dives.map((d) => d.feature))] }))
        : dives.map((d) => ({ name: d.feature, line: d.line, dive: d }));
    if (p0Names.length === 0) findings.push({ grader: 'depth', severity: 'warn', line: outline.requirementsSection?.line ?? null, message: 'no P0 features found in the requirements section' });
    if (targets.length === 0) {
      findings.push({ grader: 'depth', severity: 'error', line: null, message: 'no feature deep dives found' });
      return { grader: 'depth', version: 1, score: 0, subScores: { p0Coverage: 0, aspectCoverage: 0, substance: 0 }, findings };
    }
    let covered = 0;
    let aspectShare = 0;
    let substanceSum = 0;
    let substanceParts = 0;
    let total = 0;
    for (const target of targets) {
      const dive = target.dive;
      if (dive === undefined) {
        findings.push({ grader: 'depth', severity: 'error', line: target.line, message: `P0 feature '${target.name}' has no deep dive` });
        continue;
      }
      covered++;
      let featureScore = 0;
      for (const aspect of ASPECTS) {
        const part = dive.coverage.find((c) => c.aspect === aspect);
        if (part === undefined) {
          findings.push({ grader: 'depth', severity: 'warn', line: dive.line, message: `feature '${dive.feature}' has no ${ASPECT_TITLES[aspect]} part` });
          continue;
        }
        if (!part.substantive) {
          findings.push({ grader: 'depth', severity: 'warn', line: part.line, message: `feature '${dive.feature}': ${ASPECT_TITLES[aspect]} part is hollow (${part.words} words, ${part.artifacts} artifacts)` });
          continue;
        }
        const substance = clamp01(part.weight / WORKED_OUT);
        featureScore += substance / ASPECTS.length;
        substanceSum += substance;
        substanceParts++;
      }
      aspectShare += dive.aspects.length / ASPECTS.length;
      total += featureScore;
    }
    return {
      grader: 'depth',
      version: 1,
      score: round3(total / targets.length),
      subScores: {
        p0Coverage: round3(covered / targets.length),
        aspectCoverage: round3(covered === 0 ? 0 : aspectShare / covered),
        substance: round3(substanceParts === 0 ? 0 : substanceSum / substanceParts),
      },
      findings,
    };
  },
};
