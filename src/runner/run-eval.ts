import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { loadConfig, type ResolvedConfig } from '../config/load-config.js';
import { render } from '../config/prompt.js';
import { DEFAULT_RUBRIC, loadRubric } from '../rubric/load-rubric.js';
import { createProviders } from '../providers/registry.js';
import { ProviderError, type ProviderResult } from '../providers/provider.js';
import { ResponseCache } from './cache.js';
import { buildCells, type Cell } from './cells.js';
import { JsonlWriter, readLast } from './jsonl.js';
import { CompletionRecordSchema, GradeRecordSchema, type CompletionRecord, type GradeRecord } from './records.js';
import { DEFAULT_RETRY, FinalError, withRetries, type RetryPolicy } from './retry.js';
import { callOnce, providerGate } from './gate.js';
import { GradePool } from './grade-pool.js';
import { GradeCache } from './grade-cache.js';
import { judged, setupJudge } from './judge-stage.js';
import { gitCommit, RunDir, type Manifest } from './run-dir.js';
import { summarize, type RunSummary } from './summary.js';
import { redactSecrets } from '../config/redact.js';

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
  const rubricUsed = options.rubricPath !== undefined || existsSync(rubricPath) ? rubricPath : null;
  const rubric = rubricUsed === null ? undefined : loadRubric(rubricUsed);
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

  const pool = new GradePool(shouldGrade && judge === null ? todo.length + ungraded.length : 0);
  const gradeCache = cache === null || judge !== null ? null : new GradeCache(join(options.cacheDir, '..', 'grades'), rubricUsed);
  const gradeCell = async (cell: Cell, output: string): Promise<GradeRecord> => {
    if (judge === null || rubric === undefined) {
      const task = { cellId: cell.id, output, vars: cell.case.vars, metadata: cell.case.metadata, rubricPath: rubricUsed };
      const key = gradeCache?.key(task) ?? null;
      const hit = key === null ? null : gradeCache!.get(key, cell.id);
      if (hit !== null) return hit;
      const grade = await pool.grade(task);
      if (key !== null) gradeCache!.set(key, grade);
      return grade;
    }
    // The judge reads the same analysis: one parse per answer, in this thread (the judge waits on a model anyway).
    const [{ analyze }, { gradeCompletion }] = await Promise.all([import('../analysis/analyze.js'), import('./grade-completion.js')]);
    const analysis = analyze(output);
    return judged(gradeCompletion(cell.id, analysis, cell.case.vars, cell.case.metadata, rubric), analysis, cell, judge, rubric, options.log);
  };
  const storeGrade = (cell: Cell, grade: GradeRecord): void => {
    grades.append(grade);
    graded.records.set(cell.id, grade);
  };

  const record = async (cell: Cell, completion: CompletionRecord): Promise<void> => {
    completions.append(completion);
    // The answer is on disk now; holding every answer in memory would grow with the run.
    done.records.set(cell.id, { ...completion, output: null });
    let grade: GradeRecord | undefined;
    if (shouldGrade && completion.error === null && completion.output !== null) {
      grade = await gradeCell(cell, completion.output);
      storeGrade(cell, grade);
    }
    progress.done++;
    if (completion.error !== null) progress.errors++;
    progress.tokens += completion.tokenUsage?.total ?? 0;
    progress.cost += completion.cost ?? 0;
    options.onProgress?.({ ...progress, cell: completion, ...(grade !== undefined ? { grade } : {}) });
  };

  if (shouldGrade) {
    await Promise.all(
      ungraded.map(async (cell) => {
        const output = done.records.get(cell.id)!.output ?? '';
        done.records.set(cell.id, { ...done.records.get(cell.id)!, output: null });
        storeGrade(cell, await gradeCell(cell, output));
      }),
    );
  }
  options.onProgress?.({ ...progress });

  const jobs = todo.map(async (cell) => {
    if (options.signal.aborted) return;
    const prompt = render(cell.prompt, cell.case.vars);
    const started = performance.now();
    const key = cache !== null && cell.provider.cacheable ? cache.key(cell.provider.id, specConfig(config, cell.provider.label), prompt, cell.repeat) : null;
    const hit = key === null ? null : cache!.get(key);
    if (hit !== null) {
      await record(cell, completionRecord(cell, hit, 1, 0, true, null, options.env));
      return;
    }
    const gate = perProvider.get(cell.provider.label)!;
    let result: Awaited<ReturnType<typeof withRetries<ProviderResult>>>;
    try {
      result = await withRetries(
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
    } catch (error) {
      const final = error instanceof FinalError ? error : new FinalError(new ProviderError(String(error), 'provider', false), 1);
      // Interrupted cells are not recorded: resume runs them again.
      if (final.error.kind === 'aborted' && options.signal.aborted) return;
      await record(cell, completionRecord(cell, null, final.attempts, performance.now() - started, false, final.error, options.env));
      return;
    }
    if (key !== null) cache!.set(key, result.value);
    // Outside the provider's try: a grading failure must not turn a paid-for answer into an error
    // cell (resume would ask again). The answer is on disk first; resume grades it.
    await record(cell, completionRecord(cell, result.value, result.attempts, performance.now() - started, false, null, options.env));
  });
  // Every cell in flight finishes (and is written) before a failure, such as a grading worker
  // crashing, ends the run; resume then grades what is left without asking again.
  const settled = await Promise.allSettled(jobs);
  await pool.close();
  completions.close();
  grades.close();
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed !== undefined) throw failed.reason;

  const interrupted = options.signal.aborted;
  const summary = summarize(run.runId, done.records, graded.records);
  run.writeJson('summary.json', summary);
  run.writeJson('manifest.json', { ...manifest, finishedAt: interrupted ? null : new Date().toISOString() });
  if (!interrupted) appendHistory(options.resultsDir, manifest, summary);
  const completed = cells.filter((c) => done.records.get(c.id)?.error === null).length;
  return { runId: run.runId, dir: run.dir, summary, interrupted, skippedProviders: skipped, completed, total: cells.length };
}

/** `results/history.jsonl`: one line per finished run, for the trend over runs. */
function appendHistory(resultsDir: string, manifest: Manifest, summary: RunSummary): void {
  const writer = new JsonlWriter(join(resultsDir, 'history.jsonl'));
  writer.append({
    runId: manifest.runId,
    finishedAt: new Date().toISOString(),
    gitCommit: manifest.gitCommit,
    configHash: manifest.configHash,
    groups: summary.groups.map((g) => ({ prompt: g.prompt, provider: g.provider, cells: g.cells, overall: g.mean.overall, rubric: g.mean.rubric, cost: g.cost })),
  });
  writer.close();
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

/** An error body may quote the API key that was sent: it is redacted before it is recorded. */
function completionRecord(cell: Cell, result: ProviderResult | null, attempts: number, latencyMs: number, cached: boolean, error: ProviderError | null, env: NodeJS.ProcessEnv): CompletionRecord {
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
    error: error === null ? null : { kind: error.kind, message: redactSecrets(error.message, env), status: error.status },
    finishedAt: new Date().toISOString(),
  };
}

export { CACHE_DIR, RESULTS_DIR } from './paths.js';
