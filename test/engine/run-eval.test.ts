import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLast } from '../../src/runner/jsonl.js';
import { CompletionRecordSchema, GradeRecordSchema } from '../../src/runner/records.js';
import { runEval, type EvalOptions } from '../../src/runner/run-eval.js';
import { regrade } from '../../src/runner/regrade.js';
import { startLoopback, type Behaviour, type Loopback } from '../support/loopback-server.js';
import { ANSWER, fixture, type Fixture } from './fixture.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 2000, random: () => 0.5 };

function options(f: Fixture, extra: Partial<EvalOptions> = {}): EvalOptions {
  return { configPath: f.config, resultsDir: f.results, cacheDir: f.cache, env: {}, signal: new AbortController().signal, retry: FAST_RETRY, log: () => undefined, ...extra };
}

const openai = (url: string, config: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 'openai:chat:test-model', label: 'oa', config: { apiBaseUrl: `${url}/v1`, ...config } });
const anthropic = (url: string, config: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 'anthropic:messages:test-claude', label: 'an', config: { apiBaseUrl: url, apiKeyEnvar: 'TEST_ANTHROPIC_KEY', ...config } });

function completions(dir: string) {
  return [...readLast(join(dir, 'completions.jsonl'), CompletionRecordSchema, (r) => r.cellId).records.values()];
}

function grades(dir: string) {
  return [...readLast(join(dir, 'grades.jsonl'), GradeRecordSchema, (r) => r.cellId).records.values()].sort((a, b) => a.cellId.localeCompare(b.cellId));
}

