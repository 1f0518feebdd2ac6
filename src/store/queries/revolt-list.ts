/** Reads of revolts and their member posts for the API, the dashboard and the CX views (revolts/ owns the writes). */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.js';
import type { RevoltsTable } from '../schema.js';
import type { Cursor } from './post-list.js';

type Db = Pick<AppContext, 'db'>;
export type RevoltRow = Selectable<RevoltsTable>;

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
export async function selectRevoltRows(ctx: Db, q: RevoltFilter): Promise<RevoltRow[]> {
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
  return query.execute();
}

export async function getRevoltRow(ctx: Db, id: string): Promise<RevoltRow | undefined> {
  return ctx.db.selectFrom('revolts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The revolts opened in [from, to), newest first (the answers view's revolts). */
export async function revoltsOpenedBetween(ctx: Db, q: { from: number; to: number; target?: string; limit: number }) {
  let rq = ctx.db.selectFrom('revolts').select(['id', 'target_id', 'label', 'opened_at', 'resolved_at']).where('opened_at', '>=', q.from).where('opened_at', '<', q.to).orderBy('opened_at', 'desc').limit(q.limit);
  if (q.target) rq = rq.where('target_id', '=', q.target);
  return rq.execute();
}

/** Each revolt's member post ids, in the order they joined. */
export async function revoltMemberIds(ctx: Db, revoltIds: string[]): Promise<Map<string, string[]>> {
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

/** The member posts a revolt's timeline and top posts are drawn from, with their topics. */
export async function revoltMemberPosts(ctx: Db, postIds: string[]) {
  if (!postIds.length) return [];
  return ctx.db
    .selectFrom('posts as p')
    .leftJoin('classifications as c', 'c.post_id', 'p.id')
    .select(['p.id', 'p.text', 'p.url', 'p.source_id', 'p.author_id', 'p.author_handle', 'p.author_name', 'p.author_followers', 'p.published_at', 'c.topics'])
    .where('p.id', 'in', postIds)
    .execute();
}

/** When a revolt's earliest member post was published (null without members). */
export async function firstMemberPublishedAt(ctx: Db, revoltId: string): Promise<number | null> {
  const row = await ctx.db.selectFrom('revolt_posts as rp').innerJoin('posts as p', 'p.id', 'rp.post_id').select((eb) => eb.fn.min('p.published_at').as('at')).where('rp.revolt_id', '=', revoltId).executeTakeFirst();
  return row?.at == null ? null : Number(row.at);
}

/** The `limit` most severe revolts opened in [from, to), earliest first among equals (the weekly report's top revolts). */
export async function topRevoltsOpenedBetween(ctx: Db, q: { from: number; to: number; limit: number }) {
  return ctx.db.selectFrom('revolts').select(['id', 'target_id', 'label', 'severity', 'stage', 'opened_at', 'resolved_at']).where('opened_at', '>=', q.from).where('opened_at', '<', q.to).orderBy('severity', 'desc').orderBy('opened_at').limit(q.limit).execute();
}
