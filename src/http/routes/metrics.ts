/** Metrics: counts for monitoring, and the overview's figures. */
import { Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { overview } from '../overview.js';
import { describe, parseQuery, timeParam } from '../openapi/registry.js';
import { MetricsSchema, OverviewSchema } from '../openapi/schemas.js';

const OverviewQuery = z.object({ target: z.string().max(64).optional(), since: timeParam.describe('from (default: 7 days before until)'), until: timeParam.describe('to (default: now)') });

describe('GET', '/api/metrics', { summary: 'Counts: posts, open revolts, open queue items, deliveries by status', tags: ['metrics'], response: MetricsSchema });
describe('GET', '/api/metrics/overview', { summary: 'Sentiment trend per target, complaint share, promoter/detractor index, top complaint pillars and touchpoints', tags: ['metrics'], query: OverviewQuery, response: OverviewSchema, errors: [400] });

async function count(q: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }): Promise<number> {
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

export function metricsRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/metrics', async (c) => {
    const n = sql<number>`count(*)`.as('n');
    const deliveries = await ctx.db.selectFrom('outbox').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').execute();
    return c.json({
      posts: await count(ctx.db.selectFrom('posts').select(n)),
      classified: await count(ctx.db.selectFrom('classifications').select(n)),
      openRevolts: await count(ctx.db.selectFrom('revolts').select(n).where('stage', '!=', 'resolved')),
      openQueueItems: await count(ctx.db.selectFrom('queue_items').select(n).where('status', 'in', ['new', 'claimed', 'responded'])),
      deliveries: Object.fromEntries(deliveries.map((d) => [d.status, Number(d.n)])),
      labelCorrections: await count(ctx.db.selectFrom('label_feedback').select(n)),
    });
  });
  api.get('/metrics/overview', async (c) => c.json(await overview(ctx, parseQuery(c, OverviewQuery))));
  return api;
}
