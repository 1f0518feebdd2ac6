/** Reads and small writes of the sources table, for pages and routes (polling itself lives in feeds/). */
import type { AppContext } from '../../context.js';
import type { SourcesTable } from '../schema.js';

type Db = Pick<AppContext, 'db'>;

/** Sources by target, then id; only one target's when `target` is given. */
export async function listSourceRows(ctx: Db, opts: { target?: string } = {}): Promise<SourcesTable[]> {
  let q = ctx.db.selectFrom('sources').selectAll().orderBy('target_id').orderBy('id');
  if (opts.target) q = q.where('target_id', '=', opts.target);
  return q.execute();
}

export async function getSourceRow(ctx: Db, id: string): Promise<SourcesTable | undefined> {
  return ctx.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Asks for a poll at `at` (now): the poller picks the source up on its next tick. False when there is no such source. */
export async function requestPoll(ctx: Db, id: string, at: number): Promise<boolean> {
  const res = await ctx.db.updateTable('sources').set({ next_poll_at: at }).where('id', '=', id).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The stored config, type and target of a source (PUT keeps masked secrets from it). */
export async function getSourceSettings(ctx: Db, id: string): Promise<Pick<SourcesTable, 'config' | 'type' | 'target_id'> | undefined> {
  return ctx.db.selectFrom('sources').select(['config', 'type', 'target_id']).where('id', '=', id).executeTakeFirst();
}

export interface SourceSettings {
  id: string;
  target: string;
  type: string;
  config: string;
  everyMs: number;
  enabled: boolean;
}

/** Adds a source or changes one (poll state kept), due for a poll at `now`; returns the stored row. */
export async function upsertSource(ctx: Db, s: SourceSettings, now: number): Promise<SourcesTable> {
  const enabled = s.enabled ? 1 : 0;
  await ctx.db
    .insertInto('sources')
    .values({
      id: s.id,
      target_id: s.target,
      type: s.type,
      config: s.config,
      every_ms: s.everyMs,
      enabled,
      status: 'idle',
      next_poll_at: now,
      posts_seen: 0,
      failures: 0,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ target_id: s.target, type: s.type, config: s.config, every_ms: s.everyMs, enabled, next_poll_at: now, updated_at: now }),
    )
    .execute();
  return ctx.db.selectFrom('sources').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
}
