/**
 * One queue item as a case: its posts (newest first, each with its state in the case and its latest
 * reply), the items linked to it or merged into it, replies with their delivery state, the audit
 * trail and notes, and the reply templates that fit it.
 */
import type { AppContext } from '../context.js';
import { listPosts, type PostView } from '../http/queries.js';
import { routingOf } from './setup.js';
import { humanDuration, suggestReply, templateChoices, type SuggestedReply, type TemplateChoice } from './templates.js';
import type { SlaSnapshot } from './queue.js';
import { auditOf, itemView, type AuditView, type QueueItemView } from './views.js';
import { casePosts, type CasePostStatus } from './cases.js';

export const MAX_CASE_POSTS = 500;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function replyView(r: { id: string; item_id: string; post_id: string; channel: string; text: string; template: string | null; status: string; drafted_by: string; approved_by: string | null; decided_at: number | null; decision_note: string | null; attempts: number; next_attempt_at: number; last_error: string | null; last_status: number | null; remote_id: string | null; remote_url: string | null; created_at: number; sent_at: number | null }) {
  return {
    id: r.id,
    itemId: r.item_id,
    postId: r.post_id,
    channel: r.channel,
    text: r.text,
    template: r.template,
    status: r.status,
    draftedBy: r.drafted_by,
    decidedBy: r.approved_by,
    decidedAt: iso(r.decided_at),
    note: r.decision_note,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastError: r.last_error,
    lastStatus: r.last_status,
    remoteId: r.remote_id,
    remoteUrl: r.remote_url,
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
  };
}
export type ReplyView = ReturnType<typeof replyView>;

export type CasePostView = PostView & { caseStatus: CasePostStatus; reply: { status: string; remoteUrl: string | null } | null };

export interface QueueItemDetail extends QueueItemView {
  posts: CasePostView[];
  postCount: number;
  postCounts: Record<CasePostStatus, number>;
  linkedItems: QueueItemView[];
  mergedItems: QueueItemView[];
  audit: AuditView[];
  notes: { at: string; actor: string; text: string }[];
  suggestedReply: SuggestedReply | null;
  templates: TemplateChoice[];
  replies: ReplyView[];
  deliveries: { id: string; channel: string; kind: string | null; status: string; attempts: number; lastError: string | null; deliveredAt: string | null }[];
}

export async function getQueueItem(ctx: AppContext, id: string): Promise<QueueItemDetail | null> {
  const r = await ctx.db.selectFrom('queue_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const now = ctx.clock.now();
  const view = itemView(r, now);
  const members = await casePosts(ctx, r);
  const counts: Record<CasePostStatus, number> = { open: 0, answered: 0, resolved: 0, dismissed: 0 };
  for (const s of members.values()) counts[s]++;
  const posts = await listPosts(ctx, { ids: [...members.keys()].slice(0, 5_000), limit: MAX_CASE_POSTS });
  const replies = await ctx.db.selectFrom('replies').selectAll().where('item_id', '=', id).orderBy('created_at', 'desc').orderBy('id').execute();
  const lastReply = new Map<string, { status: string; remoteUrl: string | null }>();
  for (const x of replies) if (!lastReply.has(x.post_id)) lastReply.set(x.post_id, { status: x.status, remoteUrl: x.remote_url });
  const linked = r.revolt_id ? await ctx.db.selectFrom('queue_items').selectAll().where('parent_revolt_id', '=', r.revolt_id).where('kind', '!=', 'revolt').execute() : [];
  const merged = await ctx.db.selectFrom('queue_items').selectAll().where('merged_into', '=', id).execute();
  const audit = await auditOf(ctx, 'queue_item', id);
  const events = (await ctx.db.selectFrom('events').select('id').where((eb) => eb.or([eb('queue_item_id', '=', id), ...(r.revolt_id ? [eb('revolt_id', '=', r.revolt_id)] : [])])).execute()).map((e) => e.id);
  const deliveries = events.length ? await ctx.db.selectFrom('outbox').selectAll().where('event_id', 'in', events).orderBy('created_at').execute() : [];
  const target = await ctx.db.selectFrom('targets').select('name').where('id', '=', r.target_id).executeTakeFirst();
  const sla = r.sla ? (JSON.parse(r.sla) as SlaSnapshot) : null;
  const single = r.kind === 'post' && posts.length === 1;
  const author = single ? (posts[0].author.handle ? `@${posts[0].author.handle.replace(/^@+/, '')}` : (posts[0].author.name ?? '')) : undefined;
  const lang = r.lang ?? 'en';
  const input = {
    kind: r.kind as 'revolt' | 'post' | 'case',
    lang: r.lang,
    topic: r.topic,
    // {author} stays a placeholder for a case of many posts: it is filled per post when sent
    vars: { author, brand: target?.name ?? r.target_id, topic: r.topic ?? '', team: r.team ?? '', first_response: sla ? humanDuration(sla.firstResponseMs, lang) : '', resolve: sla?.resolveMs ? humanDuration(sla.resolveMs, lang) : '' },
  };
  const templates = routingOf(ctx).templates;
  return {
    ...view,
    posts: posts.map((p) => ({ ...p, caseStatus: members.get(p.id) ?? 'open', reply: lastReply.get(p.id) ?? null })),
    postCount: members.size,
    postCounts: counts,
    linkedItems: linked.map((x) => itemView(x, now)),
    mergedItems: merged.map((x) => itemView(x, now)),
    audit,
    notes: audit.filter((a) => a.action === 'queue.note').map((a) => ({ at: a.at, actor: a.actor, text: String(a.detail?.text ?? '') })),
    suggestedReply: suggestReply(templates, input),
    templates: templateChoices(templates, input),
    replies: replies.map(replyView),
    deliveries: deliveries.map((d) => ({ id: d.id, channel: d.channel, kind: d.kind, status: d.status, attempts: d.attempts, lastError: d.last_error, deliveredAt: iso(d.delivered_at) })),
  };
}
