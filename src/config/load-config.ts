import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { readCasesFile, toPlacedCases, type Case, type LoadedCases } from '../dataset/load-cases.js';
import { ENGINE_KEYS } from '../providers/engine-keys.js';
import { ConfigError, fromZod, nearMisses } from './errors.js';
import { loadPrompt, type PromptVersion } from './prompt.js';
import { parseYaml, readText } from './read-input.js';
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
 * Keys we do not read go to the model API as they are, so a typo of one of ours (`maxConcurency`,
 * `timeout`) would be sent to the API, not obeyed: refused, with the key meant. An API key in the
 * config would be sent as a request parameter and sits in a file that gets committed: refused too.
 */
function checkProviderConfig(file: string, index: number, provider: ProviderSpec): void {
  for (const key of Object.keys(provider.config)) {
    if (ENGINE_KEYS.has(key)) continue;
    const meant = nearMisses(key, ENGINE_KEYS);
    if (meant.length > 0) {
      throw new ConfigError(file, `providers[${index}].config.${key}`, `unknown key ${key} (did you mean ${meant.join(' or ')}?): expected one of blueprint-eval's own ${[...ENGINE_KEYS].join(', ')}, or a parameter of the model API`);
    }
    if (!provider.id.startsWith('file://') && /^api[_-]?key$/i.test(key)) {
      const envVar = provider.id.startsWith('anthropic:') ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
      throw new ConfigError(file, `providers[${index}].config.${key}`, `an API key does not belong in the config (it would be sent as a request parameter, and configs get committed): expected it in ${envVar}, or in a variable named by apiKeyEnvar`);
    }
  }
}

/**
 * Read and validate `promptfooconfig.yaml`, load its prompts and cases, and check every prompt can
 * be rendered for every case before any request is sent.
 */
export function loadConfig(path: string): ResolvedConfig {
  const file = resolve(path);
  const text = readText(path, 'config file');
  const parsed = ConfigSchema.safeParse(parseYaml(path, text).value);
  if (!parsed.success) throw fromZod(path, parsed.error, SUPPORTED, { schema: ConfigSchema });
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
    checkProviderConfig(path, index, provider);
  }

  const defaultVars = config.defaultTest?.vars ?? {};
  const testsFile = typeof config.tests === 'string' ? fromFileUrl(dir, config.tests) : path;
  const loaded: LoadedCases =
    typeof config.tests === 'string'
      ? readCasesFile(testsFile, { file: path, key: 'tests' })
      : toPlacedCases(
          path,
          config.tests.map((value, index) => ({ value, place: `tests[${index}]` })),
        );
  const cases = loaded.cases.map((c) => ({ ...c, vars: { ...defaultVars, ...c.vars } }));
  // Every prompt must render for every case: a var no case sets is an error before any request.
  for (const prompt of prompts) {
    for (const [index, c] of cases.entries()) {
      const missing = prompt.variables.filter((v) => c.vars[v] === undefined);
      if (missing.length === 0) continue;
      const where = typeof config.tests === 'string' ? `case ${c.id} (${loaded.places[index]}): vars` : `case ${c.id}: vars`;
      throw new ConfigError(
        testsFile,
        where,
        `missing ${missing.map((m) => `{{${m}}}`).join(', ')} used by prompt ${prompt.id} (${prompt.path}); expected the case's vars (or defaultTest.vars) to set ${missing.join(', ')}`,
      );
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
