/**
 * The durable outbox: one row per (event, channel), written right after the event it announces
 * (ids derive from the event, so a re-run writes nothing twice). The payload is the platform-neutral
 * Notice; providers render it at delivery time. Per channel: minimum severity, quiet hours (rows
 * are held and folded into a digest afterwards) and a cool-down per subject (the latest message
 * waits for the cool-down to end and replaces any older one still waiting).
 */
import type { AppContext } from '../context.js';
import type { ChannelConfig } from '../config/schema.js';
import type { RevoltEvent } from '../types.js';
import { stableId } from '../util/ids.js';
import { inTimeRange } from '../routing/hours.js';
import { revoltNotice, type Notice, type NoticePost } from './message.js';

const ANNOUNCED: ReadonlySet<RevoltEvent['type']> = new Set(['revolt.opened', 'revolt.escalated', 'revolt.resolved']);

export function dashboardLink(ctx: Pick<AppContext, 'config'>, path: string): string {
  const base = (ctx.config.server.publicUrl ?? `http://localhost:${ctx.config.port ?? 8787}`).replace(/\/+$/, '');
  return `${base}${path}`;
}

/** Where a queue item lives on the dashboard: a revolt's page, or the inbox for single posts. */
export function itemLink(ctx: Pick<AppContext, 'config'>, item: { id: string; revoltId: string | null; kind: string }): string {
  return dashboardLink(ctx, item.kind === 'revolt' && item.revoltId ? `/revolts/${encodeURIComponent(item.revoltId)}` : `/inbox#${encodeURIComponent(item.id)}`);
}

/** Channels for an item: its route's list, or (null) every channel that is not escalation-only. */
export function channelsFor(ctx: Pick<AppContext, 'config'>, ids: string[] | null): ChannelConfig[] {
  const all = ctx.config.notifications.channels;
  return ids === null ? all.filter((c) => !c.escalationOnly) : all.filter((c) => ids.includes(c.id));
}

export function inQuietHours(c: ChannelConfig, at: number, severity: number): boolean {
  const q = c.quietHours;
  if (!q) return false;
  if (q.bypassSeverity !== undefined && severity >= q.bypassSeverity) return false;
  return inTimeRange(at, q.timezone, q.start, q.end);
}

export async function topPostsOf(ctx: Pick<AppContext, 'db'>, postIds: string[], limit = 3): Promise<{ posts: NoticePost[]; authors: number }> {
  if (postIds.length === 0) return { posts: [], authors: 0 };
  const rows = await ctx.db
    .selectFrom('posts')
    .select(['author_id', 'author_name', 'author_handle', 'author_followers', 'text', 'url', 'source_id'])
    .where('id', 'in', postIds.slice(0, 1000))
    .execute();
  const authors = new Set(rows.map((r) => r.author_id)).size;
  const posts = rows
    .sort((a, b) => (b.author_followers ?? 0) - (a.author_followers ?? 0))
    .slice(0, limit)
    .map((r) => ({ author: r.author_handle ? `@${r.author_handle.replace(/^@+/, '')}` : (r.author_name ?? r.author_id), text: r.text, url: r.url, followers: r.author_followers, source: r.source_id }));
  return { posts, authors };
}

export interface NoticeDelivery {
  notice: Notice;
  channels: ChannelConfig[];
  /** The revolt or queue item the message is about: the cool-down key. */
  subject: string;
  at: number;
}

/** Write one outbox row per channel that wants this notice. Returns the rows written. */
export async function enqueueNotice(ctx: Pick<AppContext, 'db'>, d: NoticeDelivery): Promise<number> {
  let written = 0;
  for (const c of d.channels) {
    if (d.notice.severity < c.minSeverity) continue;
    const id = 'o_' + stableId(`${d.notice.eventId}|${c.id}`);
    let status = inQuietHours(c, d.at, d.notice.severity) ? 'held' : 'pending';
    let nextAt = d.at;
    let supersede: string | null = null;
    if (status === 'pending' && c.cooldown > 0) {
      const last = await ctx.db
        .selectFrom('outbox')
        .select(['id', 'status', 'attempts', 'next_attempt_at', 'delivered_at'])
        .where('channel', '=', c.id)
        .where('subject', '=', d.subject)
        .where('status', 'in', ['pending', 'delivered'])
        .where('id', '!=', id)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last) {
        const waiting = last.status === 'pending' && last.attempts === 0 && last.next_attempt_at > d.at;
        if (waiting) {
          nextAt = last.next_attempt_at;
          supersede = last.id;
        } else nextAt = Math.max(d.at, (last.delivered_at ?? last.next_attempt_at) + c.cooldown);
      }
    }
    const inserted = await ctx.db
      .insertInto('outbox')
      .values({
        id,
        event_id: d.notice.eventId,
        channel: c.id,
        payload: JSON.stringify(d.notice),
        status,
        attempts: 0,
        next_attempt_at: nextAt,
        last_error: null,
        created_at: d.at,
        delivered_at: null,
        kind: d.notice.kind,
        subject: d.subject,
        severity: d.notice.severity,
      })
      .onConflict((oc) => oc.columns(['event_id', 'channel']).doNothing())
      .returning('id')
      .execute();
    if (inserted.length === 0) continue;
    written++;
    if (supersede) {
      await ctx.db.updateTable('outbox').set({ status: 'superseded', last_error: `superseded by ${id} during cool-down` }).where('id', '=', supersede).where('status', '=', 'pending').where('attempts', '=', 0).execute();
    }
  }
  return written;
}

/** Announce a revolt event on its item's channels (never one message per post of a revolt). */
export async function enqueueDeliveries(ctx: Pick<AppContext, 'db' | 'config'>, event: RevoltEvent): Promise<number> {
  if (!ANNOUNCED.has(event.type)) return 0;
  const item = await ctx.db.selectFrom('queue_items').select(['id', 'team', 'channels']).where('revolt_id', '=', event.revolt.id).executeTakeFirst();
  const channels = channelsFor(ctx, item?.channels ? (JSON.parse(item.channels) as string[]) : null);
  if (channels.length === 0) return 0;
  const { posts, authors } = await topPostsOf(ctx, event.revolt.postIds);
  const r = event.revolt;
  const notice = revoltNotice({
    kind: event.type as 'revolt.opened',
    eventId: event.id,
    at: event.at,
    label: r.label,
    target: r.target,
    severity: r.severity,
    priority: r.priority,
    stage: r.stage,
    posts: r.postIds.length,
    authors,
    team: item?.team ?? null,
    topPosts: posts,
    link: dashboardLink(ctx, `/revolts/${encodeURIComponent(r.id)}`),
  });
  return enqueueNotice(ctx, { notice, channels, subject: r.id, at: event.at });
}
