import { ConfigError } from '../config/errors.js';
import type { ProviderSpec, ResolvedConfig } from '../config/load-config.js';
import { fileProvider } from './file-provider.js';
import type { Provider } from './provider.js';

export interface ProviderSet {
  providers: Provider[];
  /** Live providers left out because their API key is not set, with the variable to set. */
  skipped: Array<{ label: string; envVar: string }>;
}

function keyVariable(spec: ProviderSpec): string {
  return spec.config.apiKeyEnvar ?? (spec.id.startsWith('anthropic:') ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY');
}

/**
 * Build the providers a run uses. A live provider without its key is skipped (the offline
 * default), unless it was asked for by name: then the missing key is an error. An
 * OpenAI-compatible local server (`apiBaseUrl`) needs no key.
 */
export async function createProviders(config: ResolvedConfig, specs: readonly ProviderSpec[], requested: ReadonlySet<string>, env: NodeJS.ProcessEnv): Promise<ProviderSet> {
  const set: ProviderSet = { providers: [], skipped: [] };
  for (const spec of specs) {
    if (spec.id.startsWith('file://')) {
      set.providers.push(await fileProvider(spec, config.file, config.dir));
      continue;
    }
    const envVar = keyVariable(spec);
    const key = env[envVar] ?? (spec.config.apiBaseUrl !== undefined && spec.config.apiKeyEnvar === undefined ? 'no-key-needed' : undefined);
    if (key === undefined || key === '') {
      if (requested.has(spec.label) || requested.has(spec.id)) {
        const index = config.providers.findIndex((p) => p.label === spec.label);
        throw new ConfigError(config.file, index >= 0 ? `providers[${index}]` : '--judge / defaultTest.options.provider', `provider ${spec.label} was asked for by name but ${envVar} is not set: expected ${envVar} in the environment`);
      }
      set.skipped.push({ label: spec.label, envVar });
      continue;
    }
    // Each SDK is loaded when a provider needs it (the Anthropic SDK alone takes ≈150 ms to import).
    set.providers.push(spec.id.startsWith('anthropic:') ? (await import('./anthropic.js')).anthropicProvider(spec, key) : (await import('./openai.js')).openAiProvider(spec, key));
  }
  return set;
}
