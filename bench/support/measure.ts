import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sample {
  wallS: number;
  cpuS: number;
  rssMb: number;
}

const probe = new URL('./rusage-probe.js', import.meta.url).href;

/**
 * Run one command to completion without blocking this process (the loopback server lives here):
 * wall time from spawn to exit, CPU summed and peak RSS maxed over every Node process it started.
 */
export async function measure(command: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rusage-'));
  const file = join(dir, 'rusage.jsonl');
  const env = { ...process.env, ...options.env, BENCH_RUSAGE_FILE: file, NODE_OPTIONS: `--import=${probe}` };
  const started = performance.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { env, cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, stderr: err }));
  });
  const wallS = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${command.join(' ')} exited ${code}:\n${stderr}`);
  const lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
  rmSync(dir, { recursive: true, force: true });
  if (lines.length === 0) throw new Error(`${command.join(' ')}: no resource usage recorded (is it a Node process?)`);
  const usages = lines.map((l) => JSON.parse(l) as { cpuMs: number; maxRssKb: number });
  return { wallS, cpuS: usages.reduce((a, u) => a + u.cpuMs, 0) / 1000, rssMb: Math.max(...usages.map((u) => u.maxRssKb)) / 1024 };
}

export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Medians of each figure over `runs` runs. */
export async function medianOf(runs: number, once: () => Promise<Sample>): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return { wallS: median(samples.map((s) => s.wallS)), cpuS: median(samples.map((s) => s.cpuS)), rssMb: median(samples.map((s) => s.rssMb)) };
}
