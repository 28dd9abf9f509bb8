import { ProviderError } from '../providers/provider.js';

export interface RetryPolicy {
  /** Retries after the first attempt (the SDKs' own retries are off). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, baseDelayMs: 1000, maxDelayMs: 60_000, random: Math.random };

/** Exponential backoff with full jitter, unless the server said how long to wait. */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs: number | null): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new ProviderError('aborted', 'aborted', false));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new ProviderError('aborted', 'aborted', false));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface Attempted<T> {
  value: T;
  attempts: number;
}

export class FinalError extends Error {
  constructor(
    readonly error: ProviderError,
    readonly attempts: number,
  ) {
    super(error.message);
  }
}

/**
 * Run `attempt` until it succeeds, the error is not retryable, or the retries are spent.
 * `onRetry` is told each retry (for progress); the final error carries the attempt count.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry: (error: ProviderError, delayMs: number) => void,
): Promise<Attempted<T>> {
  for (let tries = 1; ; tries++) {
    try {
      return { value: await attempt(), attempts: tries };
    } catch (raw) {
      const error = raw instanceof ProviderError ? raw : new ProviderError(raw instanceof Error ? raw.message : String(raw), 'provider', false);
      if (!error.retryable || tries > policy.maxRetries || signal.aborted) throw new FinalError(error, tries);
      const delay = retryDelay(policy, tries - 1, error.retryAfterMs);
      onRetry(error, delay);
      await sleep(delay, signal);
    }
  }
}
