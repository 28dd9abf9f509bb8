import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../src/reports/registry.js';
import { renderAnswer } from '../src/reports/render-answer.js';
import { renderAnswerCached } from '../src/reports/render-cache.js';
import { DRILL_DOWN_MAX_CELLS, loadReportData } from '../src/reports/report-data.js';
import { runEval } from '../src/runner/run-eval.js';
import { startLoopback, type Loopback } from './support/loopback-server.js';
import { ANSWER, fixture } from './engine/fixture.js';

let server: Loopback;
let dir: string;

beforeAll(async () => {
  server = await startLoopback((r) => (r.prompt.includes('system 2') ? { kind: 'status', status: 400 } : { kind: 'answer', text: ANSWER }));
  const f = fixture([{ id: 'openai:chat:m', label: 'm', config: { apiBaseUrl: `${server.url}/v1` } }], 3);
  const outcome = await runEval({ configPath: f.config, resultsDir: f.results, cacheDir: f.cache, env: {}, signal: new AbortController().signal, log: () => undefined });
  expect(writeReports(f.results, outcome.runId).map((p) => p.split('/').at(-1))).toEqual(['report.md', 'report.html', 'results.csv', 'junit.xml']);
  dir = outcome.dir;
});
afterAll(async () => server.close());

describe('report files', () => {
  it('results.csv has one row per cell with scores and the error', () => {
    const rows = parseCsv(readFileSync(join(dir, 'results.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.case).sort()).toEqual(['case-0', 'case-1', 'case-2']);
    expect(rows.find((r) => r.case === 'case-2')!.error).toMatch(/^client: /);
    expect(Number(rows.find((r) => r.case === 'case-0')!.overall)).toBeGreaterThanOrEqual(0);
  });

  it('junit.xml has one testcase per cell; below the threshold or errored fails', () => {
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain('<testsuites name="blueprint-eval');
    expect(xml).toContain('tests="3" failures="3"');
    expect(xml.match(/<error message="client: /g)).toHaveLength(1);
    expect(xml.match(/<failure message="overall 0\.\d{3} &lt; 0\.7">/g)).toHaveLength(2);
  });

  it('report.md is a GitHub table with the leaderboard and aspect coverage', () => {
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toMatch(/^\| p \| m \| 0\.\d{3} \[0\.\d{3}, 0\.\d{3}\] \|/m);
    expect(md).toContain('## Aspect coverage of P0 deep dives');
    expect(md).toContain('## Lowest-scoring cells');
  });
});

describe('a report of a large run', () => {
  it('shows the answers of up to DRILL_DOWN_MAX_CELLS cells and says where the rest are', async () => {
    const server = await startLoopback((r) => ({ kind: 'answer', text: `${ANSWER}\n${r.prompt}` }));
    try {
      const cases = DRILL_DOWN_MAX_CELLS + 20;
      const f = fixture([{ id: 'openai:chat:m', label: 'm', config: { apiBaseUrl: `${server.url}/v1` } }], cases);
      const outcome = await runEval({ configPath: f.config, resultsDir: f.results, cacheDir: f.cache, grade: false, env: {}, signal: new AbortController().signal, log: () => undefined });
      const data = loadReportData(f.results, outcome.runId);
      expect(data.completions).toHaveLength(cases);
      expect(data.drillDownCases).toHaveLength(DRILL_DOWN_MAX_CELLS);
      // Answers are kept in memory only for the cases shown.
      const kept = data.completions.filter((c) => c.output !== null).map((c) => c.caseId).sort();
      expect(kept).toEqual([...data.drillDownCases].sort());
      writeReports(f.results, outcome.runId);
      const html = readFileSync(join(outcome.dir, 'report.html'), 'utf8');
      expect(html.match(/<details class="case"/g)).toHaveLength(DRILL_DOWN_MAX_CELLS);
      expect(html).toContain('20 more case(s) are not shown here');
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('the rendered-answer cache', () => {
  it('renders an answer once, then serves it from disk; another answer is rendered afresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'renders-'));
    const html = renderAnswerCached('# Design\n\n<script>alert(1)</script>\n', dir);
    expect(html).toBe(renderAnswer('# Design\n\n<script>alert(1)</script>\n'));
    expect(html).not.toContain('<script');
    const [file] = readdirSync(dir);
    // Prove the second call reads the cache: mark the stored copy.
    writeFileSync(join(dir, file!), `${html}<!-- cached -->`);
    expect(renderAnswerCached('# Design\n\n<script>alert(1)</script>\n', dir)).toContain('<!-- cached -->');
    expect(renderAnswerCached('# Other\n', dir)).toBe('<h1>Other</h1>');
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
