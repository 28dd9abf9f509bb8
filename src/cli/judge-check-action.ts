import { readFileSync } from 'node:fs';
import Table from 'cli-table3';
import { loadConfig } from '../config/load-config.js';
import { ConfigError } from '../config/errors.js';
import { expandInputs } from '../grade/files.js';
import { analyze } from '../analysis/analyze.js';
import { evidenceCheck, judgeCheck, RubricLabelsSchema, type CriterionAgreement, type LabelledAnswer } from '../rubric/judge-check.js';
import { scoreRubric } from '../rubric/score.js';
import { loadRubric } from '../rubric/load-rubric.js';
import { setupJudge } from '../runner/judge-stage.js';
import { CACHE_DIR } from '../runner/run-eval.js';

const num = (n: number | null): string => (n === null ? '—' : n.toFixed(3));

/** Answers that have a `<name>.rubric.json` beside them, with the labels validated. */
function labelled(files: readonly string[]): LabelledAnswer[] {
  const out: LabelledAnswer[] = [];
  for (const file of files) {
    const path = file.replace(/\.md$/i, '.rubric.json');
    let raw: string;
    try {
      raw = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const parsed = RubricLabelsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new ConfigError(path, parsed.error.issues[0]!.path.join('.'), parsed.error.issues[0]!.message);
    out.push({ file, text: readFileSync(file, 'utf8'), labels: parsed.data });
  }
  return out;
}

function formatRows(rows: readonly CriterionAgreement[]): string {
  const table = new Table({ head: ['criterion', 'tp', 'fp', 'fn', 'tn', 'precision', 'recall', 'F1'], style: { head: [], border: [], compact: true } });
  for (const c of rows) table.push([c.id, c.tp, c.fp, c.fn, c.tn, num(c.precision), num(c.recall), num(c.f1)].map(String));
  return table.toString();
}

export interface JudgeCheckFlags {
  config: string;
  judge?: string;
  samples: number;
  rubric: string;
  evidence?: boolean;
}

export async function runJudgeCheck(paths: string[], flags: JudgeCheckFlags): Promise<void> {
      const rubric = loadRubric(flags.rubric);
      if (flags.evidence === true) {
        const answers = labelled(await expandInputs(paths));
        const rows = evidenceCheck(answers, rubric.criteria.filter((c) => c.decide === 'both'), (criterion, text) => scoreRubric(rubric, [criterion], analyze(text), null).criteria[0]!.evidence);
        process.stdout.write(`${formatRows(rows)}\n${answers.length} answers, offline evidence against the hand labels\n`);
        return;
      }
      const config = loadConfig(flags.config);
      const judge = await setupJudge(config, { ...(flags.judge !== undefined ? { judge: flags.judge } : {}), env: process.env, cacheDir: CACHE_DIR, signal: new AbortController().signal }, rubric);
      if (judge === null) throw new Error(`no judge: pass --judge LABEL or set defaultTest.options.provider in ${flags.config}`);
      const answers = labelled(await expandInputs(paths));
      if (answers.length === 0) throw new Error(`no <name>.rubric.json labels beside the answers in ${paths.join(', ')}`);
      const criteria = rubric.criteria.filter((c) => c.decide !== 'evidence');
      const report = await judgeCheck(answers, criteria, { ...judge.settings, samples: flags.samples }, judge.call);
      process.stdout.write(`${formatRows(report.criteria)}\n`);
      process.stdout.write(
        `${report.answers} answers, judge ${judge.provider.id}, ${flags.samples} sample(s)\nmacro-F1 ${num(report.macroF1)} | unsupported quotes ${report.unsupportedClaims}/${report.metClaims} (${num(report.unsupportedRate)}) | self-agreement alpha ${num(report.alpha)}\n`,
      );
      for (const e of report.errors) process.stderr.write(`${e.file}: judge error: ${e.error}\n`);
}
