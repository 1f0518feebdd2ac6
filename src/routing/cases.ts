/**
 * Cases: a queue item holds posts. A revolt's case holds the revolt's members (and those of any
 * revolt case merged into it); posts merged or split in are rows of case_posts, which also keeps
 * each post's state in the case (open, answered, resolved, dismissed) and marks posts split out
 * ("moved"). Merge and split are done by hand; single-post items whose post joined a revolt fold
 * into its case on their own when routing.yaml says their reasons need no answer of their own.
 */
import type { AppContext } from '../context.js';
import { stableId } from '../util/ids.js';
import { writeAudit } from '../store/audit.js';
import { routingOf } from './setup.js';
import { affinity, signatureOf, type RevoltSignature } from './affinity.js';

export type CasePostStatus = 'open' | 'answered' | 'resolved' | 'dismissed';
export const CASE_POST_STATUSES: CasePostStatus[] = ['open', 'answered', 'resolved', 'dismissed'];

export class CaseError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'bad_request',
    message: string,
  ) {
    super(message);
  }
}

type ItemRef = { id: string; kind: string; revolt_id: string | null; post_id: string | null };

/** The posts of a case with their state in it, in no particular order. */
export async function casePosts(ctx: Pick<AppContext, 'db'>, item: ItemRef): Promise<Map<string, CasePostStatus>> {
  const merged = await ctx.db.selectFrom('queue_items').select(['revolt_id', 'post_id']).where('merged_into', '=', item.id).execute();
  const revolts = [item.revolt_id, ...merged.map((m) => m.revolt_id)].filter((x): x is string => Boolean(x));
  const ids = new Set<string>();
  if (item.post_id) ids.add(item.post_id);
  for (const m of merged) if (m.post_id) ids.add(m.post_id);
  if (revolts.length) for (const r of await ctx.db.selectFrom('revolt_posts').select('post_id').where('revolt_id', 'in', revolts).execute()) ids.add(r.post_id);
  const rows = await ctx.db.selectFrom('case_posts').select(['post_id', 'status']).where('item_id', '=', item.id).execute();
  const out = new Map<string, CasePostStatus>();
  for (const id of ids) out.set(id, 'open');
  for (const r of rows) {
    if (r.status === 'moved') out.delete(r.post_id);
    else out.set(r.post_id, r.status as CasePostStatus);
  }
  return out;
}

