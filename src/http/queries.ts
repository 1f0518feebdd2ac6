/** Read models for the API and the dashboard. */
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
  };
}

export async function listRevolts(ctx: AppContext, q: { status: 'open' | 'resolved' | 'all'; target?: string; limit?: number }): Promise<(Revolt & { members: number })[]> {
  let query = ctx.db.selectFrom('revolts').selectAll().orderBy('severity', 'desc').orderBy('opened_at', 'desc').limit(q.limit ?? 100);
  if (q.status === 'open') query = query.where('stage', '!=', 'resolved');
  if (q.status === 'resolved') query = query.where('stage', '=', 'resolved');
  if (q.target) query = query.where('target_id', '=', q.target);
  const rows = await query.execute();
  const out = [];
  for (const r of rows) {
    const ids = (await ctx.db.selectFrom('revolt_posts').select('post_id').where('revolt_id', '=', r.id).execute()).map((x) => x.post_id);
    out.push({ ...toRevolt(r, ids), members: ids.length });
  }
  return out;
}

export async function getRevolt(ctx: AppContext, id: string): Promise<(Revolt & { posts: PostView[] }) | null> {
  const r = await ctx.db.selectFrom('revolts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const ids = (await ctx.db.selectFrom('revolt_posts').select('post_id').where('revolt_id', '=', id).execute()).map((x) => x.post_id);
  const posts = await listPosts(ctx, { ids, limit: 500 });
  return { ...toRevolt(r, ids), posts };
}

export async function listPosts(ctx: AppContext, q: { limit: number; target?: string; ids?: string[] }): Promise<PostView[]> {
  if (q.ids && q.ids.length === 0) return [];
  let query = ctx.db
    .selectFrom('posts as p')
    .leftJoin('classifications as c', 'c.post_id', 'p.id')
    .select([
      'p.id', 'p.source_id', 'p.target_id', 'p.url', 'p.author_id', 'p.author_name', 'p.author_handle', 'p.author_followers', 'p.text', 'p.lang', 'p.published_at',
      'c.sentiment', 'c.sentiment_score', 'c.complaint', 'c.complaint_score', 'c.topics', 'c.escalation', 'c.lang as c_lang', 'c.model_version',
    ])
    .orderBy('p.published_at', 'desc')
    .limit(q.limit);
  if (q.target) query = query.where('p.target_id', '=', q.target);
  if (q.ids) query = query.where('p.id', 'in', q.ids);
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
          },
  }));
}

export async function listQueue(ctx: AppContext) {
  const rows = await ctx.db.selectFrom('queue_items').selectAll().orderBy('priority').orderBy('created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    revoltId: r.revolt_id,
    postId: r.post_id,
    target: r.target_id,
    title: r.title,
    status: r.status,
    priority: r.priority,
    team: r.team,
    assignee: r.assignee,
    dueFirstResponseAt: r.due_first_response_at ? new Date(r.due_first_response_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}
