/** The compiled CLI killed with SIGKILL mid-run, then resumed: every cell exactly once. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CompletionRecordSchema, GradeRecordSchema } from '../../src/runner/records.js';
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';
import { startLoopback, type Loopback } from '../support/loopback-server.js';
import { ANSWER, fixture } from './fixture.js';

const cli = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function runCli(args: string[]): { done: Promise<number | null>; kill(signal?: NodeJS.Signals): void; stderr(): string } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does)`);
  const child = spawn(process.execPath, [cli, 'eval', ...args], { env: { PATH: process.env.PATH, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { done: new Promise((resolve) => child.on('exit', (code) => resolve(code))), kill: (signal = 'SIGKILL') => child.kill(signal), stderr: () => stderr };
}

const lines = (path: string): string[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '') : []);

describe('eval killed with SIGKILL and resumed', () => {
  it('repeats no finished cell and loses none', async () => {
    server = await startLoopback(() => ({ kind: 'answer', text: ANSWER, delayMs: 150 }));
    const f = fixture([{ id: 'openai:chat:m', label: 'local', config: { apiBaseUrl: `${server.url}/v1`, maxConcurrency: 2 } }], 12);
    const args = ['-c', f.config, '--output', f.results, '--no-cache'];
    const first = runCli(args);
    let runDir = '';
    for (let i = 0; i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const runs = existsSync(f.results) ? readdirSync(f.results) : [];
      if (runs.length === 1) runDir = join(f.results, runs[0]!);
      if (runDir !== '' && lines(join(runDir, 'completions.jsonl')).length >= 4) break;
    }
    first.kill();
    expect(await first.done).toBe(null);
    const before = lines(join(runDir, 'completions.jsonl')).map((l) => CompletionRecordSchema.parse(JSON.parse(l)));
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.length).toBeLessThan(12);
    const finishedFirst = new Set(before.map((r) => r.caseId));

    const resumed = runCli([...args, '--resume', runDir.split('/').at(-1)!]);
    expect(await resumed.done).toBe(0);
    const records = lines(join(runDir, 'completions.jsonl')).map((l) => CompletionRecordSchema.parse(JSON.parse(l)));
    const cellIds = records.map((r) => r.cellId);
    expect(new Set(cellIds).size).toBe(12);
    expect(cellIds).toHaveLength(12);
    expect(records.every((r) => r.error === null)).toBe(true);
    // A cell finished before the kill was never asked again.
    const asked = new Map<string, number>();
    for (const r of server.requests) asked.set(r.prompt, (asked.get(r.prompt) ?? 0) + 1);
    for (const caseId of finishedFirst) expect(asked.get(`Design system ${caseId.replace('case-', '')} with Kafka.\n`)).toBe(1);
    expect(lines(join(runDir, 'grades.jsonl')).length).toBe(12);
  });
});

describe('eval killed with SIGKILL at random points, over and over', () => {
  it('after ≥20 kills and resumes: every cell exactly once, no torn line, no finished cell asked again', async () => {
    const CASES = 200;
    // Each answer names the request it came from, so the record says which request finished the cell.
    server = await startLoopback((_request, index) => ({ kind: 'answer', text: `${ANSWER}\nserial ${index}\n`, delayMs: 40 }));
    const f = fixture([{ id: 'openai:chat:m', label: 'local', config: { apiBaseUrl: `${server.url}/v1`, maxConcurrency: 2 } }], CASES);
    const args = ['-c', f.config, '--output', f.results, '--no-cache'];
    const rng = xoroshiro128plus(7);
    let kills = 0;
    let runId: string | undefined;
    for (let round = 0; round < 100; round++) {
      const asked = server.requests.length;
      const run = runCli(runId === undefined ? args : [...args, '--resume', runId]);
      let exited = false;
      const code = run.done.then((c) => {
        exited = true;
        return c;
      });
      if (kills < 20) {
        // Mostly mid-run (0–300 ms after this round's first request, so every round does some work);
        // every fifth round during start-up.
        if (round % 5 === 4) await new Promise((r) => setTimeout(r, unsafeUniformIntDistribution(0, 400, rng)));
        else {
          while (!exited && server.requests.length === asked) await new Promise((r) => setTimeout(r, 5));
          await new Promise((r) => setTimeout(r, unsafeUniformIntDistribution(0, 300, rng)));
        }
        run.kill();
      }
      const exit = await code;
      runId ??= existsSync(f.results) ? readdirSync(f.results).find((d) => d !== 'history.jsonl') : undefined;
      if (exit === null) kills++;
      else {
        expect(exit, run.stderr()).toBe(0);
        break;
      }
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    const runDir = join(f.results, runId!);
    const raw = (file: string): string[] => readFileSync(join(runDir, file), 'utf8').split('\n').slice(0, -1);
    // No torn line survives: every line of both files is a whole, valid record.
    const records = raw('completions.jsonl').map((l) => CompletionRecordSchema.parse(JSON.parse(l)));
    const grades = raw('grades.jsonl').map((l) => GradeRecordSchema.parse(JSON.parse(l)));
    expect(readFileSync(join(runDir, 'completions.jsonl'), 'utf8').endsWith('\n')).toBe(true);
    // Every cell exactly once, answered and graded once.
    expect(records).toHaveLength(CASES);
    expect(new Set(records.map((r) => r.cellId)).size).toBe(CASES);
    expect(records.every((r) => r.error === null)).toBe(true);
    expect(grades).toHaveLength(CASES);
    expect(new Set(grades.map((g) => g.cellId)).size).toBe(CASES);
    // No finished cell was asked again: no request for a cell came after the one that finished it.
    for (const record of records) {
      const serial = Number(/serial (\d+)/.exec(record.output!)![1]);
      const prompt = server.requests[serial]!.prompt;
      expect(prompt).toBe(`Design system ${record.caseId.replace('case-', '')} with Kafka.\n`);
      const later = server.requests.slice(serial + 1).filter((r) => r.prompt === prompt);
      expect(later, record.cellId).toHaveLength(0);
    }
  }, 180_000);
});

describe('eval stopped with Ctrl-C', () => {
  it('exits 130 with a resume hint, keeping every finished cell', async () => {
    server = await startLoopback(() => ({ kind: 'answer', text: ANSWER, delayMs: 150 }));
    const f = fixture([{ id: 'openai:chat:m', label: 'local', config: { apiBaseUrl: `${server.url}/v1`, maxConcurrency: 1 } }], 10);
    const run = runCli(['-c', f.config, '--output', f.results, '--no-cache']);
    let runDir = '';
    for (let i = 0; i < 200 && (runDir === '' || lines(join(runDir, 'completions.jsonl')).length < 2); i++) {
      await new Promise((r) => setTimeout(r, 50));
      const runs = existsSync(f.results) ? readdirSync(f.results) : [];
      if (runs.length === 1) runDir = join(f.results, runs[0]!);
    }
    run.kill('SIGINT');
    expect(await run.done).toBe(130);
    const runId = runDir.split('/').at(-1)!;
    expect(run.stderr()).toContain(`resume with: npm run eval -- --resume ${runId} -c ${f.config}`);
    const kept = lines(join(runDir, 'completions.jsonl')).map((l) => CompletionRecordSchema.parse(JSON.parse(l)));
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.every((r) => r.error === null)).toBe(true);
  });
});
