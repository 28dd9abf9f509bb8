import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

export const BOOTSTRAP_RESAMPLES = 2000;
export const BOOTSTRAP_SEED = 20261125;

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[index]!;
}

const average = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Percentile bootstrap 95% interval of the mean of `clusters`: each cluster (a case's cells, all
 * repeats) is resampled whole, so repeats of one case never count as independent evidence.
 * Fixed seed: the same data give the same interval.
 */
export function bootstrapMean(clusters: ReadonlyArray<readonly number[]>, resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED): Interval | null {
  const nonEmpty = clusters.filter((c) => c.length > 0);
  if (nonEmpty.length === 0) return null;
  const mean = average(nonEmpty.flat());
  const rng = xoroshiro128plus(seed);
  const means: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < nonEmpty.length; i++) {
      const cluster = nonEmpty[unsafeUniformIntDistribution(0, nonEmpty.length - 1, rng)]!;
      for (const value of cluster) sum += value;
      count += cluster.length;
    }
    means.push(sum / count);
  }
  means.sort((a, b) => a - b);
  return { mean, low: percentile(means, 0.025), high: percentile(means, 0.975) };
}
