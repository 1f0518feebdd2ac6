/**
 * Intervals for the CX figures, pure and dependency-free (95 % unless told):
 * - Wilson score interval for a share k/n;
 * - a Poisson interval for a count (Wilson–Hilferty approximation of Garwood's exact interval), and so
 *   for a rate per unit of exposure;
 * - a rate ratio of two Poisson counts with their exposures, from the conditional binomial
 *   (given x1 + x0 events, x1 is binomial with p = r·t1 / (r·t1 + t0)), with a Wilson interval on p.
 */
export const Z95 = 1.959963984540054;

export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** Share k of n with its Wilson interval; null when n = 0. */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** A Poisson count x with its interval (Wilson–Hilferty; exact 0 at the bottom when x = 0). */
export function poissonCount(x: number, z = Z95): Interval {
  const low = x === 0 ? 0 : x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3;
  const y = x + 1;
  const high = y * (1 - 1 / (9 * y) + z / (3 * Math.sqrt(y))) ** 3;
  return { value: x, low: Math.max(0, low), high };
}

/** Events per unit of exposure (e.g. per hour) with the count's Poisson interval scaled; null when exposure is 0. */
export function poissonRate(x: number, exposure: number, z = Z95): Interval | null {
  if (!(exposure > 0)) return null;
  const c = poissonCount(x, z);
  return { value: x / exposure, low: c.low / exposure, high: c.high / exposure };
}

/**
 * Ratio of two Poisson rates (x1 events over exposure t1 against x0 over t0). null when there are no
 * events at all; value and high are Infinity when x0 = 0.
 */
export function rateRatio(x1: number, t1: number, x0: number, t0: number, z = Z95): Interval | null {
  const n = x1 + x0;
  if (n === 0 || !(t1 > 0) || !(t0 > 0)) return null;
  const w = wilson(x1, n, z)!;
  const odds = (p: number) => (p >= 1 ? Infinity : p / (1 - p));
  const scale = t0 / t1;
  return { value: x0 === 0 ? Infinity : (x1 / x0) * scale, low: odds(w.low) * scale, high: odds(w.high) * scale };
}

/** Whether an interval for a ratio says "up", "down" or cannot tell from 1. */
export function direction(r: Interval | null): 'up' | 'down' | 'flat' {
  if (!r) return 'flat';
  if (r.low > 1) return 'up';
  if (r.high < 1) return 'down';
  return 'flat';
}

/** Rounds for display and JSON (Infinity becomes null). */
export function round(v: number, digits = 3): number | null {
  if (!Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export interface RoundedInterval {
  value: number | null;
  low: number | null;
  high: number | null;
}

export function roundInterval(i: Interval | null, digits = 3): RoundedInterval | null {
  return i ? { value: round(i.value, digits), low: round(i.low, digits), high: round(i.high, digits) } : null;
}
