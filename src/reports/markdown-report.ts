import { ASPECTS } from '../analysis/aspects.js';
import type { Interval } from '../stats/bootstrap.js';
import type { Reporter } from './reporter.js';

const f = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toFixed(3));
const ci = (i: Interval | null | undefined): string => (i === null || i === undefined ? '—' : `${i.mean.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]`);
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** GitHub-flavoured summary: fits a pull-request comment or $GITHUB_STEP_SUMMARY. */
export const markdownReport: Reporter = {
  name: 'markdown',
  file: 'report.md',
  render(data) {
    const lines = [`# blueprint-eval run ${data.manifest.runId}`, '', `${data.completions.length} cells · config ${data.manifest.configHash} · commit ${data.manifest.gitCommit?.slice(0, 10) ?? 'none'}`, ''];
    lines.push('| prompt | provider | overall (95% CI) | rubric | pass rate | errors | truncated | tokens | cost | p50 / p95 latency | score~length r |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const g of [...data.summary.groups].sort((a, b) => (b.mean.overall ?? 0) - (a.mean.overall ?? 0))) {
      lines.push(
        `| ${cell(g.prompt)} | ${cell(g.provider)} | ${ci(g.ci?.overall)} | ${f(g.mean.rubric)} | ${f(g.passRate)} | ${g.errors} | ${g.truncated} | ${g.tokens} | ${g.cost === null ? '—' : `$${g.cost.toFixed(4)}`} | ${g.latencyMs.p50 ?? '—'} / ${g.latencyMs.p95 ?? '—'} ms | ${f(g.lengthCorrelation)} |`,
      );
    }
    lines.push('', '## Aspect coverage of P0 deep dives', '', `| prompt × provider | ${ASPECTS.join(' | ')} |`, `| --- | ${ASPECTS.map(() => '---').join(' | ')} |`);
    for (const g of data.summary.groups) {
      const dives = [...data.grades.values()]
        .filter((r) => r.cellId.startsWith(`${g.prompt}|${g.provider}|`))
        .flatMap((r) => r.result.outline.deepDives.filter((d) => d.p0));
      const share = (aspect: string): string => (dives.length === 0 ? '—' : `${Math.round((100 * dives.filter((d) => d.aspects.includes(aspect as (typeof ASPECTS)[number])).length) / dives.length)}%`);
      lines.push(`| ${cell(`${g.prompt} × ${g.provider}`)} | ${ASPECTS.map(share).join(' | ')} |`);
    }
    const worst = [...data.grades.values()].sort((a, b) => a.result.scores.overall - b.result.scores.overall).slice(0, 5);
    lines.push('', '## Lowest-scoring cells', '');
    for (const g of worst) lines.push(`- \`${g.cellId}\`: overall ${f(g.result.scores.overall)} — ${cell(g.result.findings.find((x) => x.severity === 'error')?.message ?? g.result.findings[0]?.message ?? 'no findings')}`);
    return `${lines.join('\n')}\n`;
  },
};
