import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { toCases, loadCasesFile, type Case } from '../dataset/load-cases.js';
import { ConfigError, fromZod } from './errors.js';
import { loadPrompt, type PromptVersion } from './prompt.js';
import { ConfigSchema, SUPPORTED, type ProviderConfig, type ProviderEntry } from './schema.js';

export interface ProviderSpec {
  /** promptfoo-style id: `openai:chat:gpt-4.1-mini`, `anthropic:messages:…`, `file://…`. */
  id: string;
  label: string;
  config: ProviderConfig;
}

export interface ResolvedConfig {
  file: string;
  dir: string;
  /** Hash of everything that decides the cells and their inputs. */
  hash: string;
  description: string;
  prompts: PromptVersion[];
  providers: ProviderSpec[];
  cases: Case[];
  judge: ProviderSpec | null;
  maxConcurrency: number;
  repeat: number;
  cache: boolean;
}

const fromFileUrl = (dir: string, value: string): string => resolve(dir, value.replace(/^file:\/\//, ''));

export function providerSpec(entry: ProviderEntry): ProviderSpec {
  if (typeof entry === 'string') return { id: entry, label: entry, config: {} };
  return { id: entry.id, label: entry.label ?? entry.id, config: entry.config ?? {} };
}

/**
 * Read and validate `promptfooconfig.yaml`, load its prompts and cases, and check every prompt can
 * be rendered for every case before any request is sent.
 */
export function loadConfig(path: string): ResolvedConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(path, '', 'config file not found');
  }
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    throw new ConfigError(path, `line ${error.linePos?.[0].line ?? '?'}`, `invalid YAML: ${error.message.split('\n')[0]}`);
  }
  const parsed = ConfigSchema.safeParse(document.toJS());
  if (!parsed.success) throw fromZod(path, parsed.error, SUPPORTED);
  const config = parsed.data;
  const dir = dirname(file);

  const prompts = config.prompts.map((entry, index) =>
    typeof entry === 'string' ? loadPrompt(fromFileUrl(dir, entry), undefined, path, `prompts[${index}]`) : loadPrompt(fromFileUrl(dir, entry.id), entry.label, path, `prompts[${index}].id`),
  );
  const promptIds = new Set<string>();
  for (const [index, prompt] of prompts.entries()) {
    if (promptIds.has(prompt.id)) throw new ConfigError(path, `prompts[${index}]`, `prompt id "${prompt.id}" is used twice: give one a label`);
    promptIds.add(prompt.id);
  }

  const providers = config.providers.map(providerSpec);
  const labels = new Set<string>();
  for (const [index, provider] of providers.entries()) {
    if (labels.has(provider.label)) throw new ConfigError(path, `providers[${index}]`, `provider label "${provider.label}" is used twice: labels name providers in results`);
    labels.add(provider.label);
    if (!/^(?:openai:chat:.+|anthropic:messages:.+|file:\/\/.+)$/.test(provider.id)) {
      throw new ConfigError(path, `providers[${index}].id`, `unsupported provider "${provider.id}": expected openai:chat:MODEL, anthropic:messages:MODEL or file://path.js`);
    }
  }

  const defaultVars = config.defaultTest?.vars ?? {};
  const cases = (typeof config.tests === 'string' ? loadCasesFile(fromFileUrl(dir, config.tests)) : toCases(path, config.tests)).map((c) => ({
    ...c,
    vars: { ...defaultVars, ...c.vars },
  }));
  const testsFile = typeof config.tests === 'string' ? fromFileUrl(dir, config.tests) : path;
  for (const prompt of prompts) {
    for (const c of cases) {
      const missing = prompt.variables.filter((v) => c.vars[v] === undefined);
      if (missing.length > 0) throw new ConfigError(testsFile, `case ${c.id}: vars`, `missing ${missing.map((m) => `{{${m}}}`).join(', ')} used by prompt ${prompt.id} (${prompt.path})`);
    }
  }

  const judgeEntry = config.defaultTest?.options?.provider;
  const hash = createHash('sha256')
    .update(text)
    .update(JSON.stringify(prompts.map((p) => p.template)))
    .update(JSON.stringify(cases))
    .digest('hex')
    .slice(0, 16);
  return {
    file,
    dir,
    hash,
    description: config.description ?? '',
    prompts,
    providers,
    cases,
    judge: judgeEntry === undefined ? null : providerSpec(judgeEntry),
    maxConcurrency: config.evaluateOptions?.maxConcurrency ?? 4,
    repeat: config.evaluateOptions?.repeat ?? 1,
    cache: config.evaluateOptions?.cache ?? true,
  };
}
