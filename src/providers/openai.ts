import OpenAI from 'openai';
import type { ProviderSpec } from '../config/load-config.js';
import { apiParams } from './engine-keys.js';
import { classifySdkError, priceOf, ProviderError, type CallRequest, type Provider, type ProviderResult } from './provider.js';

/**
 * `openai:chat:MODEL` through the official SDK, streamed (answers run to thousands of tokens).
 * Also any OpenAI-compatible server (Ollama, vLLM, llama.cpp) via `config.apiBaseUrl`. The SDK's
 * own retries are off: the runner retries, so attempts never multiply.
 */
export function openAiProvider(spec: ProviderSpec, apiKey: string): Provider {
  const model = spec.id.replace(/^openai:chat:/, '');
  // The SDK's own logging is off: failures are recorded and printed by the engine, which redacts them.
  const client = new OpenAI({ apiKey, baseURL: spec.config.apiBaseUrl ?? null, maxRetries: 0, logLevel: 'off', timeout: spec.config.timeoutMs ?? 600_000 });
  const passthrough = apiParams(spec.config);
  return {
    id: spec.id,
    label: spec.label,
    cacheable: true,
    async call(request: CallRequest): Promise<ProviderResult> {
      try {
        const stream = await client.chat.completions.create(
          { ...passthrough, model, messages: [{ role: 'user', content: request.prompt }], stream: true, stream_options: { include_usage: true } },
          { signal: request.signal },
        );
        let output = '';
        let finishReason: string | null = null;
        let usage: ProviderResult['tokenUsage'] = null;
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          if (choice?.delta.content) output += choice.delta.content;
          if (choice?.finish_reason) finishReason = choice.finish_reason;
          if (chunk.usage) usage = { prompt: chunk.usage.prompt_tokens, completion: chunk.usage.completion_tokens, total: chunk.usage.total_tokens };
        }
        // A stream that stops without a finish reason was cut (a proxy, a dropped connection): the answer is partial.
        if (finishReason === null) throw new ProviderError(`the stream ended after ${output.length} characters without a finish_reason: the answer is incomplete`, 'connection', true);
        return { output, finishReason, truncated: finishReason === 'length', tokenUsage: usage, cost: priceOf(usage, spec.config.inputPricePerMillion, spec.config.outputPricePerMillion) };
      } catch (error) {
        throw classifySdkError(error, request.signal);
      }
    },
  };
}
