/**
 * Named leases: at most one holder at a time, each with an expiry. A holder renews while it works;
 * when it dies its lease runs out and another instance takes it over. Every change of holder bumps
 * the fencing token, so a holder that stalled past its expiry can tell that it lost the lease.
 *
 * One upsert per call (no transaction), so the same code is correct on SQLite, PostgreSQL and D1:
 * the conflict clause only overwrites a row that is ours or expired, atomically.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface Lease {
  name: string;
  owner: string;
  until: number;
  token: number;
}

export async function acquireLease(db: Kysely<DB>, name: string, owner: string, ttlMs: number, now: number): Promise<Lease | null> {
  const until = now + ttlMs;
  const row = await db
    .insertInto('leases')
    .values({ name, owner, until, token: 1, acquired_at: now, renewed_at: now })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({
          owner: sql`excluded.owner`,
          until: sql`excluded.until`,
          renewed_at: sql`excluded.renewed_at`,
          token: sql`case when leases.owner = excluded.owner and leases.until >= excluded.renewed_at then leases.token else leases.token + 1 end`,
          acquired_at: sql`case when leases.owner = excluded.owner and leases.until >= excluded.renewed_at then leases.acquired_at else excluded.acquired_at end`,
        })
        .where(sql<boolean>`leases.owner = excluded.owner or leases.until < excluded.renewed_at`),
    )
    .returning(['name', 'owner', 'until', 'token'])
    .executeTakeFirst();
  return row ? { ...row, token: Number(row.token) } : null;
}

/** Extends a lease we still hold; false when it expired and someone else took it (stop working). */
export async function renewLease(db: Kysely<DB>, lease: Lease, ttlMs: number, now: number): Promise<boolean> {
  const res = await db
    .updateTable('leases')
    .set({ until: now + ttlMs, renewed_at: now })
    .where('name', '=', lease.name)
    .where('owner', '=', lease.owner)
    .where('token', '=', lease.token)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  lease.until = now + ttlMs;
  return true;
}

export async function releaseLease(db: Kysely<DB>, lease: Lease): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', lease.name).where('owner', '=', lease.owner).where('token', '=', lease.token).execute();
}

export async function currentLease(db: Kysely<DB>, name: string): Promise<Lease | null> {
  const row = await db.selectFrom('leases').select(['name', 'owner', 'until', 'token']).where('name', '=', name).executeTakeFirst();
  return row ? { ...row, token: Number(row.token) } : null;
}

/**
 * Runs `work` only if this owner gets the lease; renews it every ttl/3 while the work runs and
 * releases it after. Returns undefined when another holder has it.
 */
export async function withLease<T>(
  ctx: { db: Kysely<DB>; clock: { now(): number } },
  name: string,
  owner: string,
  ttlMs: number,
  work: (lease: Lease) => Promise<T>,
  opts: { keep?: boolean; timers?: { set(fn: () => void, ms: number): unknown; clear(h: unknown): void } } = {},
): Promise<T | undefined> {
  const lease = await acquireLease(ctx.db, name, owner, ttlMs, ctx.clock.now());
  if (!lease) return undefined;
  const timers = opts.timers ?? { set: (fn: () => void, ms: number) => setInterval(fn, ms), clear: (h: unknown) => clearInterval(h as ReturnType<typeof setInterval>) };
  const handle = timers.set(() => void renewLease(ctx.db, lease, ttlMs, ctx.clock.now()).catch(() => {}), Math.max(1, Math.floor(ttlMs / 3)));
  try {
    return await work(lease);
  } finally {
    timers.clear(handle);
    // keep: hold the lease until it expires (an owner that runs every tick keeps its targets warm)
    if (!opts.keep) await releaseLease(ctx.db, lease).catch(() => {});
  }
}
