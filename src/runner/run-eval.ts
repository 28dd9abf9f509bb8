import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import pThrottle from 'p-throttle';
import { loadConfig, type ResolvedConfig } from '../config/load-config.js';
import { render } from '../config/prompt.js';
import { analyze, type Analysis } from '../analysis/analyze.js';
import { gradeAnalysis } from '../grade/grade-answer.js';
import { judgeAnswer, type JudgeCall, type JudgeSettings } from '../rubric/judge.js';
import { caseCriteria, DEFAULT_RUBRIC, loadRubric } from '../rubric/load-rubric.js';
import type { Rubric } from '../rubric/schema.js';
import { scoreRubric } from '../rubric/score.js';
import { GRADERS } from '../graders/registry.js';
import { createProviders } from '../providers/registry.js';
import { ProviderError, type CallRequest, type Provider, type ProviderResult } from '../providers/provider.js';
import { ResponseCache } from './cache.js';
import { buildCells, type Cell } from './cells.js';
import { JsonlWriter, readLast } from './jsonl.js';
import { CompletionRecordSchema, GradeRecordSchema, type CompletionRecord, type GradeRecord } from './records.js';
import { DEFAULT_RETRY, FinalError, withRetries, type RetryPolicy } from './retry.js';
import { gitCommit, RunDir, type Manifest } from './run-dir.js';
import { summarize, type RunSummary } from './summary.js';

export interface EvalOptions {
  configPath: string;
  resultsDir: string;
  cacheDir: string;
  filterProviders?: string[];
  filterPrompts?: string[];
  limit?: number;
  repeat?: number;
  cache?: boolean;
  grade?: boolean;
  resume?: string;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  retry?: Partial<RetryPolicy>;
  versions?: Record<string, string>;
  /** Rubric file (default: rubrics/system-design.yaml beside the config, when present). */
  rubricPath?: string;
  /** Judge provider label (default: defaultTest.options.provider). */
  judge?: string;
  log(line: string): void;
  onProgress?(event: ProgressEvent): void;
}

export interface ProgressEvent {
  done: number;
  total: number;
  errors: number;
  retries: number;
  tokens: number;
  cost: number;
  cell?: CompletionRecord;
  grade?: GradeRecord;
}

export interface EvalOutcome {
  runId: string;
  dir: string;
  summary: RunSummary;
  interrupted: boolean;
  skippedProviders: Array<{ label: string; envVar: string }>;
  completed: number;
  total: number;
}

const matches = (filters: readonly string[] | undefined, ...names: string[]): boolean =>
  filters === undefined || filters.length === 0 || filters.some((f) => names.some((n) => n === f || n.includes(f)));

