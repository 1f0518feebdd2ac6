/** Reads of stored classifications for the overview, a revolt's timeline and the answers view (classify/ owns the writes). */
import type { AppContext } from '../../context.js';

type Db = Pick<AppContext, 'db'>;

/** Classifications published in [from, to), at most `limit` (the overview's figures). */
export async function classificationsBetween(ctx: Db, q: { from: number; to: number; target?: string; limit: number }) {
  let query = ctx.db.selectFrom('classifications').select(['target_id', 'sentiment', 'complaint', 'topics', 'published_at']).where('published_at', '>=', q.from).where('published_at', '<', q.to).limit(q.limit);
  if (q.target) query = query.where('target_id', '=', q.target);
  return query.execute();
}

/** One target's sentiments published in [from, to), at most `limit` (a revolt timeline's negativity). */
export async function sentimentsBetween(ctx: Db, q: { target: string; from: number; to: number; limit: number }) {
  return ctx.db.selectFrom('classifications').select(['published_at', 'sentiment']).where('target_id', '=', q.target).where('published_at', '>=', q.from).where('published_at', '<', q.to).limit(q.limit).execute();
}

export interface ClassificationPageFilter {
  from: number;
  to: number;
  target?: string;
  complaintOnly?: boolean;
}

/** One page of classifications published in [from, to), in (published_at, post_id) order, after the key `after` (cx/scan.ts pages through them). */
export async function classificationPage(ctx: Db, f: ClassificationPageFilter, after: { at: number; id: string } | null, pageSize: number) {
  let q = ctx.db
    .selectFrom('classifications')
    .select(['post_id', 'target_id', 'sentiment', 'complaint', 'topics', 'published_at'])
    .where('published_at', '>=', f.from)
    .where('published_at', '<', f.to)
    .orderBy('published_at')
    .orderBy('post_id')
    .limit(pageSize);
  if (f.target) q = q.where('target_id', '=', f.target);
  if (f.complaintOnly) q = q.where('complaint', '=', 1);
  if (after) q = q.where((eb) => eb(eb.refTuple('published_at', 'post_id'), '>', eb.tuple(after.at, after.id)));
  return q.execute();
}
