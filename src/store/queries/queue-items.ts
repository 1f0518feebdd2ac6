/** Reads of queue_items by name, for pages and routes (routing/ owns the writes). */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.js';
import type { QueueItemsTable } from '../schema.js';

type Db = Pick<AppContext, 'db'>;
export type QueueRow = Selectable<QueueItemsTable>;

export async function getQueueRow(ctx: Db, id: string): Promise<QueueRow | undefined> {
  return ctx.db.selectFrom('queue_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case a revolt lives in: its own, or the case its own was merged into. */
export async function caseRowOfRevolt(ctx: Db, revoltId: string): Promise<QueueRow | undefined> {
  const row = await ctx.db.selectFrom('queue_items').selectAll().where('revolt_id', '=', revoltId).executeTakeFirst();
  if (!row?.merged_into) return row;
  return (await getQueueRow(ctx, row.merged_into)) ?? row;
}

/** The id of the case a revolt opened (not followed through merges). */
export async function queueItemIdOfRevolt(ctx: Db, revoltId: string): Promise<string | null> {
  return (await ctx.db.selectFrom('queue_items').select('id').where('revolt_id', '=', revoltId).executeTakeFirst())?.id ?? null;
}

/** The case a revolt's answers are counted on: its own item, or the case it was merged into (null without one). */
export async function answerCaseIdOfRevolt(ctx: Db, revoltId: string): Promise<string | null> {
  const item = await ctx.db.selectFrom('queue_items').select(['id', 'merged_into']).where('revolt_id', '=', revoltId).executeTakeFirst();
  return item ? (item.merged_into ?? item.id) : null;
}

export interface QueueListFilter {
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
  cursor?: { sort: number; id: string } | null;
  ids?: string[];
}

/** Queue items, newest first (the public list; the desk's SLA-ordered lists live in routing/views.ts). `status=open` means new, claimed or responded. */
export async function selectQueueRows(ctx: Db, q: QueueListFilter): Promise<QueueRow[]> {
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
  return query.execute();
}

/** Cases created in [from, to), merged ones left out: the answers view's response times per team, template and channel. */
export async function casesCreatedBetween(ctx: Db, q: { from: number; to: number; target?: string; limit: number }) {
  let iq = ctx.db
    .selectFrom('queue_items')
    .select(['id', 'team', 'revolt_id', 'created_at', 'first_responded_at', 'resolved_at', 'due_first_response_at', 'due_resolve_at'])
    .where('created_at', '>=', q.from)
    .where('created_at', '<', q.to)
    .where('status', '!=', 'merged')
    .limit(q.limit);
  if (q.target) iq = iq.where('target_id', '=', q.target);
  return iq.execute();
}

/** How a post reached a case: its own item, the case of a revolt it belongs to, or a case it was added to. */
export async function caseLinksOfPost(ctx: Db, postId: string) {
  const own = await ctx.db.selectFrom('queue_items').select(['id', 'status', 'title', 'reason', 'merged_into']).where('post_id', '=', postId).orderBy('created_at').executeTakeFirst();
  const inRevolt = await ctx.db.selectFrom('revolt_posts as rp').innerJoin('queue_items as q', 'q.revolt_id', 'rp.revolt_id').select(['q.id', 'q.title', 'q.status']).where('rp.post_id', '=', postId).executeTakeFirst();
  const joined = await ctx.db.selectFrom('case_posts as cp').innerJoin('queue_items as q', 'q.id', 'cp.item_id').select(['q.id', 'q.title', 'q.status']).where('cp.post_id', '=', postId).where('cp.status', '!=', 'moved').executeTakeFirst();
  return { own, inRevolt, joined };
}

/** One page of queue items (merged ones left out), newest first, after `cursor` (the CX export). `topics`: only items on one of these. */
export async function queueItemPage(ctx: Db, q: { target?: string; since?: number; until?: number; topic?: string; lang?: string; topics?: string[]; cursor?: { sort: number; id: string } | null; limit: number }): Promise<QueueRow[]> {
  let query = ctx.db.selectFrom('queue_items').selectAll().where('status', '!=', 'merged').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit);
  if (q.target) query = query.where('target_id', '=', q.target);
  if (q.since !== undefined) query = query.where('created_at', '>=', q.since);
  if (q.until !== undefined) query = query.where('created_at', '<', q.until);
  if (q.topic) query = query.where('topic', '=', q.topic);
  if (q.lang) query = query.where('lang', '=', q.lang);
  if (q.topics) query = query.where('topic', 'in', q.topics.length ? q.topics : ['']);
  const cur = q.cursor;
  if (cur) query = query.where((eb) => eb.or([eb('created_at', '<', cur.sort), eb.and([eb('created_at', '=', cur.sort), eb('id', '<', cur.id)])]));
  return query.execute();
}
