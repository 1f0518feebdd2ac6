/**
 * The vendor-style peer detector, as listening tools describe theirs: a target's negative posts in
 * the last hour against the trailing mean + k standard deviations of the previous 24 hourly
 * counts, with at least 8 distinct authors. An alarm lasts while the condition holds; a new alarm
 * needs the condition to clear first. Evaluated every 5 minutes.
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
  count: number;
  threshold: number;
}

const HOUR = 3_600_000;
const STEP = 5 * 60_000;

export function runPeer(posts: PeerPost[], k: number, minAuthors = 8): PeerAlarm[] {
  const byTarget = new Map<string, PeerPost[]>();
  for (const p of posts) if (p.negative) (byTarget.get(p.target) ?? byTarget.set(p.target, []).get(p.target)!).push(p);
  const alarms: PeerAlarm[] = [];
  for (const [target, list] of byTarget) {
    list.sort((a, b) => a.at - b.at);
    const start = Math.ceil(list[0].at / STEP) * STEP;
    const end = list[list.length - 1].at + HOUR;
    let lo = 0;
    let hi = 0;
    let inAlarm = false;
    const hourly = new Map<number, number>();
    for (const p of list) hourly.set(Math.floor(p.at / HOUR), (hourly.get(Math.floor(p.at / HOUR)) ?? 0) + 1);
    for (let now = start; now <= end; now += STEP) {
      while (hi < list.length && list[hi].at <= now) hi++;
      while (lo < hi && list[lo].at <= now - HOUR) lo++;
      const count = hi - lo;
      // the trailing 24 whole hours before the current one
      const h0 = Math.floor((now - HOUR) / HOUR);
      const xs: number[] = [];
      for (let h = h0 - 24; h < h0; h++) if (h * HOUR >= list[0].at - HOUR) xs.push(hourly.get(h) ?? 0);
      if (xs.length < 6) continue;
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
      const threshold = mean + k * sd;
      const authors = new Set(list.slice(lo, hi).map((p) => p.author)).size;
      const alarm = count > threshold && authors >= minAuthors;
      if (alarm && !inAlarm) alarms.push({ target, at: now, count, threshold: Math.round(threshold * 10) / 10 });
      inAlarm = alarm;
    }
  }
  return alarms.sort((a, b) => a.at - b.at);
}
