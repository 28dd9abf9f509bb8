import Table from 'cli-table3';
import type { RunSummary } from '../runner/summary.js';

const score = (n: number | null): string => (n === null ? '—' : n.toFixed(3));

/** Mean scores per prompt × provider. */
export function formatSummary(summary: RunSummary): string {
  const table = new Table({ head: ['prompt', 'provider', 'cells', 'overall', 'depth', 'artifacts', 'markdown', 'rubric', 'not judged', 'unsupported', 'errors', 'truncated', 'tokens', 'cost'], style: { head: [], border: [], compact: true } });
  for (const g of summary.groups) {
    table.push([g.prompt, g.provider, String(g.cells), score(g.mean.overall), score(g.mean.depth), score(g.mean.artifacts), score(g.mean.markdown), score(g.mean.rubric), String(g.notJudged), String(g.unsupported), String(g.errors), String(g.truncated), String(g.tokens), g.cost === null ? '—' : `$${g.cost.toFixed(4)}`]);
  }
  return table.toString();
}
