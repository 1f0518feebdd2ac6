/** The CX pages: /cx (moments of truth, answers, trends) and /posts (filtered posts behind a figure). */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Principal } from '../principal.js';
import { countPosts, listPosts } from '../queries.js';
import { decodeCursor, pageOf } from '../cursor.js';
import { timeParam } from '../openapi/registry.js';
import { momentsOfTruth, periodOf } from '../../cx/moments-query.js';
import { cxPage } from './cx.js';
import { answersSection } from './cx-answers.js';
import { trendsSection } from './cx-trends.js';
import { trendsOf } from '../../cx/trends-query.js';
import { lastCompleteWeek, weekStart, weeklyReport } from '../../cx/report.js';
import { reportPage } from './cx-report.js';
import { answerEffectiveness } from '../../cx/answers-query.js';
import { listTargetIds } from '../../store/queries/targets.js';
import { postsPage } from './posts.js';

export interface CxPageOptions {
  gate: (c: Context) => Promise<Principal | null>;
  toSignin: (c: Context) => Response;
  banner: () => string | undefined;
}

const word = z.string().regex(/^[A-Za-z0-9#:._/-]{1,200}$/).optional().catch(undefined);
const PostsPageQuery = z.object({
  target: word,
  source: word,
  topic: word,
  pillar: word,
  touchpoint: word,
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional().catch(undefined),
  complaint: z.enum(['true', 'false']).optional().catch(undefined),
  lang: z.string().regex(/^[a-z]{2,3}$/).optional().catch(undefined),
  since: timeParam.catch(undefined),
  until: timeParam.catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

export function cxPages(ctx: AppContext, o: CxPageOptions): Hono {
  const app = new Hono();
  app.get('/cx', async (c) => {
    const principal = await o.gate(c);
    if (!principal) return o.toSignin(c);
    const since = timeParam.safeParse(c.req.query('since'));
    // the form's "to" is a day, inclusive: its end is the next midnight
    const untilRaw = c.req.query('until');
    const until = timeParam.safeParse(untilRaw && /^\d{4}-\d{2}-\d{2}$/.test(untilRaw) ? String(Date.parse(untilRaw) + 86_400_000) : untilRaw);
    const targets = await listTargetIds(ctx);
    const asked = c.req.query('target');
    const target = asked && targets.includes(asked) ? asked : null;
    let period = periodOf(ctx.clock.now(), since.success ? since.data : undefined, until.success ? until.data : undefined);
    if (period.from >= period.to) period = periodOf(ctx.clock.now());
    const [moments, answers, trends] = await Promise.all([momentsOfTruth(ctx, { period, target: target ?? undefined }), answerEffectiveness(ctx, { period, target: target ?? undefined }), trendsOf(ctx, { period, target: target ?? undefined })]);
    const scope = /^(pillar|touchpoint):[a-z-]{1,40}$/.test(c.req.query('scope') ?? '') ? c.req.query('scope')! : null;
    const keep = { target: target ?? '', since: String(period.from), until: String(period.to) };
    return c.html(cxPage({ period, target, targets, moments, principal, banner: o.banner(), extra: [trendsSection(trends, { scope, keep }), answersSection(answers)] }));
  });

  app.get('/cx/report', async (c) => {
    const principal = await o.gate(c);
    if (!principal) return o.toSignin(c);
    const asked = timeParam.safeParse(c.req.query('week'));
    const week = asked.success && asked.data !== undefined ? weekStart(asked.data) : lastCompleteWeek(ctx.clock.now());
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    return c.html(reportPage({ r: await weeklyReport(ctx, week), principal, banner: o.banner(), prev: day(week - 7 * 86_400_000), next: day(week + 7 * 86_400_000) }));
  });

  app.get('/posts', async (c) => {
    const principal = await o.gate(c);
    if (!principal) return o.toSignin(c);
    const q = PostsPageQuery.parse(c.req.query());
    const filter = { target: q.target, source: q.source, topic: q.topic, pillar: q.pillar, touchpoint: q.touchpoint, sentiment: q.sentiment, complaint: q.complaint === undefined ? undefined : q.complaint === 'true', lang: q.lang, since: q.since, until: q.until };
    const limit = 100;
    let cursor = null;
    try {
      cursor = decodeCursor(q.cursor);
    } catch {
      cursor = null;
    }
    const [total, rows] = await Promise.all([countPosts(ctx, filter), listPosts(ctx, { ...filter, limit: limit + 1, cursor })]);
    const p = pageOf(rows, limit, (r) => [Date.parse(r.publishedAt), r.id]);
    const shown: Record<string, string> = {};
    for (const k of ['target', 'source', 'topic', 'pillar', 'touchpoint', 'sentiment', 'complaint', 'lang'] as const) if (q[k]) shown[k] = q[k]!;
    return c.html(postsPage({ filters: shown, since: q.since, until: q.until, total, posts: p.rows, next: p.nextCursor, principal, banner: o.banner() }));
  });
  return app;
}
