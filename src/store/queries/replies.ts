/** Reads of the replies table by name, for routes and pages (replies/ owns the writes). */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.js';
import type { RepliesTable } from '../schema.js';

type Db = Pick<AppContext, 'db'>;
export type ReplyRow = Selectable<RepliesTable>;

export async function getReplies(ctx: Db, ids: string[]): Promise<ReplyRow[]> {
  return ids.length ? ctx.db.selectFrom('replies').selectAll().where('id', 'in', ids).execute() : [];
}

export async function getReply(ctx: Db, id: string): Promise<ReplyRow | undefined> {
  return ctx.db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; only one status when given. */
export async function listReplies(ctx: Db, opts: { status?: string; limit: number }): Promise<ReplyRow[]> {
  let q = ctx.db.selectFrom('replies').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(opts.limit);
  if (opts.status) q = q.where('status', '=', opts.status);
  return q.execute();
}

/** The replies a case sent, first sent first (what a revolt's answers and the answers view count). */
export async function sentRepliesOfCase(ctx: Db, caseId: string, limit: number) {
  return ctx.db.selectFrom('replies').select(['post_id', 'channel', 'sent_at', 'remote_id', 'remote_url']).where('item_id', '=', caseId).where('status', '=', 'sent').orderBy('sent_at').limit(limit).execute();
}

/** The sent replies of these cases, first sent first (callers chunk the ids). */
export async function sentRepliesOfCases(ctx: Db, caseIds: string[]) {
  if (!caseIds.length) return [];
  return ctx.db.selectFrom('replies').select(['item_id', 'template', 'channel', 'sent_at']).where('item_id', 'in', caseIds).where('status', '=', 'sent').orderBy('sent_at').execute();
}

/** When (and by whom) a case was marked responded, from its audit trail. */
export async function respondedMarksOfCase(ctx: Db, caseId: string): Promise<{ at: number; actor: string }[]> {
  const rows = await ctx.db.selectFrom('audit_log').select(['at', 'actor']).where('entity_type', '=', 'queue_item').where('entity_id', '=', caseId).where('action', '=', 'queue.respond').execute();
  return rows.map((m) => ({ at: Number(m.at), actor: m.actor }));
}
