import pLimit, { type LimitFunction } from 'p-limit';
import pThrottle from 'p-throttle';
import type { ResolvedConfig } from '../config/load-config.js';
import { ProviderError, type CallRequest, type Provider, type ProviderResult } from '../providers/provider.js';

export interface Gate {
  run<T>(task: () => Promise<T>): Promise<T>;
  timeoutMs: number;
  maxRetries: number | undefined;
}

/** Per-provider concurrency (p-limit) and requests per minute (p-throttle). */
export function providerGate(provider: Provider, config: ResolvedConfig): Gate {
  const spec = config.providers.find((p) => p.label === provider.label)!.config;
  const limit: LimitFunction = pLimit(spec.maxConcurrency ?? config.maxConcurrency);
  // Evenly spaced starts (one per 60000/rpm ms), not a minute's worth in one burst.
  const throttle = spec.requestsPerMinute === undefined ? null : pThrottle({ limit: 1, interval: 60_000 / spec.requestsPerMinute });
  const start = throttle === null ? (): Promise<void> => Promise.resolve() : throttle(() => undefined);
  return {
    run: (task) => limit(async () => {
      await start();
      return task();
    }),
    timeoutMs: spec.timeoutMs ?? 600_000,
    maxRetries: spec.maxRetries,
  };
}

/** One call with its own timeout; what the call is about (prompt id, case) is in `request`. */
export async function callOnce(provider: Provider, request: Omit<CallRequest, 'signal'>, timeoutMs: number, signal: AbortSignal): Promise<ProviderResult> {
  const requestSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  try {
    return await provider.call({ ...request, signal: requestSignal });
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (requestSignal.aborted && !signal.aborted) throw new ProviderError(`no answer within ${timeoutMs} ms`, 'timeout', true);
    throw new ProviderError(error instanceof Error ? error.message : String(error), 'provider', false);
  }
}

