import { describe, expect, it } from 'vitest';
import { poissonCount, poissonRate, rateRatio, wilson, direction } from '../../src/cx/stats.js';
import { createMoments } from '../../src/cx/moments.js';
import { promoterIndex } from '../../src/cx/trends.js';
import { rng } from '../helpers/cx-seed.js';

/** Poisson draws (Knuth) from the seeded generator shared with the CX seed helper: coverage checks are reproducible. */
function poisson(lambda: number, r: () => number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

describe('intervals', () => {
  it('Wilson matches the textbook values', () => {
    const w = wilson(5, 10)!;
    expect(w.low).toBeCloseTo(0.2366, 3);
    expect(w.high).toBeCloseTo(0.7634, 3);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(0, 20)!.low).toBe(0);
  });
  it('the Poisson interval is close to Garwood’s exact one', () => {
    // exact 95 % for x = 10: 4.795–18.390; x = 0: 0–3.689
    expect(poissonCount(10).low).toBeCloseTo(4.795, 1);
    expect(poissonCount(10).high).toBeCloseTo(18.39, 1);
    expect(poissonCount(0).high).toBeCloseTo(3.689, 1);
    expect(poissonRate(10, 2)!.value).toBe(5);
  });
  it('a rate ratio’s interval covers the true ratio about 95 % of the time', () => {
    const r = rng(7);
    for (const [l1, l0] of [[30, 10], [12, 12], [5, 20]]) {
      let covered = 0;
      const n = 2000;
      for (let i = 0; i < n; i++) {
        const rr = rateRatio(poisson(l1, r), 1, poisson(l0, r), 1);
        if (rr && rr.low <= l1 / l0 && l1 / l0 <= rr.high) covered++;
      }
      expect(covered / n).toBeGreaterThan(0.92);
      expect(covered / n).toBeLessThan(0.99);
    }
  });
  it('the promoter/detractor index interval covers the true index about 95 % of the time', () => {
    const r = rng(3);
    for (const [pp, pn, n] of [[0.3, 0.5, 40], [0.1, 0.1, 25], [0.6, 0.05, 80]]) {
      let covered = 0;
      const runs = 2000;
      for (let i = 0; i < runs; i++) {
        let pos = 0;
        let neg = 0;
        for (let j = 0; j < n; j++) {
          const u = r();
          if (u < pp) pos++;
          else if (u < pp + pn) neg++;
        }
        const iv = promoterIndex(pos, neg, n)!;
        if (iv.low <= 100 * (pp - pn) && 100 * (pp - pn) <= iv.high) covered++;
      }
      expect(covered / runs).toBeGreaterThan(0.92);
      expect(covered / runs).toBeLessThan(0.99);
    }
  });
  it('says up or down only when the interval excludes 1', () => {
    expect(direction(rateRatio(60, 1, 20, 1))).toBe('up');
    expect(direction(rateRatio(6, 1, 5, 1))).toBe('flat');
    expect(direction(rateRatio(5, 1, 40, 1))).toBe('down');
    expect(rateRatio(0, 1, 0, 1)).toBeNull();
    expect(rateRatio(4, 1, 0, 1)!.value).toBe(Infinity);
  });
});

describe('moments of truth', () => {
  const meta = new Map([
    ['waiting-time', { factor: { kind: 'operational' as const, name: 'speed' as const } }],
    ['phone-support', { factor: { kind: 'operational' as const, name: 'availability' as const } }],
    ['billing', { factor: { kind: 'emotional' as const, name: 'honesty' as const } }],
  ]);
  const hit = (id: string, pillar: string, touchpoint: string) => ({ id, score: 0.9, pillar, touchpoint });
  it('counts each post once per pillar × touchpoint, compares with the previous period and names the dominant factor', () => {
    const m = createMoments({ previousFrom: 0, from: 100, to: 200 }, meta);
    const add = (at: number, hits: object[], target = 'acme') => m.add({ target_id: target, topics: JSON.stringify(hits), published_at: at });
    for (let i = 0; i < 40; i++) add(100 + i, [hit('waiting-time', 'time-and-effort', 'phone'), ...(i < 10 ? [hit('phone-support', 'time-and-effort', 'phone')] : [])]);
    for (let i = 0; i < 10; i++) add(10 + i, [hit('waiting-time', 'time-and-effort', 'phone')]);
    for (let i = 0; i < 5; i++) add(150 + i, [hit('billing', 'integrity', 'billing')]);
    add(250, [hit('billing', 'integrity', 'billing')]); // outside
    add(150, [hit('billing', 'integrity', 'billing')], 'other');
    const [acme, other] = m.result();
    expect(acme.target).toBe('acme');
    expect(acme.complaints).toBe(45);
    expect(acme.previous).toBe(10);
    const phone = acme.cells[0];
    expect(phone).toMatchObject({ pillar: 'time-and-effort', touchpoint: 'phone', complaints: 40, previous: 10, trend: 'up', factor: { name: 'speed', kind: 'operational', count: 40 } });
    expect(phone.factors.map((f) => [f.name, f.count])).toEqual([['speed', 40], ['availability', 10]]);
    expect(phone.change!.value).toBe(4);
    expect(acme.headline!.text).toMatch(/^The problem is speed \(operational\) at the phone touchpoint \(time-and-effort pillar\): 40 complaints, up ×4/);
    expect(acme.cells[1]).toMatchObject({ pillar: 'integrity', touchpoint: 'billing', complaints: 5, previous: 0, factor: { name: 'honesty' } });
    expect(other.complaints).toBe(1);
  });
});
