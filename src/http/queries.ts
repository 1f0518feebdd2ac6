/** Read models for the API and the dashboard: filtered, keyset-paginated lists and detail views. */
import type { AppContext } from '../context.js';
import type { Revolt } from '../types.js';
import { toRevolt } from '../revolts/detect.js';

export interface PostView {
  id: string;
  source: string;
  target: string;
  url: string | null;
  author: { id: string; name: string | null; handle: string | null; followers: number | null };
  text: string;
  lang: string | null;
  publishedAt: string;
  classification: null | {
    sentiment: { label: string; score: number };
    complaint: { is: boolean; score: number };
    topics: { id: string; score: number; pillar?: string; touchpoint?: string }[];
    escalation: { id: string; cue?: string }[];
    lang: string;
    model: string;
    explain?: Record<string, unknown> | null;
  };
}

type Cursor = { sort: number; id: string } | null;

/** Topic and pillar filters match inside the JSON the classifier stored (written by JSON.stringify). */
function jsonField(name: string, value: string): string {
  return `%${JSON.stringify(name)}:${JSON.stringify(value)}%`;
}

export interface PostFilter {
  limit: number;
  target?: string;
  ids?: string[];
  topic?: string;
  pillar?: string;
  touchpoint?: string;
  sentiment?: string;
  /** true: complaints only; false: posts that are not complaints */
  complaint?: boolean;
  lang?: string;
  source?: string;
  since?: number;
  until?: number;
  cursor?: Cursor;
  explain?: boolean;
}

function postsQuery(ctx: AppContext, q: PostFilter) {
  let query = ctx.db
    .selectFrom('posts as p')
    .leftJoin('classifications as c', 'c.post_id', 'p.id')
    .select([
      'p.id', 'p.source_id', 'p.target_id', 'p.url', 'p.author_id', 'p.author_name', 'p.author_handle', 'p.author_followers', 'p.text', 'p.lang', 'p.published_at',
      'c.sentiment', 'c.sentiment_score', 'c.complaint', 'c.complaint_score', 'c.topics', 'c.escalation', 'c.lang as c_lang', 'c.model_version', 'c.explain',
    ])
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(q.limit);
  if (q.target) query = query.where('p.target_id', '=', q.target);
  if (q.source) query = query.where('p.source_id', '=', q.source);
  if (q.ids) query = query.where('p.id', 'in', q.ids);
  if (q.sentiment) query = query.where('c.sentiment', '=', q.sentiment);
  if (q.topic) query = query.where('c.topics', 'like', jsonField('id', q.topic));
  // both: one topic of the post carries both (a cell of the moments-of-truth matrix); the
  // classifier writes each hit as {"id","score","pillar","touchpoint"}, pillar then touchpoint
  if (q.pillar && q.touchpoint) query = query.where('c.topics', 'like', `%${JSON.stringify('pillar')}:${JSON.stringify(q.pillar)},${JSON.stringify('touchpoint')}:${JSON.stringify(q.touchpoint)}%`);
  else if (q.pillar) query = query.where('c.topics', 'like', jsonField('pillar', q.pillar));
  else if (q.touchpoint) query = query.where('c.topics', 'like', jsonField('touchpoint', q.touchpoint));
  if (q.complaint !== undefined) query = query.where('c.complaint', '=', q.complaint ? 1 : 0);
  if (q.lang) query = query.where('c.lang', '=', q.lang);
  if (q.since !== undefined) query = query.where('p.published_at', '>=', q.since);
  if (q.until !== undefined) query = query.where('p.published_at', '<', q.until);
  const cur = q.cursor;
  // a row-value comparison: the same rows as "published before, or at the same time with a smaller
  // id", written so that SQLite and PostgreSQL seek in the (published_at, id) index
  if (cur) query = query.where((eb) => eb(eb.refTuple('p.published_at', 'p.id'), '<', eb.tuple(cur.sort, cur.id)));
  return query;
}

/** How many posts match a filter (limit and cursor ignored). */
export async function countPosts(ctx: AppContext, q: Omit<PostFilter, 'limit' | 'cursor'>): Promise<number> {
  if (q.ids && q.ids.length === 0) return 0;
  const r = await postsQuery(ctx, { ...q, limit: 1 }).clearSelect().clearOrderBy().clearLimit().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listPosts(ctx: AppContext, q: PostFilter): Promise<PostView[]> {
  if (q.ids && q.ids.length === 0) return [];
  const query = postsQuery(ctx, q);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source_id,
    target: r.target_id,
    url: r.url,
    author: { id: r.author_id, name: r.author_name, handle: r.author_handle, followers: r.author_followers },
    text: r.text,
    lang: r.lang,
    publishedAt: new Date(r.published_at).toISOString(),
    classification:
      r.sentiment == null
        ? null
        : {
            sentiment: { label: r.sentiment, score: r.sentiment_score! },
            complaint: { is: r.complaint === 1, score: r.complaint_score! },
            topics: JSON.parse(r.topics!),
            escalation: JSON.parse(r.escalation!),
            lang: r.c_lang!,
            model: r.model_version!,
            ...(q.explain ? { explain: r.explain ? (JSON.parse(r.explain) as Record<string, unknown>) : null } : {}),
          },
  }));
}

