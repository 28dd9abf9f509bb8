/** The compiled CLI killed with SIGKILL mid-run, then resumed: every cell exactly once. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CompletionRecordSchema } from '../../src/runner/records.js';
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
