/**
 * API keys never reach results/, the cache, reports or logs. A distinctive key is planted in
 * OPENAI_API_KEY and ANTHROPIC_API_KEY; the compiled CLI runs an eval against the loopback server,
 * where some calls fail with an error body quoting the key (as a 401 "Incorrect API key provided"
 * or a proxy echoing the Authorization header does); then every file written and everything
 * printed is searched for the key, as is and encoded.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { base64Core, redactSecrets } from '../../src/config/redact.js';
import { startLoopback, type Loopback } from '../support/loopback-server.js';
import { ANSWER } from './fixture.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/src/cli/main.js');

const OPENAI_KEY = 'sk-test-PLANTED-4f1c9e7b2a61d08c5e3f9a2b';
const ANTHROPIC_KEY = 'sk-ant-test-PLANTED-8d2e6a0c4b1f7e9a3c5d';

/** Every form the keys could travel in, with a name for the failure message. */
const NEEDLES: ReadonlyArray<{ form: string; needle: string }> = [OPENAI_KEY, ANTHROPIC_KEY].flatMap((key) => [
  { form: `${key.slice(0, 12)}… as is`, needle: key },
  // Inside a longer base64 string (Basic `user:key`) at each of the three byte alignments.
  ...([0, 1, 2] as const).flatMap((offset) => [
    { form: `${key.slice(0, 12)}… base64 at offset ${offset}`, needle: base64Core(key, offset) },
    { form: `${key.slice(0, 12)}… base64url at offset ${offset}`, needle: base64Core(key, offset, 'base64url') },
  ]),
  { form: `${key.slice(0, 12)}… percent-encoded`, needle: encodeURIComponent(key) },
  // Its random part alone: a key cut short is still a leak.
  { form: `${key.slice(0, 12)}… random part`, needle: key.slice(-20) },
]);

