/**
 * A target's daily and weekly rhythm (pure): how busy an hour of the day (and a day of the week,
 * once two weeks are known) is against the target's average hour, blended towards 1 while its
 * history is short.
 */
import { RHYTHM_HOURS } from './params.js';

export interface Profile {
  hod: number[];
  dow: number[];
}

/**
 * The hour-of-day shape (mean 1) of hourly counts: each hour of the day is averaged over the days it
 * was seen (a partly seen day must not make its remaining hours look quiet); null without a day.
 */
export function hourOfDayShape(allByHour: ReadonlyMap<number, number>, firstHour: number, nowHour: number): number[] | null {
  const from = Math.max(firstHour, nowHour - RHYTHM_HOURS);
  if (!Number.isFinite(from) || nowHour - from < 24) return null;
  const sum = new Array<number>(24).fill(0);
  const seen = new Array<number>(24).fill(0);
  for (let h = from; h < nowHour; h++) {
    const slot = ((h % 24) + 24) % 24;
    sum[slot] += allByHour.get(h) ?? 0;
    seen[slot]++;
  }
  const rate = sum.map((x, i) => x / Math.max(1, seen[i]));
  const mean = rate.reduce((a, b) => a + b, 0) / 24;
  if (mean <= 0) return null;
  // a little smoothing towards flat for a quiet target (a few posts an hour make a ragged shape)
  const smooth = 0.1 + 1 / Math.max(1, mean);
  return rate.map((x) => (x + smooth * mean) / (mean * (1 + smooth)));
}

export function rhythmProfile(allByHour: ReadonlyMap<number, number>, firstHour: number, nowHour: number, pooled: number[] | null = null): Profile {
  // a young target's daily shape is taken from the other targets' (flat when there are none)
  const prior = pooled ?? new Array<number>(24).fill(1);
  const own = hourOfDayShape(allByHour, firstHour, nowHour);
  const days = Math.max(0, Math.min(RHYTHM_HOURS, nowHour - firstHour)) / 24;
  const w = own ? Math.min(1, (days - 1) / 2) : 0; // trust the target's own shape fully after three days
  const hod = prior.map((p, i) => Math.max(0.1, p + w * ((own?.[i] ?? p) - p)));
  const dow = new Array<number>(7).fill(1);
  if (days >= 14) {
    const dowN = new Array<number>(7).fill(0);
    let total = 0;
    for (const [h, n] of allByHour) {
      if (h >= nowHour) continue;
      dowN[Math.floor(h / 24 + 4) % 7] += n;
      total += n;
    }
    const mean = total / 7;
    const wd = Math.min(1, (days - 14) / 14);
    for (let i = 0; i < 7; i++) dow[i] = Math.max(0.2, 1 + wd * ((dowN[i] + 1) / (mean + 1) - 1));
  }
  return { hod, dow };
}

export function rhythmAt(p: Profile, hour: number): number {
  return p.hod[((hour % 24) + 24) % 24] * p.dow[Math.floor(hour / 24 + 4) % 7];
}
