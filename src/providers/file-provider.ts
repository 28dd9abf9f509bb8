import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { ProviderSpec } from '../config/load-config.js';
import { ConfigError } from '../config/errors.js';
import { ProviderError, type CallRequest, type Provider, type ProviderResult } from './provider.js';

/** promptfoo's ProviderResponse, as far as we read it. */
const ProviderResponseSchema = z.object({
  output: z.string().optional(),
  error: z.string().optional(),
  cost: z.number().optional(),
  finishReason: z.string().optional(),
  tokenUsage: z.object({ total: z.number().optional(), prompt: z.number().optional(), completion: z.number().optional() }).optional(),
});

interface PromptfooProvider {
  id(): string;
  callApi(prompt: string, context: unknown): Promise<unknown>;
  cacheable?: boolean;
}

function isPromptfooProvider(value: unknown): value is PromptfooProvider {
  return typeof value === 'object' && value !== null && 'callApi' in value && typeof value.callApi === 'function';
}

/**
 * `file://path.js`: a custom provider in promptfoo's contract — a default-exported class taking
 * `{id, config}` (or an object) with `id()` and `callApi(prompt, context)` returning
 * `{output, tokenUsage, cost, error}`. The same module runs under promptfoo unchanged.
 */
export async function fileProvider(spec: ProviderSpec, configFile: string, configDir: string): Promise<Provider> {
  const path = resolve(configDir, spec.id.replace(/^file:\/\//, ''));
  if (!existsSync(path)) throw new ConfigError(configFile, `providers (${spec.label})`, `custom provider ${path} not found${path.endsWith('.js') && path.includes('/dist/') ? ' (run npm run build)' : ''}`);
  if (/\.tsx?$/.test(path)) throw new ConfigError(configFile, `providers (${spec.label})`, `${path}: Node 20 cannot import TypeScript; point at the compiled .js`);
  const module: unknown = await import(pathToFileURL(path).href);
  const exported = typeof module === 'object' && module !== null && 'default' in module ? module.default : module;
  const instance: unknown = typeof exported === 'function' ? new (exported as new (options: unknown) => unknown)({ id: spec.id, label: spec.label, config: spec.config }) : exported;
  if (!isPromptfooProvider(instance)) throw new ConfigError(configFile, `providers (${spec.label})`, `${path} must export a class or object with callApi(prompt, context)`);
  return {
    id: spec.id,
    label: spec.label,
    cacheable: instance.cacheable !== false,
    async call(request: CallRequest): Promise<ProviderResult> {
      const context = { vars: request.vars, prompt: { raw: request.prompt, label: request.promptId }, test: { vars: request.vars, metadata: request.metadata } };
      const raw = await instance.callApi(request.prompt, context);
      const parsed = ProviderResponseSchema.safeParse(raw);
      if (!parsed.success) throw new ProviderError(`${path}: callApi returned ${JSON.stringify(raw)?.slice(0, 120)}, expected {output, tokenUsage, cost, error}`, 'provider', false);
      const response = parsed.data;
      if (response.error !== undefined) throw new ProviderError(response.error, 'provider', false);
      if (response.output === undefined) throw new ProviderError(`${path}: callApi returned no output`, 'provider', false);
      const usage = response.tokenUsage;
      const tokenUsage =
        usage?.prompt !== undefined && usage.completion !== undefined ? { prompt: usage.prompt, completion: usage.completion, total: usage.total ?? usage.prompt + usage.completion } : null;
      const finishReason = response.finishReason ?? null;
      return { output: response.output, finishReason, truncated: finishReason === 'length' || finishReason === 'max_tokens', tokenUsage, cost: response.cost ?? null };
    },
  };
}
