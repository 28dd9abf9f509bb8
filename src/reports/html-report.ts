import { randomBytes } from 'node:crypto';
import { ASPECTS } from '../analysis/aspects.js';
import type { CompletionRecord, GradeRecord } from '../runner/records.js';
import { renderAnswerCached } from './render-cache.js';
import { DRILL_DOWN_MAX_CELLS, type ReportData } from './report-data.js';
import type { Reporter } from './reporter.js';

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const f = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toFixed(3));
/** Score → background colour, red (0) through amber to green (1). */
const shade = (n: number | null | undefined): string => (n === null || n === undefined ? '#eee' : `hsl(${Math.round(120 * n)}, 60%, ${80 - Math.round(20 * n)}%)`);

function leaderboard(data: ReportData): string {
  const groups = [...data.summary.groups].sort((a, b) => (b.mean.overall ?? 0) - (a.mean.overall ?? 0));
  const row = 28;
  const x = (v: number): number => 260 + v * 400;
  const bars = groups.map((g, i) => {
    const y = 20 + i * row;
    const ci = g.ci?.overall;
    const whisker = ci ? `<line class="whisker" x1="${x(ci.low)}" x2="${x(ci.high)}" y1="${y + 9}" y2="${y + 9}" stroke="#222" stroke-width="2"/><line x1="${x(ci.low)}" x2="${x(ci.low)}" y1="${y + 3}" y2="${y + 15}" stroke="#222"/><line x1="${x(ci.high)}" x2="${x(ci.high)}" y1="${y + 3}" y2="${y + 15}" stroke="#222"/>` : '';
    return `<text x="250" y="${y + 13}" text-anchor="end">${esc(`${g.prompt} × ${g.provider}`)}</text><rect class="bar" x="260" y="${y}" width="${(g.mean.overall ?? 0) * 400}" height="18" fill="${shade(g.mean.overall)}"/>${whisker}<text x="${x(1) + 8}" y="${y + 13}">${f(g.mean.overall)}</text>`;
  });
  return `<svg id="leaderboard" role="img" aria-label="mean overall score with 95% CI" width="760" height="${40 + groups.length * row}">${bars.join('')}</svg>`;
}

function heatmap(data: ReportData): string {
  const columns = data.summary.groups.map((g) => `${g.prompt}|${g.provider}`);
  const cases = [...new Set(data.completions.map((c) => c.caseId))].sort();
  // One pass: cell ids are prompt|provider|case|repeat.
  const byCell = new Map<string, number[]>();
  for (const g of data.grades.values()) {
    const key = g.cellId.split('|').slice(0, 3).join('|');
    byCell.set(key, [...(byCell.get(key) ?? []), g.result.scores.overall]);
  }
  const score = (caseId: string, column: string): number | null => {
    const values = byCell.get(`${column}|${caseId}`) ?? [];
    return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  };
  const head = columns.map((c) => `<th>${esc(c.replace('|', ' × '))}</th>`).join('');
  const rows = cases.map((id) => `<tr><th>${esc(id)}</th>${columns.map((c) => { const s = score(id, c); return `<td class="heat" style="background:${shade(s)}">${f(s)}</td>`; }).join('')}</tr>`);
  return `<table id="heatmap"><thead><tr><th>case</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function aspectMatrix(data: ReportData): string {
  const rows = data.summary.groups.map((g) => {
    const dives = [...data.grades.values()].filter((r) => r.cellId.startsWith(`${g.prompt}|${g.provider}|`)).flatMap((r) => r.result.outline.deepDives.filter((d) => d.p0));
    const cells = ASPECTS.map((a) => {
      const share = dives.length === 0 ? null : dives.filter((d) => d.aspects.includes(a)).length / dives.length;
      return `<td style="background:${shade(share)}">${share === null ? '—' : `${Math.round(share * 100)}%`}</td>`;
    });
    return `<tr><th>${esc(`${g.prompt} × ${g.provider}`)}</th>${cells.join('')}</tr>`;
  });
  return `<table id="aspects"><thead><tr><th>P0 deep dives covering…</th>${ASPECTS.map((a) => `<th>${a}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function costVsScore(data: ReportData): string {
  const groups = data.summary.groups;
  const maxCost = Math.max(0.0001, ...groups.map((g) => g.cost ?? 0));
  const points = groups.map((g) => {
    const cx = 60 + ((g.cost ?? 0) / maxCost) * 500;
    const cy = 220 - (g.mean.overall ?? 0) * 200;
    return `<circle class="point" cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="6" fill="${shade(g.mean.overall)}" stroke="#333"><title>${esc(`${g.prompt} × ${g.provider}: ${f(g.mean.overall)}, $${(g.cost ?? 0).toFixed(4)}`)}</title></circle>`;
  });
  return `<svg id="cost" role="img" aria-label="cost vs score" width="620" height="250"><line x1="60" y1="220" x2="580" y2="220" stroke="#999"/><line x1="60" y1="20" x2="60" y2="220" stroke="#999"/><text x="300" y="245">total cost (USD, max $${maxCost.toFixed(4)})</text><text x="5" y="20">score</text>${points.join('')}</svg>`;
}

function trend(data: ReportData): string {
  const runs = data.history.slice(-20);
  if (runs.length === 0) return '<p>No history yet.</p>';
  const series = new Map<string, Array<number | null>>();
  runs.forEach((run, i) => {
    for (const g of run.groups) {
      const key = `${g.prompt} × ${g.provider}`;
      const values = series.get(key) ?? Array<number | null>(runs.length).fill(null);
      values[i] = g.overall;
      series.set(key, values);
    }
  });
  const x = (i: number): number => 60 + (runs.length === 1 ? 250 : (i / (runs.length - 1)) * 500);
  const lines = [...series.entries()].map(([key, values], k) => {
    const pts = values.map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${(220 - v * 200).toFixed(1)}`)).filter((p): p is string => p !== null);
    return `<polyline class="trend" points="${pts.join(' ')}" fill="none" stroke="hsl(${(k * 67) % 360},60%,40%)" stroke-width="2"><title>${esc(key)}</title></polyline>${pts.map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="hsl(${(k * 67) % 360},60%,40%)"/>`).join('')}`;
  });
  return `<svg id="trend" role="img" aria-label="overall score over runs" width="620" height="250"><line x1="60" y1="220" x2="580" y2="220" stroke="#999"/><text x="250" y="245">last ${runs.length} run(s)</text>${lines.join('')}</svg>`;
}

function cellView(grade: GradeRecord | undefined, output: string | null, label: string): string {
  if (grade === undefined) return `<div class="cell" data-cell="${esc(label)}"><h4>${esc(label)}</h4><p>not graded</p></div>`;
  const r = grade.result;
  const outline = r.outline.deepDives.map((d) => `<li>${esc(d.feature)}${d.p0 ? ' (P0)' : ''} — line ${d.line}: ${d.aspects.map(esc).join(', ') || 'no aspect with substance'}</li>`).join('');
  const findings = r.findings.filter((x) => x.severity !== 'info').slice(0, 40).map((x) => `<li class="${x.severity}">${x.line === null ? '' : `L${x.line} `}${esc(x.message)}</li>`).join('');
  return `<div class="cell" data-cell="${esc(label)}"><h4>${esc(label)}: overall ${f(r.scores.overall)} · rubric ${f(r.rubric?.score)}</h4><details><summary>outline</summary><ul>${outline}</ul></details><details><summary>findings (${r.findings.length})</summary><ul>${findings}</ul></details><details class="answer"><summary>answer</summary><div class="rendered">${output === null ? '' : renderAnswerCached(output)}</div></details></div>`;
}

function drillDown(data: ReportData): string {
  const byCase = new Map<string, CompletionRecord[]>();
  for (const c of data.completions) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
  const omitted = byCase.size - data.drillDownCases.filter((id) => byCase.has(id)).length;
  const boxes = data.drillDownCases
    .filter((id) => byCase.has(id))
    .map((id) => {
      const cells = byCase.get(id)!.sort((a, b) => a.cellId.localeCompare(b.cellId));
      const options = cells.map((c, i) => `<option value="${i}">${esc(`${c.promptId} × ${c.provider} #${c.repeat}`)}</option>`).join('');
      const views = cells.map((c) => cellView(data.grades.get(c.cellId), c.output, `${c.promptId} × ${c.provider} #${c.repeat}`)).join('');
      return `<details class="case" data-case="${esc(id)}"><summary>${esc(id)}</summary><div class="pickers"><select class="left">${options}</select><select class="right">${options}</select></div><div class="side-by-side"><div class="pane left-pane"></div><div class="pane right-pane"></div></div><div class="cells" hidden>${views}</div></details>`;
    })
    .join('');
  return omitted === 0 ? boxes : `${boxes}<p>${omitted} more case(s) are not shown here (this report shows up to ${DRILL_DOWN_MAX_CELLS} cells); their answers and grades are in completions.jsonl and grades.jsonl.</p>`;
}

