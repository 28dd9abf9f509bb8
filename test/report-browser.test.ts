/** report.html in real headless Chromium (Debian's, via playwright-core): charts, drill-down, and nothing an answer carries runs. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../src/reports/registry.js';
import { runEval } from '../src/runner/run-eval.js';
import { startLoopback, type Loopback } from './support/loopback-server.js';
import { fixture } from './engine/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE = [
  '# Design',
  '',
  '## 1. Requirements',
  '',
  '- Send (P0)',
  '',
  '<script>window.__pwned = "script"</script>',
  '',
  '<img src="x" onerror="window.__pwned = \'onerror\'">',
  '',
  '[click me](javascript:window.__pwned=\'link\') and ![tracker](http://127.0.0.1:9/pixel.png)',
  '',
  '## 3. Deep Dives',
  '',
  '### 3.1 Send',
  '',
  '#### Storage',
  '',
  '```sql',
  'SELECT 1;',
  '```',
].join('\n');

let server: Loopback;
let browser: Browser;
let reportPath: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (.ci/run does: apt-get install chromium)`);
  server = await startLoopback((r) => ({ kind: 'answer', text: r.body.model === 'hostile' ? HOSTILE : `${HOSTILE.split('<script>')[0]}\n## 3. Deep Dives\n\n### 3.1 Send\n\n#### Storage\n\n${'words '.repeat(60)}` }));
  const f = fixture(
    [
      { id: 'openai:chat:hostile', label: 'hostile', config: { apiBaseUrl: `${server.url}/v1` } },
      { id: 'openai:chat:plain', label: 'plain', config: { apiBaseUrl: `${server.url}/v1` } },
    ],
    3,
  );
  const outcome = await runEval({ configPath: f.config, resultsDir: f.results, cacheDir: f.cache, env: {}, signal: new AbortController().signal, log: () => undefined });
  writeReports(f.results, outcome.runId);
  reportPath = join(outcome.dir, 'report.html');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('report.html in Chromium', () => {
  it('renders the charts, drills down side by side, logs no error, loads nothing and runs nothing from an answer', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
    await page.goto(`file://${reportPath}`);

    expect(await page.locator('#leaderboard rect.bar').count()).toBe(2);
    expect(await page.locator('#leaderboard line.whisker').count()).toBe(2);
    expect(await page.locator('#heatmap td.heat').count()).toBe(6);
    expect(await page.locator('#aspects tbody tr').count()).toBe(2);
    expect(await page.locator('#cost circle.point').count()).toBe(2);
    expect(await page.locator('#trend polyline.trend').count()).toBe(2);

    const firstCase = page.locator('details.case').first();
    await firstCase.locator(':scope > summary').click();
    await expect.poll(() => firstCase.locator('.left-pane .cell > h4').textContent()).toContain('p × hostile #0');
    expect(await firstCase.locator('.right-pane .cell > h4').textContent()).toContain('p × plain #0');
    await firstCase.locator('select.right').selectOption({ index: 0 });
    expect(await firstCase.locator('.right-pane .cell > h4').textContent()).toContain('p × hostile #0');

    const answer = firstCase.locator('.left-pane details.answer');
    await answer.locator('summary').click();
    expect(await answer.locator('.rendered h1').textContent()).toBe('Design');
    expect(await answer.locator('script, img, [onerror]').count()).toBe(0);
    const link = answer.locator('a', { hasText: 'click me' });
    expect(await link.getAttribute('href')).toBeNull();
    await link.click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(page.url()).toBe(`file://${reportPath}`);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(readFileSync(reportPath, 'utf8')).toContain("Content-Security-Policy");
  });
});
