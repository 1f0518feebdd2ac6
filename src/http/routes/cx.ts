/** The CX view's API: moments of truth, answer effectiveness, trends and the weekly report. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { describe, parseQuery, timeParam } from '../openapi/registry.js';
import { MomentsSchema } from '../../cx/schemas.js';
import { momentsOfTruth, periodOf } from '../../cx/moments-query.js';

const slug = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected an id').optional();
export const PeriodQuery = z.object({
  target: slug.describe('target id (default: every target)'),
  since: timeParam.describe('period start (default: 7 days before until)'),
  until: timeParam.describe('period end, exclusive (default: now)'),
});

describe('GET', '/api/cx/moments', {
  summary: 'Moments of truth: per target, complaints per pillar × touchpoint this period, the change on the previous period of the same length with its 95 % interval, and the IBM CEM factor each cell is mostly about',
  tags: ['cx'],
  query: PeriodQuery,
  response: MomentsSchema,
  errors: [400],
});

const iso = (t: number) => new Date(t).toISOString();

export function cxRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/cx/moments', async (c) => {
    const q = parseQuery(c, PeriodQuery);
    const period = periodOf(ctx.clock.now(), q.since, q.until);
    const targets = await momentsOfTruth(ctx, { period, target: q.target });
    return c.json({ from: iso(period.from), to: iso(period.to), previousFrom: iso(period.previousFrom), targets });
  });
  return api;
}
