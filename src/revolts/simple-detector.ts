/**
 * The first detector, kept deliberately simple (the revolts issue replaces it): a target's
 * negative or complaint posts in the last window against its own trailing baseline, with a Poisson
 * tail instead of mean + k sigma (it behaves at small counts), a minimum of distinct authors, and
 * the dominant topic as the revolt's key. Pure: data in, decision out.
 */
import { poissonUpperTail, surprise } from './stats.js';

export interface WindowPost {
  postId: string;
  authorId: string;
  followers: number;
  topics: string[];
  sentimentScore: number;
  publishedAt: number;
  text: string;
  source: string;
}

export interface DetectorParams {
  windowMs: number;
  minPosts: number;
  minAuthors: number;
  ratio: number;
  /** The tail probability below which a window is surprising enough to open a revolt. */
  alpha: number;
}

export interface OpenDecision {
  key: string;
  members: WindowPost[];
  observed: number;
  expected: number;
  pValue: number;
  score: number;
  authors: number;
}

/** The key a group of negative posts shares: its dominant topic, or "negative" when none dominates. */
export function dominantKey(posts: WindowPost[]): string {
  const counts = new Map<string, number>();
  for (const p of posts) for (const t of new Set(p.topics)) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best = 'negative';
  let bestN = 0;
  for (const [t, n] of counts) if (n > bestN) [best, bestN] = [t, n];
  return bestN >= Math.max(2, posts.length * 0.4) ? best : 'negative';
}

export function membersFor(key: string, posts: WindowPost[]): WindowPost[] {
  return key === 'negative' ? posts : posts.filter((p) => p.topics.includes(key));
}

/**
 * Decide whether the window's negative posts open a revolt. `baselineCount` negative posts were
 * seen over `baselineSpanMs` before the window; the expectation scales that to one window.
 */
export function decideOpen(window: WindowPost[], baselineCount: number, baselineSpanMs: number, p: DetectorParams): OpenDecision | null {
  if (window.length < p.minPosts) return null;
  const key = dominantKey(window);
  const members = membersFor(key, window);
  const authors = new Set(members.map((m) => m.authorId)).size;
  if (members.length < p.minPosts || authors < p.minAuthors) return null;
  // A floor on the expectation: a quiet target with no history must not alarm on every grumble.
  const expected = Math.max(0.5, baselineSpanMs > 0 ? (baselineCount * p.windowMs) / baselineSpanMs : 0);
  // Count distinct authors, not posts, against the baseline: one furious customer is not a crowd.
  const observed = Math.min(members.length, authors * 2);
  const pValue = poissonUpperTail(observed, expected);
  if (observed < p.ratio * expected || pValue > p.alpha) return null;
  return { key, members, observed, expected: Math.round(expected * 100) / 100, pValue, score: surprise(observed, expected), authors };
}

/** Severity 0-100 from volume, distinct authors, reach and negativity (documented in the README). */
export function severityOf(members: WindowPost[], minPosts: number, minAuthors: number): number {
  const authors = new Set(members.map((m) => m.authorId)).size;
  const reach = members.reduce((s, m) => s + (m.followers || 0), 0);
  const negativity = members.reduce((s, m) => s + Math.max(0, -m.sentimentScore), 0) / Math.max(1, members.length);
  const volume = 30 * Math.min(1, Math.log2(1 + members.length / minPosts) / 4);
  const voices = 30 * Math.min(1, Math.log2(1 + authors / minAuthors) / 3);
  const reachPart = 25 * Math.min(1, Math.log10(1 + reach) / 6);
  const neg = 15 * Math.min(1, negativity);
  return Math.round(Math.min(100, volume + voices + reachPart + neg));
}

export function priorityOf(severity: number): 'P1' | 'P2' | 'P3' | 'P4' {
  return severity >= 75 ? 'P1' : severity >= 50 ? 'P2' : severity >= 25 ? 'P3' : 'P4';
}
