/**
 * Trends with honest uncertainty, pure: per target and time bucket, the promoter/detractor index and
 * the complaint share with 95 % intervals, the same per pillar and per touchpoint, and each target's
 * share of voice against the other targets.
 *
 * - Complaint share = complaints / posts (Wilson interval). For a pillar or touchpoint: the target's
 *   complaints about it / all the target's posts, so the pillars' shares add up to at most the whole.
 * - Index = 100 × (positive − negative) / posts, with an adjusted Wald interval (one pseudo-post added
 *   to each of positive, neutral and negative): p̃± = (k± + 1) / (n + 3), variance
 *   (p̃+ + p̃− − (p̃+ − p̃−)²) / (n + 3). For a pillar or touchpoint: among the target's posts about it.
 * - Share of voice = the target's posts / all targets' posts in the bucket (Wilson interval).
 */
import { roundInterval, wilson, Z95, type Interval, type RoundedInterval } from './stats.js';
import { hitsOf } from './scan.js';

export function promoterIndex(pos: number, neg: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const m = n + 3;
  const pp = (pos + 1) / m;
  const pn = (neg + 1) / m;
  const d = pp - pn;
  const half = z * Math.sqrt(Math.max(0, pp + pn - d * d) / m);
  return { value: (100 * (pos - neg)) / n, low: Math.max(-100, 100 * (d - half)), high: Math.min(100, 100 * (d + half)) };
}

interface Acc {
  posts: number;
  positive: number;
  negative: number;
  complaints: number;
}
const acc = (): Acc => ({ posts: 0, positive: 0, negative: 0, complaints: 0 });

export interface TrendPoint {
  at: number;
  posts: number;
  index: RoundedInterval | null;
  complaintShare: RoundedInterval | null;
}

export interface ScopeSeries {
  id: string;
  points: TrendPoint[];
}

export interface TargetTrends {
  target: string;
  overall: TrendPoint[];
  pillars: ScopeSeries[];
  touchpoints: ScopeSeries[];
}

export interface Trends {
  bucketMs: number;
  buckets: number[];
  targets: TargetTrends[];
  shareOfVoice: { target: string; points: { at: number; posts: number; share: RoundedInterval | null }[] }[];
}

export function bucketing(from: number, to: number): { bucketMs: number; buckets: number[] } {
  const bucketMs = to - from > 2 * 86_400_000 ? 86_400_000 : 3_600_000;
  const start = Math.floor(from / bucketMs) * bucketMs;
  const n = Math.min(400, Math.max(1, Math.ceil((to - start) / bucketMs)));
  return { bucketMs, buckets: Array.from({ length: n }, (_, i) => start + i * bucketMs) };
}

export function createTrends(from: number, to: number) {
  const { bucketMs, buckets } = bucketing(from, to);
  const n = buckets.length;
  const slot = (t: number) => Math.min(n - 1, Math.max(0, Math.floor((t - buckets[0]) / bucketMs)));
  type T = { overall: Acc[]; pillars: Map<string, { own: Acc[] }>; touchpoints: Map<string, { own: Acc[] }> };
  const targets = new Map<string, T>();
  const totals = new Array<number>(n).fill(0);
  const series = () => Array.from({ length: n }, acc);
  return {
    add(row: { target_id: string; sentiment: string; complaint: number; topics: string; published_at: number }): void {
      if (row.published_at < from || row.published_at >= to) return;
      let t = targets.get(row.target_id);
      if (!t) targets.set(row.target_id, (t = { overall: series(), pillars: new Map(), touchpoints: new Map() }));
      const i = slot(row.published_at);
      totals[i]++;
      const count = (a: Acc, complaint: boolean) => {
        a.posts++;
        if (row.sentiment === 'positive') a.positive++;
        if (row.sentiment === 'negative') a.negative++;
        if (complaint) a.complaints++;
      };
      const complaint = row.complaint === 1;
      count(t.overall[i], complaint);
      const pillars = new Set<string>();
      const touchpoints = new Set<string>();
      for (const h of hitsOf(row.topics)) {
        if (h.pillar) pillars.add(h.pillar);
        if (h.touchpoint) touchpoints.add(h.touchpoint);
      }
      for (const [set, map] of [[pillars, t.pillars], [touchpoints, t.touchpoints]] as const) {
        for (const id of set) {
          let s = map.get(id);
          if (!s) map.set(id, (s = { own: series() }));
          count(s.own[i], complaint);
        }
      }
    },
    result(): Trends {
      const out: TargetTrends[] = [];
      for (const [target, t] of [...targets].sort(([a], [b]) => a.localeCompare(b))) {
        const overall = t.overall.map((a, i) => ({ at: buckets[i], posts: a.posts, index: roundInterval(promoterIndex(a.positive, a.negative, a.posts), 1), complaintShare: roundInterval(wilson(a.complaints, a.posts)) }));
        const scope = (m: Map<string, { own: Acc[] }>) =>
          [...m]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([id, s]) => ({ id, points: s.own.map((a, i) => ({ at: buckets[i], posts: a.posts, index: roundInterval(promoterIndex(a.positive, a.negative, a.posts), 1), complaintShare: roundInterval(wilson(a.complaints, t.overall[i].posts)) })) }));
        out.push({ target, overall, pillars: scope(t.pillars), touchpoints: scope(t.touchpoints) });
      }
      const shareOfVoice = out.map((t) => ({ target: t.target, points: t.overall.map((p, i) => ({ at: p.at, posts: p.posts, share: roundInterval(wilson(p.posts, totals[i])) })) }));
      return { bucketMs, buckets, targets: out, shareOfVoice };
    },
  };
}
