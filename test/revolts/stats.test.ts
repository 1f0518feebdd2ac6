import { describe, expect, it } from 'vitest';
import { negBinomUpperTail, poissonUpperTail } from '../../src/revolts/stats.js';

describe('small-count tails', () => {
  it('the Poisson tail is exact at small counts', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(3, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), 12);
  });

  it('the negative binomial tail tends to Poisson as the shape grows, and is heavier when history is short', () => {
    expect(negBinomUpperTail(5, 1, 1e5)).toBeCloseTo(poissonUpperTail(5, 1), 5);
    expect(negBinomUpperTail(5, 1, 0.5)).toBeGreaterThan(poissonUpperTail(5, 1) * 5);
  });

  it('stays finite and positive far in the tail', () => {
    const p = negBinomUpperTail(60, 0.01, 0.3);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-20);
  });
});
