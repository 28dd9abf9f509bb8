/**
 * The parser allocates many short-lived tokens: workers get the young generation the CLI's
 * `--max-semi-space-size=64` gives the main thread (young generation = 3 semi-spaces).
 */
export const YOUNG_GENERATION_MB = 192;
