/**
 * Bad input, through the compiled CLI: each case gets one clear line naming the file, the place in
 * it and what was expected, exits non-zero without a stack trace, and leaves the finished results
 * and the cache exactly as they were (no new run directory either: input is checked before a run
 * starts). A good run is made first, so there is something to leave alone; each case runs in a
 * directory of its own holding a copy of it, so the cases run concurrently.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { startLoopback, type Loopback } from '../support/loopback-server.js';
import { ANSWER } from './fixture.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');
const isRoot = process.getuid?.() === 0;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** No API keys, whatever the developer's shell has: the live provider is then keyless. */
const ENV: NodeJS.ProcessEnv = Object.fromEntries(Object.entries({ ...process.env, CI: '1' }).filter(([name]) => name !== 'OPENAI_API_KEY' && name !== 'ANTHROPIC_API_KEY'));

function runCli(args: string[], cwd: string): Promise<Outcome> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does) before the CLI tests`);
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, env: ENV, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** Every entry under `home`'s results and cache directories: path, and for a file its size, mtime and sha256. */
function snapshot(home: string): string[] {
  const out: string[] = [];
  for (const dir of ['results', '.cache']) {
    const base = join(home, dir);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base, { recursive: true, encoding: 'utf8' }).sort()) {
      const path = join(base, name);
      const stat = lstatSync(path);
      out.push(stat.isFile() ? `${dir}/${name} ${stat.size} ${createHash('sha256').update(readFileSync(path)).digest('hex')} @${stat.mtimeMs}` : `${dir}/${name}/`);
    }
  }
  return out;
}

/** A dataset whose second row lacks `system`, in each format, and where that row is. */
const ROWS = {
  yaml: { file: 'rows.yaml', text: '- vars: {system: Chat, messaging_system: Kafka}\n  metadata: {id: chat}\n- description: no system here\n  vars: {messaging_system: Kafka}\n  metadata: {id: nosys}\n', place: 'case nosys ([1], line 3)' },
  jsonl: { file: 'rows.jsonl', text: '{"vars":{"system":"Chat","messaging_system":"Kafka"},"metadata":{"id":"chat"}}\n\n{"vars":{"messaging_system":"Kafka"},"metadata":{"id":"nosys"}}\n', place: 'case nosys (line 3)' },
  csv: { file: 'rows.csv', text: 'id,system,messaging_system\nchat,Chat,Kafka\nnosys,,Kafka\n', place: 'case nosys (line 3)' },
};

let server: Loopback;
let project: string;
let finished: string[];
let promptPath: string;
let casesPath: string;

/** The good config, its file:// paths absolute so a variant in a subdirectory can reuse them. */
function baseConfig(): Record<string, unknown> {
  return {
    prompts: [`file://${promptPath}`],
    providers: [
      { id: `file://${join(root, 'dist/src/providers/replay-provider.js')}`, label: 'replay-thorough', config: { model: 'thorough', dir: join(root, 'datasets/recorded') } },
      { id: 'openai:chat:loop-model', label: 'loop', config: { apiBaseUrl: `${server.url}/v1`, temperature: 0.2 } },
      { id: 'openai:chat:gpt-4.1-mini', label: 'gpt-4.1-mini', config: { temperature: 0.2 } },
    ],
    tests: `file://${casesPath}`,
  };
}

/**
 * A variant of the project in `bad-<name>/`, with a copy of the finished results and cache: its
 * config (text, or changes to the good one) and other files. Returns the directory.
 */
