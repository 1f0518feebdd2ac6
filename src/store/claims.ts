/**
 * Claiming a batch of due rows for one worker, when several instances drain the same table
 * (outbox, queue, jobs). One statement: a lease column is stamped on the rows we get, and only on
 * rows nobody holds.
 *
 * - PostgreSQL: the inner SELECT takes row locks with FOR UPDATE SKIP LOCKED, so concurrent
 *   claimers never wait on each other and never get the same row.
 * - SQLite and D1: writers are serialised by the engine; the guard on the lease column in the
 *   outer UPDATE is what keeps a row to one claimer.
 *
 * Every claim in the service goes through claimBatch (outbox deliveries, reply publishing, source
 * polls): claimRow is its one-row form, for workers that lease each row just before working on it.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { AppContext } from '../context.js';

export interface ClaimOptions {
  table: string;
  /** Primary key column. */
  key: string;
  /** Column holding "leased until" (epoch ms, null = free). */
  leaseColumn: string;
  /** Optional column that records who holds the lease. */
  ownerColumn?: string;
  owner?: string;
  /** The owner may take its own unexpired lease again (renewal); needs ownerColumn and owner. */
  reclaimOwn?: boolean;
  /** Which rows are due, besides being free. */
  where: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;
  orderBy: string;
  limit: number;
  now: number;
  leaseMs: number;
  /** Extra columns to set on the claimed rows. */
  set?: Record<string, unknown>;
}

export async function claimBatch<Row = Record<string, unknown>>(ctx: { db: Kysely<any>; dialect: AppContext['dialect'] }, o: ClaimOptions): Promise<Row[]> {
  const db = ctx.db as Kysely<any>;
  const free = (eb: ExpressionBuilder<any, any>) =>
    eb.or([eb(o.leaseColumn, 'is', null), eb(o.leaseColumn, '<', o.now), ...(o.reclaimOwn && o.ownerColumn && o.owner !== undefined ? [eb(o.ownerColumn, '=', o.owner)] : [])]);
  let inner = db
    .selectFrom(o.table)
    .select(o.key)
    .where((eb) => eb.and([o.where(eb), free(eb)]))
    .orderBy(o.orderBy)
    .limit(o.limit);
  if (ctx.dialect === 'postgres') inner = inner.forUpdate().skipLocked();
  const set: Record<string, unknown> = { ...o.set, [o.leaseColumn]: o.now + o.leaseMs };
  if (o.ownerColumn) set[o.ownerColumn] = o.owner ?? null;
  const rows = await db
    .updateTable(o.table)
    .set(set)
    .where(o.key, 'in', inner)
    .where(free)
    .returningAll()
    .execute();
  return rows as Row[];
}

export interface ClaimRowOptions extends Omit<ClaimOptions, 'where' | 'orderBy' | 'limit'> {
  id: string;
  /** Which rows may be claimed, besides being free (e.g. still pending). */
  where?: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;
}

/** Claims one row by key when it is free and matches `where`; false when another worker holds it (or it no longer qualifies). */
export async function claimRow(ctx: { db: Kysely<any>; dialect: AppContext['dialect'] }, o: ClaimRowOptions): Promise<boolean> {
  const where = (eb: ExpressionBuilder<any, any>) => (o.where ? eb.and([eb(o.key, '=', o.id), o.where(eb)]) : eb(o.key, '=', o.id));
  return (await claimBatch(ctx, { ...o, where, orderBy: o.key, limit: 1 })).length > 0;
}

/** Ends a claim early (work done or given up), only if we still hold it. */
export async function releaseClaim(ctx: { db: Kysely<any> }, o: Pick<ClaimOptions, 'table' | 'key' | 'leaseColumn'>, id: string, leasedUntil: number, set: Record<string, unknown> = {}): Promise<boolean> {
  const res = await (ctx.db as Kysely<any>)
    .updateTable(o.table)
    .set({ ...set, [o.leaseColumn]: null })
    .where(o.key, '=', id)
    .where(o.leaseColumn, '=', leasedUntil)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

