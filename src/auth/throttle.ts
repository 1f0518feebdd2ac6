/**
 * Throttling of failed sign-ins (a wrong key on the sign-in form or in an API request, a used
 * sign-in link, a bad push signature), stored in the database so every instance sees the same count.
 *
 * Two counts per failure, and neither ever blocks a credential that works:
 *  - per presented credential + client address: the same wrong or revoked key retried from one
 *    place is told to stop (429) before it is even checked;
 *  - per client address: many different wrong keys from one place (guessing) get 429 instead of
 *    401 once it has failed too often. A key that verifies is let in all the same, so one client,
 *    or everyone behind the same proxy, cannot lock out a valid key with other keys' failures.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.js';
import { sha256Hex } from './crypto.js';

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const BLOCK_MS = 15 * 60_000;

type Db = { db: Kysely<DB> };

/** The count for one credential (never stored itself: a hash of it) presented from one address. */
export async function credentialBucket(kind: string, credential: string, client: string): Promise<string> {
  return `${kind}:${(await sha256Hex(credential)).slice(0, 32)}@${client}`.slice(0, 200);
}

/** The count for an address: sign-ins (keys, links) and push signatures are counted apart. */
export function addressBucket(client: string, scope: 'signin' | 'push' = 'signin'): string {
  return `${scope === 'signin' ? 'addr' : 'push-addr'}:${client}`.slice(0, 200);
}

/** Milliseconds until this bucket may try again, or 0. */
export async function blockedFor(ctx: Db, bucket: string, now: number): Promise<number> {
  const r = await ctx.db.selectFrom('auth_throttle').select('blocked_until').where('id', '=', bucket).executeTakeFirst();
  return r?.blocked_until && r.blocked_until > now ? r.blocked_until - now : 0;
}

/** Counts a failure (the MAX_FAILURES-th within the window blocks the bucket for BLOCK_MS). */
export async function recordFailure(ctx: Db, bucket: string, now: number): Promise<void> {
  const r = await ctx.db.selectFrom('auth_throttle').selectAll().where('id', '=', bucket).executeTakeFirst();
  if (r?.blocked_until && r.blocked_until > now) return; // a block is not extended by the attempts it refuses
  const fresh = !r || now - r.window_start > FAILURE_WINDOW_MS;
  const failures = fresh ? 1 : r.failures + 1;
  const row = { id: bucket, failures, window_start: fresh ? now : r.window_start, blocked_until: failures >= MAX_FAILURES ? now + BLOCK_MS : null };
  await ctx.db
    .insertInto('auth_throttle')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ failures: row.failures, window_start: row.window_start, blocked_until: row.blocked_until }))
    .execute();
}

export interface FailureVerdict {
  /** 429 with Retry-After (seconds), or 401 */
  status: 401 | 429;
  retryAfterS?: number;
}

/**
 * A credential that did not verify: counted for it and for the address. 429 when the address was
 * already blocked (the credential's own block is checked before verifying), else 401.
 */
export async function failCredential(ctx: Db, credBucket: string, client: string, now: number, scope: 'signin' | 'push' = 'signin'): Promise<FailureVerdict> {
  const address = addressBucket(client, scope);
  const wait = Math.max(await blockedFor(ctx, address, now), await blockedFor(ctx, credBucket, now));
  await recordFailure(ctx, credBucket, now);
  await recordFailure(ctx, address, now);
  return wait > 0 ? { status: 429, retryAfterS: Math.ceil(wait / 1000) } : { status: 401 };
}

/** Drops expired rows (called by retention). */
export async function pruneThrottle(ctx: Db, now: number): Promise<void> {
  await ctx.db
    .deleteFrom('auth_throttle')
    .where((eb) => eb.and([eb('window_start', '<', now - FAILURE_WINDOW_MS), eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)])]))
    .execute();
}
