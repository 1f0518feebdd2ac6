/** Trends from the database: one paged pass over the period's classifications (every target, for share of voice). */
import type { AppContext } from '../context.js';
import type { MomentsPeriod } from './moments.js';
import { scanClassifications } from './scan.js';
import { createTrends, type Trends } from './trends.js';

export async function trendsOf(ctx: AppContext, q: { period: MomentsPeriod; target?: string }): Promise<Trends> {
  const t = createTrends(q.period.from, q.period.to);
  for await (const page of scanClassifications(ctx, { from: q.period.from, to: q.period.to })) for (const r of page) t.add(r);
  const all = t.result();
  return q.target ? { ...all, targets: all.targets.filter((x) => x.target === q.target) } : all;
}
