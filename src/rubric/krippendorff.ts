/**
 * Krippendorff's alpha for nominal data: the agreement of several judgements of the same units
 * (here: one judge's samples of the same answer × criterion), corrected for chance.
 * alpha = 1 − D_o / D_e from the coincidence matrix; units with fewer than two values are
 * not pairable and are skipped. Returns null when nothing is pairable or every value is the same.
 */
export function krippendorffAlphaNominal(units: ReadonlyArray<ReadonlyArray<string | boolean | number>>): number | null {
  const coincidence = new Map<string, number>();
  const add = (a: string, b: string, weight: number): void => {
    const key = `${a}\u0000${b}`;
    coincidence.set(key, (coincidence.get(key) ?? 0) + weight);
  };
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    const values = unit.map(String);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
  }
  const totals = new Map<string, number>();
  let n = 0;
  for (const [key, weight] of coincidence) {
    const value = key.split('\u0000')[0]!;
    totals.set(value, (totals.get(value) ?? 0) + weight);
    n += weight;
  }
  if (n <= 1) return null;
  let disagreeObserved = 0;
  for (const [key, weight] of coincidence) {
    const [a, b] = key.split('\u0000');
    if (a !== b) disagreeObserved += weight;
  }
  let disagreeExpected = 0;
  for (const [a, na] of totals) for (const [b, nb] of totals) if (a !== b) disagreeExpected += na * nb;
  disagreeExpected /= n - 1;
  if (disagreeExpected === 0) return null;
  return 1 - disagreeObserved / disagreeExpected;
}