/** Run the matrix (or finish an interrupted run), appending each finished cell as it lands. */
export async function runEval(options: EvalOptions): Promise<EvalOutcome> {
  const config = loadConfig(options.configPath);
  const specs = config.providers.filter((p) => matches(options.filterProviders, p.label, p.id));
  if (specs.length === 0) throw new Error(`--filter-providers ${options.filterProviders?.join(',')} matches none of ${config.providers.map((p) => p.label).join(', ')}`);
  const prompts = config.prompts.filter((p) => matches(options.filterPrompts, p.id));
  if (prompts.length === 0) throw new Error(`--filter-prompts ${options.filterPrompts?.join(',')} matches none of ${config.prompts.map((p) => p.id).join(', ')}`);
  const cases = options.limit === undefined ? config.cases : config.cases.slice(0, options.limit);
  const repeat = options.repeat ?? config.repeat;
  const requested = new Set(options.filterProviders ?? []);
  const { providers, skipped } = await createProviders(config, specs, requested, options.env);
  if (providers.length === 0) throw new Error(`no provider can run: set ${skipped.map((s) => s.envVar).join(' or ')}`);
  if (skipped.length > 0) {
    const vars = [...new Set(skipped.map((s) => s.envVar))].join(' / ');
    options.log(`${vars} not set: skipping ${skipped.map((s) => s.label).join(', ')}; running ${providers.map((p) => p.label).join(', ')}. Set ${vars} to add the live model(s).`);
  }
  const cells = buildCells(prompts, providers, cases, repeat);
  const rubricPath = options.rubricPath ?? join(config.dir, DEFAULT_RUBRIC);
  const rubric = options.rubricPath !== undefined || existsSync(rubricPath) ? loadRubric(rubricPath) : undefined;
  const judge = await setupJudge(config, options, rubric);

  const run = options.resume === undefined ? RunDir.create(options.resultsDir, new Date()) : RunDir.open(options.resultsDir, options.resume);
  const previous = options.resume === undefined ? null : checkResumable(run, config);
  const done = readLast(run.completions, CompletionRecordSchema, (r) => r.cellId);
  const graded = readLast(run.grades, GradeRecordSchema, (r) => r.cellId);
  if (done.skipped + graded.skipped > 0) options.log(`resume: ${done.skipped + graded.skipped} torn or invalid line(s) ignored`);
  const manifest: Manifest = previous ?? {
    runId: run.runId,
    configFile: config.file,
    configHash: config.hash,
    gitCommit: gitCommit(config.dir),
    versions: options.versions ?? {},
    startedAt: new Date().toISOString(),
    finishedAt: null,
    cells: cells.length,
    prompts: prompts.map((p) => p.id),
    providers: providers.map((p) => ({ label: p.label, id: p.id })),
    cases: cases.map((c) => c.id),
    repeat,
    options: { cache: options.cache !== false, grade: options.grade !== false },
  };
  run.writeJson('manifest.json', { ...manifest, finishedAt: null });

  const completions = new JsonlWriter(run.completions);
  const grades = new JsonlWriter(run.grades);
  const cache = options.cache === false || !config.cache ? null : new ResponseCache(options.cacheDir);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const globalLimit = pLimit(config.maxConcurrency);
  const perProvider = new Map(providers.map((p) => [p.label, providerGate(p, config)]));

  // A cell is finished when its last completion line succeeded; errored cells are tried again.
  const todo = cells.filter((cell) => done.records.get(cell.id)?.error !== null);
  const ungraded = cells.filter((cell) => done.records.get(cell.id)?.error === null && !graded.records.has(cell.id));
  const progress: ProgressEvent = { done: cells.length - todo.length, total: cells.length, errors: 0, retries: 0, tokens: 0, cost: 0 };
  const shouldGrade = options.grade !== false;

  const record = async (cell: Cell, completion: CompletionRecord): Promise<void> => {
    completions.append(completion);
    done.records.set(cell.id, completion);
    let grade: GradeRecord | undefined;
    const analysis = shouldGrade && completion.error === null && completion.output !== null ? analyze(completion.output) : null;
    if (analysis !== null) grade = gradeCompletion(cell.id, analysis, cell.case.vars, cell.case.metadata, rubric);
    if (grade !== undefined && judge === null) {
      grades.append(grade);
      graded.records.set(cell.id, grade);
    }
    if (grade !== undefined && analysis !== null && judge !== null && rubric !== undefined) {
      grade = await judged(grade, analysis, cell, judge, rubric, options.log);
      grades.append(grade);
      graded.records.set(cell.id, grade);
    }
    progress.done++;
    if (completion.error !== null) progress.errors++;
    progress.tokens += completion.tokenUsage?.total ?? 0;
    progress.cost += completion.cost ?? 0;
    options.onProgress?.({ ...progress, cell: completion, ...(grade !== undefined ? { grade } : {}) });
  };

  if (shouldGrade) {
    for (const cell of ungraded) {
      const completion = done.records.get(cell.id)!;
      const analysis = analyze(completion.output ?? '');
      let grade = gradeCompletion(cell.id, analysis, cell.case.vars, cell.case.metadata, rubric);
      if (judge !== null && rubric !== undefined) grade = await judged(grade, analysis, cell, judge, rubric, options.log);
      grades.append(grade);
      graded.records.set(cell.id, grade);
    }
  }
  options.onProgress?.({ ...progress });

  const jobs = todo.map(async (cell) => {
    if (options.signal.aborted) return;
    const prompt = render(cell.prompt, cell.case.vars);
    const started = performance.now();
    const key = cache !== null && cell.provider.cacheable ? cache.key(cell.provider.id, specConfig(config, cell.provider.label), prompt, cell.repeat) : null;
    const hit = key === null ? null : cache!.get(key);
    if (hit !== null) {
      await record(cell, completionRecord(cell, hit, 1, 0, true, null));
      return;
    }
    const gate = perProvider.get(cell.provider.label)!;
    try {
      const result = await withRetries(
        () =>
          globalLimit(() =>
            gate.run(() =>
              callOnce(cell.provider, { prompt, promptId: cell.prompt.id, caseId: cell.case.id, vars: cell.case.vars, metadata: { ...cell.case.metadata, id: cell.case.id } }, gate.timeoutMs, options.signal),
            ),
          ),
        { ...policy, maxRetries: gate.maxRetries ?? policy.maxRetries },
        options.signal,
        () => {
          progress.retries++;
          options.onProgress?.({ ...progress });
        },
      );
      if (key !== null) cache!.set(key, result.value);
      await record(cell, completionRecord(cell, result.value, result.attempts, performance.now() - started, false, null));
    } catch (error) {
      const final = error instanceof FinalError ? error : new FinalError(new ProviderError(String(error), 'provider', false), 1);
      // Interrupted cells are not recorded: resume runs them again.
      if (final.error.kind === 'aborted' && options.signal.aborted) return;
      await record(cell, completionRecord(cell, null, final.attempts, performance.now() - started, false, final.error));
    }
  });
  await Promise.all(jobs);
  completions.close();
  grades.close();

  const interrupted = options.signal.aborted;
  const summary = summarize(run.runId, done.records, graded.records);
  run.writeJson('summary.json', summary);
  run.writeJson('manifest.json', { ...manifest, finishedAt: interrupted ? null : new Date().toISOString() });
  const completed = cells.filter((c) => done.records.get(c.id)?.error === null).length;
  return { runId: run.runId, dir: run.dir, summary, interrupted, skippedProviders: skipped, completed, total: cells.length };
}

