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
