/** A seeded PRNG (mulberry32) and the draws the scenario needs: same seed, same week. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Exponential inter-arrival time for a Poisson process of `rate` per ms. */
  exp(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }
  /** Followers: log-normal, most accounts small, a few large. */
  followers(): number {
    const z = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return Math.round(Math.exp(5 + 1.6 * z));
  }
}
