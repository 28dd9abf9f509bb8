import { describe, expect, it } from 'vitest';
import { bootstrapMean } from '../src/stats/bootstrap.js';
import { mcnemarExact } from '../src/stats/mcnemar.js';

describe('bootstrap', () => {
  it('constant data give a zero-width interval', () => {
    expect(bootstrapMean([[0.5], [0.5], [0.5]])).toEqual({ mean: 0.5, low: 0.5, high: 0.5 });
  });

  it('two cases 0 and 1: resampled means are 0, 0.5, 1 with chances 1/4, 1/2, 1/4, so the 95% interval is [0, 1]', () => {
    const interval = bootstrapMean([[0], [1]], 4000)!;
    expect(interval).toEqual({ mean: 0.5, low: 0, high: 1 });
  });

  it('resamples whole cases: repeats of one case are not independent evidence', () => {
    // Two cases of 10 repeats each: the interval is as wide as with one value per case.
    const clustered = bootstrapMean([Array(10).fill(0), Array(10).fill(1)], 4000)!;
    expect([clustered.low, clustered.high]).toEqual([0, 1]);
  });

  it('is deterministic for a seed', () => {
    const data = [[0.1], [0.4], [0.35], [0.8], [0.5]];
    expect(bootstrapMean(data)).toEqual(bootstrapMean(data));
  });
});

describe('McNemar (exact)', () => {
  it('b = 8, c = 2: p = 2·(1 + 10 + 45)/1024', () => {
    expect(mcnemarExact(8, 2)).toBe((2 * 56) / 1024);
  });
  it('no discordant pairs: p = 1; symmetric', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(2, 8)).toBe(mcnemarExact(8, 2));
    expect(mcnemarExact(5, 5)).toBe(1);
  });
});

describe('pearson', () => {
  it('is ±1 on lines and null without variation', async () => {
    const { pearson } = await import('../src/runner/summary.js');
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(pearson([1, 2, 3], [6, 4, 2])).toBe(-1);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBe(0.8);
  });
});