describe('runEval through the official SDKs against the loopback server', () => {
  it('streams from an OpenAI-compatible endpoint and records output, finish reason, usage and cost', async () => {
    server = await startLoopback(() => ({ kind: 'answer', text: ANSWER }));
    const f = fixture([openai(server.url, { inputPricePerMillion: 1, outputPricePerMillion: 2 })], 2);
    const outcome = await runEval(options(f));
    expect(outcome.completed).toBe(2);
    expect(server.requests.every((r) => r.api === 'openai' && r.stream)).toBe(true);
    expect(server.requests.map((r) => r.prompt).sort()).toEqual(['Design system 0 with Kafka.\n', 'Design system 1 with Kafka.\n']);
    const records = completions(outcome.dir);
    const words = ANSWER.match(/\S+\s*/g)!.length;
    expect(records[0]).toMatchObject({ output: ANSWER, finishReason: 'stop', truncated: false, tokenUsage: { prompt: 100, completion: words, total: 100 + words }, attempts: 1, cached: false, error: null });
    expect(records[0]!.cost).toBeCloseTo((100 * 1 + words * 2) / 1e6, 12);
    const grades = [...readLast(join(outcome.dir, 'grades.jsonl'), GradeRecordSchema, (r) => r.cellId).records.values()];
    expect(grades.map((g) => g.cellId).sort()).toEqual(records.map((r) => r.cellId).sort());
    expect(JSON.parse(readFileSync(join(outcome.dir, 'summary.json'), 'utf8')).groups[0]).toMatchObject({ prompt: 'p', provider: 'oa', cells: 2, graded: 2, errors: 0 });
  });

  it('streams from the Anthropic messages API; a max_tokens stop is flagged as truncated', async () => {
    server = await startLoopback(() => ({ kind: 'answer', text: 'cut off here', finishReason: 'length' }));
    const f = fixture([anthropic(server.url)], 1);
    const outcome = await runEval(options(f, { env: { TEST_ANTHROPIC_KEY: 'k' } }));
    expect(server.requests[0]).toMatchObject({ api: 'anthropic', stream: true });
    expect(server.requests[0]!.body.max_tokens).toBe(8192);
    expect(completions(outcome.dir)[0]).toMatchObject({ output: 'cut off here', finishReason: 'max_tokens', truncated: true });
  });

  it('never exceeds a provider\'s maxConcurrency, nor the global limit', async () => {
    server = await startLoopback(() => ({ kind: 'answer', text: ANSWER, delayMs: 80 }));
    const f = fixture([openai(server.url, { maxConcurrency: 2 })], 8, { evaluateOptions: { maxConcurrency: 8 } });
    await runEval(options(f));
    expect(server.requests).toHaveLength(8);
    expect(server.maxInFlight).toBe(2);
    await server.close();
    server = await startLoopback(() => ({ kind: 'answer', text: ANSWER, delayMs: 80 }));
    const g = fixture([openai(server.url)], 8, { evaluateOptions: { maxConcurrency: 3 } });
    await runEval(options(g));
    expect(server.maxInFlight).toBe(3);
  });

  it('spaces requests to requestsPerMinute', async () => {
    server = await startLoopback(() => ({ kind: 'answer', text: ANSWER }));
    const f = fixture([openai(server.url, { requestsPerMinute: 600 })], 6);
    await runEval(options(f));
    const times = server.requests.map((r) => r.at).sort((a, b) => a - b);
    // 600 a minute is one every 100 ms: six requests span at least 500 ms.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(450);
  });

  it('honours Retry-After on 429 and counts the attempts', async () => {
    server = await startLoopback((_r, i) => (i === 0 ? { kind: 'status', status: 429, retryAfter: '1' } : { kind: 'answer', text: ANSWER }));
    const f = fixture([openai(server.url)], 1);
    const retries: number[] = [];
    const outcome = await runEval(options(f, { onProgress: (e) => retries.push(e.retries) }));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(completions(outcome.dir)[0]).toMatchObject({ attempts: 2, error: null });
    expect(Math.max(...retries)).toBe(1);
  });

  it('retries 500s, resets and hangs (per-request timeout), then records the final error', async () => {
    const plan: Behaviour[] = [{ kind: 'status', status: 500 }, { kind: 'reset' }, { kind: 'answer', text: ANSWER }];
    server = await startLoopback((_r, i) => plan[i] ?? { kind: 'answer', text: ANSWER });
    const f = fixture([openai(server.url)], 1);
    expect(completions((await runEval(options(f))).dir)[0]).toMatchObject({ attempts: 3, error: null, output: ANSWER });
    await server.close();

    server = await startLoopback(() => ({ kind: 'hang' }));
    const g = fixture([openai(server.url, { timeoutMs: 200, maxRetries: 1 })], 1);
    const outcome = await runEval(options(g));
    expect(server.requests).toHaveLength(2);
    expect(completions(outcome.dir)[0]).toMatchObject({ attempts: 2, output: null, error: { kind: 'timeout' } });
    expect(outcome.completed).toBe(0);
  });

  it('does not retry a 400 and does not multiply attempts with the SDK\'s own retries', async () => {
    server = await startLoopback(() => ({ kind: 'status', status: 400, message: 'bad model' }));
    const f = fixture([openai(server.url)], 1);
    const outcome = await runEval(options(f));
    expect(server.requests).toHaveLength(1);
    expect(completions(outcome.dir)[0]!.error).toMatchObject({ kind: 'client', status: 400 });
  });

  it('serves repeats from the cache, never caches errors, and --no-cache asks again', async () => {
    server = await startLoopback((_r, i) => (i === 0 ? { kind: 'status', status: 400 } : { kind: 'answer', text: ANSWER }));
    const f = fixture([openai(server.url)], 1);
    expect(completions((await runEval(options(f))).dir)[0]!.error).not.toBeNull();
    expect(completions((await runEval(options(f))).dir)[0]).toMatchObject({ cached: false, error: null });
    const third = completions((await runEval(options(f))).dir)[0]!;
    expect(third).toMatchObject({ cached: true, output: ANSWER });
    expect(server.requests).toHaveLength(2);
    await runEval(options(f, { cache: false }));
    expect(server.requests).toHaveLength(3);
  });

  it.each([
    ['openai', 'end'],
    ['openai', 'destroy'],
    ['anthropic', 'end'],
    ['anthropic', 'destroy'],
  ] as const)('a %s stream cut partway (%s) is an error, retried, never recorded as a complete answer', async (api, how) => {
    server = await startLoopback(() => ({ kind: 'cut', text: ANSWER, how }));
    const f = fixture([api === 'openai' ? openai(server.url, { maxRetries: 1 }) : anthropic(server.url, { maxRetries: 1 })], 1);
    const outcome = await runEval(options(f, { env: { TEST_ANTHROPIC_KEY: 'k' } }));
    expect(server.requests).toHaveLength(2);
    expect(completions(outcome.dir)[0]).toMatchObject({ attempts: 2, output: null, error: { kind: 'connection' } });
    expect(grades(outcome.dir)).toEqual([]);
  });

  it('malformed JSON in the stream is a recorded error with its reason', async () => {
    server = await startLoopback(() => ({ kind: 'malformed' }));
    const f = fixture([openai(server.url, { maxRetries: 0 })], 1);
    const record = completions((await runEval(options(f))).dir)[0]!;
    expect(record.output).toBeNull();
    expect(record.error?.message).toMatch(/JSON|Unterminated|Unexpected|parse/i);
  });

  it('a grading failure keeps the paid-for answers as answers; resume grades them without asking again', async () => {
    const f = fixture([], 2);
    const rubric = join(f.dir, 'rubric.yaml');
    copyFileSync('rubrics/system-design.yaml', rubric);
    // The rubric vanishes once the run has loaded it: grading each answer then fails.
    server = await startLoopback(() => {
      rmSync(rubric, { force: true });
      return { kind: 'answer', text: ANSWER, delayMs: 20 };
    });
    writeFileSync(f.config, readFileSync(f.config, 'utf8').replace('providers: []', `providers:\n  - id: openai:chat:m\n    label: oa\n    config: { apiBaseUrl: "${server.url}/v1" }`));
    await expect(runEval(options(f, { rubricPath: rubric, cache: false }))).rejects.toThrow(rubric);
    const [runId] = readdirSync(f.results).filter((d) => d !== 'history.jsonl');
    const dir = join(f.results, runId!);
    expect(completions(dir).map((c) => c.error)).toEqual([null, null]);
    expect(grades(dir)).toEqual([]);
    copyFileSync('rubrics/system-design.yaml', rubric);
    await runEval(options(f, { rubricPath: rubric, cache: false, resume: runId! }));
    expect(server.requests).toHaveLength(2);
    expect(grades(dir)).toHaveLength(2);
  });

  it('a re-run over cached answers reuses their grades, until the rubric changes', async () => {
    server = await startLoopback((r) => ({ kind: 'answer', text: `${ANSWER}\n${r.prompt}\n` }));
    const f = fixture([openai(server.url)], 3);
    const rubric = join(f.dir, 'rubric.yaml');
    copyFileSync('rubrics/system-design.yaml', rubric);
    const first = grades((await runEval(options(f, { rubricPath: rubric }))).dir);
    const second = grades((await runEval(options(f, { rubricPath: rubric }))).dir);
    expect(server.requests).toHaveLength(3);
    expect(readdirSync(join(f.cache, '..', 'grades'))).toHaveLength(3);
    // The same records, down to when they were graded: nothing was graded again.
    expect(second).toEqual(first);
    writeFileSync(rubric, readFileSync(rubric, 'utf8').replace(/^version: .*$/m, 'version: 99'));
    const third = grades((await runEval(options(f, { rubricPath: rubric }))).dir);
    expect(readdirSync(join(f.cache, '..', 'grades'))).toHaveLength(6);
    expect(third.map((g) => g.gradedAt)).not.toEqual(first.map((g) => g.gradedAt));
    expect(third.map((g) => g.result.scores)).toEqual(first.map((g) => g.result.scores));
  });

  it('resumes a run: finished cells are not asked again, errored ones are', async () => {
    let failing = true;
    server = await startLoopback((r) => (failing && r.prompt.includes('system 1') ? { kind: 'status', status: 400 } : { kind: 'answer', text: ANSWER }));
    const f = fixture([openai(server.url)], 3);
    const first = await runEval(options(f, { cache: false }));
    expect(first.completed).toBe(2);
    failing = false;
    const resumed = await runEval(options(f, { cache: false, resume: first.runId }));
    expect(resumed.runId).toBe(first.runId);
    expect(resumed.completed).toBe(3);
    expect(server.requests.map((r) => r.prompt.match(/system \d/)![0]).sort()).toEqual(['system 0', 'system 1', 'system 1', 'system 2']);
  });

  it('regrade re-scores a stored run without calling the model', async () => {
    server = await startLoopback(() => ({ kind: 'answer', text: ANSWER }));
    const f = fixture([openai(server.url)], 2);
    const outcome = await runEval(options(f, { grade: false }));
    expect(readLast(join(outcome.dir, 'grades.jsonl'), GradeRecordSchema, (r) => r.cellId).records.size).toBe(0);
    const requests = server.requests.length;
    const { regraded, summary } = regrade(f.results, outcome.runId);
    expect(regraded).toBe(2);
    expect(server.requests).toHaveLength(requests);
    expect(summary.groups[0]).toMatchObject({ graded: 2 });
  });

  it('asking for a live provider by name without its key is an error; otherwise it is skipped', async () => {
    server = await startLoopback(() => ({ kind: 'answer', text: ANSWER }));
    const f = fixture([anthropic(server.url), openai(server.url)], 1);
    await expect(runEval(options(f, { filterProviders: ['an'] }))).rejects.toThrow('provider an was asked for by name but TEST_ANTHROPIC_KEY is not set');
    const outcome = await runEval(options(f));
    expect(outcome.skippedProviders).toEqual([{ label: 'an', envVar: 'TEST_ANTHROPIC_KEY' }]);
    expect(server.requests.every((r) => r.api === 'openai')).toBe(true);
  });
});
