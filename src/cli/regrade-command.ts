import { Command } from 'commander';
import { RESULTS_DIR } from '../runner/paths.js';

export function regradeCommand(): Command {
  return new Command('regrade')
    .description("re-score a stored run with today's graders, without calling any model")
    .argument('<run-id>', 'a run under the results directory')
    .option('--output <dir>', 'where runs are stored', RESULTS_DIR)
    .action(async (runId: string, flags: { output: string }) => {
      const [{ regrade }, { formatSummary }] = await Promise.all([import('../runner/regrade.js'), import('./format-summary.js')]);
      const { summary, regraded } = regrade(flags.output, runId);
      process.stdout.write(`${formatSummary(summary)}\nregraded ${regraded} completion(s) of run ${runId}\n`);
    });
}
