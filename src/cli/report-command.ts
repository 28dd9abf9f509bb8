import { Command } from 'commander';
import { RESULTS_DIR } from '../runner/paths.js';

export function reportCommand(): Command {
  return new Command('report')
    .description('write report.md, report.html, results.csv and junit.xml for a stored run, and print its leaderboard')
    .argument('<run-id>', 'a run under the results directory')
    .option('--output <dir>', 'where runs are stored', RESULTS_DIR)
    .action(async (runId: string, flags: { output: string }) => {
      const [{ writeReports }, { loadReportData }, { formatSummary }] = await Promise.all([import('../reports/registry.js'), import('../reports/report-data.js'), import('./format-summary.js')]);
      const written = writeReports(flags.output, runId);
      process.stdout.write(`${formatSummary(loadReportData(flags.output, runId).summary)}\n${written.join('\n')}\n`);
    });
}
