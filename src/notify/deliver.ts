/**
 * The delivery worker: one bounded tick over the outbox. At least once, with the event's id as the
 * idempotency key (webhook-id and Idempotency-Key headers, the same on every retry). Rows are leased
 * so two workers never send the same row at once; a crash leaves the lease to expire and the row is
 * sent again, without counting an attempt (only an answer, or the lack of one within the timeout,
 * is an attempt). A destination that fails is probed with capped exponential backoff (or its
 * Retry-After) while its messages wait, and resumes at once when it answers (destinations.ts);
 * dead letters only for a refusal (4xx other than 408, 425, 429) or at the `retryFor` horizon
 * (API: resend). Quiet-hours rows are folded into a digest. Each request goes through the hardened
 * call replies share (http.ts), and the backoff is the policy replies share (retry.ts).
 */
import type { AppContext } from '../context.js';
import type { ChannelConfig } from '../config/schema.js';
import { stableId } from '../util/ids.js';
import { writeAudit } from '../store/audit.js';
import { claimRow } from '../store/claims.js';
import { PROVIDERS } from './providers/index.js';
import { clip, digestNotice, type Notice } from './message.js';
import { dashboardLink, enqueueNotice, inQuietHours } from './outbox.js';
import { TokenBucketLimiter, type RateLimiter } from './limiter.js';
import { deadAtHorizon, failingDestinations, holdUntilProbe, markAnswered, markFailing, type DestinationState } from './destinations.js';
import type { Selectable } from 'kysely';
import type { OutboxTable } from '../store/schema.js';
import { wallClockOf } from '../util/clock.js';
import { HttpSendError, sendHttp, type FetchLike } from './http.js';
import { askedWait, retryDelay } from './retry.js';

export type { FetchLike, FetchResponseLike } from './http.js';
// the shared retry policy (retry.ts), still importable from here
export { backoffMs, parseRetryAfter } from './retry.js';

const BATCH = 50;
const LEASE_MARGIN_MS = 2_000;

export interface DeliverOptions {
  limiter?: RateLimiter;
  batch?: number;
  random?: () => number;
}

export interface DeliverResult {
  delivered: number;
  retried: number;
  dead: number;
  deferred: number;
  digests: number;
  /** messages held back because their destination is failing and not due for a probe */
  held: number;
}

type Outcome = { ok: true; status: number } | { ok: false; retryable: boolean; status: number | null; error: string; retryAfterMs?: number };

async function send(fetchFn: FetchLike, channel: ChannelConfig, notice: Notice, messageId: string, now: number, timeoutMs: number): Promise<Outcome> {
  const req = await PROVIDERS[channel.type].render(notice, channel, { messageId, now });
  try {
    // the hardened call shared with replies: manual redirects (a POST never leaves its origin), one timeout, a size cap
    const res = await sendHttp(fetchFn, channel.url, { method: 'POST', headers: { ...req.headers, 'idempotency-key': messageId, 'user-agent': 'Backlash-Notify/1' }, body: req.body }, { timeoutMs });
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    const retryable = res.status === 429 || res.status === 408 || res.status === 425 || res.status >= 500;
    const retryAfterMs = askedWait(res.status, res.headers, res.text, now);
    return { ok: false, retryable, status: res.status, error: `HTTP ${res.status}: ${clip(res.text.replace(/\s+/g, ' '), 200)}`, retryAfterMs };
  } catch (err) {
    if (err instanceof HttpSendError) return { ok: false, retryable: err.retryable, status: null, error: err.message };
    return { ok: false, retryable: true, status: null, error: `unexpected: ${clip((err as Error).message, 200)}` };
  }
}