async function loadItem(ctx: Pick<AppContext, 'db'>, id: string) {
  const item = await ctx.db.selectFrom('queue_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!item) throw new CaseError('not_found', `no queue item ${id}`);
  return item;
}

/** Upsert one post's state in a case (portable: insert-or-ignore, then update). */
export async function setCasePost(ctx: Pick<AppContext, 'db'>, itemId: string, postId: string, status: CasePostStatus | 'moved', actor: string, at: number, movedTo: string | null = null): Promise<void> {
  await ctx.db.insertInto('case_posts').values({ item_id: itemId, post_id: postId, status, moved_to: movedTo, actor, updated_at: at }).onConflict((oc) => oc.columns(['item_id', 'post_id']).doUpdateSet({ status, moved_to: movedTo, actor, updated_at: at })).execute();
}

/** Resolve, dismiss or reopen some of a case's posts (bulk); `postIds` absent: every open post. */
export async function setPostsStatus(ctx: AppContext, itemId: string, status: 'resolved' | 'dismissed' | 'open', actor: string, postIds?: string[]): Promise<{ changed: string[] }> {
  const item = await loadItem(ctx, itemId);
  if (item.status === 'merged') throw new CaseError('conflict', `item ${itemId} was merged into ${item.merged_into}: act on that case`);
  const members = await casePosts(ctx, item);
  const chosen = postIds ?? [...members].filter(([, s]) => s === 'open').map(([id]) => id);
  const unknown = chosen.filter((id) => !members.has(id));
  if (unknown.length) throw new CaseError('bad_request', `postIds: not in this case: ${unknown.slice(0, 5).join(', ')}`);
  const now = ctx.clock.now();
  const changed = chosen.filter((id) => members.get(id) !== status);
  for (const id of changed) await setCasePost(ctx, itemId, id, status, actor, now);
  if (changed.length) {
    await ctx.db.updateTable('queue_items').set({ updated_at: now }).where('id', '=', itemId).execute();
    await writeAudit(ctx, { at: now, actor, action: `case.posts_${status === 'open' ? 'reopened' : status}`, entityType: 'queue_item', entityId: itemId, detail: { posts: changed.length, postIds: changed.slice(0, 50) } });
    ctx.bus.publish({ topic: 'queue', id: itemId, type: `posts.${status}`, at: now });
  }
  return { changed };
}

// the open statuses (queue.ts imports this file: no import back, to keep module order simple)
const MERGEABLE: string[] = ['new', 'claimed', 'responded'];

/** Merge case `fromId` into case `intoId`: its posts, their states, its replies and whatever was merged into it. */
export async function mergeCases(ctx: AppContext, fromId: string, intoId: string, actor: string): Promise<void> {
  if (fromId === intoId) throw new CaseError('bad_request', 'into: a case cannot be merged into itself');
  const from = await loadItem(ctx, fromId);
  const into = await loadItem(ctx, intoId);
  if (!MERGEABLE.includes(from.status)) throw new CaseError('conflict', `cannot merge an item that is ${from.status}`);
  if (!MERGEABLE.includes(into.status)) throw new CaseError('conflict', `cannot merge into an item that is ${into.status}`);
  const now = ctx.clock.now();
  const moved = await casePosts(ctx, from);
  const done = await ctx.db.updateTable('queue_items').set({ status: 'merged', merged_into: intoId, updated_at: now }).where('id', '=', fromId).where('status', '=', from.status).returning('id').execute();
  if (done.length === 0) throw new CaseError('conflict', `item ${fromId} changed while you were acting on it: reload and try again`);
  const into_ = await casePosts(ctx, into);
  for (const [postId, status] of moved) if (!into_.has(postId) || into_.get(postId) === 'open') await setCasePost(ctx, intoId, postId, status, actor, now);
  // posts split out of the merged case stay out of this one
  for (const r of await ctx.db.selectFrom('case_posts').select(['post_id', 'moved_to']).where('item_id', '=', fromId).where('status', '=', 'moved').execute()) {
    if (!into_.has(r.post_id)) await setCasePost(ctx, intoId, r.post_id, 'moved', actor, now, r.moved_to);
  }
  await ctx.db.updateTable('queue_items').set({ merged_into: intoId, updated_at: now }).where('merged_into', '=', fromId).execute();
  await ctx.db.updateTable('replies').set({ item_id: intoId, updated_at: now }).where('item_id', '=', fromId).execute();
  await ctx.db.updateTable('queue_items').set({ updated_at: now }).where('id', '=', intoId).execute();
  await writeAudit(ctx, { at: now, actor, action: 'queue.merge', entityType: 'queue_item', entityId: fromId, detail: { from: from.status, to: 'merged', into: intoId, posts: moved.size } });
  await writeAudit(ctx, { at: now, actor, action: 'queue.merged_in', entityType: 'queue_item', entityId: intoId, detail: { from: fromId, title: from.title, posts: moved.size } });
  ctx.bus.publish({ topic: 'queue', id: fromId, type: 'merge', at: now });
  ctx.bus.publish({ topic: 'queue', id: intoId, type: 'merged_in', at: now });
}

/** Split posts out of a case into a new case (one post: a post item), keeping its route, team, priority and deadlines. */
export async function splitCase(ctx: AppContext, itemId: string, postIds: string[], actor: string, title?: string): Promise<string> {
  const item = await loadItem(ctx, itemId);
  if (!MERGEABLE.includes(item.status)) throw new CaseError('conflict', `cannot split an item that is ${item.status}`);
  const ids = [...new Set(postIds)];
  if (ids.length === 0) throw new CaseError('bad_request', 'postIds: expected at least one post of this case');
  const members = await casePosts(ctx, item);
  const unknown = ids.filter((id) => !members.has(id));
  if (unknown.length) throw new CaseError('bad_request', `postIds: not in this case: ${unknown.slice(0, 5).join(', ')}`);
  if (ids.length === members.size) throw new CaseError('bad_request', 'postIds: a split must leave at least one post in the case');
  const now = ctx.clock.now();
  const newId = 'q_' + stableId(`split|${itemId}|${[...ids].sort().join(',')}|${now}`);
  const one = ids.length === 1;
  const name = (title?.trim() || `${item.title} (split, ${ids.length} post${one ? '' : 's'})`).slice(0, 200);
  const { id: _id, revolt_id: _r, post_id: _p, merged_into: _m, status: _s, assignee: _a, assigned_at: _aa, created_at: _c, updated_at: _u, title: _t, kind: _k, ...rest } = item;
  await ctx.db
    .insertInto('queue_items')
    .values({ ...rest, id: newId, kind: one ? 'post' : 'case', revolt_id: null, post_id: one ? ids[0] : null, parent_revolt_id: item.revolt_id ?? item.parent_revolt_id, title: name, status: 'new', assignee: null, assigned_at: null, merged_into: null, created_at: now, updated_at: now, frt_level: item.frt_level, res_level: item.res_level })
    .execute();
  for (const postId of ids) {
    if (!one) await setCasePost(ctx, newId, postId, members.get(postId) ?? 'open', actor, now);
    await setCasePost(ctx, itemId, postId, 'moved', actor, now, newId);
  }
  await ctx.db.updateTable('queue_items').set({ updated_at: now }).where('id', '=', itemId).execute();
  await writeAudit(ctx, { at: now, actor, action: 'queue.split', entityType: 'queue_item', entityId: itemId, detail: { to: newId, posts: ids.length } });
  await writeAudit(ctx, { at: now, actor, action: 'queue.created', entityType: 'queue_item', entityId: newId, detail: { kind: one ? 'post' : 'case', splitFrom: itemId, posts: ids.length, team: item.team, priority: item.priority } });
  ctx.bus.publish({ topic: 'queue', id: itemId, type: 'split', at: now });
  ctx.bus.publish({ topic: 'queue', id: newId, type: 'created', at: now });
  return newId;
}

/**
 * Single-post items still waiting (status new) whose post joined a revolt fold into the revolt's
 * case, unless one of their reasons needs its own answer (singlePosts.ownItemInRevolt). Bounded:
 * one batch per call; `revoltId` limits it to one revolt.
 */
export async function foldIntoCases(ctx: AppContext, at: number, revoltId?: string): Promise<number> {
  const keep = new Set(routingOf(ctx).rules.singlePosts.ownItemInRevolt);
  let q = ctx.db
    .selectFrom('queue_items as q')
    .innerJoin('revolt_posts as rp', 'rp.post_id', 'q.post_id')
    .innerJoin('queue_items as c', 'c.revolt_id', 'rp.revolt_id')
    .select(['q.id', 'q.reason', 'q.post_id', 'c.id as case_id', 'c.status as case_status', 'c.merged_into as case_merged_into'])
    .where('q.kind', '=', 'post')
    .where('q.status', '=', 'new')
    .where('q.merged_into', 'is', null)
    .limit(200);
  if (revoltId) q = q.where('rp.revolt_id', '=', revoltId);
  let n = 0;
  for (const r of await q.execute()) {
    const reasons = r.reason ? (JSON.parse(r.reason) as string[]) : [];
    if (reasons.some((x) => keep.has(x))) continue;
    const into = r.case_status === 'merged' && r.case_merged_into ? r.case_merged_into : r.case_id;
    const target = await ctx.db.selectFrom('queue_items').select('status').where('id', '=', into).executeTakeFirst();
    if (!target || !MERGEABLE.includes(target.status)) continue;
    const done = await ctx.db.updateTable('queue_items').set({ status: 'merged', merged_into: into, updated_at: at }).where('id', '=', r.id).where('status', '=', 'new').returning('id').execute();
    if (done.length === 0) continue;
    await writeAudit(ctx, { at, actor: 'system', action: 'queue.merge', entityType: 'queue_item', entityId: r.id, detail: { from: 'new', to: 'merged', into, reason: 'its post joined the revolt; answered in the revolt’s case' } });
    ctx.bus.publish({ topic: 'queue', id: r.id, type: 'merge', at });
    n++;
  }
  return n;
}

export interface OpenRevoltCase {
  revoltId: string;
  caseId: string; // the revolt's case, or the case it was merged into
  target: string;
  openedAt: number;
  signature: RevoltSignature;
}

/** Topics that at least `share` of a revolt's posts carry. */
async function commonTopics(ctx: Pick<AppContext, 'db'>, revoltId: string, share: number): Promise<string[]> {
  const rows = await ctx.db.selectFrom('revolt_posts as rp').innerJoin('classifications as c', 'c.post_id', 'rp.post_id').select('c.topics').where('rp.revolt_id', '=', revoltId).limit(2000).execute();
  const counts = new Map<string, number>();
  for (const r of rows) for (const t of new Set((JSON.parse(r.topics) as { id: string }[]).map((x) => x.id))) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= share * rows.length).map(([t]) => t);
}

