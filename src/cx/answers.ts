/**
 * "Did our answer work?": the pure half. Given counts around the moment of a revolt's first public
 * answer, the negative-voice rate (negative posts per hour, Poisson interval) and the negative share
 * (Wilson interval) before and after it, and their change; given a group of cases, time to first
 * response, time to resolution and SLA attainment.
 */
import { direction, poissonRate, rateRatio, roundInterval, wilson, type RoundedInterval } from './stats.js';

const HOUR = 3_600_000;

/** Author handles and ids of a brand's own accounts, compared without case and without a leading "@" or "u/". */
export function normaliseAccount(s: string): string {
  return s.trim().toLowerCase().replace(/^(@|u\/)/, '');
}

export function ownAccountMatcher(accounts: string[]): (author: { id: string; handle: string | null }) => boolean {
  const set = new Set(accounts.map(normaliseAccount).filter(Boolean));
  return (a) => set.has(normaliseAccount(a.id)) || (a.handle !== null && set.has(normaliseAccount(a.handle)));
}

export interface WindowCounts {
  from: number;
  to: number;
  posts: number;
  negatives: number;
}

export interface WindowFigures {
  from: string;
  to: string;
  posts: number;
  negatives: number;
  /** negative posts per hour with the count's Poisson 95 % interval */
  negativePerHour: RoundedInterval | null;
  /** negatives / posts with its Wilson 95 % interval */
  negativeShare: RoundedInterval | null;
}

export function windowFigures(w: WindowCounts): WindowFigures {
  return {
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    posts: w.posts,
    negatives: w.negatives,
    negativePerHour: roundInterval(poissonRate(w.negatives, (w.to - w.from) / HOUR)),
    negativeShare: roundInterval(wilson(w.negatives, w.posts)),
  };
}

export interface BeforeAfter {
  before: WindowFigures;
  after: WindowFigures;
  /** after / before negative-voice rate, with its 95 % interval */
  rateRatio: RoundedInterval | null;
  /** 'down' means the answer was followed by fewer negative voices (the interval excludes 1) */
  trend: 'up' | 'down' | 'flat';
  /** after − before negative share (point estimate; see each share's interval) */
  shareChange: number | null;
}

export function beforeAfter(before: WindowCounts, after: WindowCounts): BeforeAfter {
  const r = rateRatio(after.negatives, after.to - after.from, before.negatives, before.to - before.from);
  const b = windowFigures(before);
  const a = windowFigures(after);
  const sb = before.posts ? before.negatives / before.posts : null;
  const sa = after.posts ? after.negatives / after.posts : null;
  return { before: b, after: a, rateRatio: roundInterval(r), trend: direction(r), shareChange: sb === null || sa === null ? null : Math.round((sa - sb) * 1000) / 1000 };
}

export interface CaseTimes {
  createdAt: number;
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  dueFirstResponseAt: number | null;
  dueResolveAt: number | null;
}

export interface Durations {
  count: number;
  medianMs: number | null;
  meanMs: number | null;
}

export interface SlaFigures {
  met: number;
  due: number;
  /** met / due with its Wilson 95 % interval; cases not yet due and not yet done are left out */
  share: RoundedInterval | null;
}

function durations(ms: number[]): Durations {
  if (!ms.length) return { count: 0, medianMs: null, meanMs: null };
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { count: s.length, medianMs: s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2), meanMs: Math.round(s.reduce((a, b) => a + b, 0) / s.length) };
}

function sla(items: CaseTimes[], now: number, done: (c: CaseTimes) => number | null, due: (c: CaseTimes) => number | null): SlaFigures {
  let met = 0;
  let n = 0;
  for (const c of items) {
    const d = due(c);
    if (d === null) continue;
    const at = done(c);
    if (at === null && d > now) continue; // still running
    n++;
    if (at !== null && at <= d) met++;
  }
  return { met, due: n, share: roundInterval(wilson(met, n)) };
}

export function caseFigures(items: CaseTimes[], now: number) {
  return {
    cases: items.length,
    firstResponse: durations(items.filter((c) => c.firstRespondedAt !== null).map((c) => c.firstRespondedAt! - c.createdAt)),
    resolution: durations(items.filter((c) => c.resolvedAt !== null).map((c) => c.resolvedAt! - c.createdAt)),
    firstResponseSla: sla(items, now, (c) => c.firstRespondedAt, (c) => c.dueFirstResponseAt),
    resolutionSla: sla(items, now, (c) => c.resolvedAt, (c) => c.dueResolveAt),
  };
}

/** The after-answer change pooled over several revolts (equal windows): Σ after / Σ before negatives. */
export function pooledChange(effects: { before: WindowCounts; after: WindowCounts }[]) {
  let b = 0;
  let a = 0;
  let tb = 0;
  let ta = 0;
  for (const e of effects) {
    b += e.before.negatives;
    a += e.after.negatives;
    tb += e.before.to - e.before.from;
    ta += e.after.to - e.after.from;
  }
  const r = rateRatio(a, ta, b, tb);
  return { revolts: effects.length, negativesBefore: b, negativesAfter: a, rateRatio: roundInterval(r), trend: direction(r) };
}
