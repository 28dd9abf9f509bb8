import { join } from 'node:path';
import type { Analysis } from '../analysis/analyze.js';
import type { ResolvedConfig } from '../config/load-config.js';
import type { Provider } from '../providers/provider.js';
import { createProviders } from '../providers/registry.js';
import { judgeAnswer, type JudgeCall, type JudgeSettings } from '../rubric/judge.js';
import { caseCriteria, DEFAULT_RUBRIC } from '../rubric/load-rubric.js';
import type { Rubric } from '../rubric/schema.js';
import { scoreRubric } from '../rubric/score.js';
import type { Cell } from './cells.js';
import { callOnce, providerGate } from './gate.js';
import type { GradeRecord } from './records.js';
import { DEFAULT_RETRY, FinalError, withRetries, type RetryPolicy } from './retry.js';
import type { EvalOptions } from './run-eval.js';
import { redactSecrets } from '../config/redact.js';

export interface Judge {
  provider: Provider;
  settings: JudgeSettings;
  call: JudgeCall;
}


/**
 * The judge: `--judge LABEL` (a provider of the config) or `defaultTest.options.provider`, at
 * temperature 0, behind its own limits, retries and timeout. `judgeSamples` and `judgeMode` are
 * read from its config.
 */
export async function setupJudge(config: ResolvedConfig, options: Pick<EvalOptions, 'judge' | 'rubricPath' | 'env' | 'retry' | 'cache' | 'cacheDir' | 'signal'>, rubric: Rubric | undefined): Promise<Judge | null> {
  const spec = options.judge !== undefined ? config.providers.find((p) => p.label === options.judge || p.id === options.judge) : (config.judge ?? undefined);
  if (spec === undefined) {
    if (options.judge !== undefined) throw new Error(`--judge ${options.judge} is not a provider of ${config.file}: expected one of ${config.providers.map((p) => p.label).join(', ')}`);
    return null;
  }
  if (rubric === undefined) throw new Error(`a judge is configured but there is no rubric (expected ${options.rubricPath ?? join(config.dir, DEFAULT_RUBRIC)})`);
  const judgeSpec = { ...spec, label: `judge:${spec.label}`, config: { ...spec.config, temperature: 0 } };
  const made = await createProviders(config, [judgeSpec], new Set([judgeSpec.label]), options.env);
  const provider = made.providers[0]!;
  const gate = providerGate(provider, { ...config, providers: [...config.providers, judgeSpec] });
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry, maxRetries: gate.maxRetries ?? options.retry?.maxRetries ?? DEFAULT_RETRY.maxRetries };
  const samples = typeof spec.config.judgeSamples === 'number' ? spec.config.judgeSamples : 1;
  const mode = spec.config.judgeMode === 'per-criterion' ? 'per-criterion' : 'per-answer';
  const keyNames = typeof spec.config.apiKeyEnvar === 'string' ? [spec.config.apiKeyEnvar] : [];
  const call: JudgeCall = async (prompt) => {
    const request = { prompt, promptId: 'judge', caseId: 'judge', vars: {}, metadata: {} };
    try {
      const result = await withRetries(() => gate.run(() => callOnce(provider, request, gate.timeoutMs, options.signal)), policy, options.signal, () => undefined);
      return result.value.output;
    } catch (error) {
      // Judge errors are recorded: an error body quoting the key is redacted first.
      throw error instanceof FinalError ? new Error(redactSecrets(`${error.error.kind}: ${error.error.message} (${error.attempts} attempts)`, options.env, { names: keyNames })) : error;
    }
  };
  return {
    provider,
    settings: { judgeId: `${spec.id}|${JSON.stringify(judgeSpec.config)}`, rubricVersion: rubric.version, mode, samples, maxInvalidReplies: 3, cacheDir: options.cache === false ? null : join(options.cacheDir, '..', 'judge') },
    call,
  };
}

const warnedSelfJudging = new WeakSet<Provider>();

export async function judged(grade: GradeRecord, analysis: Analysis, cell: Cell, judge: Judge, rubric: Rubric, log: (line: string) => void): Promise<GradeRecord> {
  if (judge.provider.id === cell.provider.id && !warnedSelfJudging.has(cell.provider)) {
    warnedSelfJudging.add(cell.provider);
    log(`warning: ${cell.provider.label} judges its own answers; self-judging is allowed but tends to inflate scores`);
  }
  const criteria = [...rubric.criteria, ...caseCriteria({ ...cell.case.vars, ...cell.case.metadata })];
  const outcome = await judgeAnswer(analysis.doc.source.text, criteria.filter((c) => c.decide !== 'evidence'), judge.settings, judge.call);
  const rubricResult = scoreRubric(rubric, criteria, analysis, outcome.verdicts, outcome.error);
  return { ...grade, result: { ...grade.result, rubric: rubricResult } };
}

