import { PASS_THRESHOLD } from '../compare/compare-runs.js';
import type { Reporter } from './reporter.js';

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** One testcase per case × provider × prompt (× repeat); below the pass threshold it fails. */
export const junitReport: Reporter = {
  name: 'junit',
  file: 'junit.xml',
  render(data) {
    const suites = new Map<string, string[]>();
    let failures = 0;
    for (const c of data.completions) {
      const suite = `${c.promptId} × ${c.provider}`;
      const g = data.grades.get(c.cellId)?.result;
      const name = `${c.caseId}#${c.repeat}`;
      let body = '';
      if (c.error !== null) body = `<error message="${xml(`${c.error.kind}: ${c.error.message}`)}"/>`;
      else if (g === undefined) body = '<skipped message="not graded"/>';
      else if (g.scores.overall < PASS_THRESHOLD) {
        const findings = g.findings.filter((x) => x.severity === 'error').slice(0, 10).map((x) => `${x.line === null ? '' : `L${x.line} `}${x.message}`);
        body = `<failure message="${xml(`overall ${g.scores.overall.toFixed(3)} < ${PASS_THRESHOLD}`)}">${xml(findings.join('\n'))}</failure>`;
      }
      if (body.startsWith('<failure') || body.startsWith('<error')) failures++;
      suites.set(suite, [...(suites.get(suite) ?? []), `    <testcase classname="${xml(suite)}" name="${xml(name)}" time="${(c.latencyMs / 1000).toFixed(3)}">${body}</testcase>`]);
    }
    const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="blueprint-eval ${xml(data.manifest.runId)}" tests="${data.completions.length}" failures="${failures}">`];
    for (const [suite, cases] of suites) {
      const fails = cases.filter((c) => c.includes('<failure') || c.includes('<error')).length;
      out.push(`  <testsuite name="${xml(suite)}" tests="${cases.length}" failures="${fails}">`, ...cases, '  </testsuite>');
    }
    out.push('</testsuites>');
    return `${out.join('\n')}\n`;
  },
};
