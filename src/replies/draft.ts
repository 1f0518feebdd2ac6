/**
 * Replies from the desk: an agent writes one (or answers many of a case's posts with one template),
 * each to one post, published on that post's network (publishers/) or handed to the helpdesk
 * webhook. Where the item's route asks for approval the reply waits for a lead of the item's team
 * (or an admin) other than its author; then the publish worker sends it (publish.ts).
 */
import type { AppContext } from '../context.js';
import type { Role } from '../auth/roles.js';
import { newId } from '../util/ids.js';
import { writeAudit } from '../store/audit.js';
import { routingOf } from '../routing/setup.js';
import { casePosts } from '../routing/cases.js';
import { fillTemplate, humanDuration } from '../routing/templates.js';
import type { SlaSnapshot } from '../routing/queue.js';
import { IN_PLACE, PUBLISHERS } from './publishers/index.js';
import type { ReplyChannel } from './types.js';

export class ReplyError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'bad_request' | 'forbidden' | 'unpublishable',
    message: string,
  ) {
    super(message);
  }
}

const OPEN = ['new', 'claimed', 'responded'];
const LIVE = ['awaiting_approval', 'pending'];

/** Where a reply to a post from this source goes, or why it cannot go anywhere. */
export function channelFor(ctx: Pick<AppContext, 'config'>, source: { id: string; type: string; config: string } | undefined): { channel: ReplyChannel } | { error: string } {
  if (!source) return { error: 'its source is no longer configured' };
  if (source.type === 'demo') return { channel: 'demo' };
  const inPlace = IN_PLACE[source.type];
  let why = `${source.type} posts cannot be answered in place`;
  if (inPlace) {
    const missing = PUBLISHERS[inPlace].missing(JSON.parse(source.config || '{}') as Record<string, unknown>);
    if (missing === null) return { channel: inPlace };
    why = `source ${source.id} has no credentials to reply: set ${missing}`;
  }
  if (ctx.config.replies.helpdesk) return { channel: 'helpdesk' };
  return { error: `${why}, and no helpdesk webhook is configured (replies.helpdesk)` };
}

export interface DraftInput {
  text: string;
  /** Posts of the case to answer; absent: the item's own post, or every open post of a case. */
  postIds?: string[];
  template?: string;
}

export async function draftReplies(ctx: AppContext, itemId: string, input: DraftInput, actor: string): Promise<{ replies: string[]; skipped: { postId: string; reason: string }[] }> {
  const item = await ctx.db.selectFrom('queue_items').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new ReplyError('not_found', `no queue item ${itemId}`);
  if (!OPEN.includes(item.status)) throw new ReplyError('conflict', item.status === 'merged' ? `this item was merged into ${item.merged_into}: answer there` : `cannot reply on an item that is ${item.status} (reopen it first)`);
  const text = input.text.trim();
  if (!text) throw new ReplyError('bad_request', 'text: expected the reply');
  const members = await casePosts(ctx, item);
  const chosen = input.postIds ?? (item.kind === 'post' && item.post_id ? [item.post_id] : [...members].filter(([, s]) => s === 'open').map(([id]) => id));
  if (chosen.length === 0) throw new ReplyError('bad_request', 'postIds: no open post to answer in this case');
  if (chosen.length > 500) throw new ReplyError('bad_request', 'postIds: at most 500 posts at once');
  const unknown = chosen.filter((id) => !members.has(id));
  if (unknown.length) throw new ReplyError('bad_request', `postIds: not in this case: ${unknown.slice(0, 5).join(', ')}`);
  const posts = await ctx.db.selectFrom('posts').select(['id', 'source_id', 'author_handle', 'author_name', 'author_id']).where('id', 'in', chosen).execute();
  const sources = new Map((await ctx.db.selectFrom('sources').select(['id', 'type', 'config']).where('id', 'in', [...new Set(posts.map((p) => p.source_id))]).execute()).map((s) => [s.id, s]));
  const live = new Set((await ctx.db.selectFrom('replies').select('post_id').where('post_id', 'in', chosen).where('status', 'in', LIVE).execute()).map((r) => r.post_id));
  const target = await ctx.db.selectFrom('targets').select('name').where('id', '=', item.target_id).executeTakeFirst();
  const sla = item.sla ? (JSON.parse(item.sla) as SlaSnapshot) : null;
  const lang = item.lang ?? 'en';
  const now = ctx.clock.now();
  const status = item.needs_approval ? 'awaiting_approval' : 'pending';
  const out: string[] = [];
  const skipped: { postId: string; reason: string }[] = [];
  const rows = [];
  for (const p of posts) {
    if (live.has(p.id)) {
      skipped.push({ postId: p.id, reason: 'a reply to this post is already waiting to be sent' });
      continue;
    }
    const ch = channelFor(ctx, sources.get(p.source_id));
    if ('error' in ch) {
      skipped.push({ postId: p.id, reason: ch.error });
      continue;
    }
    const author = p.author_handle ? `@${p.author_handle.replace(/^@+/, '')}` : (p.author_name ?? '');
    const body = fillTemplate(text, { author, brand: target?.name ?? item.target_id, topic: item.topic ?? '', team: item.team ?? '', first_response: sla ? humanDuration(sla.firstResponseMs, lang) : '', resolve: sla?.resolveMs ? humanDuration(sla.resolveMs, lang) : '' });
    const max = PUBLISHERS[ch.channel].maxLength;
    if ([...body].length > max) {
      skipped.push({ postId: p.id, reason: `${ch.channel} replies are at most ${max} characters (this one has ${[...body].length})` });
      continue;
    }
    const id = newId('rp_');
    rows.push({ id, item_id: itemId, post_id: p.id, channel: ch.channel, text: body, template: input.template ?? null, status, drafted_by: actor, approved_by: null, decided_at: null, decision_note: null, attempts: 0, next_attempt_at: now, lease_until: null, last_error: null, last_status: null, remote_id: null, remote_url: null, created_at: now, updated_at: now, sent_at: null });
    out.push(id);
  }
  // nothing could go: an error naming why; in bulk, when some can go, they go and the rest are listed
  if (rows.length === 0) {
    const waiting = skipped.every((x) => x.reason.startsWith('a reply'));
    throw new ReplyError(waiting ? 'conflict' : 'unpublishable', skipped.length === 1 ? skipped[0].reason : `no reply could be sent: ${[...new Set(skipped.map((x) => x.reason))].join('; ')}`);
  }
  for (let i = 0; i < rows.length; i += 50) await ctx.db.insertInto('replies').values(rows.slice(i, i + 50)).execute();
  if (rows.length) {
    await ctx.db.updateTable('queue_items').set({ updated_at: now }).where('id', '=', itemId).execute();
    await writeAudit(ctx, { at: now, actor, action: 'reply.drafted', entityType: 'queue_item', entityId: itemId, detail: { replies: rows.length, posts: rows.slice(0, 20).map((r) => r.post_id), channels: [...new Set(rows.map((r) => r.channel))], template: input.template ?? null, awaitingApproval: status === 'awaiting_approval', text: rows[0].text.slice(0, 500) } });
    ctx.bus.publish({ topic: 'queue', id: itemId, type: status === 'awaiting_approval' ? 'reply.awaiting_approval' : 'reply.queued', at: now });
  }
  return { replies: out, skipped };
}

