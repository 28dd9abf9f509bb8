import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvReport } from './csv-report.js';
import { htmlReport } from './html-report.js';
import { junitReport } from './junit-report.js';
import { markdownReport } from './markdown-report.js';
import { loadReportData } from './report-data.js';
import type { Reporter } from './reporter.js';

/** Report formats written for every run; a new one is one file and one line here. */
export const REPORTERS: readonly Reporter[] = [markdownReport, htmlReport, csvReport, junitReport];

/** Write every report into the run's directory; returns the paths written. */
export function writeReports(resultsDir: string, runId: string): string[] {
  const data = loadReportData(resultsDir, runId);
  return REPORTERS.map((reporter) => {
    const path = join(data.dir, reporter.file);
    writeFileSync(path, reporter.render(data));
    return path;
  });
}
