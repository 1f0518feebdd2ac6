/** Reads of the notification outbox and failing destinations, for the deliveries API (notify/ owns the writes). */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../context.js';
import type { NotifyDestinationsTable, OutboxTable } from '../schema.js';

type Db = Pick<AppContext, 'db'>;
export type OutboxRow = Selectable<OutboxTable>;

/** Newest first; filtered by status and channel when given. */
export async function listDeliveries(ctx: Db, opts: { status?: string; channel?: string; limit: number }): Promise<OutboxRow[]> {
  let q = ctx.db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').limit(opts.limit);
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.channel) q = q.where('channel', '=', opts.channel);
  return q.execute();
}

export async function getDelivery(ctx: Db, id: string): Promise<OutboxRow | undefined> {
  return ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Destinations that are failing, each with its number of messages waiting. */
export async function failingDestinationsWithWaiting(ctx: Db): Promise<(NotifyDestinationsTable & { waiting: number })[]> {
  const failing = await ctx.db.selectFrom('notify_destinations').selectAll().orderBy('channel').execute();
  const waiting = await ctx.db
    .selectFrom('outbox')
    .select('channel')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .groupBy('channel')
    .execute();
  const count = new Map(waiting.map((w) => [w.channel, Number(w.n)]));
  return failing.map((d) => ({ ...d, waiting: count.get(d.channel) ?? 0 }));
}

/** Deliveries per status. */
export async function deliveryCounts(ctx: Db): Promise<Record<string, number>> {
  const rows = await ctx.db
    .selectFrom('outbox')
    .select(['status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((d) => [d.status, Number(d.n)]));
}