function checkResumable(run: RunDir, config: ResolvedConfig): Manifest {
  const manifest = run.readManifest();
  if (manifest.configHash !== config.hash) {
    throw new Error(`cannot resume ${run.runId}: ${config.file} (its prompts or cases) changed since the run started (hash ${manifest.configHash} → ${config.hash}); start a new run`);
  }
  return manifest;
}

function specConfig(config: ResolvedConfig, label: string): Readonly<Record<string, unknown>> {
  return config.providers.find((p) => p.label === label)?.config ?? {};
}

interface Gate {
  run<T>(task: () => Promise<T>): Promise<T>;
  timeoutMs: number;
  maxRetries: number | undefined;
}

/** Per-provider concurrency (p-limit) and requests per minute (p-throttle). */
function providerGate(provider: Provider, config: ResolvedConfig): Gate {
  const spec = config.providers.find((p) => p.label === provider.label)!.config;
  const limit: LimitFunction = pLimit(spec.maxConcurrency ?? config.maxConcurrency);
  // Evenly spaced starts (one per 60000/rpm ms), not a minute's worth in one burst.
  const throttle = spec.requestsPerMinute === undefined ? null : pThrottle({ limit: 1, interval: 60_000 / spec.requestsPerMinute });
  const start = throttle === null ? (): Promise<void> => Promise.resolve() : throttle(() => undefined);
  return {
    run: (task) => limit(async () => {
      await start();
      return task();
    }),
    timeoutMs: spec.timeoutMs ?? 600_000,
    maxRetries: spec.maxRetries,
  };
}

