/** Metrics: counts for monitoring, and the overview's figures. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { overview } from '../overview.js';
import { describe, parseQuery, timeParam } from '../openapi/registry.js';
import { serviceCounts } from '../../store/queries/metrics.js';
import { MetricsSchema, OverviewSchema } from '../openapi/schemas.js';

const OverviewQuery = z.object({ target: z.string().max(64).optional(), since: timeParam.describe('from (default: 7 days before until)'), until: timeParam.describe('to (default: now)') });

describe('GET', '/api/metrics', { summary: 'Counts: posts, open revolts, open queue items, deliveries by status', tags: ['metrics'], response: MetricsSchema });
describe('GET', '/api/metrics/overview', { summary: 'Sentiment trend per target, complaint share, promoter/detractor index, top complaint pillars and touchpoints', tags: ['metrics'], query: OverviewQuery, response: OverviewSchema, errors: [400] });

export function metricsRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/metrics', async (c) => {
    return c.json(await serviceCounts(ctx));
  });
  api.get('/metrics/overview', async (c) => c.json(await overview(ctx, parseQuery(c, OverviewQuery))));
  return api;
}
