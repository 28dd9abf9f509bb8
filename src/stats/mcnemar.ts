/**
 * Exact McNemar test on paired pass/fail: b = passed before and failed after, c = the reverse.
 * Two-sided p = min(1, 2 · P(X ≤ min(b, c))) for X ~ Binomial(b + c, 1/2).
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  let tail = 0;
  let coefficient = 1;
  for (let k = 0; k <= Math.min(b, c); k++) {
    if (k > 0) coefficient = (coefficient * (n - k + 1)) / k;
    tail += coefficient;
  }
  return Math.min(1, 2 * tail * 0.5 ** n);
}
