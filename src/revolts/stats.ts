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
  // large counts (a busy target's whole volume): the regularised incomplete beta, not k terms
  if (k > 40) return Math.max(incompleteBeta(mean / (r + mean), k, r), Number.MIN_VALUE);
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

/** ln Γ(x) for x > 0 (Lanczos, g = 7): exact to about 15 digits. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const g = 7;
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln P(X = k) for X ~ NegativeBinomial(mean, shape r) (Poisson when r is infinite). */
export function negBinomLogPmf(k: number, mean: number, r: number): number {
  if (mean <= 0) return k === 0 ? 0 : -Infinity;
  if (!(r > 0) || r > 1e6) return k * Math.log(mean) - mean - lnGamma(k + 1);
  return lnGamma(k + r) - lnGamma(r) - lnGamma(k + 1) + r * Math.log(r / (r + mean)) + k * Math.log(mean / (r + mean));
}

/** Continued fraction of the incomplete beta (modified Lentz; Numerical Recipes §6.4). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return h;
}

/** The regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, 1 - x)) / b;
}
