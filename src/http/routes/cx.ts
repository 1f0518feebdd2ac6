/** The CX view's API: moments of truth, answer effectiveness, trends and the weekly report. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { describe, parseQuery, timeParam } from '../openapi/registry.js';
import { AnswersSchema, MomentsSchema, TrendsSchema } from '../../cx/schemas.js';
import { trendsOf } from '../../cx/trends-query.js';
import { lastCompleteWeek, reportRows, weekStart, weeklyReport } from '../../cx/report.js';
import { sendReport } from '../../cx/report-digest.js';
import { csvCell } from '../../cx/export.js';
import { answerEffectiveness } from '../../cx/answers-query.js';
import { HttpError } from '../errors.js';
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

const AnswersQuery = PeriodQuery.extend({
  window: z.coerce.number().int().min(60_000).max(7 * 86_400_000).optional().describe('window before and after the answer, ms (default 6 h)'),
});

describe('GET', '/api/cx/answers', {
  summary: 'Did our answer work: per revolt opened in the period, time to the first public answer, negative voices before and after it (rate with Poisson and share with Wilson 95 % intervals), what the answered authors posted next; per team, template and channel, time to first response and resolution, SLA attainment and the pooled after-answer change',
  tags: ['cx'],
  query: AnswersQuery,
  response: AnswersSchema,
  errors: [400],
});

describe('GET', '/api/cx/trends', {
  summary: 'Trends with intervals: per target and day (hour for periods up to 2 days), the promoter/detractor index and complaint share, overall, per pillar and per touchpoint, and every target’s share of voice',
  tags: ['cx'],
  query: PeriodQuery,
  response: TrendsSchema,
  errors: [400],
});

export const WeekQuery = z.object({ week: timeParam.describe('any time in the week (Monday 00:00 UTC to the next); default: the last week that has ended') });
const REPORT_COLUMNS = ['week', 'section', 'target', 'key', 'metric', 'value', 'low', 'high'];
for (const format of ['csv', 'jsonl'] as const) {
  describe('GET', `/api/cx/report.${format}`, {
    summary: `The weekly CX report as ${format === 'csv' ? 'CSV' : 'JSON lines'}: one figure per row (${REPORT_COLUMNS.join(', ')}) with its 95 % interval where it has one`,
    tags: ['cx'],
    query: WeekQuery,
    contentType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
    response: z.string(),
    errors: [400],
  });
}
describe('POST', '/api/cx/report/send', {
  summary: 'Send the weekly CX report now as a digest to the notification channels (admin)',
  tags: ['cx'],
  query: WeekQuery,
  response: z.object({ week: z.string(), queued: z.number().int().describe('outbox rows written, one per channel') }),
  errors: [400],
});

const iso = (t: number) => new Date(t).toISOString();

export function cxRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/cx/moments', async (c) => {
    const q = parseQuery(c, PeriodQuery);
    const period = periodOf(ctx.clock.now(), q.since, q.until);
    if (period.from >= period.to) throw new HttpError(400, 'bad_request', 'since: must be before until');
    const targets = await momentsOfTruth(ctx, { period, target: q.target });
    return c.json({ from: iso(period.from), to: iso(period.to), previousFrom: iso(period.previousFrom), targets });
  });
  api.get('/cx/answers', async (c) => {
    const q = parseQuery(c, AnswersQuery);
    const period = periodOf(ctx.clock.now(), q.since, q.until);
    if (period.from >= period.to) throw new HttpError(400, 'bad_request', 'since: must be before until');
    const a = await answerEffectiveness(ctx, { period, target: q.target, windowMs: q.window });
    return c.json({ from: iso(period.from), to: iso(period.to), ...a });
  });
  api.get('/cx/trends', async (c) => {
    const q = parseQuery(c, PeriodQuery);
    const period = periodOf(ctx.clock.now(), q.since, q.until);
    if (period.from >= period.to) throw new HttpError(400, 'bad_request', 'since: must be before until');
    return c.json({ from: iso(period.from), to: iso(period.to), ...(await trendsOf(ctx, { period, target: q.target })) });
  });
  const weekOf = (c: Parameters<typeof parseQuery>[0]) => {
    const q = parseQuery(c, WeekQuery);
    return q.week === undefined ? lastCompleteWeek(ctx.clock.now()) : weekStart(q.week);
  };
  for (const format of ['csv', 'jsonl'] as const) {
    api.get(`/cx/report.${format}`, async (c) => {
      const week = weekOf(c);
      const rows = reportRows(await weeklyReport(ctx, week));
      const body = format === 'jsonl' ? rows.map((r) => JSON.stringify(r) + '\n').join('') : [REPORT_COLUMNS.join(','), ...rows.map((r) => REPORT_COLUMNS.map((k) => csvCell(r[k])).join(','))].join('\r\n') + '\r\n';
      const day = new Date(week).toISOString().slice(0, 10);
      return c.body(body, 200, { 'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8', 'Content-Disposition': `attachment; filename="backlash-cx-report-${day}.${format}"` });
    });
  }
  api.post('/cx/report/send', async (c) => {
    const week = weekOf(c);
    const queued = await sendReport(ctx, week, `cx-report:${new Date(week).toISOString().slice(0, 10)}:sent-at:${ctx.clock.now()}`);
    return c.json({ week: new Date(week).toISOString().slice(0, 10), queued });
  });
  return api;
}