/** Open revolts that have an open case, by target. */
export async function openRevoltCases(ctx: Pick<AppContext, 'db' | 'routing'>): Promise<Map<string, OpenRevoltCase[]>> {
  const join = routingOf(ctx).rules.singlePosts.joinRevolts;
  const share = join === false ? null : join.topicShare;
  const rows = await ctx.db
    .selectFrom('revolts as r')
    .innerJoin('queue_items as c', 'c.revolt_id', 'r.id')
    .select(['r.id', 'r.target_id', 'r.key', 'r.explain', 'r.opened_at', 'c.id as case_id', 'c.status', 'c.merged_into'])
    .where('r.stage', '!=', 'resolved')
    .execute();
  const out = new Map<string, OpenRevoltCase[]>();
  for (const r of rows) {
    let caseId = r.case_id;
    if (r.status === 'merged' && r.merged_into) {
      const into = await ctx.db.selectFrom('queue_items').select(['id', 'status']).where('id', '=', r.merged_into).executeTakeFirst();
      if (!into || !MERGEABLE.includes(into.status)) continue;
      caseId = into.id;
    } else if (!MERGEABLE.includes(r.status)) continue;
    let explain: Record<string, unknown> = {};
    try {
      explain = JSON.parse(r.explain) as Record<string, unknown>;
    } catch {
      // an unreadable explanation still has its key
    }
    const signature = signatureOf(r.key, explain);
    if (share !== null) for (const t of await commonTopics(ctx, r.id, share)) signature.topics.add(t);
    const list = out.get(r.target_id) ?? [];
    list.push({ revoltId: r.id, caseId, target: r.target_id, openedAt: Number(r.opened_at), signature });
    out.set(r.target_id, list);
  }
  return out;
}

