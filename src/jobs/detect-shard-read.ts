/**
 * Reading a detection shard's verdicts from the store, in pages, as the revolt engine's posts
 * (src/jobs/detect-shards.ts).
 */
import type { AppContext } from '../context.js';
import type { EnginePost } from '../revolts/key-state.js';
import { selectPosts, toEnginePost, type VerdictRow } from '../revolts/store.js';

const PAGE = 5000;

/** A shard's verdicts with classified_at ≥ `from` (and ≤ upTo), in pages, oldest verdict first. */
export async function* readShard(db: AppContext['db'], targets: string[], from: number, opts: { upTo?: number; publishedFrom?: number } = {}): AsyncGenerator<{ posts: EnginePost[]; classifiedAt: number[] }> {
  if (targets.length === 0) return;
  let lastAt = from;
  let lastId: string | null = null;
  for (;;) {
    let q = selectPosts(db).where('c.target_id', 'in', targets);
    const at = lastAt;
    const id = lastId;
    if (id === null) q = q.where('c.classified_at', '>=', at);
    else q = q.where((eb) => eb.or([eb('c.classified_at', '>', at), eb.and([eb('c.classified_at', '=', at), eb('c.post_id', '>', id)])]));
    if (opts.upTo !== undefined) q = q.where('c.classified_at', '<=', opts.upTo);
    if (opts.publishedFrom !== undefined) q = q.where('c.published_at', '>=', opts.publishedFrom);
    const rows = (await q.orderBy('c.classified_at').orderBy('c.post_id').limit(PAGE).execute()) as VerdictRow[];
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    lastAt = Number(last.classified_at);
    lastId = last.id;
    yield { posts: rows.map(toEnginePost), classifiedAt: rows.map((r) => Number(r.classified_at)) };
    if (rows.length < PAGE) return;
  }
}
