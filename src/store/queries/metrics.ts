/** The counters GET /api/metrics reports. */
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { deliveryCounts } from './outbox.js';

async function count(q: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }): Promise<number> {
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

export async function serviceCounts(ctx: Pick<AppContext, 'db'>) {
  const n = sql<number>`count(*)`.as('n');
  const deliveries = await deliveryCounts(ctx);
  return {
    posts: await count(ctx.db.selectFrom('posts').select(n)),
    classified: await count(ctx.db.selectFrom('classifications').select(n)),
    openRevolts: await count(ctx.db.selectFrom('revolts').select(n).where('stage', '!=', 'resolved')),
    openQueueItems: await count(ctx.db.selectFrom('queue_items').select(n).where('status', 'in', ['new', 'claimed', 'responded'])),
    deliveries,
    labelCorrections: await count(ctx.db.selectFrom('label_feedback').select(n)),
  };
}
