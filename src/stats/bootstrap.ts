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
  const sums = nonEmpty.map((cluster) => cluster.reduce((a, b) => a + b, 0));
  const counts = nonEmpty.map((cluster) => cluster.length);
  const picks = resampleIndices(nonEmpty.length, resamples, seed);
  const means: number[] = [];
  for (let r = 0, at = 0; r < resamples; r++) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < nonEmpty.length; i++, at++) {
      sum += sums[picks[at]!]!;
      count += counts[picks[at]!]!;
    }
    means.push(sum / count);
  }
  means.sort((a, b) => a - b);
  return { mean, low: percentile(means, 0.025), high: percentile(means, 0.975) };
}

const drawn = new Map<string, Int32Array>();

/**
 * The clusters each resample picks. With a fixed seed they depend only on the number of clusters,
 * so the many metrics of one group share one draw (drawing was 90% of a 1000-cell summary).
 */
function resampleIndices(n: number, resamples: number, seed: number): Int32Array {
  const key = `${n}|${resamples}|${seed}`;
  let picks = drawn.get(key);
  if (picks === undefined) {
    const rng = xoroshiro128plus(seed);
    picks = new Int32Array(n * resamples);
    for (let i = 0; i < picks.length; i++) picks[i] = unsafeUniformIntDistribution(0, n - 1, rng);
    if (drawn.size >= 8) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, picks);
  }
  return picks;
}
