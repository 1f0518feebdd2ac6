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

/**
 * P(X >= k) for X ~ NegativeBinomial with mean `mean` and shape `r` (variance mean + mean²/r).
 * This is the Gamma–Poisson predictive: when the expected rate is itself uncertain (little
 * history, r small) the tail is heavier than Poisson's, so a short history never makes a handful
 * of posts look impossible. Exact by summing the lower terms (k is a count of voices: small).
 */
export function negBinomUpperTail(k: number, mean: number, r: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  if (!(r > 0) || r > 1e6) return poissonUpperTail(k, mean);
  const p = r / (r + mean); // success probability
  let term = Math.pow(p, r); // P(X = 0)
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= ((i - 1 + r) / i) * (1 - p);
    cdf += term;
  }
  // cdf can round above 1 - tiny: compute the tail directly from the terms when it is small
  const tail = 1 - cdf;
  if (tail > 1e-9) return Math.max(0, tail);
  let t = 0;
  let x = term;
  for (let i = k; i < k + 400; i++) {
    x *= ((i - 1 + r) / i) * (1 - p);
    t += x;
    if (x < t * 1e-12) break;
  }
  return Math.max(t, Number.MIN_VALUE);
}

/** -log10 of a tail probability, capped: a readable "surprise" score for explanations. */
export function surpriseOf(p: number): number {
  return p <= 1e-12 ? 12 : Math.round(-Math.log10(Math.max(p, 1e-300)) * 100) / 100;
}

/** -log10 of the Poisson tail (kept for callers of the first detector). */
export function surprise(k: number, lambda: number): number {
  return surpriseOf(poissonUpperTail(k, lambda));
}
