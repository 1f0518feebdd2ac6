/** Read models of the queue for the API and the dashboard: items with their posts, audit trail and suggested reply. */
import type { AppContext } from '../context.js';
import { listPosts, type PostView } from '../http/queries.js';
import { routingOf } from './setup.js';
import { humanDuration, suggestReply, type SuggestedReply } from './templates.js';
import type { QueueStatus, SlaSnapshot } from './queue.js';

type Row = Awaited<ReturnType<typeof selectItems>>[number];
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function selectItems(ctx: Pick<AppContext, 'db'>) {
  return ctx.db.selectFrom('queue_items').selectAll().execute();
}

export interface QueueFilter {
  status?: QueueStatus[];
  team?: string;
  assignee?: string;
  kind?: 'revolt' | 'post';
  target?: string;
  limit?: number;
}

function itemView(r: Row, now: number) {
  const sla = r.sla ? (JSON.parse(r.sla) as SlaSnapshot) : null;
  const frtState = r.first_responded_at !== null ? (r.due_first_response_at !== null && r.first_responded_at > r.due_first_response_at ? 'met-late' : 'met') : r.frt_level >= 2 ? 'breached' : r.frt_level === 1 ? 'near-breach' : 'running';
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
    sla: {
      firstResponse: { dueAt: iso(r.due_first_response_at), nearAt: iso(r.near_first_response_at), respondedAt: iso(r.first_responded_at), state: frtState, overdue: r.first_responded_at === null && r.due_first_response_at !== null && r.due_first_response_at <= now },
      resolution: { dueAt: iso(r.due_resolve_at), nearAt: iso(r.near_resolve_at), resolvedAt: iso(r.resolved_at), state: r.res_level >= 2 ? 'breached' : r.res_level === 1 ? 'near-breach' : r.resolved_at ? 'met' : 'running' },
      pausesOutsideHours: sla?.pauseOutsideHours ?? false,
      timezone: sla?.schedule.timezone ?? null,
    },
    assignedAt: iso(r.assigned_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
export type QueueItemView = ReturnType<typeof itemView>;

const PRIORITY_RANK = (p: string) => ['P1', 'P2', 'P3', 'P4'].indexOf(p);

export async function listQueueItems(ctx: AppContext, f: QueueFilter = {}): Promise<QueueItemView[]> {
  let q = ctx.db.selectFrom('queue_items').selectAll().orderBy('priority').orderBy('created_at', 'desc').limit(f.limit ?? 200);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.team) q = q.where('team', '=', f.team);
  if (f.assignee) q = q.where('assignee', '=', f.assignee);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.target) q = q.where('target_id', '=', f.target);
  const now = ctx.clock.now();
  return (await q.execute()).map((r) => itemView(r, now)).sort((a, b) => PRIORITY_RANK(a.priority) - PRIORITY_RANK(b.priority));
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

export interface QueueItemDetail extends QueueItemView {
  posts: PostView[];
  linkedItems: QueueItemView[];
  audit: AuditView[];
  notes: { at: string; actor: string; text: string }[];
  suggestedReply: SuggestedReply | null;
  deliveries: { id: string; channel: string; kind: string | null; status: string; attempts: number; lastError: string | null; deliveredAt: string | null }[];
}

export async function getQueueItem(ctx: AppContext, id: string): Promise<QueueItemDetail | null> {
  const r = await ctx.db.selectFrom('queue_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const now = ctx.clock.now();
  const view = itemView(r, now);
  let postIds: string[] = [];
  if (r.kind === 'post' && r.post_id) postIds = [r.post_id];
  else if (r.revolt_id) postIds = (await ctx.db.selectFrom('revolt_posts').select('post_id').where('revolt_id', '=', r.revolt_id).execute()).map((x) => x.post_id);
  const posts = (await listPosts(ctx, { ids: postIds.slice(0, 1000), limit: 1000 })).sort((a, b) => (b.author.followers ?? 0) - (a.author.followers ?? 0)).slice(0, 100);
  const linked = r.kind === 'revolt' && r.revolt_id ? await ctx.db.selectFrom('queue_items').selectAll().where('parent_revolt_id', '=', r.revolt_id).execute() : [];
  const audit = await auditOf(ctx, 'queue_item', id);
  const events = (await ctx.db.selectFrom('events').select('id').where((eb) => eb.or([eb('queue_item_id', '=', id), ...(r.revolt_id ? [eb('revolt_id', '=', r.revolt_id)] : [])])).execute()).map((e) => e.id);
  const deliveries = events.length ? await ctx.db.selectFrom('outbox').selectAll().where('event_id', 'in', events).orderBy('created_at').execute() : [];
  const target = await ctx.db.selectFrom('targets').select('name').where('id', '=', r.target_id).executeTakeFirst();
  const sla = r.sla ? (JSON.parse(r.sla) as SlaSnapshot) : null;
  const author = r.kind === 'post' && posts[0] ? (posts[0].author.handle ? `@${posts[0].author.handle.replace(/^@+/, '')}` : (posts[0].author.name ?? '')) : '';
  const suggestedReply = suggestReply(routingOf(ctx).templates, {
    kind: r.kind as 'revolt' | 'post',
    lang: r.lang,
    topic: r.topic,
    vars: {
      author,
      brand: target?.name ?? r.target_id,
      topic: r.topic ?? '',
      team: r.team ?? '',
      first_response: sla ? humanDuration(sla.firstResponseMs, r.lang ?? 'en') : '',
      resolve: sla?.resolveMs ? humanDuration(sla.resolveMs, r.lang ?? 'en') : '',
    },
  });
  return {
    ...view,
    posts,
    linkedItems: linked.map((x) => itemView(x, now)),
    audit,
    notes: audit.filter((a) => a.action === 'queue.note').map((a) => ({ at: a.at, actor: a.actor, text: String(a.detail?.text ?? '') })),
    suggestedReply,
    deliveries: deliveries.map((d) => ({ id: d.id, channel: d.channel, kind: d.kind, status: d.status, attempts: d.attempts, lastError: d.last_error, deliveredAt: iso(d.delivered_at) })),
  };
}
