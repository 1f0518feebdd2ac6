/**
 * What every target's history says about each key, pooled: a prior for a target that has little
 * history of its own (a cold start, or a brand that just appeared), so that "waiting-time" is known
 * to be common in airline complaints before this airline's own history shows it.
 */
import type { PoolEntry } from './key-state.js';
import { hourOfDayShape } from './rhythm.js';

export class KeyPool {
  private readonly entries = new Map<string, PoolEntry>();
  /** Posts in the targets' histories. */
  volume = 0;
  /** Every target's posts per hour: their pooled daily shape is the prior of a young target's rhythm. */
  private readonly hourly = new Set<ReadonlyMap<number, number>>();
  private hodCache: { hour: number; hod: number[] | null } | null = null;

  join(allByHour: ReadonlyMap<number, number>): void {
    this.hourly.add(allByHour);
  }

  /**
   * The targets' pooled hour-of-day shape (mean 1), each target weighing by its share of its own
   * day, not by its volume; null while no target has a day of history. Computed once per hour.
   */
  pooledHod(nowHour: number): number[] | null {
    if (this.hodCache?.hour === nowHour) return this.hodCache.hod;
    const sum = new Array<number>(24).fill(0);
    let targets = 0;
    for (const byHour of this.hourly) {
      let first = Infinity;
      for (const h of byHour.keys()) if (h < first) first = h;
      const shape = hourOfDayShape(byHour, first, nowHour);
      if (!shape) continue;
      for (let i = 0; i < 24; i++) sum[i] += shape[i];
      targets++;
    }
    const hod = targets ? sum.map((x) => Math.max(0.1, x / targets)) : null;
    this.hodCache = { hour: nowHour, hod };
    return hod;
  }

  /** The shared counter of a key, held by a target's state of the key (a voice then costs no lookup). */
  hold(key: string): PoolEntry {
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { voices: 0, holders: 0 }));
    e.holders++;
    return e;
  }

  /** A target dropped its state of the key: the counter goes when no target holds it. */
  release(key: string, e: PoolEntry): void {
    if (--e.holders <= 0 && this.entries.get(key) === e) this.entries.delete(key);
  }

  voices(key: string): number {
    return this.entries.get(key)?.voices ?? 0;
  }
}