interface Command {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Command> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" (npm test does) before the CLI tests`);
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Where a needle turns up: `<file or log>: <form>`. */
function leaks(texts: ReadonlyArray<{ name: string; text: string }>): string[] {
  return texts.flatMap(({ name, text }) => NEEDLES.filter(({ needle }) => text.includes(needle)).map(({ form }) => `${name}: ${form}`));
}

let server: Loopback;
let project: string;
let written: Array<{ name: string; text: string }> = [];
let printed: Array<{ name: string; text: string }> = [];
let evalRun: Command;

beforeAll(async () => {
  // Case 1 fails on both APIs with an error body quoting the key it was sent, in several encodings.
  const echo = (key: string, header: string): string =>
    `Incorrect API key provided: ${key}. Received ${header}; as Basic ${Buffer.from(`user:${key}`).toString('base64')}; in a URL ?key=${encodeURIComponent(key)}; base64 ${Buffer.from(key).toString('base64')}`;
  server = await startLoopback((request) => {
    if (!request.prompt.includes('system 1')) return { kind: 'answer', text: ANSWER };
    return request.api === 'openai'
      ? { kind: 'status', status: 401, message: echo(OPENAI_KEY, `Authorization: Bearer ${OPENAI_KEY}`) }
      : { kind: 'status', status: 500, message: echo(ANTHROPIC_KEY, `x-api-key: ${ANTHROPIC_KEY}`) };
  });
  project = mkdtempSync(join(tmpdir(), 'secrets-'));
  mkdirSync(join(project, 'prompts'));
  writeFileSync(join(project, 'prompts', 'p.md'), 'Design {{system}} with {{messaging_system}}.\n');
  const providers = [
    { id: 'openai:chat:test-model', label: 'oa', config: { apiBaseUrl: `${server.url}/v1`, maxRetries: 0 } },
    { id: 'anthropic:messages:test-claude', label: 'an', config: { apiBaseUrl: server.url, maxRetries: 0 } },
  ];
  const tests = [0, 1, 2].map((i) => ({ vars: { system: `system ${i}`, messaging_system: 'Kafka' }, metadata: { id: `case-${i}` } }));
  writeFileSync(join(project, 'promptfooconfig.yaml'), stringify({ prompts: ['file://prompts/p.md'], providers, tests }));

  const env = { ...process.env, OPENAI_API_KEY: OPENAI_KEY, ANTHROPIC_API_KEY: ANTHROPIC_KEY, CI: '1' };
  // Asked for by name, so a missing key would be an error rather than a silent skip.
  evalRun = await runCli(['eval', '-c', 'promptfooconfig.yaml', '--output', 'results', '--filter-providers', 'oa,an'], project, env);
  const runId = readdirSync(join(project, 'results')).find((name) => statSync(join(project, 'results', name)).isDirectory());
  if (runId === undefined) throw new Error(`no run directory was written:\n${evalRun.stderr}`);
  // The cached answers are read back, and the reports are written again by the report command.
  const again = await runCli(['eval', '-c', 'promptfooconfig.yaml', '--output', 'results', '--filter-providers', 'oa,an'], project, env);
  const report = await runCli(['report', runId, '--output', 'results'], project, env);
  written = filesUnder(project).map((path) => ({ name: relative(project, path), text: readFileSync(path, 'latin1') }));
  printed = [
    { name: 'eval stdout', text: evalRun.stdout },
    { name: 'eval stderr', text: evalRun.stderr },
    { name: 'second eval stdout', text: again.stdout },
    { name: 'second eval stderr', text: again.stderr },
    { name: 'report stdout', text: report.stdout },
    { name: 'report stderr', text: report.stderr },
  ];
}, 30_000);

afterAll(async () => {
  await server.close();
  rmSync(project, { recursive: true, force: true });
});

describe('a planted API key', () => {
  it('the run went through both APIs, answered some cells and recorded the failed ones', () => {
    expect(new Set(server.requests.map((r) => r.api))).toEqual(new Set(['openai', 'anthropic']));
    expect(evalRun.code).toBe(1);
    const names = written.map((w) => w.name);
    for (const file of ['completions.jsonl', 'grades.jsonl', 'manifest.json', 'summary.json', 'report.md', 'report.html', 'results.csv', 'junit.xml']) {
      expect(names.some((n) => n.startsWith('results/') && n.endsWith(`/${file}`)), file).toBe(true);
    }
    expect(names.some((n) => n.startsWith('.cache/responses/')), 'the cache has the answers').toBe(true);
    const completions = written.filter((w) => w.name.endsWith('completions.jsonl')).map((w) => w.text).join('');
    expect(completions).toMatch(/"status":401/);
    expect(completions).toMatch(/"status":500/);
  });

  const isCompletions = (name: string): boolean => name.endsWith('/completions.jsonl');

  it('is not in any report, manifest, summary, grades, history or cache file, in any encoding', () => {
    const files = written.filter((w) => !isCompletions(w.name));
    expect(files.some((w) => w.name.endsWith('/junit.xml'))).toBe(true);
    expect(leaks(files)).toEqual([]);
    // The echoed key did reach the reports, and was redacted there.
    expect(files.filter((w) => w.name.endsWith('/results.csv')).map((w) => w.text).join('')).toContain('[redacted OPENAI_API_KEY]');
  });

  it('is not in anything printed to stdout or stderr', () => {
    expect(leaks(printed)).toEqual([]);
    expect(evalRun.stderr).toContain('[redacted ANTHROPIC_API_KEY]');
  });

  // KNOWN LEAK, not fixable from the files this change may touch: run-eval.ts records the provider's
  // error message verbatim. The fix is one call where the record is made, in completionRecord():
  //   error: error === null ? null : { kind: error.kind, message: redactSecrets(error.message, env), status: error.status }
  // (env = options.env, passed in; redactSecrets from src/config/redact.ts). Then turn this into it().
  it('is not in completions.jsonl: error messages are redacted before they are recorded', () => {
    expect(leaks(written.filter((w) => isCompletions(w.name)))).toEqual([]);
  });
});

describe('redactSecrets', () => {
  const env = { OPENAI_API_KEY: OPENAI_KEY, MY_GATEWAY: 'gw-PLANTED-0123456789', HOME: '/root', DEBUG: '1' };

  it('replaces a secret of the environment in every encoding, naming the variable', () => {
    const text = `401: key ${OPENAI_KEY}, basic ${Buffer.from(OPENAI_KEY).toString('base64')}, url ${encodeURIComponent(OPENAI_KEY)}`;
    const out = redactSecrets(text, env);
    expect(out).not.toContain('4f1c9e7b2a61d08c5e3f9a2b');
    expect(out).not.toContain(Buffer.from(OPENAI_KEY).toString('base64'));
    expect(out).toContain('[redacted OPENAI_API_KEY]');
  });

  it('a variable named as a key (apiKeyEnvar) is a secret too; ordinary variables are left alone', () => {
    expect(redactSecrets('sent gw-PLANTED-0123456789 from /root', env, { names: ['MY_GATEWAY'] })).toBe('sent [redacted MY_GATEWAY] from /root');
  });

  it('masks key-shaped strings not in the environment, unless patterns are off', () => {
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123', {})).toBe('Authorization: Bearer [redacted key]');
    expect(redactSecrets('key sk-proj-abcdefghijklmnopqrstuv', {})).toBe('key [redacted key]');
    expect(redactSecrets('key sk-proj-abcdefghijklmnopqrstuv', {}, { patterns: false })).toBe('key sk-proj-abcdefghijklmnopqrstuv');
  });
});
