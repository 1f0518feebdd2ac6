/** Small-count statistics for burst detection (pure). */

/** P(X >= k) for X ~ Poisson(lambda): the upper tail, exact by summing the lower terms. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    cdf += term;
  }
  return Math.max(0, 1 - cdf);
}

/** -log10 of the tail probability, capped: a readable "surprise" score for explanations. */
export function surprise(k: number, lambda: number): number {
  const p = poissonUpperTail(k, lambda);
  return p <= 1e-12 ? 12 : Math.round(-Math.log10(p) * 100) / 100;
}
