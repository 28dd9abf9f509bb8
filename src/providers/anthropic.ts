import Anthropic from '@anthropic-ai/sdk';
import type { ProviderSpec } from '../config/load-config.js';
import { apiParams } from './engine-keys.js';
import { classifySdkError, priceOf, ProviderError, type CallRequest, type Provider, type ProviderResult } from './provider.js';

/** Anthropic requires max_tokens; long design answers need room. */
const DEFAULT_MAX_TOKENS = 8192;

/** `anthropic:messages:MODEL` through the official SDK, streamed; the SDK's retries are off. */
export function anthropicProvider(spec: ProviderSpec, apiKey: string): Provider {
  const model = spec.id.replace(/^anthropic:messages:/, '');
  // The SDK's own logging is off: failures are recorded and printed by the engine, which redacts them.
  const client = new Anthropic({ apiKey, baseURL: spec.config.apiBaseUrl ?? null, maxRetries: 0, logLevel: 'off', timeout: spec.config.timeoutMs ?? 600_000 });
  const passthrough = apiParams(spec.config, ['max_tokens']);
  return {
    id: spec.id,
    label: spec.label,
    cacheable: true,
    async call(request: CallRequest): Promise<ProviderResult> {
      try {
        const stream = client.messages.stream(
          { ...passthrough, model, max_tokens: spec.config.max_tokens ?? DEFAULT_MAX_TOKENS, messages: [{ role: 'user', content: request.prompt }] },
          { signal: request.signal },
        );
        const message = await stream.finalMessage();
        const output = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
        // A stream that stops without a stop reason was cut: the answer is partial.
        if (message.stop_reason === null) throw new ProviderError(`the stream ended after ${output.length} characters without a stop_reason: the answer is incomplete`, 'connection', true);
        const usage = { prompt: message.usage.input_tokens, completion: message.usage.output_tokens, total: message.usage.input_tokens + message.usage.output_tokens };
        return {
          output,
          finishReason: message.stop_reason,
          truncated: message.stop_reason === 'max_tokens',
          tokenUsage: usage,
          cost: priceOf(usage, spec.config.inputPricePerMillion, spec.config.outputPricePerMillion),
        };
      } catch (error) {
        throw classifySdkError(error, request.signal);
      }
    },
  };
}
