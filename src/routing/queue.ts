/**
 * The response queue, first version: one item per revolt, created when it opens and kept up to
 * date as it grows (never duplicated: revolt_id is unique). Routing rules, SLAs and per-post items
 * arrive with the queue issue.
 */
import type { AppContext } from '../context.js';
import type { Revolt } from '../types.js';
import { stableId } from '../util/ids.js';

const FIRST_RESPONSE_MS: Record<Revolt['priority'], number> = { P1: 15 * 60_000, P2: 60 * 60_000, P3: 4 * 3_600_000, P4: 24 * 3_600_000 };

export async function upsertQueueItemForRevolt(ctx: Pick<AppContext, 'db'>, revolt: Revolt, at: number): Promise<{ id: string; created: boolean }> {
  const id = 'q_' + stableId(`revolt|${revolt.id}`);
  const inserted = await ctx.db
    .insertInto('queue_items')
    .values({
      id,
      kind: 'revolt',
      revolt_id: revolt.id,
      post_id: null,
      target_id: revolt.target,
      title: revolt.label,
      status: 'new',
      priority: revolt.priority,
      team: null,
      assignee: null,
      due_first_response_at: at + FIRST_RESPONSE_MS[revolt.priority],
      due_resolve_at: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('revolt_id').doNothing())
    .returning('id')
    .execute();
  if (inserted.length) return { id, created: true };
  await ctx.db.updateTable('queue_items').set({ priority: revolt.priority, title: revolt.label, updated_at: at }).where('revolt_id', '=', revolt.id).execute();
  return { id, created: false };
}
