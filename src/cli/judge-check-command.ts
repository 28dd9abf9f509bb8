import { wholeNumber } from './option-parsers.js';
import { Command } from 'commander';
import { DEFAULT_RUBRIC } from '../runner/paths.js';

export function judgeCheckCommand(): Command {
  return new Command('judge-check')
    .description('measure a judge against hand labels: per-criterion precision/recall/F1, unsupported quotes, self-agreement')
    .argument('[paths...]', 'answers with <name>.rubric.json labels', ['datasets/samples', 'datasets/holdout'])
    .option('-c, --config <file>', 'config whose providers include the judge', 'promptfooconfig.yaml')
    .option('--judge <label>', 'judge provider label (default: defaultTest.options.provider)')
    .option('--samples <k>', 'judge samples per answer (self-agreement needs 2 or more)', wholeNumber(1), 3)
    .option('--rubric <file>', 'rubric', DEFAULT_RUBRIC)
    .option('--evidence', "no judge: how the offline evidence of the rubric's `both` criteria agrees with the labels")
    .action(async (paths: string[], flags: { config: string; judge?: string; samples: number; rubric: string; evidence?: boolean }) => {
      const { runJudgeCheck } = await import('./judge-check-action.js');
      await runJudgeCheck(paths, flags);
    });
}
