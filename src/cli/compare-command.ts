import { Command } from 'commander';
import { RESULTS_DIR } from '../runner/paths.js';

export function compareCommand(): Command {
  return new Command('compare')
    .description('paired comparison of two runs (or a run and a baseline file): deltas with bootstrap CIs, win/tie/loss, McNemar, the cases that regressed most')
    .argument('<runA>', 'run id, run directory or baseline .json (the reference)')
    .argument('<runB>', 'run id, run directory or baseline .json')
    .option('--output <dir>', 'where runs are stored', RESULTS_DIR)
    .action(async (runA: string, runB: string, flags: { output: string }) => {
      const [{ compareRuns }, { loadScores }, { formatComparison }] = await Promise.all([import('../compare/compare-runs.js'), import('../compare/scores.js'), import('./format-comparison.js')]);
      const a = loadScores(flags.output, runA);
      const b = loadScores(flags.output, runB);
      process.stdout.write(`${formatComparison(a.label, b.label, compareRuns(a.cells, b.cells))}\n`);
    });
}
