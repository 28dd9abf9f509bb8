import { join } from 'node:path';
import { redactSecrets } from '../config/redact.js';
import { writeFileAtomic } from '../runner/atomic-write.js';
import { csvReport } from './csv-report.js';
import { htmlReport } from './html-report.js';
import { junitReport } from './junit-report.js';
import { markdownReport } from './markdown-report.js';
import { loadReportData } from './report-data.js';
import type { Reporter } from './reporter.js';

/** Report formats written for every run; a new one is one file and one line here. */
export const REPORTERS: readonly Reporter[] = [markdownReport, htmlReport, csvReport, junitReport];

/**
 * Write every report into the run's directory (each atomically: write aside, then rename); returns
 * the paths written. Reports quote recorded error messages and are made to be shared, so any
 * secret of `env` (an API key an error body echoed) is redacted from them.
 */
export function writeReports(resultsDir: string, runId: string, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const data = loadReportData(resultsDir, runId);
  return REPORTERS.map((reporter) => {
    const path = join(data.dir, reporter.file);
    // Only the environment's own secrets: answers may quote key-shaped examples, which are kept.
    writeFileAtomic(path, redactSecrets(reporter.render(data), env, { patterns: false }));
    return path;
  });
}