/** The open revolt case a lone complaint belongs to (singlePosts.joinRevolts), with the reason, or null. */
export function caseFor(ctx: Pick<AppContext, 'routing'>, cases: Map<string, OpenRevoltCase[]>, post: { target: string; text: string; topics: string[]; publishedAt: number }): { case: OpenRevoltCase; why: string } | null {
  const join = routingOf(ctx).rules.singlePosts.joinRevolts;
  if (join === false) return null;
  for (const c of cases.get(post.target) ?? []) {
    if (post.publishedAt < c.openedAt - join.before) continue;
    const why = affinity(post, c.signature, join.sharedTerms);
    if (why) return { case: c, why };
  }
  return null;
}

/** Waiting complaint-only post items that belong to an open revolt's case (by affinity) join it. */
export async function joinCasesByAffinity(ctx: AppContext, at: number): Promise<number> {
  const cases = await openRevoltCases(ctx);
  if (cases.size === 0) return 0;
  const rows = await ctx.db
    .selectFrom('queue_items as q')
    .innerJoin('posts as p', 'p.id', 'q.post_id')
    .leftJoin('classifications as cl', 'cl.post_id', 'p.id')
    .select(['q.id', 'q.post_id', 'q.target_id', 'p.text', 'p.published_at', 'cl.topics'])
    .where('q.kind', '=', 'post')
    .where('q.status', '=', 'new')
    .where('q.reason', '=', JSON.stringify(['complaint']))
    .where('q.target_id', 'in', [...cases.keys()])
    .limit(500)
    .execute();
  let n = 0;
  for (const r of rows) {
    const topics = r.topics ? (JSON.parse(r.topics) as { id: string }[]).map((t) => t.id) : [];
    const hit = caseFor(ctx, cases, { target: r.target_id, text: r.text, topics, publishedAt: r.published_at });
    if (!hit) continue;
    const done = await ctx.db.updateTable('queue_items').set({ status: 'merged', merged_into: hit.case.caseId, parent_revolt_id: hit.case.revoltId, updated_at: at }).where('id', '=', r.id).where('status', '=', 'new').returning('id').execute();
    if (done.length === 0) continue;
    await setCasePost(ctx, hit.case.caseId, r.post_id!, 'open', 'system', at);
    await writeAudit(ctx, { at, actor: 'system', action: 'queue.merge', entityType: 'queue_item', entityId: r.id, detail: { from: 'new', to: 'merged', into: hit.case.caseId, reason: `part of the revolt: ${hit.why}` } });
    ctx.bus.publish({ topic: 'queue', id: r.id, type: 'merge', at });
    n++;
  }
  return n;
}