/** Who may approve replies on an item of this team: its leads and admins, never the reply's author. */
export function mayApprove(ctx: Pick<AppContext, 'routing'>, team: string | null, who: { name: string; role: Role }): boolean {
  if (who.role === 'admin') return true;
  const t = routingOf(ctx).rules.teams.find((x) => x.id === team);
  return Boolean(t?.leads.includes(who.name));
}

export type ReplyDecision = 'approve' | 'reject' | 'cancel' | 'resend';

export async function decideReply(ctx: AppContext, itemId: string, replyId: string, decision: ReplyDecision, who: { name: string; role: Role }, note?: string): Promise<void> {
  const r = await ctx.db.selectFrom('replies').selectAll().where('id', '=', replyId).where('item_id', '=', itemId).executeTakeFirst();
  if (!r) throw new ReplyError('not_found', `no reply ${replyId} on item ${itemId}`);
  const item = await ctx.db.selectFrom('queue_items').select(['team']).where('id', '=', itemId).executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  const from: Record<ReplyDecision, string[]> = { approve: ['awaiting_approval'], reject: ['awaiting_approval'], cancel: ['awaiting_approval', 'pending'], resend: ['dead'] };
  if (!from[decision].includes(r.status)) throw new ReplyError('conflict', `cannot ${decision} a reply that is ${r.status.replace('_', ' ')}`);
  if (decision === 'approve' || decision === 'reject') {
    if (!mayApprove(ctx, item.team, who)) throw new ReplyError('forbidden', `only a lead of team ${item.team} (routing.yaml teams[].leads) or an admin can ${decision} replies`);
    if (decision === 'approve' && who.name === r.drafted_by) throw new ReplyError('forbidden', 'a reply needs a second person: its author cannot approve it');
  }
  if (decision === 'cancel' && who.name !== r.drafted_by && !mayApprove(ctx, item.team, who)) throw new ReplyError('forbidden', 'only its author, a lead of the team or an admin can cancel a reply');
  const set =
    decision === 'approve'
      ? { status: 'pending', approved_by: who.name, decided_at: now, decision_note: note ?? null, next_attempt_at: now }
      : decision === 'reject'
        ? { status: 'rejected', approved_by: who.name, decided_at: now, decision_note: note ?? null }
        : decision === 'cancel'
          ? { status: 'cancelled', decided_at: now, decision_note: note ?? null }
          : { status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, lease_until: null };
  let q = ctx.db.updateTable('replies').set({ ...set, updated_at: now }).where('id', '=', replyId).where('status', '=', r.status);
  // a pending reply a worker is sending right now cannot be cancelled any more
  if (decision === 'cancel') q = q.where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]));
  const done = await q.returning('id').execute();
  if (done.length === 0) throw new ReplyError('conflict', 'the reply changed while you were acting on it (it may be sending): reload and try again');
  const action = { approve: 'reply.approved', reject: 'reply.rejected', cancel: 'reply.cancelled', resend: 'reply.resend' }[decision];
  await writeAudit(ctx, { at: now, actor: who.name, action, entityType: 'queue_item', entityId: itemId, detail: { reply: replyId, post: r.post_id, channel: r.channel, ...(note ? { note } : {}) } });
  ctx.bus.publish({ topic: 'queue', id: itemId, type: action, at: now });
}
