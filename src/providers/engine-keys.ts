/** Provider config keys the engine reads itself; everything else is sent to the model API. */
export const ENGINE_KEYS: ReadonlySet<string> = new Set([
  'apiBaseUrl',
  'apiKeyEnvar',
  'maxConcurrency',
  'requestsPerMinute',
  'timeoutMs',
  'maxRetries',
  'inputPricePerMillion',
  'outputPricePerMillion',
  'judgeSamples',
  'judgeMode',
]);

/** The provider config minus the engine's own keys (and `omit`): what is sent to the model API. */
export function apiParams(config: Readonly<Record<string, unknown>>, omit: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !ENGINE_KEYS.has(key) && !omit.includes(key)));
}