/**
 * One self-contained file: inline SVG charts, tables, and a drill-down per case with two cells
 * side by side. A Content-Security-Policy allows only this file's own nonce'd script and inline
 * styles, so nothing in an answer can run or load a resource even if it got past sanitizing.
 */
export const htmlReport: Reporter = {
  name: 'html',
  file: 'report.html',
  render(data) {
    const nonce = randomBytes(12).toString('base64');
    const script = `
for (const box of document.querySelectorAll('details.case')) {
  const cells = [...box.querySelectorAll('.cells > .cell')];
  const show = (side) => { const i = Number(box.querySelector('select.' + side).value); const pane = box.querySelector('.' + side + '-pane'); pane.replaceChildren(cells[i].cloneNode(true)); };
  const right = box.querySelector('select.right');
  if (cells.length > 1) right.value = '1';
  for (const side of ['left', 'right']) box.querySelector('select.' + side).addEventListener('change', () => show(side));
  box.addEventListener('toggle', () => { if (box.open) { show('left'); show('right'); } });
}`;
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; img-src 'none'; form-action 'none'; base-uri 'none'">
<title>blueprint-eval ${esc(data.manifest.runId)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}.side-by-side{display:flex;gap:12px}.pane{flex:1;min-width:0;border:1px solid #ddd;padding:6px;overflow:auto}pre{background:#f6f6f6;padding:6px;overflow:auto}li.error{color:#a00}svg text{font-size:12px}</style>
</head><body>
<h1>blueprint-eval run ${esc(data.manifest.runId)}</h1>
<p>${data.completions.length} cells · config ${esc(data.manifest.configHash)} · commit ${esc(data.manifest.gitCommit?.slice(0, 10) ?? 'none')}</p>
<h2>Leaderboard (mean overall, 95% CI)</h2>${leaderboard(data)}
<h2>System × model</h2>${heatmap(data)}
<h2>Aspect coverage</h2>${aspectMatrix(data)}
<h2>Cost vs score</h2>${costVsScore(data)}
<h2>Trend</h2>${trend(data)}
<h2>Drill-down</h2>${drillDown(data)}
<script nonce="${nonce}">${script}</script>
</body></html>
`;
  },
};