export type RevoltView = Revolt & { members: number };

export interface RevoltFilter {
  status: 'open' | 'resolved' | 'all';
  target?: string;
  stage?: string;
  key?: string;
  pillar?: string;
  minSeverity?: number;
  since?: number;
  until?: number;
  limit?: number;
  cursor?: Cursor;
}

/** Revolts, newest opened first. */
export async function listRevolts(ctx: AppContext, q: RevoltFilter): Promise<RevoltView[]> {
  let query = ctx.db.selectFrom('revolts').selectAll().orderBy('opened_at', 'desc').orderBy('id', 'desc').limit(q.limit ?? 100);
  if (q.status === 'open') query = query.where('stage', '!=', 'resolved');
  if (q.status === 'resolved') query = query.where('stage', '=', 'resolved');
  if (q.target) query = query.where('target_id', '=', q.target);
  if (q.stage) query = query.where('stage', '=', q.stage);
  if (q.key) query = query.where('key', '=', q.key);
  if (q.pillar) query = query.where('explain', 'like', `%${JSON.stringify(q.pillar)}%`);
  if (q.minSeverity !== undefined) query = query.where('severity', '>=', q.minSeverity);
  if (q.since !== undefined) query = query.where('opened_at', '>=', q.since);
  if (q.until !== undefined) query = query.where('opened_at', '<', q.until);
  const cur = q.cursor;
  if (cur) query = query.where((eb) => eb.or([eb('opened_at', '<', cur.sort), eb.and([eb('opened_at', '=', cur.sort), eb('id', '<', cur.id)])]));
  const rows = await query.execute();
  const members = await memberIds(ctx, rows.map((r) => r.id));
  return rows.map((r) => {
    const ids = members.get(r.id) ?? [];
    return { ...toRevolt(r, ids), members: ids.length };
  });
}

async function memberIds(ctx: AppContext, revoltIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!revoltIds.length) return out;
  const rows = await ctx.db.selectFrom('revolt_posts').select(['revolt_id', 'post_id']).where('revolt_id', 'in', revoltIds).orderBy('added_at').execute();
  for (const r of rows) {
    const list = out.get(r.revolt_id) ?? [];
    list.push(r.post_id);
    out.set(r.revolt_id, list);
  }
  return out;
}

export async function getRevolt(ctx: AppContext, id: string): Promise<(Revolt & { posts: PostView[] }) | null> {
  const r = await ctx.db.selectFrom('revolts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const ids = (await memberIds(ctx, [id])).get(id) ?? [];
  const posts = await listPosts(ctx, { ids, limit: 500 });
  return { ...toRevolt(r, ids), posts };
}

export interface QueueFilter {
  status?: string;
  target?: string;
  priority?: string;
  team?: string;
  assignee?: string;
  topic?: string;
  minSeverity?: number;
  since?: number;
  until?: number;
  limit?: number;
  cursor?: Cursor;
  ids?: string[];
}

/** Queue items, newest first. `status=open` means new, claimed or responded. */
export async function listQueue(ctx: AppContext, q: QueueFilter = {}) {
  let query = ctx.db.selectFrom('queue_items').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit ?? 200);
  if (q.status === 'open') query = query.where('status', 'in', ['new', 'claimed', 'responded']);
  else if (q.status) query = query.where('status', '=', q.status);
  if (q.target) query = query.where('target_id', '=', q.target);
  if (q.priority) query = query.where('priority', '=', q.priority);
  if (q.team) query = query.where('team', '=', q.team);
  if (q.assignee) query = query.where('assignee', '=', q.assignee);
  if (q.topic) query = query.where('topic', '=', q.topic);
  if (q.ids) query = query.where('id', 'in', q.ids.length ? q.ids : ['']);
  if (q.minSeverity !== undefined) query = query.where('severity', '>=', q.minSeverity);
  if (q.since !== undefined) query = query.where('created_at', '>=', q.since);
  if (q.until !== undefined) query = query.where('created_at', '<', q.until);
  const cur = q.cursor;
  if (cur) query = query.where((eb) => eb.or([eb('created_at', '<', cur.sort), eb.and([eb('created_at', '=', cur.sort), eb('id', '<', cur.id)])]));
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    revoltId: r.revolt_id,
    postId: r.post_id,
    target: r.target_id,
    title: r.title,
    status: r.status,
    priority: r.priority,
    severity: Number(r.severity ?? 0),
    topic: r.topic ?? null,
    lang: r.lang ?? null,
    team: r.team,
    assignee: r.assignee,
    dueFirstResponseAt: r.due_first_response_at ? new Date(r.due_first_response_at).toISOString() : null,
    dueResolveAt: r.due_resolve_at ? new Date(r.due_resolve_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}
export type QueueView = Awaited<ReturnType<typeof listQueue>>[number];