function variant(name: string, config: string | Record<string, unknown>, files: Record<string, string> = {}): string {
  const dir = join(project, `bad-${name}`);
  mkdirSync(dir, { recursive: true });
  for (const sub of ['results', '.cache']) cpSync(join(project, sub), join(dir, sub), { recursive: true, preserveTimestamps: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  writeFileSync(join(dir, 'promptfooconfig.yaml'), typeof config === 'string' ? config : stringify({ ...baseConfig(), ...config }));
  return dir;
}

/**
 * Run a bad eval in `dir` (config: its promptfooconfig.yaml, unless `-c` is among `args`); it must
 * fail with one readable line and leave that directory's results and cache untouched.
 */
async function badEval(expect: ExpectStatic, dir: string, ...args: string[]): Promise<string> {
  const before = snapshot(dir);
  // The copy of the finished run (its timestamps may round differently: compared by content).
  const content = (entries: string[]): string[] => entries.map((e) => e.replace(/ @\S+$/, ''));
  expect(content(before)).toEqual(content(finished));
  const outcome = await runCli(['eval', ...(args.includes('-c') ? [] : ['-c', join(dir, 'promptfooconfig.yaml')]), '--output', 'results', ...args], dir);
  expect(outcome.code, outcome.stderr).not.toBe(0);
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toMatch(/^blueprint-eval: /m);
  // A bug prints a stack; bad input never does.
  expect(outcome.stderr).not.toMatch(/^\s+at /m);
  expect(snapshot(dir), 'results and cache are byte-identical, with no new run directory').toEqual(before);
  return outcome.stderr;
}

beforeAll(async () => {
  server = await startLoopback(() => ({ kind: 'answer', text: ANSWER }));
  project = mkdtempSync(join(tmpdir(), 'bad-input-'));
  mkdirSync(join(project, 'prompts'));
  mkdirSync(join(project, 'datasets'));
  mkdirSync(join(project, 'rubrics'));
  promptPath = join(project, 'prompts', 'system-design.v1.md');
  casesPath = join(project, 'datasets', 'cases.yaml');
  cpSync(join(root, 'prompts', 'system-design.v1.md'), promptPath);
  cpSync(join(root, 'rubrics', 'system-design.yaml'), join(project, 'rubrics', 'system-design.yaml'));
  const recorded = parse(readFileSync(join(root, 'datasets', 'recorded', 'cases.yaml'), 'utf8')) as unknown[];
  writeFileSync(casesPath, stringify(recorded.slice(0, 2)));
  writeFileSync(join(project, 'promptfooconfig.yaml'), stringify(baseConfig()));
  // The finished run: recorded answers, plus a loopback model whose answers land in the cache.
  const good = await runCli(['eval', '-c', 'promptfooconfig.yaml', '--output', 'results', '--filter-providers', 'replay-thorough,loop'], project);
  if (good.code !== 0) throw new Error(`the good run failed (${good.code}):\n${good.stderr}`);
  finished = snapshot(project);
  if (!finished.some((e) => e.startsWith('results/') && e.includes('/manifest.json '))) throw new Error(`no finished run:\n${finished.join('\n')}`);
  if (!finished.some((e) => e.startsWith('.cache/responses/'))) throw new Error('nothing was cached');
}, 30_000);

afterAll(async () => {
  await server.close();
  if (!isRoot && project !== undefined && existsSync(join(project, 'bad-unreadable'))) chmodSync(join(project, 'bad-unreadable', 'rubrics', 'system-design.yaml'), 0o644);
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
});

describe.concurrent('bad input: a clear error naming file, place and what was expected; finished results untouched', () => {
  const configOf = (dir: string): string => join(dir, 'promptfooconfig.yaml');

  it('malformed YAML in the config: its line and column', async ({ expect }) => {
    const dir = variant('yaml', `prompts: [file://${promptPath}\nproviders:\n  - id: openai:chat:x\n`);
    const stderr = await badEval(expect, dir);
    expect(stderr).toContain(`${configOf(dir)}: line 2: invalid YAML (column 1): Flow sequence in block collection must be sufficiently indented and end with a ]`);
  });

  it('an unknown key inside a provider: its entry, the keys allowed there and the near miss', async ({ expect }) => {
    const providers = baseConfig().providers as Array<Record<string, unknown>>;
    const dir = variant('unknown-provider-key', { providers: [providers[0], { ...providers[1], lable: 'x' }, providers[2]] });
    const stderr = await badEval(expect, dir);
    expect(stderr).toContain(`${configOf(dir)}: providers[1]: unsupported key(s) lable (did you mean label?): expected only id, label, config here`);
  });

  it('a prompt using a var no case defines: the tests file, the case and row, the prompt and the var', async ({ expect }) => {
    const dir = variant('var', { prompts: ['file://p.md'] }, { 'p.md': 'Design {{system}} for {{audience}}.\n' });
    const stderr = await badEval(expect, dir);
    expect(stderr).toContain(`${casesPath}: case whatsapp-chat ([0], line 1): vars: missing {{audience}} used by prompt p (${join(dir, 'p.md')}); expected the case's vars (or defaultTest.vars) to set audience`);
  });

  it('a dataset row missing `system`: the dataset file and the row (YAML here; JSON Lines and CSV below)', async ({ expect }) => {
    const dir = variant('row', { tests: `file://${ROWS.yaml.file}` }, { [ROWS.yaml.file]: ROWS.yaml.text });
    const stderr = await badEval(expect, dir);
    expect(stderr).toContain(`${join(dir, ROWS.yaml.file)}: ${ROWS.yaml.place}: vars: missing {{system}} used by prompt system-design.v1`);
    expect(stderr).toContain("expected the case's vars (or defaultTest.vars) to set system");
  });

  it('a duplicate case id: the dataset file, both rows and what is expected', async ({ expect }) => {
    const text = '- vars: {system: A, messaging_system: Kafka}\n  metadata: {id: same}\n- vars: {system: B, messaging_system: Kafka}\n  metadata: {id: same}\n';
    const dir = variant('duplicate', { tests: 'file://dup.yaml' }, { 'dup.yaml': text });
    const stderr = await badEval(expect, dir);
    expect(stderr).toContain(`${join(dir, 'dup.yaml')}: [1], line 3: case id "same" is used twice (first at [0], line 1): expected each case to have a unique metadata.id`);
  });

  it('a rubric criterion without points: the rubric file, the criterion and what points must be', async ({ expect }) => {
    const rubric = parse(readFileSync(join(root, 'rubrics', 'system-design.yaml'), 'utf8')) as { criteria: Array<Record<string, unknown>> };
    const id = String(rubric.criteria[2]!.id);
    delete rubric.criteria[2]!.points;
    const dir = variant('rubric', {}, { 'rubrics/system-design.yaml': stringify(rubric) });
    const stderr = await badEval(expect, dir);
    expect(stderr).toContain(`${join(dir, 'rubrics', 'system-design.yaml')}: criteria[2].points: missing: expected non-zero points (a number; negative for an anti-pattern) (criterion "${id}")`);
  });

  // The config file and entry are not named yet: the error is thrown in src/providers/registry.ts.
  it('a live provider asked for by name without its API key: an error naming the provider and the variable, not a skip', async ({ expect }) => {
    const stderr = await badEval(expect, variant('key', {}), '--filter-providers', 'gpt-4.1-mini');
    expect(stderr).toContain('gpt-4.1-mini');
    expect(stderr).toContain('OPENAI_API_KEY is not set');
    expect(stderr).not.toContain('skipping');
  });

  it('an unreadable prompt (a directory where the file should be): the config key and the path that could not be read', async ({ expect }) => {
    const dir = variant('eisdir', { prompts: ['file://prompt.md'] });
    mkdirSync(join(dir, 'prompt.md'));
    const stderr = await badEval(expect, dir);
    expect(stderr).toContain(`${configOf(dir)}: prompts[0]: prompt file ${join(dir, 'prompt.md')} could not be read: it is a directory, expected a file`);
  });

  it.skipIf(isRoot)('an unreadable rubric (mode 000, when not root): its path and "permission denied"', async ({ expect }) => {
    const dir = variant('unreadable', {}, { 'rubrics/system-design.yaml': readFileSync(join(root, 'rubrics', 'system-design.yaml'), 'utf8') });
    chmodSync(join(dir, 'rubrics', 'system-design.yaml'), 0);
    const stderr = await badEval(expect, dir);
    expect(stderr).toContain(`${join(dir, 'rubrics', 'system-design.yaml')}: rubric file could not be read: permission denied`);
  });
});

/** The same loaders in-process (quick): the other dataset formats and ways a file can be bad. */
describe('bad input, in-process: the other formats and files', () => {
  const load = (dir: string): (() => unknown) => () => loadConfig(join(dir, 'promptfooconfig.yaml'));

  it.for([ROWS.jsonl, ROWS.csv])('a $file row missing `system`: the dataset file and its line', (row, { expect }) => {
    const dir = variant(`row-${row.file}`, { tests: `file://${row.file}` }, { [row.file]: row.text });
    expect(load(dir)).toThrow(`${join(dir, row.file)}: ${row.place}: vars: missing {{system}} used by prompt system-design.v1`);
  });

  it('malformed YAML in a tests file: the tests file, its line and column', () => {
    const dir = variant('yaml-tests', { tests: 'file://cases.yaml' }, { 'cases.yaml': '- vars: {system: a, messaging_system: Kafka\n- vars: {system: b}\n' });
    expect(load(dir)).toThrow(new RegExp(`^${join(dir, 'cases.yaml')}: line \\d+: invalid YAML \\(column \\d+\\): `));
  });

  it('a CSV row with too many cells: the file and the line', () => {
    const dir = variant('csv-shape', { tests: 'file://rows.csv' }, { 'rows.csv': 'system,messaging_system\nChat,Kafka,extra\n' });
    expect(load(dir)).toThrow(`${join(dir, 'rows.csv')}: line 2: expected CSV with a header row of var names (Invalid Record Length`);
  });

  it('an unknown top-level key, and a wrong type deep in a provider', () => {
    expect(load(variant('unknown-top', { scenarios: [] }))).toThrow(': (top level): unsupported key(s) scenarios: blueprint-eval reads description, prompts');
    const providers = baseConfig().providers as Array<Record<string, unknown>>;
    const dir = variant('temperature', { providers: [providers[0], providers[1], { ...providers[2], config: { temperature: 'hot' } }] });
    expect(load(dir)).toThrow(`${join(dir, 'promptfooconfig.yaml')}: providers[2]: config.temperature: expected number, received string`);
    expect(load(variant('prompt-type', { prompts: [42] }))).toThrow(': prompts[0]: expected string or object, received number');
  });

  it('a typo of one of our provider keys, and an API key in the config: refused, not sent to the model API', () => {
    const providers = baseConfig().providers as Array<Record<string, unknown>>;
    const typo = variant('engine-key-typo', { providers: [providers[0], providers[1], { ...providers[2], config: { maxConcurency: 2 } }] });
    expect(load(typo)).toThrow(`${join(typo, 'promptfooconfig.yaml')}: providers[2].config.maxConcurency: unknown key maxConcurency (did you mean maxConcurrency?)`);
    const key = variant('config-api-key', { providers: [providers[0], providers[1], { ...providers[2], config: { apiKey: 'sk-in-the-config' } }] });
    expect(load(key)).toThrow(`${join(key, 'promptfooconfig.yaml')}: providers[2].config.apiKey: an API key does not belong in the config`);
    // Parameters of the model API pass, even near one of ours.
    const api = variant('api-params', { providers: [providers[0], providers[1], { ...providers[2], config: { top_k: 5, top_p: 0.9, seed: 1 } }] });
    expect(load(api)).not.toThrow();
  });

  it('an unreadable tests file (a broken symlink): the config key, the path and why', () => {
    const dir = variant('symlink', { tests: 'file://cases.yaml' });
    symlinkSync(join(dir, 'no-such-cases.yaml'), join(dir, 'cases.yaml'));
    expect(load(dir)).toThrow(`${join(dir, 'promptfooconfig.yaml')}: tests: tests file ${join(dir, 'cases.yaml')} could not be read: it is a symlink to ${join(dir, 'no-such-cases.yaml')}, which does not exist`);
  });

  it('an unreadable config file or rubric (a directory): its path and that it could not be read', () => {
    const dir = variant('dirs', {});
    mkdirSync(join(dir, 'config.yaml'));
    expect(() => loadConfig(join(dir, 'config.yaml'))).toThrow(`${join(dir, 'config.yaml')}: config file could not be read: it is a directory, expected a file`);
    expect(() => loadRubric(dir)).toThrow(`${dir}: rubric file could not be read: it is a directory, expected a file`);
  });

  it('a rubric key typo: the key, the keys allowed there and the near miss (no promptfoo advice)', () => {
    const dir = variant('rubric-key', {}, { 'r.yaml': 'version: 1\ncriteria:\n  - {id: a, points: 1, tags: [depth], decide: judge, description: long enough text, weight: 2}\n' });
    expect(() => loadRubric(join(dir, 'r.yaml'))).toThrow(`${join(dir, 'r.yaml')}: criteria[0]: unsupported key(s) weight: expected only id, points, tags, decide, evidence, description here (criterion "a")`);
  });
});
