import { Command } from 'commander';
import { writeReports } from '../reports/registry.js';
import { loadReportData } from '../reports/report-data.js';
import { RESULTS_DIR } from '../runner/run-eval.js';
import { formatSummary } from './format-summary.js';

export function reportCommand(): Command {
  return new Command('report')
    .description('write report.md, report.html, results.csv and junit.xml for a stored run, and print its leaderboard')
    .argument('<run-id>', 'a run under the results directory')
    .option('--output <dir>', 'where runs are stored', RESULTS_DIR)
    .action((runId: string, flags: { output: string }) => {
      const written = writeReports(flags.output, runId);
      process.stdout.write(`${formatSummary(loadReportData(flags.output, runId).summary)}\n${written.join('\n')}\n`);
    });
}
