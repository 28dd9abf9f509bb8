import { Command } from 'commander';
import { compareRuns } from '../compare/compare-runs.js';
import { loadScores } from '../compare/scores.js';
import { RESULTS_DIR } from '../runner/run-eval.js';
import { formatComparison } from './format-comparison.js';

export function compareCommand(): Command {
  return new Command('compare')
    .description('paired comparison of two runs (or a run and a baseline file): deltas with bootstrap CIs, win/tie/loss, McNemar, the cases that regressed most')
    .argument('<runA>', 'run id, run directory or baseline .json (the reference)')
    .argument('<runB>', 'run id, run directory or baseline .json')
    .option('--output <dir>', 'where runs are stored', RESULTS_DIR)
    .action((runA: string, runB: string, flags: { output: string }) => {
      const a = loadScores(flags.output, runA);
      const b = loadScores(flags.output, runB);
      process.stdout.write(`${formatComparison(a.label, b.label, compareRuns(a.cells, b.cells))}\n`);
    });
}