/** One call with its own timeout; what the call is about (prompt id, case) is in `request`. */
async function callOnce(provider: Provider, request: Omit<CallRequest, 'signal'>, timeoutMs: number, signal: AbortSignal): Promise<ProviderResult> {
  const requestSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  try {
    return await provider.call({ ...request, signal: requestSignal });
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (requestSignal.aborted && !signal.aborted) throw new ProviderError(`no answer within ${timeoutMs} ms`, 'timeout', true);
    throw new ProviderError(error instanceof Error ? error.message : String(error), 'provider', false);
  }
}

function completionRecord(cell: Cell, result: ProviderResult | null, attempts: number, latencyMs: number, cached: boolean, error: ProviderError | null): CompletionRecord {
  return {
    cellId: cell.id,
    promptId: cell.prompt.id,
    provider: cell.provider.label,
    providerId: cell.provider.id,
    caseId: cell.case.id,
    repeat: cell.repeat,
    attempts,
    output: result?.output ?? null,
    finishReason: result?.finishReason ?? null,
    truncated: result?.truncated ?? false,
    tokenUsage: result?.tokenUsage ?? null,
    cost: result?.cost ?? null,
    latencyMs: Math.round(latencyMs),
    cached,
    error: error === null ? null : { kind: error.kind, message: error.message, status: error.status },
    finishedAt: new Date().toISOString(),
  };
}

export function gradeCompletion(cellId: string, analysis: Analysis, vars: Readonly<Record<string, string>>, metadata: Readonly<Record<string, unknown>>, rubric?: Rubric): GradeRecord {
  return {
    cellId,
    graders: Object.fromEntries(GRADERS.map((g) => [g.name, g.version])),
    result: gradeAnalysis(cellId, analysis, { vars: { ...vars, ...metadata }, ...(rubric ? { rubric } : {}) }),
    gradedAt: new Date().toISOString(),
  };
}

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
  const call: JudgeCall = async (prompt) => {
    const request = { prompt, promptId: 'judge', caseId: 'judge', vars: {}, metadata: {} };
    try {
      const result = await withRetries(() => gate.run(() => callOnce(provider, request, gate.timeoutMs, options.signal)), policy, options.signal, () => undefined);
      return result.value.output;
    } catch (error) {
      throw error instanceof FinalError ? new Error(`${error.error.kind}: ${error.error.message} (${error.attempts} attempts)`) : error;
    }
  };
  return {
    provider,
    settings: { judgeId: `${spec.id}|${JSON.stringify(judgeSpec.config)}`, rubricVersion: rubric.version, mode, samples, maxInvalidReplies: 3, cacheDir: options.cache === false ? null : join(options.cacheDir, '..', 'judge') },
    call,
  };
}

const warnedSelfJudging = new WeakSet<Provider>();

async function judged(grade: GradeRecord, analysis: Analysis, cell: Cell, judge: Judge, rubric: Rubric, log: (line: string) => void): Promise<GradeRecord> {
  if (judge.provider.id === cell.provider.id && !warnedSelfJudging.has(cell.provider)) {
    warnedSelfJudging.add(cell.provider);
    log(`warning: ${cell.provider.label} judges its own answers; self-judging is allowed but tends to inflate scores`);
  }
  const criteria = [...rubric.criteria, ...caseCriteria({ ...cell.case.vars, ...cell.case.metadata })];
  const outcome = await judgeAnswer(analysis.doc.source.text, criteria.filter((c) => c.decide !== 'evidence'), judge.settings, judge.call);
  const rubricResult = scoreRubric(rubric, criteria, analysis, outcome.verdicts, outcome.error);
  return { ...grade, result: { ...grade.result, rubric: rubricResult } };
}

export const RESULTS_DIR = 'results';
export const CACHE_DIR = join('.cache', 'responses');
