import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI tests run the compiled build (npm test builds first); unit tests import src.
    testTimeout: 30_000,
    reporters: ['default', './test/support/summary-line.ts'],
  },
});
