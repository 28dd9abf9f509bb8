import { wholeNumber } from './option-parsers.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { DEFAULT_WEIGHTS, type OverallWeights } from '../graders/overall.js';
import { DEFAULT_RUBRIC } from '../runner/paths.js';

function parseWeights(value: string): OverallWeights {
  const weights = { ...DEFAULT_WEIGHTS };
  for (const pair of value.split(',')) {
    const [key, raw] = pair.split('=');
    const number = Number(raw);
    if (key === undefined || !(key in weights) || raw === undefined || !Number.isFinite(number) || number < 0) {
      throw new InvalidArgumentError(`expected name=number pairs for depth, artifacts, markdown (e.g. depth=0.6,artifacts=0.4,markdown=0.25), got "${pair}"`);
    }
    weights[key as keyof OverallWeights] = number;
  }
  if (weights.markdown > 1) throw new InvalidArgumentError('markdown weight is the share of the score Markdown defects can take away: expected 0..1');
  return weights;
}

export function gradeCommand(): Command {
  return new Command('grade')
    .description('grade Markdown answers to the system-design template (files, or directories of *.md)')
    .argument('[paths...]', 'answer files or directories')
    .option('--json', 'print the machine-readable report (see schemas/grade-report.schema.json)')
    .option('--schema', 'print the JSON Schema of the --json report and exit')
    .option('--labels', 'compare each answer with its <name>.labels.json and print the agreement')
    .option('--rubric <file>', 'rubric whose evidence criteria are scored too', DEFAULT_RUBRIC)
    .option('--no-rubric', 'structural graders only')
    .option('--weights <pairs>', 'overall weights, e.g. depth=0.6,artifacts=0.4,markdown=0.25', parseWeights)
    .option('--workers <n>', 'worker threads (default: one per core for 4+ files; 0 = grade in the main thread)', wholeNumber(0))
    .addOption(new Option('--findings <n>', 'findings shown per answer in the table view').argParser(wholeNumber(0)).default(12))
    .action(async (paths: string[], options: { json?: boolean; schema?: boolean; labels?: boolean; rubric: string | false; weights?: OverallWeights; workers?: number; findings: number }) => {
      // Loaded here, not at the top: `--help` and the other commands do not pay for the parser.
      const [{ SingleBar }, { z }, { expandInputs }, { gradeFiles }, { GradeReportSchema }, { loadRubric }, { formatAgreement }, { formatGrades }] = await Promise.all([
        import('cli-progress'),
        import('zod'),
        import('../grade/files.js'),
        import('../grade/grade-files.js'),
        import('../grade/schema.js'),
        import('../rubric/load-rubric.js'),
        import('./format-agreement.js'),
        import('./format-grades.js'),
      ]);
      if (options.schema === true) {
        process.stdout.write(`${JSON.stringify(z.toJSONSchema(GradeReportSchema), null, 2)}\n`);
        return;
      }
      const files = await expandInputs(paths);
      // The default rubric is optional outside this repository; a named one must exist.
      const rubric = options.rubric === false || (options.rubric === DEFAULT_RUBRIC && !existsSync(DEFAULT_RUBRIC)) ? undefined : loadRubric(options.rubric);
      const bar = !options.json && process.stderr.isTTY && files.length > 1 ? new SingleBar({ format: 'grading {bar} {value}/{total} {file}', stream: process.stderr, clearOnComplete: true }) : null;
      bar?.start(files.length, 0, { file: '' });
      const outcome = await gradeFiles(files, {
        ...(options.weights ? { weights: options.weights } : {}),
        ...(rubric ? { rubric } : {}),
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        onResult: (result, done) => bar?.update(done, { file: result.file }),
      });
      bar?.stop();
      if (options.labels === true) {
        process.stdout.write(`${formatAgreement(outcome.results)}\n`);
      } else if (options.json === true) {
        const report = { version: 1 as const, results: outcome.results };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        for (const f of outcome.failures) process.stderr.write(`grade: ${f.file}: ${f.error}\n`);
      } else {
        process.stdout.write(`${formatGrades(outcome.results, outcome.failures, options.findings)}\n`);
      }
      if (outcome.failures.length > 0) process.exitCode = 2;
    });
}
