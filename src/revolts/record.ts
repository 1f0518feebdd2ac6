/**
 * Persist a revolt event and everything it causes: the event row, the queue item, the audit entry
 * and one outbox row per notification channel. Ids are derived from the revolt and event so a
 * re-run writes nothing twice.
 */
import type { AppContext } from '../context.js';
import type { Revolt, RevoltEvent, RevoltEventType } from '../types.js';
import { stableId } from '../util/ids.js';
import { upsertQueueItemForRevolt } from '../routing/queue.js';
import { enqueueDeliveries } from '../notify/outbox.js';
import { writeAudit } from '../store/audit.js';

export async function recordRevoltEvent(ctx: AppContext, type: RevoltEventType, at: number, revolt: Revolt): Promise<RevoltEvent> {
  const event: RevoltEvent = { id: 'e_' + stableId(`${revolt.id}|${type}|${at}`), type, at, revolt };
  const inserted = await ctx.db
    .insertInto('events')
    .values({ id: event.id, type, at, revolt_id: revolt.id, queue_item_id: null, payload: JSON.stringify(event) })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  if (inserted.length === 0) return event; // already recorded by an earlier run
  const item = await upsertQueueItemForRevolt(ctx, revolt, at);
  await writeAudit(ctx, { at, actor: 'system', action: type, entityType: 'revolt', entityId: revolt.id, detail: { severity: revolt.severity, stage: revolt.stage, queueItem: item.id } });
  await enqueueDeliveries(ctx, event);
  ctx.log.info(type, { revolt: revolt.id, target: revolt.target, key: revolt.key, severity: revolt.severity, members: revolt.postIds.length });
  ctx.bus.publish({ topic: 'revolt', id: revolt.id, type, at });
  return event;
}
