import { PASS_THRESHOLD } from '../compare/compare-runs.js';
import { bootstrapMean, type Interval } from '../stats/bootstrap.js';
import type { CompletionRecord, GradeRecord } from './records.js';

export interface CellGroupSummary {
  prompt: string;
  provider: string;
  cells: number;
  graded: number;
  errors: number;
  truncated: number;
  mean: { overall: number | null; depth: number | null; artifacts: number | null; markdown: number | null; rubric: number | null };
  /** Judge criteria left undecided (no judge, or a judge error), and "met" claims without a verified quote. */
  notJudged: number;
  unsupported: number;
  tokens: number;
  cost: number | null;
  latencyMs: { p50: number | null; p95: number | null };
  /** 95% bootstrap intervals of the means, resampling cases (repeats of a case stay together). */
  ci: Record<'overall' | 'depth' | 'artifacts' | 'markdown' | 'rubric', Interval | null>;
  /** Rubric sub-scores per tag (depth, storage, …), each with its interval. */
  rubricTags: Record<string, Interval | null>;
  /** Share of graded cells with overall ≥ the pass threshold. */
  passRate: number | null;
  /** Pearson correlation of overall score with answer length in words: near 1 means "longer wins". */
  lengthCorrelation: number | null;
}

export interface RunSummary {
  runId: string;
  groups: CellGroupSummary[];
}

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000);

function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Per prompt × provider: mean scores, errors, truncations, tokens, cost, latency. */
export function summarize(runId: string, completions: ReadonlyMap<string, CompletionRecord>, grades: ReadonlyMap<string, GradeRecord>): RunSummary {
  const groups = new Map<string, CompletionRecord[]>();
  for (const record of completions.values()) {
    const key = `${record.promptId}\u0000${record.provider}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  const out: CellGroupSummary[] = [];
  for (const records of groups.values()) {
    const first = records[0]!;
    const graded = records.map((r) => grades.get(r.cellId)).filter((g): g is GradeRecord => g !== undefined);
    const ok = records.filter((r) => r.error === null);
    const costs = ok.map((r) => r.cost).filter((c): c is number => c !== null);
    out.push({
      prompt: first.promptId,
      provider: first.provider,
      cells: records.length,
      graded: graded.length,
      errors: records.length - ok.length,
      truncated: ok.filter((r) => r.truncated).length,
      mean: {
        overall: mean(graded.map((g) => g.result.scores.overall)),
        depth: mean(graded.map((g) => g.result.scores.depth)),
        artifacts: mean(graded.map((g) => g.result.scores.artifacts)),
        markdown: mean(graded.map((g) => g.result.scores.markdown)),
        rubric: mean(graded.map((g) => g.result.rubric?.score).filter((v): v is number => typeof v === 'number')),
      },
      notJudged: graded.reduce((sum, g) => sum + (g.result.rubric?.notJudged ?? 0), 0),
      unsupported: graded.reduce((sum, g) => sum + (g.result.rubric?.unsupported ?? 0), 0),
      tokens: ok.reduce((sum, r) => sum + (r.tokenUsage?.total ?? 0), 0),
      cost: costs.length === 0 ? null : costs.reduce((a, b) => a + b, 0),
      latencyMs: { p50: percentile(ok.filter((r) => !r.cached).map((r) => r.latencyMs), 50), p95: percentile(ok.filter((r) => !r.cached).map((r) => r.latencyMs), 95) },
      ci: {
        overall: clustered(graded, (g) => g.result.scores.overall),
        depth: clustered(graded, (g) => g.result.scores.depth),
        artifacts: clustered(graded, (g) => g.result.scores.artifacts),
        markdown: clustered(graded, (g) => g.result.scores.markdown),
        rubric: clustered(graded, (g) => g.result.rubric?.score ?? null),
      },
      rubricTags: Object.fromEntries(
        [...new Set(graded.flatMap((g) => Object.keys(g.result.rubric?.subScores ?? {})))].sort().map((tag) => [tag, clustered(graded, (g) => g.result.rubric?.subScores[tag] ?? null)]),
      ),
      passRate: graded.length === 0 ? null : round3(graded.filter((g) => g.result.scores.overall >= PASS_THRESHOLD).length / graded.length),
      lengthCorrelation: pearson(
        graded.map((g) => g.result.scores.overall),
        graded.map((g) => g.result.outline.deepDives.reduce((sum, d) => sum + d.words, 0)),
      ),
    });
  }
  out.sort((a, b) => a.prompt.localeCompare(b.prompt) || a.provider.localeCompare(b.provider));
  return { runId, groups: out };
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Bootstrap CI of a metric with the cells of one case resampled together. */
function clustered(grades: readonly GradeRecord[], metric: (g: GradeRecord) => number | null): Interval | null {
  const byCase = new Map<string, number[]>();
  for (const g of grades) {
    const value = metric(g);
    if (value === null) continue;
    const caseId = g.cellId.split('|')[2] ?? g.cellId;
    byCase.set(caseId, [...(byCase.get(caseId) ?? []), value]);
  }
  const interval = bootstrapMean([...byCase.values()]);
  return interval === null ? null : { mean: round3(interval.mean), low: round3(interval.low), high: round3(interval.high) };
}

export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : round3(sxy / Math.sqrt(sxx * syy));
}
