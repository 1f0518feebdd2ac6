/**
 * Throttling of failed sign-ins (a wrong key on the sign-in form or in an API request), per
 * client address, stored in the database so every instance sees the same count.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const BLOCK_MS = 15 * 60_000;

type Db = { db: Kysely<DB> };

/** Milliseconds until this client may try again, or 0. */
export async function blockedFor(ctx: Db, client: string, now: number): Promise<number> {
  const r = await ctx.db.selectFrom('auth_throttle').select('blocked_until').where('id', '=', client).executeTakeFirst();
  return r?.blocked_until && r.blocked_until > now ? r.blocked_until - now : 0;
}

export async function recordFailure(ctx: Db, client: string, now: number): Promise<void> {
  const r = await ctx.db.selectFrom('auth_throttle').selectAll().where('id', '=', client).executeTakeFirst();
  const fresh = !r || now - r.window_start > FAILURE_WINDOW_MS;
  const failures = fresh ? 1 : r.failures + 1;
  const row = { id: client, failures, window_start: fresh ? now : r.window_start, blocked_until: failures >= MAX_FAILURES ? now + BLOCK_MS : null };
  await ctx.db
    .insertInto('auth_throttle')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ failures: row.failures, window_start: row.window_start, blocked_until: row.blocked_until }))
    .execute();
}

export async function clearFailures(ctx: Db, client: string): Promise<void> {
  await ctx.db.deleteFrom('auth_throttle').where('id', '=', client).execute();
}
