import { bootstrapMean, type Interval } from '../stats/bootstrap.js';
import { mcnemarExact } from '../stats/mcnemar.js';
import { METRICS, type CellScores, type Metric } from './scores.js';

/** An answer passes at this overall score (junit and McNemar use the same line). */
export const PASS_THRESHOLD = 0.7;
/** Per-case deltas smaller than this are ties. */
export const TIE = 0.005;

export interface MetricComparison {
  metric: Metric;
  cases: number;
  meanA: number;
  meanB: number;
  /** B − A on the shared cases, with a paired bootstrap 95% interval. */
  delta: Interval;
  wins: number;
  ties: number;
  losses: number;
}

export interface GroupComparison {
  prompt: string;
  provider: string;
  metrics: MetricComparison[];
  mcnemar: { passToFail: number; failToPass: number; p: number };
  /** Cases whose overall dropped most, with each side's first findings. */
  regressed: Array<{ caseId: string; a: number; b: number; findingsA: string[]; findingsB: string[] }>;
}

const key = (c: CellScores): string => `${c.prompt}\u0000${c.provider}`;
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Per prompt × provider both sides have: paired statistics over the cases both have scores for. */
export function compareRuns(a: readonly CellScores[], b: readonly CellScores[]): GroupComparison[] {
  const groups = [...new Set(a.map(key))].filter((g) => b.some((c) => key(c) === g)).sort();
  return groups.map((group) => {
    const [prompt, provider] = group.split('\u0000') as [string, string];
    const side = (cells: readonly CellScores[]): Map<string, CellScores[]> => {
      const byCase = new Map<string, CellScores[]>();
      for (const c of cells.filter((x) => key(x) === group)) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
      return byCase;
    };
    const left = side(a);
    const right = side(b);
    const shared = [...left.keys()].filter((id) => right.has(id)).sort();
    const caseMean = (cells: readonly CellScores[], metric: Metric): number | null => {
      const values = cells.map((c) => c.scores[metric]).filter((v): v is number => typeof v === 'number');
      return values.length === 0 ? null : mean(values);
    };
    const metrics: MetricComparison[] = [];
    for (const metric of METRICS) {
      const pairs = shared
        .map((id) => [caseMean(left.get(id)!, metric), caseMean(right.get(id)!, metric)] as const)
        .filter((p): p is readonly [number, number] => p[0] !== null && p[1] !== null);
      if (pairs.length === 0) continue;
      const deltas = pairs.map(([x, y]) => y - x);
      metrics.push({
        metric,
        cases: pairs.length,
        meanA: mean(pairs.map((p) => p[0])),
        meanB: mean(pairs.map((p) => p[1])),
        delta: bootstrapMean(deltas.map((d) => [d]))!,
        wins: deltas.filter((d) => d > TIE).length,
        ties: deltas.filter((d) => Math.abs(d) <= TIE).length,
        losses: deltas.filter((d) => d < -TIE).length,
      });
    }
    const overall = shared.map((id) => ({ id, a: caseMean(left.get(id)!, 'overall') ?? 0, b: caseMean(right.get(id)!, 'overall') ?? 0 }));
    const passToFail = overall.filter((o) => o.a >= PASS_THRESHOLD && o.b < PASS_THRESHOLD).length;
    const failToPass = overall.filter((o) => o.a < PASS_THRESHOLD && o.b >= PASS_THRESHOLD).length;
    const regressed = overall
      .filter((o) => o.b < o.a - TIE)
      .sort((x, y) => x.b - x.a - (y.b - y.a))
      .slice(0, 5)
      .map((o) => ({ caseId: o.id, a: o.a, b: o.b, findingsA: left.get(o.id)![0]!.findings.slice(0, 3), findingsB: right.get(o.id)![0]!.findings.slice(0, 3) }));
    return { prompt, provider, metrics, mcnemar: { passToFail, failToPass, p: mcnemarExact(passToFail, failToPass) }, regressed };
  });
}

export interface GateVerdict {
  failed: boolean;
  reasons: string[];
}

/** Fail only when the whole interval of the overall delta lies below −margin: a real drop. */
export function gate(comparisons: readonly GroupComparison[], margin: number): GateVerdict {
  const reasons: string[] = [];
  for (const g of comparisons) {
    const overall = g.metrics.find((m) => m.metric === 'overall');
    if (overall === undefined) continue;
    if (overall.delta.high < -margin) {
      reasons.push(
        `${g.prompt} × ${g.provider}: overall ${overall.meanA.toFixed(3)} → ${overall.meanB.toFixed(3)}, delta ${overall.delta.mean.toFixed(3)} [95% CI ${overall.delta.low.toFixed(3)}, ${overall.delta.high.toFixed(3)}] lies below −${margin} on ${overall.cases} cases`,
      );
    }
  }
  return { failed: reasons.length > 0, reasons };
}
