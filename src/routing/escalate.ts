/**
 * The SLA tick: near-breach and breach of the first-response and resolution clocks bump the
 * item's priority, write an event, notify the route's escalation channels and go in the audit
 * trail; claimed items nobody has answered within the route's reassignAfter go to another agent
 * of the team with room (or back to "new"). Each step is a guarded UPDATE: safe to re-run.
 */
import type { AppContext } from '../context.js';
import type { Priority } from '../types.js';
import { stableId } from '../util/ids.js';
import { writeAudit } from '../store/audit.js';
import { addBusinessTime } from './hours.js';
import { bumpPriority } from './route.js';
import { routingOf } from './setup.js';
import { agentLoad } from './actions.js';
import type { SlaSnapshot } from './queue.js';
import { channelsFor, enqueueNotice, itemLink } from '../notify/outbox.js';
import { slaNotice } from '../notify/message.js';

const BATCH = 200;

export interface EscalateResult {
  nearBreach: number;
  breach: number;
  reassigned: number;
}

type Clock = 'frt' | 'res';

export async function escalateTick(ctx: AppContext, now: number = ctx.clock.now()): Promise<EscalateResult> {
  const out: EscalateResult = { nearBreach: 0, breach: 0, reassigned: 0 };
  const frt = await ctx.db
    .selectFrom('queue_items')
    .selectAll()
    .where('status', 'in', ['new', 'claimed'])
    .where('first_responded_at', 'is', null)
    .where((eb) => eb.or([eb.and([eb('frt_level', '<', 1), eb('near_first_response_at', '<=', now)]), eb.and([eb('frt_level', '<', 2), eb('due_first_response_at', '<=', now)])]))
    .limit(BATCH)
    .execute();
  for (const item of frt) await escalateOne(ctx, item, 'frt', now, out);
  const res = await ctx.db
    .selectFrom('queue_items')
    .selectAll()
    .where('status', 'in', ['new', 'claimed', 'responded'])
    .where((eb) => eb.or([eb.and([eb('res_level', '<', 1), eb('near_resolve_at', '<=', now)]), eb.and([eb('res_level', '<', 2), eb('due_resolve_at', '<=', now)])]))
    .limit(BATCH)
    .execute();
  for (const item of res) await escalateOne(ctx, item, 'res', now, out);
  out.reassigned = await reassignStale(ctx, now);
  return out;
}

type ItemRow = Awaited<ReturnType<typeof loadItem>>;
async function loadItem(ctx: AppContext, id: string) {
  return ctx.db.selectFrom('queue_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function escalateOne(ctx: AppContext, item: ItemRow, clock: Clock, now: number, out: EscalateResult): Promise<void> {
  const due = clock === 'frt' ? item.due_first_response_at : item.due_resolve_at;
  const oldLevel = clock === 'frt' ? item.frt_level : item.res_level;
  const level = due !== null && due <= now ? 2 : 1;
  if (level <= oldLevel) return;
  let priority = item.priority as Priority;
  for (let i = oldLevel; i < level; i++) priority = bumpPriority(priority);
  const levelCol = clock === 'frt' ? 'frt_level' : 'res_level';
  const won = await ctx.db
    .updateTable('queue_items')
    .set({ [levelCol]: level, priority, updated_at: now })
    .where('id', '=', item.id)
    .where(levelCol, '<', level)
    .returning('id')
    .execute();
  if (won.length === 0) return; // another worker got there first
  const kind = level === 2 ? 'sla.breach' : 'sla.near_breach';
  const clockName = clock === 'frt' ? 'first response' : 'resolution';
  const eventId = 'e_' + stableId(`${item.id}|${kind}|${clock}`);
  const dueAt = level === 2 ? due! : (due ?? now);
  await ctx.db
    .insertInto('events')
    .values({ id: eventId, type: kind, at: now, revolt_id: item.revolt_id ?? item.parent_revolt_id, queue_item_id: item.id, payload: JSON.stringify({ clock: clockName, dueAt, priority: { from: item.priority, to: priority } }) })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await writeAudit(ctx, { at: now, actor: 'system', action: `queue.${kind}`, entityType: 'queue_item', entityId: item.id, detail: { clock: clockName, dueAt, priority: { from: item.priority, to: priority } } });
  const esc = JSON.parse(item.escalation_channels ?? '[]') as string[];
  // the route's escalation channels; a route without any falls back to the item's own channels
  const channels = esc.length ? channelsFor(ctx, esc) : channelsFor(ctx, item.channels ? (JSON.parse(item.channels) as string[]) : null);
  const notice = slaNotice({
    kind,
    eventId,
    at: now,
    clock: clockName,
    dueAt,
    title: item.title,
    target: item.target_id,
    severity: item.severity,
    priority,
    previousPriority: item.priority,
    team: item.team,
    assignee: item.assignee,
    status: item.status,
    link: itemLink(ctx, { id: item.id, revoltId: item.revolt_id, kind: item.kind }),
  });
  await enqueueNotice(ctx, { notice, channels, subject: `${item.id}|${kind}`, at: now });
  ctx.bus.publish({ topic: 'queue', id: item.id, type: kind, at: now });
  if (level === 2) out.breach++;
  else out.nearBreach++;
}

async function reassignStale(ctx: AppContext, now: number): Promise<number> {
  const rows = await ctx.db
    .selectFrom('queue_items')
    .select(['id', 'team', 'assignee', 'assigned_at', 'sla'])
    .where('status', '=', 'claimed')
    .where('first_responded_at', 'is', null)
    .where('assigned_at', 'is not', null)
    .orderBy('assigned_at')
    .limit(BATCH)
    .execute();
  let n = 0;
  for (const r of rows) {
    const sla = r.sla ? (JSON.parse(r.sla) as SlaSnapshot) : null;
    if (!sla?.reassignAfterMs || r.assigned_at === null) continue;
    const limit = sla.pauseOutsideHours ? addBusinessTime(r.assigned_at, sla.reassignAfterMs, sla.schedule) : r.assigned_at + sla.reassignAfterMs;
    if (limit > now) continue;
    const team = routingOf(ctx).rules.teams.find((t) => t.id === r.team);
    let next: string | null = null;
    let best = Infinity;
    for (const a of team?.agents ?? []) {
      if (a.id === r.assignee) continue;
      const load = await agentLoad(ctx, a.id);
      if (load.open < load.capacity && load.open / Math.max(1, load.capacity) < best) {
        best = load.open / Math.max(1, load.capacity);
        next = a.id;
      }
    }
    const done = await ctx.db
      .updateTable('queue_items')
      .set(next ? { assignee: next, assigned_at: now, updated_at: now } : { status: 'new', assignee: null, assigned_at: null, updated_at: now })
      .where('id', '=', r.id)
      .where('status', '=', 'claimed')
      .where('assigned_at', '=', r.assigned_at)
      .returning('id')
      .execute();
    if (done.length === 0) continue;
    await writeAudit(ctx, { at: now, actor: 'system', action: 'queue.reassign', entityType: 'queue_item', entityId: r.id, detail: { from: r.assignee, to: next, reason: `no response within ${Math.round(sla.reassignAfterMs / 60_000)} min` } });
    ctx.bus.publish({ topic: 'queue', id: r.id, type: 'reassign', at: now });
    n++;
  }
  return n;
}
