/** What one model call returns, whatever the API. */
export interface ProviderResult {
  output: string;
  /** As the API says it: `stop`, `length`, `end_turn`, `max_tokens`, … */
  finishReason: string | null;
  /** The answer was cut by the token limit (`length` / `max_tokens`). */
  truncated: boolean;
  tokenUsage: { prompt: number; completion: number; total: number } | null;
  cost: number | null;
}

export interface CallRequest {
  prompt: string;
  promptId: string;
  caseId: string;
  vars: Readonly<Record<string, string>>;
  metadata: Readonly<Record<string, unknown>>;
  signal: AbortSignal;
}

/** A model endpoint the runner can call; retries, limits and caching are the runner's job. */
export interface Provider {
  id: string;
  label: string;
  /** Answers worth caching (a live model); a replay of recorded answers is not. */
  cacheable: boolean;
  call(request: CallRequest): Promise<ProviderResult>;
}

/** A failed call, classified for the retry loop. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly kind: 'rate_limit' | 'server' | 'timeout' | 'connection' | 'client' | 'aborted' | 'provider',
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** `Retry-After` (seconds or an HTTP date) or `retry-after-ms`, from any headers shape the SDKs give. */
export function retryAfterMs(headers: unknown): number | null {
  const get = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    if (headers !== null && typeof headers === 'object') {
      const value = (headers as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : null;
    }
    return null;
  };
  const ms = get('retry-after-ms');
  if (ms !== null && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = get('retry-after');
  if (after === null) return null;
  if (/^\d+(?:\.\d+)?$/.test(after.trim())) return Math.max(0, Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Map an SDK error (openai or @anthropic-ai/sdk share the shape) to a ProviderError. */
export function classifySdkError(error: unknown, signal: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
    return timedOut ? new ProviderError('request timed out', 'timeout', true) : new ProviderError('request aborted', 'aborted', false);
  }
  const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : null;
  const headers = typeof error === 'object' && error !== null && 'headers' in error ? error.headers : null;
  const name = error instanceof Error ? error.constructor.name : '';
  if (status === 429) return new ProviderError(message, 'rate_limit', true, retryAfterMs(headers), status);
  if (status !== null && (status >= 500 || status === 408 || status === 409)) return new ProviderError(message, 'server', true, retryAfterMs(headers), status);
  if (status !== null) return new ProviderError(message, 'client', false, null, status);
  if (/Timeout/.test(name)) return new ProviderError(message, 'timeout', true);
  return new ProviderError(message, 'connection', true);
}

export function priceOf(usage: ProviderResult['tokenUsage'], input?: number, output?: number): number | null {
  if (usage === null || input === undefined || output === undefined) return null;
  return (usage.prompt * input + usage.completion * output) / 1_000_000;
}
