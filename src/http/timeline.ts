/**
 * What the board and the revolt page show beyond the revolt row: a timeline of its volume against
 * the expected baseline, negativity and reach; its sources, main pillar, top posts and reason.
 */
import type { AppContext } from '../context.js';
import type { Revolt } from '../types.js';
import { brandAccountsOf } from '../cx/answers-query.js';
import { ownPostsBack } from '../store/queries/answers.js';
import { sentimentsBetween } from '../store/queries/classifications.js';
import { answerCaseIdOfRevolt } from '../store/queries/queue-items.js';
import { respondedMarksOfCase, sentRepliesOfCase } from '../store/queries/replies.js';
import { revoltMemberPosts } from '../store/queries/revolt-list.js';

export const TIMELINE_BUCKETS = 24;
const LEAD_IN_MS = 2 * 3_600_000;

export interface TimelinePoint {
  at: number; // bucket start, epoch ms
  volume: number; // member posts published in the bucket
  expected: number | null; // the baseline's expectation for a bucket this long
  low: number | null; // the expected range: expected ± 2√expected (Poisson), floored at 0
  high: number | null;
  negativity: number; // share of the target's classified posts in the bucket that are negative (0..1)
  reach: number; // followers of the members' authors
}

export interface RevoltInsight {
  timeline: TimelinePoint[];
  bucketMs: number;
  sources: string[];
  pillar: string | null;
  topPosts: { id: string; text: string; author: string; followers: number; url: string | null }[];
  why: string;
  /** When the team answered: replies that reached the customers, and items marked responded. */
  answers: { at: number; label: string }[];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The detector's expected volume per millisecond, from whichever explanation it wrote. */
function expectedRate(explain: Record<string, unknown>): number | null {
  const perHour = num(explain.expectedLastHour) ?? num((explain.rates as Record<string, unknown> | undefined)?.expectedLastHour);
  if (perHour !== null) return perHour / 3_600_000;
  const expected = num(explain.expected);
  const w = explain.window as { from?: string; to?: string } | undefined;
  const span = w?.from && w?.to ? Date.parse(w.to) - Date.parse(w.from) : num(explain.windowMs);
  if (expected !== null && span && span > 0) return expected / span;
  return null;
}

export function whyOf(explain: Record<string, unknown>): string {
  for (const k of ['reason', 'why', 'summary']) if (typeof explain[k] === 'string') return explain[k] as string;
  return '';
}

export async function revoltInsight(ctx: AppContext, r: Revolt): Promise<RevoltInsight> {
  const members = await revoltMemberPosts(ctx, r.postIds.slice(0, 2000));
  const firstMember = members.reduce((m, p) => Math.min(m, p.published_at), r.openedAt);
  const end = Math.max(r.resolvedAt ?? ctx.clock.now(), r.updatedAt, r.openedAt + 60_000);
  const start = Math.min(firstMember, r.openedAt - LEAD_IN_MS);
  const bucketMs = Math.max(60_000, Math.ceil((end - start) / TIMELINE_BUCKETS));
  const rate = expectedRate(r.explain);
  const expected = rate === null ? null : Math.round(rate * bucketMs * 100) / 100;
  const band = (sign: number) => (expected === null ? null : Math.max(0, Math.round((expected + sign * 2 * Math.sqrt(expected)) * 100) / 100));
  const timeline: TimelinePoint[] = Array.from({ length: TIMELINE_BUCKETS }, (_, i) => ({ at: start + i * bucketMs, volume: 0, expected, low: band(-1), high: band(1), negativity: 0, reach: 0 }));
  const slot = (t: number) => Math.min(TIMELINE_BUCKETS - 1, Math.max(0, Math.floor((t - start) / bucketMs)));
  for (const p of members) {
    const b = timeline[slot(p.published_at)];
    b.volume++;
    b.reach += p.author_followers ?? 0;
  }
  const all = await sentimentsBetween(ctx, { target: r.target, from: start, to: start + bucketMs * TIMELINE_BUCKETS, limit: 50_000 });
  const totals = new Array<number>(TIMELINE_BUCKETS).fill(0);
  const negatives = new Array<number>(TIMELINE_BUCKETS).fill(0);
  for (const c of all) {
    const i = slot(c.published_at);
    totals[i]++;
    if (c.sentiment === 'negative') negatives[i]++;
  }
  timeline.forEach((b, i) => (b.negativity = totals[i] ? Math.round((negatives[i] / totals[i]) * 100) / 100 : 0));

  const pillars = new Map<string, number>();
  for (const p of members) for (const t of p.topics ? (JSON.parse(p.topics) as { pillar?: string }[]) : []) if (t.pillar) pillars.set(t.pillar, (pillars.get(t.pillar) ?? 0) + 1);
  const explainPillar = typeof r.explain.pillar === 'string' ? r.explain.pillar : null;
  const pillar = explainPillar ?? ([...pillars].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null);
  const explainSources = Array.isArray(r.explain.sources) ? (r.explain.sources as unknown[]).filter((s): s is string => typeof s === 'string') : [];
  const sources = [...new Set([...explainSources, ...members.map((p) => p.source_id)])].sort();
  const topPosts = [...members]
    .sort((a, b) => (b.author_followers ?? 0) - (a.author_followers ?? 0) || b.published_at - a.published_at)
    .slice(0, 3)
    .map((p) => ({ id: p.id, text: p.text, author: p.author_handle ?? p.author_name ?? p.author_id, followers: p.author_followers ?? 0, url: p.url }));
  return { timeline, bucketMs, sources, pillar, topPosts, why: whyOf(r.explain), answers: await answersOf(ctx, r, firstMember) };
}

/** Replies sent from the revolt's case (and the items merged into it), and the moments it was marked responded. */
/**
 * Replies sent from the revolt's case (and the items merged into it), the moments it was marked
 * responded, and the team's own posts seen through the feeds (brand accounts, or a reply's own URL).
 */
async function answersOf(ctx: AppContext, r: Revolt, firstMember: number): Promise<{ at: number; label: string }[]> {
  const caseId = await answerCaseIdOfRevolt(ctx, r.id);
  const sent = caseId ? await sentRepliesOfCase(ctx, caseId, 200) : [];
  const marked = caseId ? await respondedMarksOfCase(ctx, caseId) : [];
  const back = await ownPostsBack(ctx, { target: r.target, own: brandAccountsOf(ctx, r.target), from: firstMember, to: r.resolvedAt ?? ctx.clock.now(), remoteUrls: sent.map((x) => x.remote_url).filter((u): u is string => !!u), remoteIds: sent.map((x) => x.remote_id).filter((u): u is string => !!u) });
  return [
    ...sent.filter((x) => x.sent_at !== null).map((x) => ({ at: Number(x.sent_at), label: `reply sent (${x.channel})` })),
    ...marked.map((m) => ({ at: Number(m.at), label: `marked responded by ${m.actor}` })),
    ...back.map((b) => ({ at: b.at, label: `the team's post seen in the feed (${b.source})` })),
  ].sort((a, b) => a.at - b.at);
}
