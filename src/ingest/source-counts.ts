/**
 * sources.posts_seen, counted as posts are stored, at a cost that neither grows with what is stored
 * nor makes concurrent writers wait for each other:
 *
 * - the transaction that stores posts adds one row per source to `source_count_deltas` (an insert:
 *   no row lock on `sources`, so instances and concurrent groups never queue behind each other);
 * - `foldSourceCounts` (a job, every second) moves the deltas into `sources.posts_seen`: DELETE …
 *   RETURNING and the UPDATEs in one transaction, so each delta is added once, by whichever instance
 *   deleted it, and a crash rolls both back;
 * - readers add the deltas not folded yet (`withPendingCounts`): the figure is exact at any time.
 *
 * D1 (one writer, no interactive transactions) adds to posts_seen directly.
 */
import type { AppContext } from '../context.js';
import type { SourcesTable } from '../store/schema.js';
import { newId } from '../util/ids.js';

export async function countNewPosts(ctx: Pick<AppContext, 'db' | 'dialect'>, inserted: { source: string }[]): Promise<void> {
  const bySource = new Map<string, number>();
  for (const p of inserted) bySource.set(p.source, (bySource.get(p.source) ?? 0) + 1);
  if (bySource.size === 0) return;
  if (ctx.dialect === 'd1') {
    for (const [source, n] of bySource) await ctx.db.updateTable('sources').set((eb) => ({ posts_seen: eb('posts_seen', '+', n) })).where('id', '=', source).execute();
    return;
  }
  await ctx.db
    .insertInto('source_count_deltas')
    .values([...bySource].map(([source_id, n]) => ({ id: newId('sc_'), source_id, n })))
    .execute();
}

/** Moves pending deltas into sources.posts_seen; returns how many posts it added. */
export async function foldSourceCounts(ctx: Pick<AppContext, 'db' | 'dialect'>): Promise<number> {
  if (ctx.dialect === 'd1') return 0;
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx.deleteFrom('source_count_deltas').returning(['source_id', 'n']).execute();
    const sums = new Map<string, number>();
    for (const r of rows) sums.set(r.source_id, (sums.get(r.source_id) ?? 0) + Number(r.n));
    let total = 0;
    for (const [id, n] of [...sums].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await trx.updateTable('sources').set((eb) => ({ posts_seen: eb('posts_seen', '+', n) })).where('id', '=', id).execute();
      total += n;
    }
    return total;
  });
}

/** The rows with the deltas not folded yet added to posts_seen. */
export async function withPendingCounts<R extends Pick<SourcesTable, 'id' | 'posts_seen'>>(ctx: Pick<AppContext, 'db' | 'dialect'>, rows: R[]): Promise<R[]> {
  if (ctx.dialect === 'd1' || rows.length === 0) return rows;
  const pending = await ctx.db
    .selectFrom('source_count_deltas')
    .select(['source_id', (eb) => eb.fn.sum<number>('n').as('n')])
    .groupBy('source_id')
    .execute();
  if (pending.length === 0) return rows;
  const add = new Map(pending.map((p) => [p.source_id, Number(p.n)]));
  return rows.map((r) => (add.has(r.id) ? { ...r, posts_seen: Number(r.posts_seen) + add.get(r.id)! } : r));
}
