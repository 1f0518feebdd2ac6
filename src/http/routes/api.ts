/** Revolts and posts: filtered, cursor-paginated reads. (The queue's routes are in queue.ts.) */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';
import { getRevolt, listPosts, listQueue, listRevolts } from '../queries.js';
import { revoltInsight } from '../timeline.js';
import { whyPost } from '../why-post.js';
import { decodeCursor, pageOf } from '../cursor.js';
import { cursorParam, describe, idParam, limitParam, page, parseQuery, timeParam } from '../openapi/registry.js';
import { queueItemIdOfRevolt } from '../../store/queries/queue-items.js';
import { labelsOfPost } from '../../store/queries/labels.js';
import { PostDetailSchema, PostSchema, RevoltDetailSchema, RevoltSchema, WhyPostSchema } from '../openapi/schemas.js';

const slug = z.string().regex(/^[A-Za-z0-9#:._/-]{1,200}$/, 'expected an id').optional();

const RevoltsQuery = z.object({
  status: z.enum(['open', 'resolved', 'all']).default('all'),
  target: slug.describe('target id'),
  stage: z.enum(['emerging', 'escalating', 'peaking', 'subsiding', 'resolved']).optional(),
  key: slug.describe('revolt key (topic, hashtag, link or phrase)'),
  topic: slug.describe('alias of key'),
  pillar: slug,
  severity: z.coerce.number().min(0).max(100).optional().describe('minimum severity'),
  since: timeParam.describe('opened at or after (ISO 8601 or epoch ms)'),
  until: timeParam.describe('opened before (ISO 8601 or epoch ms)'),
  limit: limitParam,
  cursor: cursorParam,
});

const PostsQuery = z.object({
  target: slug,
  source: slug,
  topic: slug,
  pillar: slug,
  touchpoint: slug.describe('touchpoint id; with pillar, one topic of the post carries both'),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  complaint: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')).describe('true: complaints only; false: the other posts'),
  lang: z.string().regex(/^[a-z]{2,3}$/, 'expected a language code such as en').optional().describe('language the classifier used'),
  since: timeParam.describe('published at or after'),
  until: timeParam.describe('published before'),
  limit: limitParam,
  cursor: cursorParam,
});

describe('GET', '/api/revolts', { summary: 'List revolts, newest first', tags: ['revolts'], query: RevoltsQuery, response: page(RevoltSchema), errors: [400] });
describe('GET', '/api/revolts/:id', { summary: 'A revolt with its member posts, timeline, explanation and queue item', tags: ['revolts'], response: RevoltDetailSchema, errors: [404] });
describe('GET', '/api/posts', { summary: 'List posts with their classification, newest first', tags: ['posts'], query: PostsQuery, response: page(PostSchema), errors: [400] });
describe('GET', '/api/posts/:id/why', { summary: 'Why this post: the rules, lexicon entries and model features that decided its classification, and why it has (or has not) an item of its own', tags: ['posts'], response: WhyPostSchema, errors: [404] });
describe('GET', '/api/posts/:id', { summary: 'A post with its classification, explanation and label corrections', tags: ['posts'], response: PostDetailSchema, errors: [404] });

export function apiRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/revolts', async (c) => {
    const q = parseQuery(c, RevoltsQuery);
    const rows = await listRevolts(ctx, { status: q.status, target: q.target, stage: q.stage, key: q.key ?? q.topic, pillar: q.pillar, minSeverity: q.severity, since: q.since, until: q.until, limit: q.limit + 1, cursor: decodeCursor(q.cursor) });
    const p = pageOf(rows, q.limit, (r) => [r.openedAt, r.id]);
    return c.json({ items: p.rows, nextCursor: p.nextCursor });
  });
  api.get('/revolts/:id', async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    const r = id.success ? await getRevolt(ctx, id.data) : null;
    if (!r) throw new HttpError(404, 'not_found', 'no such revolt');
    const insight = await revoltInsight(ctx, r);
    const queueItem = await queueItemIdOfRevolt(ctx, r.id);
    return c.json({ ...r, insight, queueItem: queueItem ? ((await listQueue(ctx, { ids: [queueItem] }))[0] ?? null) : null });
  });
  api.get('/posts', async (c) => {
    const q = parseQuery(c, PostsQuery);
    const { limit, cursor, ...filters } = q;
    const rows = await listPosts(ctx, { ...filters, limit: limit + 1, cursor: decodeCursor(cursor) });
    const p = pageOf(rows, limit, (r) => [Date.parse(r.publishedAt), r.id]);
    return c.json({ items: p.rows, nextCursor: p.nextCursor });
  });
  api.get('/posts/:id/why', async (c) => {
    const [post] = await listPosts(ctx, { ids: [c.req.param('id')], limit: 1, explain: true });
    if (!post) throw new HttpError(404, 'not_found', 'no such post');
    return c.json(await whyPost(ctx, post));
  });
  api.get('/posts/:id', async (c) => {
    const [post] = await listPosts(ctx, { ids: [c.req.param('id')], limit: 1, explain: true });
    if (!post) throw new HttpError(404, 'not_found', 'no such post');
    const labels = await labelsOfPost(ctx, post.id);
    return c.json({ ...post, labels: labels.map((l) => ({ id: l.id, sentiment: l.sentiment, complaint: l.complaint === null ? null : l.complaint === 1, topic: l.topic, actor: l.actor, at: new Date(l.at).toISOString() })) });
  });
  return api;
}
