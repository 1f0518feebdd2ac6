/**
 * The publish worker: one bounded tick over replies that are due. Like the notification outbox:
 * rows are leased so two workers never send the same reply at once (a crash lets the lease run out
 * and the reply goes again), every attempt carries the reply's id as its idempotency key (and each
 * publisher checks for an earlier landing before a retry), and retries follow the notifications'
 * policy (notify/retry.ts): capped exponential backoff with jitter (replies.backoffBase … backoffMax,
 * 5 s … 5 min), longer when Retry-After asks, and a dead letter (resend from the case) only for a
 * refusal or when a failed attempt comes replies.retryFor (24 h) after the reply started waiting —
 * when it was drafted, approved or resent (its updated_at, which retries leave alone).
 * A sent reply records its id and URL on the case, marks its post answered and, the first time,
 * stops the item's first-response clock.
 */
import type { AppContext } from '../context.js';
import { writeAudit } from '../store/audit.js';
import type { FetchLike } from '../notify/http.js';
import { pastHorizon, retryDelay, spanText } from '../notify/retry.js';
import { setCasePost } from '../routing/cases.js';
import { PUBLISHERS } from './publishers/index.js';
import { claimRow } from '../store/claims.js';
import { PublishError, type PublishOutcome, type ReplyChannel } from './types.js';
import { wallClockOf } from '../util/clock.js';

const BATCH = 25;
const LEASE_MARGIN_MS = 5_000;

export interface PublishResult {
  sent: number;
  retried: number;
  dead: number;
}

export async function publishDue(ctx: AppContext, opts: { random?: () => number } = {}): Promise<PublishResult> {
  const cfg = ctx.config.replies;
  const out: PublishResult = { sent: 0, retried: 0, dead: 0 };
  const now = ctx.clock.now();
  const due = await ctx.db
    .selectFrom('replies')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(BATCH)
    .execute();
  const fetchFn: FetchLike = ctx.fetch ?? (globalThis.fetch as unknown as FetchLike);
  for (const r of due) {
    const t = ctx.clock.now();
    const lease = t + cfg.timeout * 4 + LEASE_MARGIN_MS; // a publish may take a few calls (login, look-up, write)
    const leased = await claimRow(ctx, { table: 'replies', key: 'id', id: r.id, leaseColumn: 'lease_until', where: (eb) => eb('status', '=', 'pending'), now: t, leaseMs: lease - t });
    if (!leased) continue; // another worker has it
    const outcome = await attempt(ctx, r, fetchFn);
    const attempts = r.attempts + 1;
    const after = ctx.clock.now();
    if (outcome.ok) {
      await ctx.db.updateTable('replies').set({ status: 'sent', attempts, sent_at: after, remote_id: outcome.remoteId, remote_url: outcome.remoteUrl, last_status: outcome.status, last_error: null, lease_until: null, updated_at: after }).where('id', '=', r.id).execute();
      await setCasePost(ctx, r.item_id, r.post_id, 'answered', r.approved_by ?? r.drafted_by, after);
      // the first reply that reaches the customer is the first response
      await ctx.db.updateTable('queue_items').set({ status: 'responded', first_responded_at: after, updated_at: after }).where('id', '=', r.item_id).where('status', 'in', ['new', 'claimed']).where('first_responded_at', 'is', null).execute();
      await ctx.db.updateTable('queue_items').set({ first_responded_at: after }).where('id', '=', r.item_id).where('first_responded_at', 'is', null).execute();
      await writeAudit(ctx, { at: after, actor: 'system', action: 'reply.sent', entityType: 'queue_item', entityId: r.item_id, detail: { reply: r.id, post: r.post_id, channel: r.channel, remoteId: outcome.remoteId, url: outcome.remoteUrl, attempts } });
      ctx.bus.publish({ topic: 'queue', id: r.item_id, type: 'reply.sent', at: after });
      out.sent++;
    } else if (outcome.retryable && !pastHorizon(cfg, r.updated_at, after)) {
      // updated_at is left alone: the horizon counts from when the reply started waiting
      await ctx.db.updateTable('replies').set({ attempts, next_attempt_at: after + retryDelay(cfg, attempts, outcome.retryAfterMs, opts.random), last_status: outcome.status, last_error: outcome.error, lease_until: null }).where('id', '=', r.id).execute();
      ctx.bus.publish({ topic: 'queue', id: r.item_id, type: 'reply.retry', at: after });
      out.retried++;
    } else {
      const error = outcome.retryable ? `no answer from ${r.channel} for ${spanText(cfg.retryFor)} (the retryFor horizon); last: ${outcome.error}`.slice(0, 500) : outcome.error;
      await deadLetter(ctx, r, attempts, after, outcome.status, error);
      out.dead++;
    }
  }
  return out;
}

async function deadLetter(ctx: AppContext, r: ReplyRow, attempts: number, at: number, status: number | null, error: string): Promise<void> {
  await ctx.db.updateTable('replies').set({ status: 'dead', attempts, last_status: status, last_error: error, lease_until: null, updated_at: at }).where('id', '=', r.id).execute();
  await writeAudit(ctx, { at, actor: 'system', action: 'reply.dead', entityType: 'queue_item', entityId: r.item_id, detail: { reply: r.id, post: r.post_id, channel: r.channel, attempts, error } });
  ctx.log.warn('reply dead-lettered', { reply: r.id, channel: r.channel, attempts, error });
  ctx.bus.publish({ topic: 'queue', id: r.item_id, type: 'reply.dead', at });
}

type ReplyRow = Awaited<ReturnType<typeof loadRow>>;
function loadRow(ctx: AppContext, id: string) {
  return ctx.db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function attempt(ctx: AppContext, r: ReplyRow, fetchFn: FetchLike): Promise<PublishOutcome> {
  try {
    const post = await ctx.db.selectFrom('posts').selectAll().where('id', '=', r.post_id).executeTakeFirst();
    if (!post) return { ok: false, retryable: false, status: null, error: 'the post is gone' };
    const source = await ctx.db.selectFrom('sources').select(['type', 'config']).where('id', '=', post.source_id).executeTakeFirst();
    const item = await ctx.db.selectFrom('queue_items').select(['id', 'title', 'kind', 'team', 'assignee', 'lang']).where('id', '=', r.item_id).executeTakeFirstOrThrow();
    const publisher = PUBLISHERS[r.channel as ReplyChannel];
    if (!publisher) return { ok: false, retryable: false, status: null, error: `unknown reply channel ${r.channel}` };
    return await publisher.publish({
      reply: { id: r.id, text: r.text, lang: item.lang, createdAt: r.created_at, attempts: r.attempts },
      post: { id: post.id, externalId: post.external_id, url: post.url, source: post.source_id, sourceType: source?.type ?? 'unknown', target: post.target_id, author: post.author_handle ?? post.author_name ?? post.author_id, text: post.text },
      item: { id: item.id, title: item.title, kind: item.kind, team: item.team, assignee: item.assignee },
      source: source ? (JSON.parse(source.config || '{}') as Record<string, unknown>) : {},
      fetch: fetchFn,
      timeoutMs: ctx.config.replies.timeout,
      now: wallClockOf(ctx).now(),
      helpdesk: ctx.config.replies.helpdesk,
    });
  } catch (err) {
    if (err instanceof PublishError) return { ok: false, retryable: err.retryable, status: err.status, error: err.message, retryAfterMs: err.retryAfterMs };
    return { ok: false, retryable: true, status: null, error: `unexpected: ${(err as Error).message}` };
  }
}
