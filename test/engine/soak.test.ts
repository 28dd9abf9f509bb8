/**
 * Soak: ≈2,000 requests through both SDKs against a loopback server where 30% of requests fail in
 * every way a provider fails (429 with and without Retry-After, 500, 503, reset, a hang past the
 * timeout, malformed JSON, a stream cut cleanly or by a dropped connection) and some answers stop
 * at the token limit. Faults are drawn from a seeded generator, so a failure reproduces.
 */
import { join } from 'node:path';
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { afterEach, describe, expect, it } from 'vitest';
import { readLast } from '../../src/runner/jsonl.js';
import { CompletionRecordSchema } from '../../src/runner/records.js';
import { runEval } from '../../src/runner/run-eval.js';
import { startLoopback, type Behaviour, type Loopback } from '../support/loopback-server.js';
import { ANSWER, fixture } from './fixture.js';
import { readFileSync } from 'node:fs';

const CASES = 700;
const MAX_RETRIES = 3;
const TIMEOUT_MS = 400;
const CLOCK_MARGIN_MS = 100;
/** Answers take a moment, so requests queue up to the limits even on a busy machine. */
const ANSWER_MS = 20;
const LIMITS = { openai: 8, anthropic: 6, global: 12 };

/** Per 100 requests: 30 faults of nine kinds, 3 answers stopped by the token limit, the rest whole. */
const MIX: Array<[number, (text: string) => Behaviour]> = [
  [5, () => ({ kind: 'status', status: 429, retryAfter: '0' })],
  [4, () => ({ kind: 'status', status: 429 })],
  [4, () => ({ kind: 'status', status: 500 })],
  [3, () => ({ kind: 'status', status: 503 })],
  [3, () => ({ kind: 'reset' })],
  [2, () => ({ kind: 'hang' })],
  [3, () => ({ kind: 'malformed' })],
  [3, (text) => ({ kind: 'cut', text, how: 'end' })],
  [3, (text) => ({ kind: 'cut', text, how: 'destroy' })],
  [3, (text) => ({ kind: 'answer', text, finishReason: 'length', delayMs: ANSWER_MS })],
  [67, (text) => ({ kind: 'answer', text, delayMs: ANSWER_MS })],
];

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('soak: 30% faults over ≈2,000 requests', () => {
  it('every cell ends answered or with a recorded error; none lost, duplicated, over budget, over the limits, or cut short', async () => {
    const rng = xoroshiro128plus(20261125);
    const draw = (): number => unsafeUniformIntDistribution(0, 99, rng);
    const scripted: Behaviour[] = [];
    server = await startLoopback((request, index) => {
      // Each request's answer names its serial, so a recorded output says which request it came from.
      const text = `${ANSWER}\nserial ${index} for ${request.prompt}\n`;
      let roll = draw();
      const behaviour = MIX.find(([share]) => (roll -= share) < 0)![1](text);
      scripted[index] = behaviour;
      return behaviour;
    });
    const config = { maxRetries: MAX_RETRIES, timeoutMs: TIMEOUT_MS, apiBaseUrl: server.url };
    const f = fixture(
      [
        { id: 'openai:chat:soak', label: 'oa', config: { ...config, apiBaseUrl: `${server.url}/v1`, maxConcurrency: LIMITS.openai } },
        { id: 'anthropic:messages:soak', label: 'an', config: { ...config, apiKeyEnvar: 'SOAK_KEY', maxConcurrency: LIMITS.anthropic } },
      ],
      CASES,
      { evaluateOptions: { maxConcurrency: LIMITS.global } },
    );
    const outcome = await runEval({
      configPath: f.config,
      resultsDir: f.results,
      cacheDir: f.cache,
      cache: false,
      grade: false,
      env: { SOAK_KEY: 'k', OPENAI_API_KEY: 'k' },
      signal: new AbortController().signal,
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      log: () => undefined,
    });

    const requests = server.requests;
    expect(requests.length).toBeGreaterThanOrEqual(1900);
    const lines = readFileSync(join(outcome.dir, 'completions.jsonl'), 'utf8').trim().split('\n');
    const records = [...readLast(join(outcome.dir, 'completions.jsonl'), CompletionRecordSchema, (r) => r.cellId).records.values()];
    // None lost, none duplicated: one line per cell, every cell present.
    expect(outcome.total).toBe(2 * CASES);
    expect(lines).toHaveLength(outcome.total);
    expect(records).toHaveLength(outcome.total);

    const requestsPerCell = new Map<string, number[]>();
    requests.forEach((r, i) => {
      const key = `${r.api === 'openai' ? 'oa' : 'an'}|${r.prompt}`;
      requestsPerCell.set(key, [...(requestsPerCell.get(key) ?? []), i]);
    });
    let answered = 0;
    let truncated = 0;
    for (const record of records) {
      const serials = requestsPerCell.get(`${record.provider}|Design system ${record.caseId.replace('case-', '')} with Kafka.\n`) ?? [];
      // Within the retry budget, and every attempt the engine counts is one request the server saw.
      expect(record.attempts).toBeLessThanOrEqual(MAX_RETRIES + 1);
      expect(serials).toHaveLength(record.attempts);
      const last = scripted[serials.at(-1)!]!;
      if (record.error === null) {
        answered++;
        // A whole answer from the cell's last request, which was a whole answer: never a cut stream.
        expect(last.kind).toBe('answer');
        expect(record.output).toBe(`${ANSWER}\nserial ${serials.at(-1)} for ${requests[serials.at(-1)!]!.prompt}\n`);
        expect(record.truncated).toBe(last.kind === 'answer' && last.finishReason === 'length');
        if (record.truncated) truncated++;
      } else {
        expect(record.output).toBeNull();
        expect(record.error.kind).toMatch(/^(rate_limit|server|timeout|connection)$/);
        expect(record.error.message.length).toBeGreaterThan(0);
        // Given up only when every attempt failed: the budget was spent, or the last fault was final.
        expect(last.kind).not.toBe('answer');
        expect(record.attempts).toBe(MAX_RETRIES + 1);
      }
    }
    // Concurrency as the server saw it at each arrival. A hung request past the client's timeout has
    // been abandoned by the client, which may start the next before the server sees the close; the
    // client's clock starts up to CLOCK_MARGIN_MS before the server reads the request.
    const peak = (api?: 'openai' | 'anthropic'): number => {
      const mine = requests.map((r, i) => ({ ...r, hang: scripted[i]!.kind === 'hang' })).filter((r) => api === undefined || r.api === api);
      return Math.max(...mine.map((r) => mine.filter((o) => o.at <= r.at && (o.doneAt ?? Infinity) > r.at && !(o.hang && r.at - o.at >= TIMEOUT_MS - CLOCK_MARGIN_MS)).length));
    };
    expect(peak('openai')).toBeLessThanOrEqual(LIMITS.openai);
    expect(peak('anthropic')).toBeLessThanOrEqual(LIMITS.anthropic);
    expect(peak()).toBeLessThanOrEqual(LIMITS.global);
    // The limits were (nearly) reached, so the checks above could have failed.
    expect(peak()).toBeGreaterThanOrEqual(LIMITS.global - 1);
    // The faults were there, and most cells still got through.
    const faults = scripted.filter((b) => b.kind !== 'answer').length / scripted.length;
    expect(faults).toBeGreaterThan(0.25);
    expect(answered / records.length).toBeGreaterThan(0.95);
    expect(truncated).toBeGreaterThan(0);
  }, 90_000);
});
