import Table from 'cli-table3';
import type { GroupComparison } from '../compare/compare-runs.js';

const f = (n: number): string => n.toFixed(3);
const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(3)}`;

/** The paired statistics of `compare`, a table per prompt × provider. */
export function formatComparison(labelA: string, labelB: string, groups: readonly GroupComparison[]): string {
  if (groups.length === 0) return `${labelA} and ${labelB} share no prompt × provider with graded cells`;
  const out: string[] = [`A = ${labelA}, B = ${labelB}; paired over shared cases, 95% bootstrap intervals of B − A`];
  for (const g of groups) {
    const table = new Table({ head: ['metric', 'cases', 'A', 'B', 'B − A', '95% CI', 'win/tie/loss'], style: { head: [], border: [], compact: true } });
    for (const m of g.metrics) table.push([m.metric, String(m.cases), f(m.meanA), f(m.meanB), signed(m.delta.mean), `[${signed(m.delta.low)}, ${signed(m.delta.high)}]`, `${m.wins}/${m.ties}/${m.losses}`]);
    out.push('', `${g.prompt} × ${g.provider}`, table.toString());
    out.push(`pass (overall ≥ 0.7): ${g.mcnemar.passToFail} passed→failed, ${g.mcnemar.failToPass} failed→passed, McNemar exact p = ${g.mcnemar.p.toFixed(3)}`);
    for (const r of g.regressed) {
      out.push(`  regressed ${r.caseId}: ${f(r.a)} → ${f(r.b)}`);
      for (const finding of r.findingsB.filter((x) => !r.findingsA.includes(x))) out.push(`    B only: ${finding}`);
    }
  }
  return out.join('\n');
}
