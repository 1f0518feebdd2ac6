/**
 * The peers, run over the same posts judged by the same classifier (a post is negative when its
 * sentiment is), each evaluated every 5 minutes per target:
 *
 * - vendor-style, as listening suites document theirs: negative posts in the last hour against the
 *   mean + k standard deviations of the target's hourly negative counts over the trailing 7 days
 *   (at least 24 hours of them), with at least `minAuthors` distinct authors in the hour;
 * - Poisson CUSUM (Page 1954; Lucas 1985), a statistical detector from the literature: 15-minute
 *   counts of negative posts against an hour-of-day baseline from the trailing 7 days, tuned to
 *   detect a doubling: S = max(0, S + x·ln 2 − μ0), alarm when S > h (and minAuthors in the hour).
 *
 * An alarm lasts while its condition holds; a new alarm needs the condition to clear first.
 */
export interface PeerPost {
  target: string;
  author: string;
  at: number;
  negative: boolean;
}

export interface PeerAlarm {
  target: string;
  at: number;
  why: string;
}

const HOUR = 3_600_000;
const STEP = 5 * 60_000;
const BIN = 15 * 60_000;
const WEEK_H = 168;

function negativesByTarget(posts: PeerPost[]): Map<string, PeerPost[]> {
  const by = new Map<string, PeerPost[]>();
  for (const p of posts) {
    if (!p.negative) continue;
    let list = by.get(p.target);
    if (!list) by.set(p.target, (list = []));
    list.push(p);
  }
  for (const list of by.values()) list.sort((a, b) => a.at - b.at);
  return by;
}

function authorsIn(list: PeerPost[], lo: number, hi: number): number {
  const s = new Set<string>();
  for (let i = lo; i < hi; i++) s.add(list[i].author);
  return s.size;
}

export function runVendor(posts: PeerPost[], k: number, minAuthors = 5): PeerAlarm[] {
  const alarms: PeerAlarm[] = [];
  for (const [target, list] of negativesByTarget(posts)) {
    const first = list[0].at;
    const hourly = new Map<number, number>();
    for (const p of list) hourly.set(Math.floor(p.at / HOUR), (hourly.get(Math.floor(p.at / HOUR)) ?? 0) + 1);
    let lo = 0;
    let hi = 0;
    let inAlarm = false;
    for (let now = Math.ceil(first / STEP) * STEP; now <= list[list.length - 1].at + HOUR; now += STEP) {
      while (hi < list.length && list[hi].at <= now) hi++;
      while (lo < hi && list[lo].at <= now - HOUR) lo++;
      const h0 = Math.floor(now / HOUR); // whole hours before the current one
      const xs: number[] = [];
      for (let h = h0 - WEEK_H; h < h0; h++) if (h * HOUR >= first - HOUR) xs.push(hourly.get(h) ?? 0);
      if (xs.length < 24) continue;
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
      const threshold = mean + k * sd;
      const count = hi - lo;
      const alarm = count > threshold && authorsIn(list, lo, hi) >= minAuthors;
      if (alarm && !inAlarm) alarms.push({ target, at: now, why: `${count} negative posts in 1 h > mean+${k}σ = ${threshold.toFixed(1)}` });
      inAlarm = alarm;
    }
  }
  return alarms.sort((a, b) => a.at - b.at);
}

/** Hour-of-day baseline of 15-minute negative counts from the trailing 7 days (all hours while less than 2 days are known). */
function baselineOf(bins: Map<number, number>, firstBin: number, bin: number): number {
  const perHourOfDay = 4;
  const days: number[] = [];
  for (let d = 1; d <= 7; d++) {
    const b = bin - d * 24 * perHourOfDay;
    if (b < firstBin) break;
    // the same hour of day, its four bins
    const h = Math.floor(b / perHourOfDay) * perHourOfDay;
    let n = 0;
    for (let i = 0; i < perHourOfDay; i++) n += bins.get(h + i) ?? 0;
    days.push(n / perHourOfDay);
  }
  if (days.length >= 2) return Math.max(0.05, days.reduce((s, x) => s + x, 0) / days.length);
  let n = 0;
  let c = 0;
  for (let b = Math.max(firstBin, bin - WEEK_H * perHourOfDay); b < bin; b++, c++) n += bins.get(b) ?? 0;
  return Math.max(0.05, c ? n / c : 0.05);
}

export function runCusum(posts: PeerPost[], h: number, minAuthors = 5): PeerAlarm[] {
  const alarms: PeerAlarm[] = [];
  for (const [target, list] of negativesByTarget(posts)) {
    const bins = new Map<number, number>();
    for (const p of list) bins.set(Math.floor(p.at / BIN), (bins.get(Math.floor(p.at / BIN)) ?? 0) + 1);
    const firstBin = Math.floor(list[0].at / BIN);
    const lastBin = Math.floor(list[list.length - 1].at / BIN);
    let s = 0;
    let inAlarm = false;
    let lo = 0;
    let hi = 0;
    for (let b = firstBin + 24 * 4; b <= lastBin; b++) {
      const mu0 = baselineOf(bins, firstBin, b);
      s = Math.max(0, s + (bins.get(b) ?? 0) * Math.LN2 - mu0);
      const now = (b + 1) * BIN;
      while (hi < list.length && list[hi].at < now) hi++;
      while (lo < hi && list[lo].at < now - HOUR) lo++;
      const alarm = s > h && authorsIn(list, lo, hi) >= minAuthors;
      if (alarm && !inAlarm) alarms.push({ target, at: now, why: `CUSUM ${s.toFixed(1)} > ${h} (baseline ${mu0.toFixed(2)} per 15 min)` });
      if (alarm) inAlarm = true;
      else if (s === 0) inAlarm = false;
    }
  }
  return alarms.sort((a, b) => a.at - b.at);
}