/** Fold rows held during quiet hours into one digest per channel once the quiet hours are over. */
export async function releaseDigests(ctx: AppContext, now: number): Promise<number> {
  let made = 0;
  for (const c of ctx.config.notifications.channels) {
    if (!c.quietHours || inQuietHours(c, now, -1)) continue;
    const held = await ctx.db.selectFrom('outbox').select(['id', 'payload']).where('channel', '=', c.id).where('status', '=', 'held').orderBy('created_at').limit(200).execute();
    if (held.length === 0) continue;
    const eventId = 'd_' + stableId(`${c.id}|${held.map((h) => h.id).join(',')}`);
    const notice = digestNotice(eventId, now, c.id, held.map((h) => JSON.parse(h.payload) as Notice), dashboardLink(ctx, '/inbox'));
    await ctx.db
      .insertInto('events')
      .values({ id: eventId, type: 'notify.digest', at: now, revolt_id: null, queue_item_id: null, payload: JSON.stringify({ channel: c.id, held: held.map((h) => h.id) }) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    // the digest bypasses quiet hours and cool-down: it is the message that ends them
    await enqueueNotice(ctx, { notice, channels: [{ ...c, quietHours: undefined, cooldown: 0, minSeverity: 0 }], subject: `digest:${c.id}`, at: now });
    await ctx.db.updateTable('outbox').set({ status: 'digested', digest_id: eventId }).where('id', 'in', held.map((h) => h.id)).where('status', '=', 'held').execute();
    made++;
  }
  return made;
}

type OutboxRow = Selectable<OutboxTable>;

/** One delivery round's shared parts. */
interface Round {
  ctx: AppContext;
  limiter: RateLimiter;
  fetchFn: FetchLike;
  result: DeliverResult;
  opts: DeliverOptions;
}

export async function deliverDue(ctx: AppContext, opts: DeliverOptions = {}): Promise<DeliverResult> {
  const now = ctx.clock.now();
  const result: DeliverResult = { delivered: 0, retried: 0, dead: 0, deferred: 0, digests: await releaseDigests(ctx, now), held: 0 };
  // the deliver job keeps one limiter for its lifetime (jobs/deliver.ts); a call without one starts afresh
  const limiter = opts.limiter ?? new TokenBucketLimiter();
  const round: Round = { ctx, limiter, fetchFn: ctx.fetch ?? (globalThis.fetch as unknown as FetchLike), result, opts };
  const failing = await failingDestinations(ctx);
  // a failing destination's messages wait for its probe (new ones too): they never fill the batch
  for (const [channel, d] of failing) if (d.next_probe_at > now) result.held += await holdUntilProbe(ctx, channel, d.next_probe_at, now);
  const due = await ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    // at a probe every waiting message is due at once: the least tried goes first, so one message
    // the destination chokes on cannot stand in front of the others for ever
    .orderBy('next_attempt_at')
    .orderBy('attempts')
    .orderBy('created_at')
    .limit(opts.batch ?? BATCH)
    .execute();
  const byChannel = new Map<string, OutboxRow[]>();
  for (const row of due) byChannel.set(row.channel, [...(byChannel.get(row.channel) ?? []), row]);
  await Promise.all([...byChannel.entries()].map(([channelId, rows]) => deliverToChannel(round, channelId, rows, failing.get(channelId))));
  return result;
}

/** A channel's due messages in order; a retryable failure stops the rest until the destination's probe. */
async function deliverToChannel(r: Round, channelId: string, rows: OutboxRow[], failing: DestinationState | undefined): Promise<void> {
  const { ctx, result } = r;
  const n = ctx.config.notifications;
  const channel = n.channels.find((c) => c.id === channelId);
  let state = failing;
  for (const row of rows) {
    if (!channel) {
      await ctx.db.updateTable('outbox').set({ status: 'dead', last_error: `channel "${channelId}" is no longer configured` }).where('id', '=', row.id).execute();
      result.dead++;
      continue;
    }
    const limit = channel.rateLimit ? { requests: channel.rateLimit.requests, perMs: channel.rateLimit.per } : PROVIDERS[channel.type].rateLimit;
    const t = ctx.clock.now();
    const wait = r.limiter.reserve(`${channel.type}|${channel.url}`, t, limit);
    if (wait > 0) {
      await ctx.db.updateTable('outbox').set({ next_attempt_at: t + wait }).where('id', '=', row.id).where('status', '=', 'pending').execute();
      result.deferred++;
      continue;
    }
    const leased = await claimRow(ctx, { table: 'outbox', key: 'id', id: row.id, leaseColumn: 'lease_until', where: (eb) => eb('status', '=', 'pending'), now: t, leaseMs: n.timeout + LEASE_MARGIN_MS });
    if (!leased) continue; // another worker has it
    // signatures carry wall-clock time (receivers check freshness), even when the service runs on a simulated clock
    const outcome = await send(r.fetchFn, channel, JSON.parse(row.payload) as Notice, row.event_id, wallClockOf(ctx).now(), n.timeout);
    const next = await recordOutcome(r, row, channelId, state, outcome);
    if (next === 'stop') break; // the rest wait for the probe instead of piling on
    state = next;
  }
}

/** Stores a delivery's outcome on its row and its destination; 'stop' when the destination is now failing. */
async function recordOutcome(r: Round, row: OutboxRow, channelId: string, state: DestinationState | undefined, outcome: Outcome): Promise<DestinationState | undefined | 'stop'> {
  const { ctx, result } = r;
  const n = ctx.config.notifications;
  const attempts = row.attempts + 1;
  const after = ctx.clock.now();
  if (outcome.ok) {
    await ctx.db.updateTable('outbox').set({ status: 'delivered', attempts, delivered_at: after, last_status: outcome.status, last_error: null, lease_until: null, failing_since: null }).where('id', '=', row.id).execute();
    result.delivered++;
    await markAnswered(ctx, channelId, state, after);
    return undefined;
  }
  if (outcome.retryable) {
    // the destination is failing: this message and the others wait for the next probe
    const delay = retryDelay(n, (state?.failures ?? 0) + 1, outcome.retryAfterMs, r.opts.random);
    const failing = await markFailing(ctx, channelId, state, after, delay, outcome.error, outcome.status);
    await ctx.db
      .updateTable('outbox')
      .set((eb) => ({ attempts, failing_since: eb.fn.coalesce('failing_since', 'next_attempt_at'), next_attempt_at: failing.next_probe_at, last_status: outcome.status, last_error: outcome.error, lease_until: null }))
      .where('id', '=', row.id)
      .execute();
    result.retried++;
    result.held += await holdUntilProbe(ctx, channelId, failing.next_probe_at, after);
    result.dead += await deadAtHorizon(ctx, channelId, after, n.retryFor, outcome.error, outcome.status);
    return 'stop';
  }
  // refused outright: retrying the same request cannot help; the destination did answer
  await ctx.db.updateTable('outbox').set({ status: 'dead', attempts, last_status: outcome.status, last_error: outcome.error, lease_until: null }).where('id', '=', row.id).execute();
  await writeAudit(ctx, { at: after, actor: 'system', action: 'delivery.dead', entityType: 'delivery', entityId: row.id, detail: { channel: channelId, event: row.event_id, attempts, error: outcome.error } });
  ctx.log.warn('delivery dead-lettered', { delivery: row.id, channel: channelId, attempts, error: outcome.error });
  result.dead++;
  await markAnswered(ctx, channelId, state, after);
  return undefined;
}

/** Put a dead letter (or any row) back in line: attempts start again from zero. */
export async function resendDelivery(ctx: AppContext, id: string, actor: string): Promise<boolean> {
  const now = ctx.clock.now();
  const done = await ctx.db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null, last_error: null, failing_since: null })
    .where('id', '=', id)
    .where('status', 'in', ['dead', 'delivered', 'superseded'])
    .returning('id')
    .execute();
  if (done.length) await writeAudit(ctx, { at: now, actor, action: 'delivery.resend', entityType: 'delivery', entityId: id });
  return done.length > 0;
}
