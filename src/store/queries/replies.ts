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
