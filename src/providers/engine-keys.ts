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
