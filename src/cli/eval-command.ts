import { wholeNumber } from './option-parsers.js';
import { Command, InvalidArgumentError } from 'commander';
import type { ProgressEvent } from '../runner/run-eval.js';
import { CACHE_DIR, RESULTS_DIR } from '../runner/paths.js';
import { redactor } from '../config/redact.js';
import { LineBuffer } from './line-buffer.js';

const BASELINE_FILE = 'results/baseline.json';


const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

interface EvalFlags {
  config: string;
  filterProviders?: string[];
  filterPrompts?: string[];
  limit?: number;
  repeat?: number;
  cache: boolean;
  grade: boolean;
  resume?: string;
  output: string;
  judge?: string;
  rubric?: string;
  baseline?: string;
  maxRegression: number;
  updateBaseline?: boolean;
}

function parseMargin(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`expected a score difference between 0 and 1, got "${value}"`);
  return n;
}

export function evalCommand(): Command {
  return new Command('eval')
    .description('render the dataset through each prompt, ask each provider, grade and store every answer')
    .option('-c, --config <file>', 'promptfoo-format config', 'promptfooconfig.yaml')
    .option('--filter-providers <labels>', 'comma-separated provider labels or ids to run (asking for a live provider by name requires its key)', list)
    .option('--filter-prompts <ids>', 'comma-separated prompt ids to run', list)
    .option('--limit <n>', 'only the first n cases', wholeNumber(1))
    .option('--repeat <n>', 'answers per prompt × provider × case', wholeNumber(1))
    .option('--no-cache', 'neither read nor write the response cache')
    .option('--no-grade', 'only collect completions (grade later with regrade)')
    .option('--resume <run-id>', 'finish an interrupted run: finished cells are not asked again, errored ones are')
    .option('--output <dir>', 'where runs are stored', RESULTS_DIR)
    .option('--judge <label>', 'provider (by label) that judges the rubric criteria (default: defaultTest.options.provider)')
    .option('--rubric <file>', 'rubric file (default: rubrics/system-design.yaml beside the config)')
    .option('--baseline <run|file>', 'gate: compare with this run or baseline file and fail on a real regression')
    .option('--max-regression <delta>', 'gate margin: fail when the 95% CI of the overall delta lies entirely below −delta', parseMargin, 0.02)
    .option('--update-baseline', `write ${BASELINE_FILE} from this run`)
    .action(async (flags: EvalFlags) => {
      const [{ SingleBar }, { runEval }, { runtimeVersions }, { formatSummary }] = await Promise.all([import('cli-progress'), import('../runner/run-eval.js'), import('../runner/versions.js'), import('./format-summary.js')]);
      // The gate's modules only when a gate or baseline is asked for.
      const gating = flags.baseline !== undefined || flags.updateBaseline === true ? Promise.all([import('../compare/compare-runs.js'), import('../compare/scores.js')]) : null;
      // An error body may quote the API key that was sent: nothing printed carries it.
      const redact = redactor(process.env);
      const lines = new LineBuffer(process.stderr);
      const controller = new AbortController();
      const onSigint = (): void => {
        lines.flush();
        process.stderr.write('\ninterrupted: finishing the cells already written…\n');
        controller.abort();
      };
      process.once('SIGINT', onSigint);
      const tty = process.stderr.isTTY && process.env.CI === undefined;
      const bar = tty ? new SingleBar({ format: 'eval {bar} {value}/{total} | errors {errors} | retries {retries} | tokens {tokens} | ${cost} | ETA {eta_formatted}', stream: process.stderr, clearOnComplete: true }) : null;
      let started = false;
      const onProgress = (event: ProgressEvent): void => {
        const payload = { errors: event.errors, retries: event.retries, tokens: event.tokens, cost: event.cost.toFixed(4) };
        if (bar !== null) {
          if (!started) bar.start(event.total, event.done, payload);
          started = true;
          bar.update(event.done, payload);
        } else if (event.cell !== undefined) {
          const c = event.cell;
          const rubric = event.grade?.result.rubric?.score;
          const outcome =
            c.error !== null
              ? `error ${c.error.kind}: ${c.error.message}`
              : event.grade !== undefined
                ? `overall ${event.grade.result.scores.overall.toFixed(3)}${rubric === undefined || rubric === null ? '' : `, rubric ${rubric.toFixed(3)}`}`
                : 'collected';
          // An error body may quote the API key that was sent: never print it.
          lines.write(redact(`[${event.done}/${event.total}] ${c.promptId} × ${c.provider} × ${c.caseId}#${c.repeat}: ${outcome}${c.cached ? ' (cached)' : ''}${c.attempts > 1 ? ` after ${c.attempts} attempts` : ''}\n`));
        }
      };
      try {
        const running = runEval({
          configPath: flags.config,
          resultsDir: flags.output,
          cacheDir: CACHE_DIR,
          ...(flags.filterProviders ? { filterProviders: flags.filterProviders } : {}),
          ...(flags.filterPrompts ? { filterPrompts: flags.filterPrompts } : {}),
          ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
          ...(flags.repeat !== undefined ? { repeat: flags.repeat } : {}),
          ...(flags.resume !== undefined ? { resume: flags.resume } : {}),
          ...(flags.judge !== undefined ? { judge: flags.judge } : {}),
          ...(flags.rubric !== undefined ? { rubricPath: flags.rubric } : {}),
          cache: flags.cache,
          grade: flags.grade,
          env: process.env,
          signal: controller.signal,
          versions: runtimeVersions(),
          log: (line) => {
            lines.flush();
            process.stderr.write(`${redact(line)}\n`);
          },
          onProgress,
        });
        // The report writers (≈170 ms of imports) load while the first requests are in flight.
        const reports = import('../reports/registry.js');
        const outcome = await running;
        const { writeReports } = await reports;
        bar?.stop();
        lines.flush();
        process.stdout.write(`${formatSummary(outcome.summary)}\n`);
        process.stdout.write(`run ${outcome.runId}: ${outcome.completed}/${outcome.total} cells answered → ${outcome.dir}\n`);
        if (!outcome.interrupted) process.stdout.write(`reports: ${writeReports(flags.output, outcome.runId).map((p) => p.split('/').at(-1)).join(', ')}\n`);
        const modules = gating === null ? null : await gating;
        if (flags.baseline !== undefined && !outcome.interrupted && modules !== null) {
          const [{ compareRuns, gate }, { loadScores }] = modules;
          const base = loadScores(flags.output, flags.baseline);
          const current = loadScores(flags.output, outcome.runId);
          const verdict = gate(compareRuns(base.cells, current.cells), flags.maxRegression);
          if (verdict.failed) {
            process.stderr.write(`regression against ${base.label}:\n${verdict.reasons.map((r) => `  ${r}`).join('\n')}\n`);
            process.exitCode = 1;
          } else process.stderr.write(`no regression beyond ${flags.maxRegression} against ${base.label} (see: blueprint-eval compare ${flags.baseline} ${outcome.runId})\n`);
        }
        if (flags.updateBaseline === true && !outcome.interrupted && modules !== null) {
          const [, { loadScores, writeBaseline }] = modules;
          writeBaseline(BASELINE_FILE, outcome.runId, loadScores(flags.output, outcome.runId).cells);
          process.stderr.write(`baseline written to ${BASELINE_FILE} from run ${outcome.runId}\n`);
        }
        if (outcome.interrupted) {
          process.stderr.write(`stopped before the end; resume with: npm run eval -- --resume ${outcome.runId}${flags.config !== 'promptfooconfig.yaml' ? ` -c ${flags.config}` : ''}\n`);
          process.exitCode = 130;
        } else if (outcome.completed < outcome.total) {
          process.stderr.write(`${outcome.total - outcome.completed} cell(s) ended in an error (see completions.jsonl); retry them with: npm run eval -- --resume ${outcome.runId}\n`);
          process.exitCode = 1;
        }
      } catch (error) {
        bar?.stop();
        throw error;
      } finally {
        lines.close();
        process.removeListener('SIGINT', onSigint);
      }
    });
}
