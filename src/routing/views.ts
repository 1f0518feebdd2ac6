/**
 * Read models of the queue for the API and the dashboard: items most urgent first (the clock that
 * runs out soonest, then priority), each with its SLA state computed from the service clock at
 * read time, so a breach shows on the next read, not on the next escalation tick.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from '../store/schema.js';
import type { AppContext } from '../context.js';
import type { QueueStatus, SlaSnapshot } from './queue.js';

type Row = Awaited<ReturnType<typeof selectItems>>[number];
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function selectItems(ctx: Pick<AppContext, 'db'>) {
  return ctx.db.selectFrom('queue_items').selectAll().execute();
}

export type SlaView = 'breached' | 'near-breach';

export interface QueueFilter {
  status?: QueueStatus[];
  team?: string;
  assignee?: string;
  /** '' or 'none': items nobody holds. */
  unassigned?: boolean;
  kind?: 'revolt' | 'post' | 'case';
  target?: string;
  priority?: string;
  topic?: string;
  sla?: SlaView;
  /** Items with replies waiting for approval. */
  awaitingApproval?: boolean;
  ids?: string[];
  limit?: number;
}

const OPEN = ['new', 'claimed', 'responded'];

/** State of one clock at `now`: met, met-late, breached, near-breach or running. */
function clockState(due: number | null, near: number | null, doneAt: number | null, now: number): 'met' | 'met-late' | 'breached' | 'near-breach' | 'running' | 'none' {
  if (due === null) return doneAt !== null ? 'met' : 'none';
  if (doneAt !== null) return doneAt > due ? 'met-late' : 'met';
  if (due <= now) return 'breached';
  if (near !== null && near <= now) return 'near-breach';
  return 'running';
}

export function itemView(r: Row, now: number) {
  const sla = r.sla ? (JSON.parse(r.sla) as SlaSnapshot) : null;
  const open = OPEN.includes(r.status);
  const frtState = open || r.first_responded_at !== null ? clockState(r.due_first_response_at, r.near_first_response_at, r.first_responded_at, now) : 'none';
  const resState = open ? clockState(r.due_resolve_at, r.near_resolve_at, null, now) : r.resolved_at !== null && r.due_resolve_at !== null ? (r.resolved_at > r.due_resolve_at ? 'met-late' : 'met') : 'none';
  // the clock that matters now: first response until answered, then resolution
  const activeFrt = r.first_responded_at === null && r.due_first_response_at !== null;
  const dueAt = open ? (activeFrt ? r.due_first_response_at : r.due_resolve_at) : null;
  const nearAt = open ? (activeFrt ? r.near_first_response_at : r.near_resolve_at) : null;
  const state = !open ? 'closed' : frtState === 'breached' || resState === 'breached' ? 'breached' : frtState === 'near-breach' || resState === 'near-breach' ? 'near-breach' : 'running';
  return {
    id: r.id,
    kind: r.kind,
    revoltId: r.revolt_id ?? r.parent_revolt_id,
    postId: r.post_id,
    target: r.target_id,
    title: r.title,
    status: r.status,
    priority: r.priority,
    severity: r.severity,
    team: r.team,
    assignee: r.assignee,
    route: r.route_id,
    lang: r.lang,
    topic: r.topic,
    reasons: r.reason ? (JSON.parse(r.reason) as string[]) : [],
    mergedInto: r.merged_into,
    needsApproval: r.needs_approval === 1,
    sla: {
      state: state as 'closed' | 'breached' | 'near-breach' | 'running',
      clock: !open ? null : activeFrt ? ('firstResponse' as const) : r.due_resolve_at !== null ? ('resolution' as const) : null,
      dueAt: iso(dueAt),
      nearAt: iso(nearAt),
      firstResponse: { dueAt: iso(r.due_first_response_at), nearAt: iso(r.near_first_response_at), respondedAt: iso(r.first_responded_at), state: frtState, overdue: r.first_responded_at === null && r.due_first_response_at !== null && r.due_first_response_at <= now },
      resolution: { dueAt: iso(r.due_resolve_at), nearAt: iso(r.near_resolve_at), resolvedAt: iso(r.resolved_at), state: resState },
      pausesOutsideHours: sla?.pauseOutsideHours ?? false,
      timezone: sla?.schedule.timezone ?? null,
    },
    assignedAt: iso(r.assigned_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
export type QueueItemView = ReturnType<typeof itemView>;

// the deadline that runs out first: first response until answered, then resolution; none sorts last
const DUE_KEY = sql<number>`coalesce(case when first_responded_at is null then due_first_response_at else due_resolve_at end, 9007199254740991)`;

export async function listQueueItems(ctx: AppContext, f: QueueFilter = {}): Promise<QueueItemView[]> {
  const now = ctx.clock.now();
  const closedOnly = f.status?.length && f.status.every((s) => !OPEN.includes(s));
  let q = ctx.db.selectFrom('queue_items').selectAll().limit(f.limit ?? 200);
  // open work: what runs out soonest first, then priority; closed work: most recent first
  q = closedOnly ? q.orderBy('updated_at', 'desc').orderBy('id') : q.orderBy(DUE_KEY).orderBy('priority').orderBy('created_at').orderBy('id');
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.team) q = q.where('team', '=', f.team);
  if (f.assignee) q = q.where('assignee', '=', f.assignee);
  if (f.unassigned) q = q.where('assignee', 'is', null);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.target) q = q.where('target_id', '=', f.target);
  if (f.priority) q = q.where('priority', '=', f.priority);
  if (f.topic) q = q.where('topic', '=', f.topic);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['']);
  if (f.awaitingApproval) q = q.where('id', 'in', ctx.db.selectFrom('replies').select('item_id').where('status', '=', 'awaiting_approval'));
  if (f.sla) {
    q = q.where('status', 'in', OPEN);
    // every comparison guarded against NULL: NOT (NULL) would drop the row
    const passed = (eb: ExpressionBuilder<DB, 'queue_items'>, frt: 'due_first_response_at' | 'near_first_response_at', res: 'due_resolve_at' | 'near_resolve_at') =>
      eb.or([eb.and([eb('first_responded_at', 'is', null), eb(frt, 'is not', null), eb(frt, '<=', now)]), eb.and([eb(res, 'is not', null), eb(res, '<=', now)])]);
    if (f.sla === 'breached') q = q.where((eb) => passed(eb, 'due_first_response_at', 'due_resolve_at'));
    else q = q.where((eb) => eb.and([eb.not(passed(eb, 'due_first_response_at', 'due_resolve_at')), passed(eb, 'near_first_response_at', 'near_resolve_at')]));
  }
  return (await q.execute()).map((r) => itemView(r, now));
}

/** Open items per SLA state, for the inbox's view counts. */
export async function slaCounts(ctx: AppContext): Promise<{ open: number; breached: number; nearBreach: number; awaitingApproval: number }> {
  const items = await listQueueItems(ctx, { status: OPEN as QueueStatus[], limit: 5000 });
  const waiting = await ctx.db.selectFrom('replies').select((eb) => eb.fn.count<number>('item_id').distinct().as('n')).where('status', '=', 'awaiting_approval').executeTakeFirst();
  return { open: items.length, breached: items.filter((i) => i.sla.state === 'breached').length, nearBreach: items.filter((i) => i.sla.state === 'near-breach').length, awaitingApproval: Number(waiting?.n ?? 0) };
}

export interface AuditView {
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown> | null;
}

export async function auditOf(ctx: Pick<AppContext, 'db'>, entityType: string, entityId: string): Promise<AuditView[]> {
  const rows = await ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, detail: r.detail ? JSON.parse(r.detail) : null }));
}
