/**
 * The health of each notification destination. A destination that fails (5xx, 408, 425, 429, a
 * timeout, a refused connection) is marked failing: its waiting messages are held until the next
 * probe (capped exponential backoff, or Retry-After), and only one message goes out at each probe.
 * When a probe is answered the whole queue resumes at once, in order. Messages become dead letters
 * only when the destination has refused them outright (another 4xx) or has not answered for the
 * horizon (`notifications.retryFor`, 24 h by default). State is in the database (one row per failing
 * channel), so every instance and a restart see the same; writes are single statements (D1).
 */
import type { Kysely } from 'kysely';
import type { DB, NotifyDestinationsTable } from '../store/schema.js';
import { writeAudit } from '../store/audit.js';
import type { Logger } from '../util/log.js';

type Ctx = { db: Kysely<DB>; log: Logger };

export type DestinationState = NotifyDestinationsTable;

export async function failingDestinations(ctx: Pick<Ctx, 'db'>): Promise<Map<string, DestinationState>> {
  const rows = await ctx.db.selectFrom('notify_destinations').selectAll().execute();
  return new Map(rows.map((r) => [r.channel, r]));
}

/**
 * Holds a channel's waiting messages until its next probe: due rows (not leased) move to it, and
 * remember when they first waited. One UPDATE.
 */
export async function holdUntilProbe(ctx: Pick<Ctx, 'db'>, channel: string, probeAt: number, now: number): Promise<number> {
  const res = await ctx.db
    .updateTable('outbox')
    .set((eb) => ({ failing_since: eb.fn.coalesce('failing_since', 'next_attempt_at'), next_attempt_at: probeAt }))
    .where('channel', '=', channel)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<', probeAt)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** A failed attempt: the destination is (still) failing; returns when it is probed next. */
export async function markFailing(ctx: Pick<Ctx, 'db'>, channel: string, prev: DestinationState | undefined, at: number, delayMs: number, error: string, status: number | null): Promise<DestinationState> {
  const row: DestinationState = {
    channel,
    failing_since: prev?.failing_since ?? at,
    failures: (prev?.failures ?? 0) + 1,
    next_probe_at: at + delayMs,
    last_error: error.slice(0, 500),
    last_status: status,
    updated_at: at,
  };
  await ctx.db
    .insertInto('notify_destinations')
    .values(row)
    .onConflict((oc) => oc.column('channel').doUpdateSet({ failures: row.failures, next_probe_at: row.next_probe_at, last_error: row.last_error, last_status: row.last_status, updated_at: at }))
    .execute();
  return row;
}

/** The destination answered: it is healthy again and every message it held back is due now. */
export async function markAnswered(ctx: Ctx, channel: string, prev: DestinationState | undefined, at: number): Promise<number> {
  if (!prev) return 0;
  await ctx.db.deleteFrom('notify_destinations').where('channel', '=', channel).execute();
  const res = await ctx.db
    .updateTable('outbox')
    .set({ next_attempt_at: at })
    .where('channel', '=', channel)
    .where('status', '=', 'pending')
    .where('failing_since', 'is not', null)
    .where('next_attempt_at', '>', at)
    .executeTakeFirst();
  const resumed = Number(res.numUpdatedRows);
  ctx.log.info('notification destination answers again; its queue resumes', { channel, failingForMs: at - prev.failing_since, probes: prev.failures, resumed });
  return resumed;
}

/**
 * Messages of a still-failing destination whose horizon has passed become dead letters: the horizon
 * counts from when each one first could not be delivered, and only a failed attempt at or after it
 * ends it (a service that was itself down for a day probes before giving up).
 */
export async function deadAtHorizon(ctx: Ctx, channel: string, at: number, retryForMs: number, lastError: string, lastStatus: number | null): Promise<number> {
  const expired = await ctx.db
    .selectFrom('outbox')
    .select(['id', 'event_id', 'attempts', 'failing_since'])
    .where('channel', '=', channel)
    .where('status', '=', 'pending')
    .where('failing_since', '<=', at - retryForMs)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .execute();
  if (expired.length === 0) return 0;
  const hours = Math.round((retryForMs / 3_600_000) * 10) / 10;
  const error = `no answer from the destination for ${hours} h (the retryFor horizon); last: ${lastError}`.slice(0, 500);
  await ctx.db.updateTable('outbox').set({ status: 'dead', last_error: error, last_status: lastStatus, lease_until: null }).where('id', 'in', expired.map((r) => r.id)).where('status', '=', 'pending').execute();
  for (const r of expired) await writeAudit(ctx, { at, actor: 'system', action: 'delivery.dead', entityType: 'delivery', entityId: r.id, detail: { channel, event: r.event_id, attempts: r.attempts, error } });
  ctx.log.warn('deliveries dead-lettered at the horizon', { channel, count: expired.length, error: lastError });
  return expired.length;
}
