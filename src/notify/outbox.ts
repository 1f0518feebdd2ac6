/**
 * The durable outbox: one row per (event, channel), written right after the event it announces
 * (ids make it idempotent). The delivery worker that drains it arrives with the notifications issue.
 */
import type { AppContext } from '../context.js';
import type { RevoltEvent } from '../types.js';
import { stableId } from '../util/ids.js';

const ANNOUNCED: ReadonlySet<RevoltEvent['type']> = new Set(['revolt.opened', 'revolt.escalated', 'revolt.resolved']);

export async function enqueueDeliveries(ctx: Pick<AppContext, 'db' | 'config'>, event: RevoltEvent): Promise<number> {
  if (!ANNOUNCED.has(event.type)) return 0;
  const channels = ctx.config.notifications.channels.filter((c) => event.revolt.severity >= c.minSeverity);
  if (channels.length === 0) return 0;
  const rows = channels.map((c) => ({
    id: 'o_' + stableId(`${event.id}|${c.id}`),
    event_id: event.id,
    channel: c.id,
    payload: JSON.stringify(event),
    status: 'pending',
    attempts: 0,
    next_attempt_at: event.at,
    last_error: null,
    created_at: event.at,
    delivered_at: null,
  }));
  await ctx.db
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.columns(['event_id', 'channel']).doNothing())
    .execute();
  return rows.length;
}
