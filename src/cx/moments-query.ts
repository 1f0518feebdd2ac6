/** Moments of truth from the database: one paged pass over the complaints of both periods. */
import type { AppContext } from '../context.js';
import { knownTopics } from '../http/topics.js';
import { createMoments, type MomentsMatrix, type MomentsPeriod } from './moments.js';
import { scanClassifications } from './scan.js';
import { listTargetIds } from '../store/queries/targets.js';

const DAY = 86_400_000;

/** The period asked for, defaulting to the 7 days up to now; the previous one has the same length. */
export function periodOf(now: number, since?: number, until?: number, defaultDays = 7): MomentsPeriod {
  const to = until ?? now;
  const from = since ?? to - defaultDays * DAY;
  return { from, to, previousFrom: from - (to - from) };
}

export async function momentsOfTruth(ctx: AppContext, q: { period: MomentsPeriod; target?: string }): Promise<MomentsMatrix[]> {
  const meta = new Map((knownTopics(ctx) ?? []).map((t) => [t.id, { factor: t.factor }]));
  const acc = createMoments(q.period, meta);
  for await (const page of scanClassifications(ctx, { from: q.period.previousFrom, to: q.period.to, target: q.target, complaintOnly: true })) for (const r of page) acc.add(r);
  const found = acc.result();
  const all = q.target ? [q.target] : await listTargetIds(ctx);
  const missing = all.filter((id) => !found.some((m) => m.target === id)).map((target): MomentsMatrix => ({ target, complaints: 0, previous: 0, change: null, trend: 'flat', cells: [], headline: null }));
  return [...found, ...missing].sort((a, b) => a.target.localeCompare(b.target));
}
