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
    });
  }
  out.sort((a, b) => a.prompt.localeCompare(b.prompt) || a.provider.localeCompare(b.provider));
  return { runId, groups: out };
}
