import Table from 'cli-table3';
import type { RunSummary } from '../runner/summary.js';

const score = (n: number | null): string => (n === null ? '—' : n.toFixed(3));

/** The terminal leaderboard: mean scores per prompt × provider, best first. */
export function formatSummary(summary: RunSummary): string {
  const table = new Table({ head: ['prompt', 'provider', 'cells', 'overall', 'depth', 'artifacts', 'markdown', 'rubric', 'not judged', 'unsupported', 'errors', 'truncated', 'tokens', 'cost'], style: { head: [], border: [], compact: true } });
  // A leaderboard: best mean overall first.
  for (const g of [...summary.groups].sort((a, b) => (b.mean.overall ?? -1) - (a.mean.overall ?? -1))) {
    table.push([g.prompt, g.provider, String(g.cells), score(g.mean.overall), score(g.mean.depth), score(g.mean.artifacts), score(g.mean.markdown), score(g.mean.rubric), String(g.notJudged), String(g.unsupported), String(g.errors), String(g.truncated), String(g.tokens), g.cost === null ? '—' : `$${g.cost.toFixed(4)}`]);
  }
  return table.toString();
}
