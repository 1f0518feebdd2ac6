/**
 * The overview's figures, computed from stored classifications in a time range: sentiment trend per
 * target, complaint share, a promoter/detractor index estimated from sentiment, and the pillars and
 * touchpoints that generate the most complaints.
 *
 * The index is NPS-shaped but estimated, not surveyed: promoters are posts classified positive,
 * detractors posts classified negative; index = 100 × (promoters − detractors) / posts, −100..100.
 */
import type { AppContext } from '../context.js';
import { classificationsBetween } from '../store/queries/classifications.js';

const MAX_ROWS = 100_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface TrendPoint {
  at: number;
  negative: number;
  neutral: number;
  positive: number;
  complaints: number;
}

export interface TargetOverview {
  target: string;
  posts: number;
  negative: number;
  positive: number;
  complaintShare: number;
  promoterIndex: number;
  trend: TrendPoint[];
}

export interface Overview {
  from: number;
  to: number;
  bucketMs: number;
  targets: TargetOverview[];
  pillars: { id: string; complaints: number }[];
  touchpoints: { id: string; complaints: number }[];
  truncated: boolean;
}

export async function overview(ctx: AppContext, q: { since?: number; until?: number; target?: string }): Promise<Overview> {
  const to = q.until ?? ctx.clock.now();
  const from = q.since ?? to - 7 * DAY;
  const bucketMs = to - from > 2 * DAY ? DAY : HOUR;
  const start = Math.floor(from / bucketMs) * bucketMs;
  const n = Math.max(1, Math.ceil((to - start) / bucketMs));
  const rows = await classificationsBetween(ctx, { from, to, target: q.target, limit: MAX_ROWS });
  const byTarget = new Map<string, TargetOverview>();
  const pillars = new Map<string, number>();
  const touchpoints = new Map<string, number>();
  for (const r of rows) {
    let t = byTarget.get(r.target_id);
    if (!t) {
      t = { target: r.target_id, posts: 0, negative: 0, positive: 0, complaintShare: 0, promoterIndex: 0, trend: Array.from({ length: n }, (_, i) => ({ at: start + i * bucketMs, negative: 0, neutral: 0, positive: 0, complaints: 0 })) };
      byTarget.set(r.target_id, t);
    }
    const b = t.trend[Math.min(n - 1, Math.floor((r.published_at - start) / bucketMs))];
    const s = r.sentiment === 'negative' || r.sentiment === 'positive' ? r.sentiment : 'neutral';
    b[s]++;
    t.posts++;
    if (s === 'negative') t.negative++;
    if (s === 'positive') t.positive++;
    if (r.complaint === 1) {
      b.complaints++;
      t.complaintShare++;
      const seenP = new Set<string>();
      const seenT = new Set<string>();
      for (const hit of JSON.parse(r.topics) as { pillar?: string; touchpoint?: string }[]) {
        if (hit.pillar && !seenP.has(hit.pillar)) seenP.add(hit.pillar), pillars.set(hit.pillar, (pillars.get(hit.pillar) ?? 0) + 1);
        if (hit.touchpoint && !seenT.has(hit.touchpoint)) seenT.add(hit.touchpoint), touchpoints.set(hit.touchpoint, (touchpoints.get(hit.touchpoint) ?? 0) + 1);
      }
    }
  }
  const targets = [...byTarget.values()].sort((a, b) => a.target.localeCompare(b.target));
  for (const t of targets) {
    t.complaintShare = t.posts ? Math.round((t.complaintShare / t.posts) * 1000) / 1000 : 0;
    t.promoterIndex = t.posts ? Math.round((100 * (t.positive - t.negative)) / t.posts) : 0;
  }
  const top = (m: Map<string, number>) => [...m].map(([id, complaints]) => ({ id, complaints })).sort((a, b) => b.complaints - a.complaints || a.id.localeCompare(b.id)).slice(0, 10);
  return { from, to, bucketMs, targets, pillars: top(pillars), touchpoints: top(touchpoints), truncated: rows.length >= MAX_ROWS };
}
