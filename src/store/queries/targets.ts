/** Reads of the targets table, for pages and routes. */
import type { AppContext } from '../../context.js';
import type { TargetsTable } from '../schema.js';

type Db = Pick<AppContext, 'db'>;

/** Every target's id, in id order (filters and pickers). */
export async function listTargetIds(ctx: Db): Promise<string[]> {
  return (await ctx.db.selectFrom('targets').select('id').orderBy('id').execute()).map((t) => t.id);
}

export async function listTargets(ctx: Db): Promise<TargetsTable[]> {
  return ctx.db.selectFrom('targets').selectAll().orderBy('id').execute();
}

export async function targetExists(ctx: Db, id: string): Promise<boolean> {
  return (await ctx.db.selectFrom('targets').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Every target with its number of sources, in id order. */
export async function listTargetsWithSourceCounts(ctx: Db): Promise<(TargetsTable & { sources: number })[]> {
  const [rows, sources] = await Promise.all([listTargets(ctx), ctx.db.selectFrom('sources').select(['target_id']).execute()]);
  const counts = new Map<string, number>();
  for (const s of sources) counts.set(s.target_id, (counts.get(s.target_id) ?? 0) + 1);
  return rows.map((t) => ({ ...t, sources: counts.get(t.id) ?? 0 }));
}

/** Adds a target, or renames it when it exists. */
export async function saveTarget(ctx: Db, t: { id: string; name: string }, now: number): Promise<void> {
  await ctx.db
    .insertInto('targets')
    .values({ id: t.id, name: t.name, created_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: t.name }))
    .execute();
}
